"""The journal of recorded events, and reversing an event with a reason."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, ClubEvent, EventReversal
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db


def record(club: Any, who: Any, *events: Event) -> list[ClubEvent]:
    return club_record_events(club=club, recorded_by=who, events=list(events))


def contribution(on: date, name: str, amount: str, **extra: Any) -> Event:
    return Event(date=on, type="contribution", member=name, amount=Decimal(amount), **extra)


def reverse_url(club: Any, row: ClubEvent) -> str:
    return reverse("clubs:reverse_event", args=[club.slug, row.seq])


def test_journal_lists_events_and_marks_reversed_ones(client, club, treasurer, member):
    first, second = record(club, treasurer, contribution(date(2026, 2, 1), "Miha", "10"),
                           contribution(date(2026, 2, 1), "Nina", "20", reference="x-7"))
    client.force_login(treasurer)
    client.post(reverse_url(club, second), {"reason": "typed twice"})
    page = client.get(reverse("clubs:events", args=[club.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "x-7" in text and "typed twice" in text and "reversed" in text
    assert reverse_url(club, first) in text  # money roles may reverse what still counts
    assert reverse_url(club, second) not in text
    # A plain member sees the journal with their own events, no reversal links, and not
    # another member's payment nor its reversal (docs/privacy.md).
    client.force_login(member)
    text = client.get(reverse("clubs:events", args=[club.slug])).content.decode()
    assert "Miha" in text and reverse_url(club, first) not in text
    assert "typed twice" not in text and "x-7" not in text


def test_journal_pages_by_hundred(client, club, treasurer):
    start = date(2026, 2, 1)
    record(club, treasurer, *[contribution(start, "Miha", "1") for _ in range(120)])
    client.force_login(treasurer)
    url = reverse("clubs:events", args=[club.slug])
    first = client.get(url).context["page"]
    assert len(first.object_list) == 100 and first.paginator.count == 125  # 5 joins
    second = client.get(url + "?page=2").context["page"]
    assert len(second.object_list) == 25
    assert second.object_list[24].seq == 125


def test_reversal_with_a_reason(client, club, treasurer):
    (row,) = record(club, treasurer, contribution(date(2026, 2, 1), "Miha", "40"))
    client.force_login(treasurer)
    page = client.get(reverse_url(club, row))
    text = page.content.decode()
    assert page.status_code == 200 and "stops counting in every figure" in text

    page = client.post(reverse_url(club, row), {"reason": "  "})
    assert page.status_code == 200 and "error-summary" in page.content.decode()
    assert not EventReversal.objects.exists()

    page = client.post(reverse_url(club, row), {"reason": "paid back to Miha by bank"},
                       follow=True)
    assert f"Event {row.seq} is reversed" in page.content.decode()
    reversal = EventReversal.objects.get(event=row)
    assert (reversal.reason, reversal.reversed_by) == ("paid back to Miha by bank", treasurer)
    assert club_statement(club)["cash"] == "0.00"
    assert AuditLog.objects.filter(club=club, action="event.reversed").exists()
    assert club_problems(club) == []

    page = client.post(reverse_url(club, row), {"reason": "again"})
    assert page.status_code == 200
    assert "already reversed" in page.content.decode()
    assert EventReversal.objects.count() == 1


def test_reversal_refused_when_a_later_event_depends_on_it(client, club, treasurer):
    first, _expense = record(
        club, treasurer, contribution(date(2026, 2, 1), "Miha", "100"),
        Event(date=date(2026, 2, 2), type="expense", amount=Decimal("60")),
    )
    client.force_login(treasurer)
    page = client.post(reverse_url(club, first), {"reason": "wrong member"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "error-summary" in text and "Reverse that one first" in text
    assert not EventReversal.objects.exists()
    assert club_statement(club)["cash"] == "40.00"


def test_reversal_refused_when_later_units_depend_on_it(client, club, treasurer):
    day = date(2026, 2, 1)
    first, *_ = record(
        club, treasurer, contribution(day, "Miha", "100"),
        Event(date=day + timedelta(days=1), type="income", amount=Decimal("50")),
        contribution(day + timedelta(days=2), "Nina", "100"),
    )
    client.force_login(treasurer)
    page = client.post(reverse_url(club, first), {"reason": "wrong"})
    assert "depends on this one" in page.content.decode()
    assert not EventReversal.objects.exists()


@pytest.mark.parametrize("who", ["member", "secretary", "outsider", "coordinator"])
def test_only_money_roles_reverse(client, club, treasurer, request, who):
    (row,) = record(club, treasurer, contribution(date(2026, 2, 1), "Miha", "40"))
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse_url(club, row)).status_code == (404 if who == "outsider" else 403)
    assert client.post(reverse_url(club, row), {"reason": "x"}).status_code == (
        404 if who == "outsider" else 403)
    assert not EventReversal.objects.exists()


def test_journal_is_hidden_from_outsiders_and_anonymous(client, club, outsider):
    url = reverse("clubs:events", args=[club.slug])
    assert client.get(url).status_code in (302, 404)
    client.force_login(outsider)
    assert client.get(url).status_code == 404  # as if there were no club (docs/security.md)
