"""Reading the stored figures (`PortfolioSnapshot`, written by `snapshot_portfolio`) in place of
a replay, when they are current (docs/impact.md, "Reading stored figures").

A club's row of a date D is current when
- no event of the club dated on or before D was recorded after the row's run read the journal
  (an event with a higher `seq` than the row's `last_seq`), and none was reversed since (a
  reversal of an event dated on or before D with a higher id than the row's `last_reversal`);
- the club's stage in force on D, by `club_statement`'s rule, is the row's status (unless the
  row's book was dissolved: dissolution is an event and wins over any stage);
- the club's region is the row's region;
- the row was stored by a run that keeps the marks (migration 0002).
The book's rules (share policy, currency, unit value at founding) do not change after founding,
so a current row holds the very figures the statement of D gives (`club_figures`), and the sets
are summed by the same `combine`. Any club without a current row is replayed as before.

Three queries whatever the number of clubs: the rows without a later event (a correlated
`EXISTS`, an index range over what came after the row's mark), the reversals made after the
oldest row's mark (few: read from the reversals' side), and the clubs' stages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Exists, OuterRef, TextField
from django.db.models.functions import Cast

from microfuture.clubs.core.money import div_half_even, fmt_cents, fmt_micro
from microfuture.clubs.hooks import StoredOverview
from microfuture.clubs.models import Club, ClubEvent, ClubStage, EventReversal
from microfuture.impact.figures import ClubFigures
from microfuture.impact.models import PortfolioSnapshot
from microfuture.kernel.request_memo import remembered

_MICRO = 1_000_000
#: Up to this many clubs the rows are asked for by club; beyond, by day alone.
_LISTED = 200


@dataclass(frozen=True)
class Stored:
    """A club's current stored row of a date, as the readers use it."""

    figures: ClubFigures
    active_members: int
    instruments: Mapping[str, list[str]]


class StageRow(NamedTuple):
    """What `lifecycle_on` reads of a `ClubStage`."""

    since: date
    status: str


def lifecycle_on(club: Club, stages: Sequence[ClubStage | StageRow], on: date) -> str:
    """The club's stage on a date, by `club_statement`'s rule (`club_stage_on` and its
    fallback for a club stored without the services), from its stages in (`since`, id)
    order."""
    in_force = [s for s in stages if s.since <= on]
    if in_force:
        return str(in_force[-1].status)
    if stages:
        return str(stages[0].status)
    return str(club.status if club.status != Club.Status.DISSOLVED else Club.Status.ACTIVE)


def snapshot_figures(row: PortfolioSnapshot) -> ClubFigures:
    """A stored row read back as the club's figures of that date."""
    return ClubFigures(
        status=row.status, members=row.members, savings_cents=row.savings_cents,
        paid_out_cents=row.paid_out_cents,
        invested_cents={
            "equity": row.invested_equity_cents, "loan": row.invested_loan_cents,
            "advance": row.invested_advance_cents,
            "participatory": row.invested_participatory_cents,
        },
        nav_cents=row.nav_cents, income_cents=row.income_cents,
        expenses_cents=row.expenses_cents, realised_cents=row.realised_cents,
        unrealised_cents=row.unrealised_cents,
        principal_outstanding_cents=row.principal_outstanding_cents,
        at_risk_cents=row.at_risk_cents, enterprises=frozenset(row.enterprises),
    )


def stored_on(clubs: Iterable[Club], on: date) -> dict[int, Stored]:
    """The current stored rows of these clubs on `on`, by club id (clubs without one are left
    out: the caller replays them). Read once a page for the same clubs and day (a dashboard
    asks for them from several of its parts)."""
    by_id = {club.pk: club for club in clubs if club.start_date <= on}
    if not by_id:
        return {}
    return dict(remembered(("stored_on", on, frozenset(by_id)), lambda: _stored_on(by_id, on)))


#: The columns of a row that `_stored_on` reads, in this order, then the two JSON columns as
#: their text (decoded together, not one by one).
_COLUMNS = (
    "club_id", "region", "status", "members", "savings_cents", "paid_out_cents",
    "invested_equity_cents", "invested_loan_cents", "invested_advance_cents",
    "invested_participatory_cents", "nav_cents", "income_cents", "expenses_cents",
    "realised_cents", "unrealised_cents", "principal_outstanding_cents", "at_risk_cents",
    "last_reversal", "active_members",
)


