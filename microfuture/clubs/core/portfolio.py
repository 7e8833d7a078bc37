"""What a club's portfolio is worth and how much of it is at risk (spec club-accounting §3, §8).

The NAV (cash + holdings at carrying value), units and the unit value, and the credit-risk
reports over open loans: arrears, days past due, and the portfolio at risk (PAR30). These
only read the book.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .book_state import MICRO
from .errors import AccountingError, gettext_noop
from .money import div_half_even, from_cents, from_micro
from .rules import BookRules

__all__ = ["PortfolioQueries"]

_PAR_DAYS = 30


class PortfolioQueries(BookRules):
    """The club's NAV and units, and the credit-risk reports on its loans."""

    @property
    def cash_cents(self) -> int:
        return self._cash

    @property
    def holdings_value_cents(self) -> int:
        return self._holdings_value

    @property
    def nav_cents(self) -> int:
        return self._nav_cents()

    @property
    def units_micro(self) -> int | None:
        return self._units if self.policy == "units" else None

    def cash(self) -> Decimal:
        return from_cents(self._cash)

    def holdings_value(self) -> Decimal:
        return from_cents(self._holdings_value)

    def nav(self) -> Decimal:
        return from_cents(self._nav_cents())

    def units_outstanding(self) -> Decimal | None:
        """Units outstanding (6 decimals); None under the `contributions` policy."""
        return from_micro(self._units) if self.policy == "units" else None

    def unit_value_micro(self) -> int | None:
        """NAV ÷ units outstanding in millionths, half-even; None if no units or dissolved."""
        if self.policy != "units" or self._units == 0 or self._dissolved is not None:
            return None
        return div_half_even(self._nav_cents() * 10_000 * MICRO, self._units)

    def unit_value(self) -> Decimal | None:
        micro = self.unit_value_micro()
        return None if micro is None else from_micro(micro)

    def arrears_cents(self, holding_id: int, on: date) -> int:
        """Unpaid parts of the instalments due on or before `on` (0 for a closed loan).

        Reads the book as it stands: ask about a date on or after the last event applied.
        """
        h = self._holding(holding_id)
        if h.instrument != "loan":
            raise AccountingError(gettext_noop("only loans have a schedule and arrears"))
        if h.status != "open":
            return 0
        total = 0
        for k in range(h.cursor, len(h.dues)):
            due, interest, principal = h.dues[k]
            if due > on:
                break
            total += interest + principal - (h.paid_in_cursor if k == h.cursor else 0)
        return total

    def days_past_due(self, holding_id: int, on: date) -> int:
        """Days from the oldest unpaid due date to `on` (0 if nothing unpaid is due)."""
        h = self._holding(holding_id)
        if h.instrument != "loan":
            raise AccountingError(gettext_noop("only loans have a schedule and days past due"))
        if h.status != "open" or h.cursor >= len(h.dues):
            return 0
        oldest = h.dues[h.cursor][0]
        return (on - oldest).days if oldest <= on else 0

    def portfolio_at_risk_cents(self, on: date, days: int = _PAR_DAYS) -> tuple[int, int]:
        """(principal of open loans more than `days` past due, principal of all open loans),
        in cents: add these across clubs before dividing for a network-wide PAR."""
        at_risk = total = 0
        for by_instrument in self._open.values():
            h = by_instrument.get("loan")
            if h is None:
                continue
            total += h.carrying
            if self.days_past_due(h.id, on) > days:
                at_risk += h.carrying
        return at_risk, total

    def par30_micro(self, on: date) -> int | None:
        """PAR30 in millionths: principal of open loans > 30 days past due ÷ principal of all
        open loans; None when the club has no open loan."""
        at_risk, total = self.portfolio_at_risk_cents(on)
        if total == 0:
            return None
        return div_half_even(at_risk * MICRO, total)

    def par30(self, on: date) -> Decimal | None:
        micro = self.par30_micro(on)
        return None if micro is None else from_micro(micro)
