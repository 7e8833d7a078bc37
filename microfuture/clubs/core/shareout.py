"""Splitting a sum of cents among members: the one function for it (spec club-accounting §6).

Largest remainder in exact integer arithmetic: each member first gets floor(C·wᵢ/Σw) cents,
and the cents left over go one each to the largest remainders, ties to the earlier join date,
then to the name. The payouts always sum to C.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .errors import AccountingError, gettext_noop

__all__ = ["ShareClaim", "share_out"]


@dataclass(frozen=True, slots=True)
class ShareClaim:
    """A member's claim on a sum: an integer weight (units in millionths, or cents contributed).

    `join_order` is carried for callers that sort claims for display; the spec breaks ties
    by join date and then name only, and names are unique within a club.
    """

    name: str
    weight: int
    join_date: date
    join_order: int = 0


def share_out(total_cents: int, members: Sequence[ShareClaim]) -> dict[str, int]:
    """Split `total_cents` among `members` by weight; returns cents per member name."""
    if isinstance(total_cents, bool) or not isinstance(total_cents, int):
        raise TypeError("total_cents must be an int number of cents")
    if total_cents < 0:
        raise AccountingError(gettext_noop("cannot share out a negative sum"))
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise AccountingError(gettext_noop("a member appears twice in the share-out"))
    for m in members:
        if isinstance(m.weight, bool) or not isinstance(m.weight, int) or m.weight < 0:
            raise AccountingError(
                gettext_noop("the weight of {member} must be a whole number, 0 or more"),
                member=m.name,
            )
    total_weight = sum(m.weight for m in members)
    if total_weight == 0:
        if total_cents == 0:
            return {m.name: 0 for m in members}
        raise AccountingError(
            gettext_noop("there is money to share out but no member has any weight")
        )
    payouts: dict[str, int] = {}
    remainders: list[tuple[int, date, str]] = []
    for m in members:
        floor, remainder = divmod(total_cents * m.weight, total_weight)
        payouts[m.name] = floor
        remainders.append((remainder, m.join_date, m.name))
    left = total_cents - sum(payouts.values())
    # Remainders share the denominator Σw, so comparing numerators compares sᵢ − floor(sᵢ).
    remainders.sort(key=lambda r: (-r[0], r[1], r[2]))
    for _, _, name in remainders[:left]:
        payouts[name] += 1
    assert sum(payouts.values()) == total_cents, "share-out must not create or lose a cent"
    return payouts