def _stored_on(by_id: dict[int, Club], on: date) -> dict[int, Stored]:
    later_event = ClubEvent.objects.filter(
        club=OuterRef("club"), seq__gt=OuterRef("last_seq"), date__lte=OuterRef("date"))
    of_day = PortfolioSnapshot.objects.filter(
        date=on, last_seq__isnull=False, last_reversal__isnull=False,
        active_members__isnull=False, instruments__isnull=False).filter(~Exists(later_event))
    stages_of = ClubStage.objects.order_by("club", "since", "id")
    if len(by_id) <= _LISTED:
        of_day = of_day.filter(club_id__in=list(by_id))
        stages_of = stages_of.filter(club_id__in=list(by_id))
    # Many clubs (a platform's figures): the day's rows and every stage, sorted out here; a
    # list of a thousand ids costs more to send than the rows of the clubs left out. Plain
    # values, not model rows: a platform reads a thousand of them on every page.
    rows = [row for row in of_day.order_by().annotate(
        enterprises_text=Cast("enterprises", TextField()),
        instruments_text=Cast("instruments", TextField()),
    ).values_list(*_COLUMNS, "enterprises_text", "instruments_text") if row[0] in by_id]
    if not rows:
        return {}
    # Reversals are few: the ones made after the oldest row's mark, read once from the
    # reversals' side (a correlated test per row would walk each club's events).
    reversed_after: dict[int, list[tuple[int, date]]] = {}
    for club_id, pk, day in EventReversal.objects.filter(
            pk__gt=min(row[17] for row in rows)).values_list(
            "event__club_id", "pk", "event__date"):
        reversed_after.setdefault(club_id, []).append((pk, day))
    rows = [row for row in rows if not any(
        pk > row[17] and day <= on for pk, day in reversed_after.get(row[0], ()))]
    stages: dict[int, list[StageRow]] = {}
    for club_id, since, status in stages_of.values_list("club_id", "since", "status"):
        stages.setdefault(club_id, []).append(StageRow(since, status))
    # The JSON of every row decoded in one go (one parse, not two per row).
    decoded = json.loads("[" + ",".join(f"{row[-2]},{row[-1]}" for row in rows) + "]")
    found: dict[int, Stored] = {}
    for i, row in enumerate(rows):
        (club_id, region, status, members, savings, paid_out, equity, loan, advance,
         participatory, nav, income, expenses, realised, unrealised, outstanding, at_risk,
         _reversal, active) = row[:-2]
        club = by_id[club_id]
        if region != club.region:
            continue
        if status != Club.Status.DISSOLVED and status != lifecycle_on(
                club, stages.get(club_id, []), on):
            continue
        found[club_id] = Stored(
            figures=ClubFigures(
                status=status, members=members, savings_cents=savings,
                paid_out_cents=paid_out,
                invested_cents={"equity": equity, "loan": loan, "advance": advance,
                                "participatory": participatory},
                nav_cents=nav, income_cents=income, expenses_cents=expenses,
                realised_cents=realised, unrealised_cents=unrealised,
                principal_outstanding_cents=outstanding, at_risk_cents=at_risk,
                enterprises=frozenset(decoded[2 * i] or ())),
            active_members=int(active), instruments=dict(decoded[2 * i + 1] or {}))
    return found


def overview_of(clubs: Iterable[Club], on: date) -> dict[int, StoredOverview]:
    """The regional overview's figures of the clubs with a current row on `on` (the hook
    `clubs.hooks.stored_figures`), as `region_overview` reads them from the statement: the
    same decimal texts, PAR30 from the same two sums."""
    found: dict[int, StoredOverview] = {}
    for pk, stored in stored_on(clubs, on).items():
        f = stored.figures
        outstanding = f.principal_outstanding_cents
        par30 = None if outstanding == 0 else fmt_micro(
            div_half_even(f.at_risk_cents * _MICRO, outstanding))
        found[pk] = StoredOverview(
            members=stored.active_members,
            savings=fmt_cents(f.savings_cents),
            nav=fmt_cents(f.nav_cents),
            invested=(fmt_cents(sum(f.invested_cents.values()))
                      if f.enterprises else None),
            enterprises=len(f.enterprises),
            par30=par30,
        )
    return found
