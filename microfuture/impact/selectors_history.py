"""Reading the portfolio over time (`../shared/specs/impact.md` §1 flows, §2 history).

Flows of a period (`start`, `end`]: the sums over the clubs' events dated in the period, read
from the ledger legs each event posts when the club's book is replayed (`effective_events`:
reversed events are left out, as the statements leave them out). So `contributions` is what
members paid into their capital and `paid_out_in_period` what left it (exits, dissolution),
exactly the change of the statement's `total_contributions` and members' `paid_out` over the
period; `invested_in_period` is the cost put into holdings by investments; `repaid_in_period`
the cash received in repayments of loans and advances, principal and interest (also given
apart as `repaid_principal_in_period` and `repaid_interest_in_period`).

History: the stored `PortfolioSnapshot` rows (written by `snapshot_portfolio`), combined per
date with the same `combine` as the live figures, so an enterprise backed by two clubs counts
once and PAR30 is pooled from the stored parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Sum

from microfuture.clubs.books import book_start, effective_events
from microfuture.clubs.core.book import ACCOUNT_CASH, ACCOUNT_INCOME_INTEREST
from microfuture.clubs.core.money import fmt_cents
from microfuture.clubs.models import Club
from microfuture.impact.figures import ClubFigures, Totals, as_json, combine
from microfuture.impact.models import PortfolioSnapshot
from microfuture.impact.selectors import clubs_on
from microfuture.impact.selectors_stored import snapshot_figures

_CAPITAL = "capital:"
_HOLDING = "holding:"


@dataclass(frozen=True)
class FlowCents:
    """One club's (or a set's) flows over a period, in cents."""

    contributions: int = 0
    invested: int = 0
    repaid_principal: int = 0
    repaid_interest: int = 0
    paid_out: int = 0

    def __add__(self, other: FlowCents) -> FlowCents:
        return FlowCents(
            contributions=self.contributions + other.contributions,
            invested=self.invested + other.invested,
            repaid_principal=self.repaid_principal + other.repaid_principal,
            repaid_interest=self.repaid_interest + other.repaid_interest,
            paid_out=self.paid_out + other.paid_out,
        )


def club_flows(club: Club, *, start: date, end: date) -> FlowCents:
    """A club's flows over (`start`, `end`]: its book replayed up to `end`, the legs of the
    events dated after `start` summed."""
    if end <= start:
        return FlowCents()
    # Only events after `start` count: replay from the latest checkpoint on or before it.
    book, after_seq = book_start(club, on_or_before=start)
    contributions = invested = principal = interest = paid_out = 0
    for event in effective_events(club, as_of=end, after_seq=after_seq):
        posting = book.apply(event)
        if event.date <= start:
            continue
        kind = event.type
        for leg in posting:
            account = leg.account
            if account.startswith(_CAPITAL):
                if leg.side == "C":
                    contributions += leg.cents
                else:
                    paid_out += leg.cents
            elif kind == "investment" and leg.side == "D" and account.startswith(_HOLDING):
                invested += leg.cents
            elif kind == "repayment" and leg.side == "C":
                if account == ACCOUNT_INCOME_INTEREST:
                    interest += leg.cents
                elif account != ACCOUNT_CASH:
                    principal += leg.cents
    return FlowCents(contributions=contributions, invested=invested,
                     repaid_principal=principal, repaid_interest=interest, paid_out=paid_out)


def flows_json(total: FlowCents) -> dict[str, str]:
    """The spec's flow keys, money as strings (plus repayments split into their parts)."""
    return {
        "contributions": fmt_cents(total.contributions),
        "invested_in_period": fmt_cents(total.invested),
        "repaid_in_period": fmt_cents(total.repaid_principal + total.repaid_interest),
        "repaid_principal_in_period": fmt_cents(total.repaid_principal),
        "repaid_interest_in_period": fmt_cents(total.repaid_interest),
        "paid_out_in_period": fmt_cents(total.paid_out),
    }


