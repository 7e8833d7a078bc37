"""The monthly collection sheet and the pledges page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from microfuture.clubs.core import Event
from microfuture.clubs.models import ClubEvent, Member
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.clubs.services import club_record_event

pytestmark = pytest.mark.django_db

NAMES = ["Maja", "Tine", "Sara", "Miha", "Nina"]


def sheet_url(club: Any) -> str:
    return reverse("clubs:collection", args=[club.slug])


def sheet(
    club: Any, on: str = "2026-02-03", prefix: str = "col-2026-02", **amounts: str
) -> dict[str, str]:
    data = {"date": on, "reference_prefix": prefix}
    for member in Member.objects.filter(club=club):
        data[f"amount-{member.pk}"] = amounts.get(member.name, "20.00")
    return data


def contributions(club: Any) -> dict[str, int | None]:
    rows = ClubEvent.objects.filter(club=club, type="contribution")
    return dict(rows.values_list("member", "amount_cents"))


def test_sheet_has_one_row_per_active_member_with_the_pledge(client, club, treasurer):
    Member.objects.filter(club=club, name="Nina").update(pledge_cents=3500)
    club_record_event(club=club, recorded_by=treasurer,
                      event=Event(date=date(2026, 2, 1), type="exit", member="Sara"))
    client.force_login(treasurer)
    page = client.get(sheet_url(club))
    assert page.status_code == 200
    text = page.content.decode()
    rows = {m.name: m.pk for m in Member.objects.filter(club=club)}
    for name in ("Maja", "Tine", "Miha"):
        assert f'name="amount-{rows[name]}" value="20.00"' in text
    assert f'name="amount-{rows["Nina"]}" value="35.00"' in text
    assert f'amount-{rows["Sara"]}' not in text  # she left
    assert 'value="col-' in text  # the default prefix


def test_sheet_records_every_row_at_once_and_refuses_a_resubmission(client, club, treasurer):
    client.force_login(treasurer)
    data = sheet(club, Miha="35.50", Nina="")
    page = client.post(sheet_url(club), data, follow=True)
    text = page.content.decode()
    assert "Recorded 4 contributions" in text and "€95.50" in text
    assert contributions(club) == {"Maja": 2000, "Tine": 2000, "Sara": 2000, "Miha": 3550}
    refs = set(ClubEvent.objects.filter(club=club, type="contribution")
               .values_list("reference", flat=True))
    assert refs == {"col-2026-02-Maja", "col-2026-02-Tine", "col-2026-02-Sara",
                    "col-2026-02-Miha"}
    assert club_statement(club)["cash"] == "95.50"

    again = client.post(sheet_url(club), data)
    assert again.status_code == 200
    text = again.content.decode()
    assert "This collection is already recorded" in text
    assert ClubEvent.objects.filter(club=club, type="contribution").count() == 4
    assert club_problems(club) == []


def test_without_a_prefix_contributions_have_no_reference(client, club, treasurer):
    client.force_login(treasurer)
    client.post(sheet_url(club), sheet(club, prefix=""))
    assert set(ClubEvent.objects.filter(club=club, type="contribution")
               .values_list("reference", flat=True)) == {""}
    assert len(contributions(club)) == 5


def test_a_bad_row_names_the_member_and_nothing_is_stored(client, club, treasurer):
    client.force_login(treasurer)
    page = client.post(sheet_url(club), sheet(club, Miha="-3", Nina="1.234"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Amount from Miha (EUR)</a>: The amount cannot be negative." in text
    assert "Amount from Nina (EUR)</a>: Enter the amount to the cent" in text
    assert contributions(club) == {}


def test_a_row_the_money_core_refuses_names_the_member(client, club, treasurer):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 3, 1), type="contribution", member="Maja", amount=Decimal("20")))
    client.force_login(treasurer)
    page = client.post(sheet_url(club), sheet(club, on="2026-02-06"))
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Tine", "Miha", "Nina"):
        assert f"Amount from {name} (EUR)</a>: {name}: events must be recorded in date" in text
    assert "Nothing was recorded" in text
    assert contributions(club) == {"Maja": 2000}


def test_a_sheet_with_a_member_who_left_meanwhile_is_refused(client, club, treasurer):
    client.force_login(treasurer)
    data = sheet(club, on="2026-02-06")
    club_record_event(club=club, recorded_by=treasurer,
                      event=Event(date=date(2026, 2, 5), type="exit", member="Nina"))
    page = client.post(sheet_url(club), data)
    assert page.status_code == 200
    assert "Nina is no longer an active member of the club" in page.content.decode()
    assert contributions(club) == {}


def test_an_empty_sheet_is_refused(client, club, treasurer):
    client.force_login(treasurer)
    page = client.post(sheet_url(club), sheet(club, **dict.fromkeys(NAMES, "0")))
    assert "Enter at least one amount above zero" in page.content.decode()
    assert contributions(club) == {}


@pytest.mark.parametrize("who", ["member", "secretary", "outsider"])
def test_only_money_roles_use_the_sheet(client, club, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(sheet_url(club)).status_code == (404 if who == "outsider" else 403)
    assert client.post(sheet_url(club), sheet(club)).status_code == (
        404 if who == "outsider" else 403)
    assert contributions(club) == {}


def test_pledges_lists_members_behind_with_amounts(client, club, treasurer):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 1, 20), type="contribution", member="Miha", amount=Decimal("5000")))
    client.force_login(treasurer)
    page = client.get(reverse("clubs:pledges", args=[club.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    # Everyone else has paid nothing since January: behind by 20.00 a month.
    from microfuture.clubs.selectors import months_between, today

    months = months_between(date(2026, 1, 5), today())
    behind = f"€{Decimal(20 * months):,.2f}"
    for name in ("Maja", "Tine", "Sara", "Nina"):
        assert f'<th scope="row">{name}</th>' in text
    assert '<th scope="row">Miha</th>' not in text
    assert behind in text


def test_plain_members_do_not_see_everyone_s_pledges(
    client, club, member, coordinator, secretary
):
    client.force_login(member)
    assert client.get(reverse("clubs:pledges", args=[club.slug])).status_code == 403
    # Pledges are members' figures (docs/privacy.md): the officers see them, the region's
    # coordinator sees the club's totals only.
    client.force_login(coordinator)
    assert client.get(reverse("clubs:pledges", args=[club.slug])).status_code == 403
    client.force_login(secretary)
    assert client.get(reverse("clubs:pledges", args=[club.slug])).status_code == 200
