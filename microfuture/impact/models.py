"""Stored history of the figures (`../shared/specs/impact.md` §2): one row per club and date,
written only by `snapshot_portfolio` from the club's statement of that date (a second run
replaces the row). Money in integer cents; the pooled PAR30 keeps its two parts so that a set
of clubs can be pooled again."""

from __future__ import annotations

from django.db import models

from microfuture.clubs.models import Club


class PortfolioSnapshot(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="snapshots")
    date = models.DateField()
    region = models.CharField(max_length=5)
    status = models.CharField(max_length=20)
    members = models.PositiveIntegerField()
    savings_cents = models.BigIntegerField()
    paid_out_cents = models.BigIntegerField()
    invested_equity_cents = models.BigIntegerField()
    invested_loan_cents = models.BigIntegerField()
    invested_advance_cents = models.BigIntegerField()
    invested_participatory_cents = models.BigIntegerField()
    nav_cents = models.BigIntegerField()
    income_cents = models.BigIntegerField()
    expenses_cents = models.BigIntegerField()
    realised_cents = models.BigIntegerField()
    unrealised_cents = models.BigIntegerField()
    principal_outstanding_cents = models.BigIntegerField()
    at_risk_cents = models.BigIntegerField()
    # The enterprises the club holds a stake in (names, as in the books), so that a set of
    # clubs counts an enterprise backed by two of them once.
    enterprises = models.JSONField(default=list)
    taken_at = models.DateTimeField(auto_now=True)
    # What makes the row readable in place of a replay (`selectors_stored.py`): the club's
    # highest event `seq` and highest reversal id read before its events were (a later event
    # or reversal dated on or before `date` makes the row stale), the members still in the
    # club as the statement counts them (a dissolved club's too; `members` is 0 for it) and
    # enterprise → the instruments the club held in it (open or closed). None on rows stored
    # before migration 0002: those are never read in place of a replay.
    last_seq = models.PositiveIntegerField(null=True)
    last_reversal = models.BigIntegerField(null=True)
    active_members = models.PositiveIntegerField(null=True)
    instruments = models.JSONField(null=True)

    class Meta:
        ordering = ["club", "date"]
        constraints = [
            models.UniqueConstraint(fields=["club", "date"], name="one_snapshot_per_club_and_day"),
        ]
        indexes = [models.Index(fields=["date", "region"])]

    def __str__(self) -> str:
        return f"{self.club} {self.date}"
