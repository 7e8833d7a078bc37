"""Double-entry bookkeeping in integer cents.

A `Ledger` is one set of books in one currency (each club owns one). A `JournalEntry` is
one balanced event; its `Leg`s each debit or credit one `Account` by a positive number of
cents. The balance rule is enforced below the application: check constraints on every
backend forbid negative or two-sided legs, and on PostgreSQL a deferred constraint trigger
rejects, at commit, any entry whose debits and credits differ (django-hordak's design).
Posted entries and legs are never updated; a correction is a new, reversing entry.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q


class Ledger(models.Model):
    name = models.CharField(max_length=200)
    currency = models.CharField(max_length=3, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.currency})"


class Account(models.Model):
    """An account of a ledger, named by a code such as `cash` or `capital:Ana`."""

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="accounts")
    code = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ledger", "code"], name="ledger_account_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class ImmutableRow(models.Model):
    """A row that is written once and then never changed."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("Posted ledger rows are never edited; post a reversing entry.")
        super().save(*args, **kwargs)


class JournalEntry(ImmutableRow):
    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField()
    memo = models.CharField(max_length=500, blank=True)
    posted_at = models.DateTimeField(auto_now_add=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "journal entries"
        indexes = [models.Index(fields=["ledger", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.memo}"


class Leg(ImmutableRow):
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="legs")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="legs")
    debit = models.BigIntegerField(default=0)
    credit = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="leg_one_sided_positive",
            ),
        ]

    def __str__(self) -> str:
        side = f"D {self.debit}" if self.debit else f"C {self.credit}"
        return f"{self.account} {side}"
