"""Reads of the ledger: balances and the checks that re-prove its invariants."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, Sum

from microfuture.ledger.models import JournalEntry, Ledger, Leg


@dataclass(frozen=True)
class Problem:
    ledger: str
    message: str


def account_balances(ledger: Ledger) -> dict[str, int]:
    """Debits minus credits per account code, in cents."""
    rows = (
        Leg.objects.filter(entry__ledger=ledger)
        .values("account__code")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    )
    return {row["account__code"]: int(row["d"] or 0) - int(row["c"] or 0) for row in rows}


def ledger_problems(ledger: Ledger) -> list[Problem]:
    """Every broken invariant of one ledger (empty when the books are sound)."""
    problems: list[Problem] = []
    name = str(ledger)
    bad_legs = Leg.objects.filter(entry__ledger=ledger).exclude(
        (Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0))
    )
    for leg in bad_legs:
        problems.append(Problem(name, f"leg {leg.pk} is not one positive debit or credit"))
    unbalanced = (
        JournalEntry.objects.filter(ledger=ledger)
        .annotate(d=Sum("legs__debit"), c=Sum("legs__credit"))
        .exclude(d=F("c"))
    )
    for entry in unbalanced:
        problems.append(Problem(name, f"entry {entry.pk} ({entry.memo}) is unbalanced"))
    foreign = Leg.objects.filter(entry__ledger=ledger).exclude(account__ledger=ledger)
    for leg in foreign:
        problems.append(Problem(name, f"leg {leg.pk} posts to another ledger's account"))
    for reversal in JournalEntry.objects.filter(ledger=ledger, reverses__isnull=False):
        original = reversal.reverses
        assert original is not None
        mine = sorted((leg.account_id, leg.debit, leg.credit) for leg in reversal.legs.all())
        mirror = sorted((leg.account_id, leg.credit, leg.debit) for leg in original.legs.all())
        if mine != mirror:
            problems.append(Problem(name, f"entry {reversal.pk} does not mirror {original.pk}"))
    totals = Leg.objects.filter(entry__ledger=ledger).aggregate(d=Sum("debit"), c=Sum("credit"))
    if (totals["d"] or 0) != (totals["c"] or 0):
        problems.append(Problem(name, "total debits differ from total credits"))
    return problems
