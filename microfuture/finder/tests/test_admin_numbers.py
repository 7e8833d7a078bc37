"""A curator types the catalogue's amounts and staff counts the way their language writes them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.tests.test_admin_curator import form_data
from microfuture.finder.tests.test_admin_curator import staff_curator as staff_curator

pytestmark = pytest.mark.django_db


def test_a_slovenian_curator_types_slovenian_numbers(client: Any, staff_curator: Any) -> None:
    provider = Provider.objects.create(slug="mgts", name_en="Ministry", kind="ministry")
    client.force_login(staff_curator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sl"
    response = client.post(reverse("admin:finder_mechanism_add"), form_data(
        provider, amount_min="1.000,00", amount_max="2.500,50", employees_min="0,5",
        employees_max=""))
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = Mechanism.objects.get(slug="new-grant")
    assert (row.amount_min_cents, row.amount_max_cents) == (100_000, 250_050)
    assert (row.employees_min, row.employees_max) == ("0.5", "")
    page = client.get(reverse("admin:finder_mechanism_change", args=[row.pk])).content.decode()
    assert 'value="1.000,00"' in page and 'value="0,5"' in page
