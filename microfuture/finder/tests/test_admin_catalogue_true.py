"""Curators edit what keeps the catalogue true in the admin, under the import's rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.tests.test_admin_curator import form_data
from microfuture.finder.tests.test_admin_curator import staff_curator as staff_curator

pytestmark = pytest.mark.django_db


def test_a_curator_enters_a_call_of_a_product_with_its_check(client: Any,
                                                             staff_curator: Any) -> None:
    provider = Provider.objects.create(slug="sef", name_en="Fund", kind="public_fund")
    client.force_login(staff_curator)
    page = client.get(reverse("admin:finder_mechanism_add")).content.decode()
    assert "After 12 months the finder tells applicants to confirm with the provider" in page
    assert "Official three-digit municipality codes" in page
    data = form_data(provider, slug="p7-2026", standing="", product="p7",
                     open_until="2026-12-31", open_until_estimated="on",
                     municipalities="034, 060", verified_on="2026-11-20",
                     requires_no_tax_debts="on", de_minimis="on")
    response = client.post(reverse("admin:finder_mechanism_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = Mechanism.objects.get(slug="p7-2026")
    assert (row.standing, row.product, row.open_until, row.open_until_estimated) == (
        False, "p7", date(2026, 12, 31), True)
    assert row.municipalities == ["034", "060"] and row.verified_on == date(2026, 11, 20)
    assert row.requires_no_tax_debts and row.de_minimis
    change = client.get(reverse("admin:finder_mechanism_change", args=[row.pk])).content.decode()
    assert 'value="034, 060"' in change


def test_the_admin_refuses_a_call_without_closing_date_and_unknown_municipalities(
        client: Any, staff_curator: Any) -> None:
    provider = Provider.objects.create(slug="sef", name_en="Fund", kind="public_fund")
    client.force_login(staff_curator)
    response = client.post(reverse("admin:finder_mechanism_add"), form_data(
        provider, standing="", municipalities="034, 999, 61"))
    errors = response.context["adminform"].form.errors
    assert errors["open_until"] == [
        "a call (standing: false) needs open_until: the closing date the source gives, or "
        "your best estimate with open_until_estimated: true"]
    assert errors["municipalities"] == [
        "'999' is not the code of one of Slovenia's municipalities",
        "'61' is not an official municipality code (three digits, e.g. 060)"]
    assert not Mechanism.objects.exists()
