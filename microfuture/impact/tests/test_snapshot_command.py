"""`snapshot_portfolio` (spec §2): a snapshot equals the replay of the same date, a second run
replaces rows, `--since` fills every day, bad dates are refused in plain words."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microfuture.clubs.models import BookCheckpoint, ClubEvent
from microfuture.clubs.selectors_checkpoints import checkpoint_problems
from microfuture.clubs.services.checkpoints import checkpoint_months, month_ends
from microfuture.clubs.services.money import club_reverse_event
from microfuture.impact import services_snapshots
from microfuture.impact.figures import as_json, combine
from microfuture.impact.models import PortfolioSnapshot
from microfuture.impact.selectors import figures_on
from microfuture.impact.selectors_history import arrears_moves, history, snapshot_totals
from microfuture.impact.selectors_stored import snapshot_figures
from microfuture.impact.tests.history_books import (
    ON,
    join,
    make_club,
    pay_in,
    record,
    three_clubs,
)

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("snapshot_portfolio", *args, stdout=out)
    return out.getvalue().strip()


def test_since_fills_every_day_of_every_club_and_each_row_is_the_replay() -> None:
    three_clubs()
    out = run("--since", "2026-01-01", "--date", "2026-04-15")
    # A from 2026-01-05: 27 + 28 + 31 + 15 = 101 days; B from 01-10: 96; C from 02-01: 74.
    assert out == "stored 271 snapshots for 3 clubs from 2026-01-01 to 2026-04-15"
    assert PortfolioSnapshot.objects.count() == 271
    for row in PortfolioSnapshot.objects.select_related("club"):
        assert row.date >= row.club.start_date
        assert as_json(combine([snapshot_figures(row)])) == figures_on(row.date, club=row.club)
    # Club C was forming until 2026-02-05: the stored status follows its stages by day.
    statuses = dict(PortfolioSnapshot.objects.filter(club__name="Zadruga Hrast").values_list(
        "date", "status"))
    assert statuses[date(2026, 2, 4)] == "forming"
    assert statuses[date(2026, 2, 5)] == "active"


def test_history_pools_the_stored_rows_and_agrees_with_the_live_figures() -> None:
    three_clubs()
    run("--since", "2026-03-01", "--date", "2026-04-15")
    points = history(start=date(2026, 3, 1), end=ON)
    assert [p.date for p in points] == [date(2026, 3, 1) + timedelta(days=n)
                                        for n in range(46)]
    for point in points[::9] + points[-1:]:
        assert point.figures() == figures_on(point.date)
    region = history(start=ON, end=ON, region="SI041")
    assert region[0].figures() == figures_on(ON, region="SI041")
    assert region[0].figures()["par30"] == "0.333333"
    assert as_json(snapshot_totals(ON)) == figures_on(ON)
    assert as_json(snapshot_totals(ON, region="SI043")) == figures_on(ON, region="SI043")
    assert snapshot_totals(ON).enterprises == frozenset({"Pekarna Zrno", "Mizarstvo Hrast"})


def test_a_second_run_replaces_the_row_with_the_books_of_now(admin: Any) -> None:
    a, _, _ = three_clubs()
    run("--date", "2026-04-15")
    assert PortfolioSnapshot.objects.count() == 3
    first = PortfolioSnapshot.objects.get(club=a, date=ON)
    assert first.savings_cents == 500_000
    record(a, pay_in(ON, "Ana", "100.00"))
    assert run("--date", "2026-04-15") == (
        "stored 3 snapshots for 3 clubs from 2026-04-15 to 2026-04-15")
    assert PortfolioSnapshot.objects.count() == 3
    second = PortfolioSnapshot.objects.get(club=a, date=ON)
    assert second.pk == first.pk and second.savings_cents == 510_000
    # A reversed event leaves the books, and the next run's snapshot with it.
    extra = ClubEvent.objects.get(club=a, date=ON, type="contribution")
    club_reverse_event(club=a, event=extra, reason="Typed twice.", reversed_by=admin)
    run("--date", "2026-04-15")
    assert PortfolioSnapshot.objects.get(club=a, date=ON).savings_cents == 500_000
    assert as_json(snapshot_totals(ON)) == figures_on(ON)


def test_default_is_today_and_clubs_not_yet_started_are_left_out() -> None:
    three_clubs()
    today = timezone.localdate()
    assert run() == f"stored 3 snapshots for 3 clubs from {today} to {today}"
    assert run("--date", "2026-01-07") == (
        "stored 1 snapshots for 1 clubs from 2026-01-07 to 2026-01-07")
    assert set(PortfolioSnapshot.objects.values_list("date", flat=True)) == {
        today, date(2026, 1, 7)}


@pytest.mark.parametrize(("args", "reason"), [
    (("--date", "2026-13-01"), "--date must be a real date written YYYY-MM-DD"),
    (("--date", "15.4.2026"), "--date must be a real date written YYYY-MM-DD"),
    (("--since", "20260101"), "--since must be a real date written YYYY-MM-DD"),
    (("--since", "2026-04-16", "--date", "2026-04-15"), "--since 2026-04-16 is after --date"),
    (("--date", "2999-01-01"), "is after today"),
])
def test_bad_dates_are_refused_in_plain_words(args: tuple[str, ...], reason: str) -> None:
    with pytest.raises(CommandError, match=reason):
        run(*args)
    assert not PortfolioSnapshot.objects.exists()


def test_who_moved_into_arrears_when() -> None:
    """A's and B's loans to Pekarna Zrno fell due on 2026-02-28 unpaid: 30 days past due on
    2026-03-30, more than 30 (at risk) from 2026-03-31."""
    three_clubs()
    run("--since", "2026-03-01", "--date", "2026-04-15")
    moves = arrears_moves(start=date(2026, 3, 1), end=ON)
    assert [(m.date, m.club, m.at_risk_before_cents, m.at_risk_cents) for m in moves] == [
        (date(2026, 3, 31), "Zadruga Lipa", 0, 100_000),
        (date(2026, 3, 31), "Zadruga Breza", 0, 50_000),
    ]
    assert arrears_moves(start=date(2026, 3, 1), end=ON, region="SI043") == []
    assert arrears_moves(start=date(2026, 3, 31), end=ON) == []  # no earlier day to compare


def _rows() -> list[tuple[Any, ...]]:
    fields = [f.name for f in PortfolioSnapshot._meta.fields if f.name not in ("id", "taken_at")]
    return sorted(PortfolioSnapshot.objects.values_list(*fields))


def test_batches_of_any_size_store_the_same_rows_and_checkpoints(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clubs = three_clubs()
    run("--since", "2026-02-20", "--date", "2026-04-15")
    whole = _rows()
    made = sorted(BookCheckpoint.objects.values_list("club__name", "as_of", "last_seq"))
    assert {as_of for _, as_of, _ in made} == {date(2026, 1, 31), date(2026, 2, 28),
                                               date(2026, 3, 31)}
    PortfolioSnapshot.objects.all().delete()
    BookCheckpoint.objects.all().delete()
    # One club per batch, and a batch of at most 30 rows: still the same rows.
    monkeypatch.setattr(services_snapshots, "_CLUBS_PER_BATCH", 1)
    monkeypatch.setattr(services_snapshots, "_ROWS_PER_BATCH", 30)
    run("--since", "2026-02-20", "--date", "2026-04-15")
    assert _rows() == whole
    assert sorted(BookCheckpoint.objects.values_list("club__name", "as_of", "last_seq")) == made
    for club in clubs:
        assert checkpoint_problems(club) == []


def test_a_close_fills_the_missing_months_from_any_starting_point() -> None:
    a, b, c = three_clubs()
    checkpoint_months(a, up_to=date(2026, 3, 31))
    BookCheckpoint.objects.filter(club=a, as_of=date(2026, 2, 28)).delete()  # A: a hole
    checkpoint_months(b, up_to=date(2026, 1, 31))  # B: the months after January missing
    # C: none (its first replay starts from its first event)
    run("--date", "2026-04-15")
    for club in (a, b, c):
        days = set(BookCheckpoint.objects.filter(club=club).values_list("as_of", flat=True))
        assert days == set(month_ends(club.start_date, date(2026, 3, 31)))
        assert checkpoint_problems(club) == []
    for row in PortfolioSnapshot.objects.select_related("club"):
        assert as_json(combine([snapshot_figures(row)])) == figures_on(row.date, club=row.club)


def test_the_close_reads_a_batch_with_the_same_queries_whatever_its_size() -> None:
    clubs = three_clubs()
    run("--date", "2026-03-31")  # every month end before the close's month is stored

    def close_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            run("--date", "2026-04-15")
        return len(queries)

    three = close_queries()
    for n in range(5):  # five more clubs, each with its checkpoints
        club = make_club(f"Klub {n}", "SI041", date(2026, 1, 5))
        record(club, join(date(2026, 1, 5), "Ana"), pay_in(date(2026, 1, 6), "Ana", "20.00"),
               pay_in(date(2026, 4, 6), "Ana", "20.00"))
        checkpoint_months(club, up_to=date(2026, 3, 31))
    assert close_queries() == three
    assert len(clubs) == 3
