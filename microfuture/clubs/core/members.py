"""A club's members: joining, contributing, leaving, the dissolution that shares the club out,
and what each member holds (spec club-accounting §3–§5).

Under the `units` policy a contribution buys units at the current unit value (NAV ÷ units
outstanding, or the initial unit value for the first one); under `contributions` a member's
weight is what they contributed. A member's value is their weight's share of the NAV,
rounded half-even on its own; an exit pays it (or the amount agreed) and cancels the weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .book_state import MICRO, _Member
from .errors import EventRejected, Listing, Text, gettext_noop
from .events import Event, instrument_term
from .money import Money, div_half_even, from_cents, from_micro
from .postings import ACCOUNT_CASH, Plan, capital_account, planned, transfer
from .rules import BookRules
from .shareout import ShareClaim, share_out

__all__ = ["MemberEvents", "MemberView"]


@dataclass(frozen=True, slots=True)
class MemberView:
    """A member as reported: cents, units in millionths (None under `contributions`)."""

    name: str
    joined: date
    order: int
    status: str
    contributed: int
    paid_out: int
    units: int | None
    weight: int


class MemberEvents(BookRules):
    """The members' events (join, contribution, exit, dissolve) and the queries about members."""

    # --- the handlers: validate and plan, return (posting, change to cash, commit) ---

    def _join(self, event: Event) -> Plan:
        if not event.member:
            raise EventRejected(gettext_noop("a join needs a member name"))
        if event.member in self._members:
            raise EventRejected(
                gettext_noop(
                    "{member} has already joined this club; a former member who comes back "
                    "joins under a distinguishable name"
                ),
                member=event.member,
            )

        def commit() -> None:
            self._members[event.member] = _Member(event.member, event.date, len(self._members))

        return (), 0, commit

    def _contribution(self, event: Event) -> Plan:
        member = self._active_member(event)
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        units = 0
        units_policy = self.policy == "units"
        if units_policy:
            if self._units > 0:
                nav = self._cash + self._holdings_value  # _nav_cents(), inline on the hot path
                if nav <= 0:
                    raise EventRejected(
                        gettext_noop(
                            "the club's net asset value is {nav} with units outstanding, "
                            "so a unit has no price: the club must decide how to recapitalise "
                            "before new contributions"
                        ),
                        nav=Money(nav),
                    )
                # units = A × U ÷ NAV, exact in integers (cents cancel), rounded once (§3).
                units = div_half_even(amount * self._units, nav)
            else:
                exact = Fraction(amount, 100) * MICRO / self._uv0
                units = div_half_even(exact.numerator, exact.denominator)
            if units == 0:
                raise EventRejected(
                    gettext_noop("a contribution of {amount} buys less than 0.000001 unit"),
                    amount=Money(amount),
                )

        def commit() -> None:
            member.contributed += amount
            if units_policy:
                member.units += units
                self._units += units
            else:
                self._active_weight += amount

        return transfer(ACCOUNT_CASH, member.account, amount), amount, commit

    def _exit(self, event: Event) -> Plan:
        member = self._active_member(event)
        agreed = self._amount(event, allow_zero=True, required=False)
        payout = self._value_cents(member) if agreed is None else agreed

        def commit() -> None:
            member.exited = event.date
            member.paid_out += payout
            if self.policy == "units":
                self._units -= member.units
                member.units = 0  # cancelled (spec §4)
            else:
                self._active_weight -= member.contributed

        return planned({member.account: payout, ACCOUNT_CASH: -payout}, commit)

    def _dissolve(self, event: Event) -> Plan:
        if self._open:
            holdings = Listing(
                Text(
                    gettext_noop("{instrument} in {enterprise}"),
                    instrument=instrument_term(h.instrument),
                    enterprise=h.enterprise,
                )
                for by_instrument in self._open.values()
                for h in by_instrument.values()
            )
            raise EventRejected(
                gettext_noop(
                    "the club cannot be dissolved while it has open holdings ({holdings}); "
                    "sell, write off or collect them first"
                ),
                holdings=holdings,
            )
        claims = [
            ShareClaim(
                name=m.name,
                weight=m.units if self.policy == "units" else m.contributed,
                join_date=m.joined,
                join_order=m.order,
            )
            for m in self._members.values()
            if m.exited is None
        ]
        if self._cash > 0 and sum(c.weight for c in claims) == 0:
            raise EventRejected(
                gettext_noop(
                    "the club has {cash} in cash but no member still in the club "
                    "has any share of it, so it cannot be shared out"
                ),
                cash=Money(self._cash),
            )
        payouts = share_out(self._cash, claims)
        signed = {capital_account(name): cents for name, cents in payouts.items()}
        signed[ACCOUNT_CASH] = -self._cash

        def commit() -> None:
            for name, cents in payouts.items():
                self._members[name].paid_out += cents
            self._dissolved = event.date

        return planned(signed, commit)

    # --- queries ---

    def _value_cents(self, member: _Member) -> int:
        """A member's value, rounded half-even on its own (spec §3)."""
        if member.exited is not None or self._dissolved is not None:
            return 0
        if self.policy == "units":
            weight, total = member.units, self._units
        else:
            weight, total = member.contributed, self._active_weight
        if total == 0:
            return 0
        return div_half_even(weight * self._nav_cents(), total)

    def member_names(self) -> list[str]:
        return list(self._members)

    def is_active_member(self, name: str) -> bool:
        member = self._members.get(name)
        return member is not None and member.exited is None

    def member_value_cents(self, name: str) -> int:
        return self._value_cents(self._member(name))

    def member_value(self, name: str) -> Decimal:
        """What the member would be paid on exit now (0.00 once exited or dissolved)."""
        return from_cents(self.member_value_cents(name))

    def member_share_micro(self, name: str) -> int:
        """The member's share of the club in millionths, from the exact ratio."""
        member = self._member(name)
        if member.exited is not None:
            return 0
        if self.policy == "units":
            weight, total = member.units, self._units
        else:
            weight, total = member.contributed, self._active_weight
        return 0 if total == 0 else div_half_even(weight * MICRO, total)

    def member_share(self, name: str) -> Decimal:
        return from_micro(self.member_share_micro(name))

    def members(self) -> list[MemberView]:
        """All members in joining order, including those who left."""
        units_policy = self.policy == "units"
        return [
            MemberView(
                name=m.name,
                joined=m.joined,
                order=m.order,
                status="active" if m.exited is None else "exited",
                contributed=m.contributed,
                paid_out=m.paid_out,
                units=m.units if units_policy else None,
                weight=(m.units if units_policy else m.contributed) if m.exited is None else 0,
            )
            for m in self._members.values()
        ]
