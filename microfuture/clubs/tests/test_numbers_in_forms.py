"""Club pages read numbers the reader's way: `25,50` and `1.000,00` on Slovenian pages,
`25.50` and `1,000.00` on English ones; what is not clear is refused and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db


def as_user(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def contribute(client: Client, club: Any, amount: str, reference: str) -> Any:
    return client.post(reverse("clubs:record_event", args=[club.slug, "contribution"]), {
        "date": "2026-02-01", "member": "Miha", "amount": amount, "reference": reference,
    })


def paid(club: Any) -> list[int | None]:
    return list(ClubEvent.objects.filter(club=club, type="contribution")
                .order_by("seq").values_list("amount_cents", flat=True))


@pytest.mark.parametrize(("language", "typed", "cents"), [
    ("sl", "25,50", 2550), ("sl", "0,50", 50), ("sl", "180,00", 18000),
    ("sl", "1.000,00", 100000), ("sl", "1 000,00", 100000), ("sl", "1\u202f000,00", 100000),
    ("sl", "25", 2500),
    ("en", "25.50", 2550), ("en", "1,000.00", 100000), ("en", "1\u00a0000.00", 100000),
])
def test_the_contribution_form_reads_the_reader_s_format(club, treasurer, language, typed,
                                                        cents):
    response = contribute(as_user(treasurer, language), club, typed, "r1")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert paid(club) == [cents]


@pytest.mark.parametrize(("language", "typed", "says"), [
    ("sl", "25.50", "napišite 25,50"), ("sl", "1.5", "napišite 1,5"),
    ("sl", "1,000.00", "napišite 1.000,00"), ("sl", "1.2.3", "ločilo na napačnem mestu"),
    ("sl", "1,000", "največ"),  # one, to the tenth of a cent: more decimals than cents
    ("en", "1,5", "write 1.5"), ("en", "25,50", "write 25.50"),
    ("en", "1.000,00", "write 1,000.00"), ("en", "1.000", "at most two decimals"),
])
def test_what_is_not_clear_is_refused_and_nothing_is_stored(club, treasurer, language, typed,
                                                            says):
    response = contribute(as_user(treasurer, language), club, typed, "r1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and says in html
    assert f'value="{typed}"' in html  # what was typed comes back as typed
    assert paid(club) == []


def test_the_collection_sheet_shows_and_reads_slovenian_amounts(club, treasurer):
    client = as_user(treasurer, "sl")
    url = reverse("clubs:collection", args=[club.slug])
    sheet = client.get(url).content.decode()
    assert 'value="20,00"' in sheet and 'value="20.00"' not in sheet
    members = {m.name: m.pk for m in club.members.all()}
    data = {"date": "2026-02-01", "reference_prefix": "feb"}
    for name, pk in members.items():
        data[f"amount-{pk}"] = {"Miha": "1.000,50", "Nina": "25,5"}.get(name, "0,00")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert sorted(cents or 0 for cents in paid(club)) == [2550, 100050]


def test_the_charter_takes_slovenian_numbers_and_shows_them_back(club, manager):
    # An active club's rules change by the members' decision (issue 9, docs/governance.md):
    # the charter form proposes the change, and the proposal shows the values back.
    client = as_user(manager, "sl")
    url = f"/clubs/{club.slug}/charter/"
    form = {"action": "rules", "decision_rule": "two_thirds", "quorum_percent": "60",
            "max_enterprise_share_percent": "25", "max_stake_percent": "33",
            "monthly_pledge": "1.030,50", "second_officer_above": "1.000,00",
            "secret_ballot": "on"}
    response = client.post(url, form)
    assert response.status_code == 302
    from microfuture.clubs.models import Proposal

    proposal = Proposal.objects.get(kind="charter")
    assert proposal.changes["monthly_pledge_cents"] == 103050
    assert "1.030,50" in client.get(response["Location"]).content.decode()
    assert 'value="20,00"' in client.get(url).content.decode()  # the pledge in force
    refused = client.post(url, {**form, "monthly_pledge": "30.50", "quorum_percent": "60,0"})
    assert refused.status_code == 200
    assert "napišite 30,50" in refused.content.decode()
    assert "celo število" in refused.content.decode()
    assert Proposal.objects.filter(kind="charter").count() == 1
    assert Club.objects.get(pk=club.pk).monthly_pledge_cents == 2000
