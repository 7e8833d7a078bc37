"""The catalogue admin: curators (with is_staff) edit and preview; others are kept out."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from microfuture.conftest import make_user
from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.services import seed_catalogue

pytestmark = pytest.mark.django_db

LIST = "admin:finder_mechanism_changelist"


@pytest.fixture
def staff_curator(curator: Any) -> Any:
    # The admin site lets in only staff accounts; a curator account needs the flag too.
    curator.is_staff = True
    curator.save()
    return curator


@pytest.fixture
def p7() -> Mechanism:
    seed_catalogue()
    return Mechanism.objects.get(slug="sef-p7-2024")


def test_a_curator_opens_the_list_filters_and_searches(client: Any, staff_curator: Any, p7: Any) -> None:
    client.force_login(staff_curator)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert "sef-p7-2024" in response.text
    response = client.get(reverse(LIST), {"kind__exact": "grant", "q": "social"})
    assert response.status_code == 200
    assert "mgts-social-economy-grants-2023-24" in response.text
    assert "sef-p7-2024" not in response.text
    assert client.get(reverse("admin:finder_provider_changelist")).status_code == 200
    assert client.get(reverse("admin:finder_mechanism_change", args=[p7.pk])).status_code == 200


def test_the_preview_reads_in_slovenian_and_english(client: Any, staff_curator: Any, p7: Any) -> None:
    client.force_login(staff_curator)
    response = client.get(reverse("admin:finder_mechanism_preview", args=[p7.pk]))
    assert response.status_code == 200
    text = response.text
    for expected in ("P7 Mikrokrediti 2024", "P7 Microcredits 2024",
                     p7.summary_sl[:40], p7.how_to_apply_en[:40],
                     "5.000 €", "€5,000", "€25,000", "SB7",
                     "Slovene Enterprise Fund", "Slovenski podjetniški sklad",
                     "https://www.podjetniskisklad.si/p7-2024-mikrokrediti-2024/"):
        assert expected in text, expected
    assert 'lang="sl"' in text and 'lang="en"' in text


def test_the_preview_action_redirects_to_the_preview(client: Any, staff_curator: Any, p7: Any) -> None:
    client.force_login(staff_curator)
    response = client.post(reverse(LIST), {"action": "preview_selected",
                                           "_selected_action": [p7.pk]})
    assert response.status_code == 302
    assert response.url == reverse("admin:finder_mechanism_preview", args=[p7.pk])


def form_data(provider: Provider, **changes: Any) -> dict[str, Any]:
    data = {
        "slug": "new-grant", "provider": provider.pk, "kind": "grant", "active": "on", "standing": "on",
        "name_sl": "Nova subvencija", "name_en": "New grant", "summary_sl": "", "summary_en": "",
        "how_to_apply_sl": "", "how_to_apply_en": "", "url": "", "contact": "",
        "amount_min": "1000", "amount_max": "2500.50", "rate_sl": "", "rate_en": "",
        "term_months_max": "", "grace_months_max": "", "collateral_sl": "",
        "collateral_en": "", "own_share_pct": "", "countries": "SI", "regions": "SI032, SI037",
        "entity_types": ["company", "cooperative"], "employees_min": "", "employees_max": "",
        "age_months_min": "", "age_months_max": "", "founded_before": "",
        "target_groups": ["social_economy"], "purposes": [], "credit_rating_min": "",
        "excluded_sectors": ["K"], "open_from": "", "open_until": "", "uncertain_sl": "",
        "uncertain_en": "", "sources": "https://example.org/a\nhttps://example.org/b",
    }
    data.update(changes)
    return data


def test_a_curator_adds_a_mechanism_in_euros(client: Any, staff_curator: Any) -> None:
    provider = Provider.objects.create(slug="mgts", name_en="Ministry", kind="ministry")
    client.force_login(staff_curator)
    response = client.post(reverse("admin:finder_mechanism_add"), form_data(provider))
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = Mechanism.objects.get(slug="new-grant")
    assert (row.amount_min_cents, row.amount_max_cents) == (100_000, 250_050)
    assert row.regions == ["SI032", "SI037"] and row.countries == ["SI"]
    assert row.entity_types == ["company", "cooperative"] and row.excluded_sectors == ["K"]


def test_the_admin_form_uses_the_import_rules(client: Any, staff_curator: Any) -> None:
    provider = Provider.objects.create(slug="mgts", name_en="Ministry", kind="ministry")
    client.force_login(staff_curator)
    response = client.post(reverse("admin:finder_mechanism_add"), form_data(
        provider, amount_min="3000", regions="SI032, Maribor", open_from="2025-02-01",
        open_until="2025-01-01"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "is more than amount_max" in " ".join(errors["amount_min"])
    assert "'Maribor' is not a NUTS-3 region code" in " ".join(errors["regions"])
    assert "is more than open_until" in " ".join(errors["open_from"])
    assert not Mechanism.objects.exists()


def test_a_signed_in_user_without_staff_is_sent_to_sign_in(client: Any, outsider: Any, p7: Any) -> None:
    client.force_login(outsider)
    for url in (reverse(LIST), reverse("admin:finder_mechanism_preview", args=[p7.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_a_curator_without_is_staff_cannot_enter_the_admin(client: Any, curator: Any, p7: Any) -> None:
    client.force_login(curator)
    assert client.get(reverse(LIST)).status_code == 302


def test_staff_without_the_curator_role_is_refused(client: Any, p7: Any) -> None:
    clerk = make_user("clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(reverse(LIST)).status_code == 403
    assert client.get(reverse("admin:finder_mechanism_preview", args=[p7.pk])).status_code == 403
    response = client.post(reverse("admin:finder_mechanism_delete", args=[p7.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Mechanism.objects.filter(pk=p7.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Any, p7: Any) -> None:
    response = client.get(reverse("admin:finder_mechanism_preview", args=[p7.pk]))
    assert response.status_code == 302