def flows(*, start: date, end: date, region: str | None = None,
          club: Club | None = None) -> dict[str, str]:
    """The flows over (`start`, `end`] of one club, a region's clubs or the platform (the clubs
    that exist on `end`), as money strings."""
    chosen: Iterable[Club] = (
        [club] if club is not None and club.start_date <= end
        else [] if club is not None else clubs_on(end, region=region))
    total = FlowCents()
    for one in chosen:
        total = total + club_flows(one, start=start, end=end)
    return flows_json(total)


# History from the stored snapshots ------------------------------------------------------------




@dataclass(frozen=True)
class HistoryPoint:
    """The totals of the stored snapshots of one date."""

    date: date
    totals: Totals

    def figures(self) -> dict[str, Any]:
        """The spec's §1 keys for this date (`figures.as_json`)."""
        return as_json(self.totals)


def _snapshots(region: str | None, club: Club | None) -> Any:
    rows = PortfolioSnapshot.objects.all()
    if club is not None:
        rows = rows.filter(club=club)
    if region:
        rows = rows.filter(region=region)
    return rows


def history(*, start: date, end: date, region: str | None = None,
            club: Club | None = None) -> list[HistoryPoint]:
    """Per date from `start` to `end` (both included) on which snapshots are stored, the
    totals of the clubs (of a region's seat, or one club) that have a row that day."""
    by_day: dict[date, list[ClubFigures]] = {}
    rows = _snapshots(region, club).filter(date__range=(start, end)).order_by("date", "club_id")
    for row in rows.iterator(chunk_size=2000):
        by_day.setdefault(row.date, []).append(snapshot_figures(row))
    return [HistoryPoint(date=day, totals=combine(figs)) for day, figs in by_day.items()]


def history_sums(*, start: date, end: date, region: str | None = None,
                 club: Club | None = None) -> list[tuple[date, int, int, int, int]]:
    """Per date from `start` to `end` on which snapshots are stored, the sums of the rows
    `history` combines that are plain sums: (date, NAV, savings, principal at risk, principal
    outstanding), in cents, oldest first."""
    return list(
        _snapshots(region, club).filter(date__range=(start, end)).order_by("date")
        .values("date").annotate(nav=Sum("nav_cents"), savings=Sum("savings_cents"),
                                 at_risk=Sum("at_risk_cents"),
                                 outstanding=Sum("principal_outstanding_cents"))
        .values_list("date", "nav", "savings", "at_risk", "outstanding"))


def snapshot_totals(on: date, region: str | None = None) -> Totals:
    """The totals of the snapshots stored for `on` (of one region's seat, if given)."""
    return combine(snapshot_figures(row) for row in _snapshots(region, None).filter(date=on))


@dataclass(frozen=True)
class ArrearsMove:
    """A club whose principal more than 30 days past due rose from one stored day to the next."""

    date: date
    club: str
    region: str
    at_risk_before_cents: int
    at_risk_cents: int


def arrears_moves(*, start: date, end: date, region: str | None = None,
                  club: Club | None = None) -> list[ArrearsMove]:
    """Who moved (further) into arrears when, from the stored rows: each day in (`start`,
    `end`] on which a club's principal at risk (PAR30's numerator) is larger than on its
    previous stored day, oldest first. Club names: for the club's and coordinators' dashboards,
    not for open data."""
    moves: list[ArrearsMove] = []
    previous: dict[int, int] = {}
    rows = (_snapshots(region, club).filter(date__range=(start, end))
            .order_by("date", "club_id").values_list("date", "club_id", "club__name", "region",
                                                     "at_risk_cents"))
    for day, club_id, name, seat, at_risk in rows:
        before = previous.get(club_id)
        if before is not None and at_risk > before:
            moves.append(ArrearsMove(date=day, club=name, region=seat,
                                     at_risk_before_cents=before, at_risk_cents=at_risk))
        previous[club_id] = at_risk
    return moves
