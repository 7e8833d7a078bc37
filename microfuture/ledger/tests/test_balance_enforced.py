"""The ledger's rules hold below the application: raw SQL cannot break them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from microfuture.ledger.models import Account, JournalEntry, Leg
from microfuture.ledger.selectors import account_balances, ledger_problems
from microfuture.ledger.services import (
    EntrySpec,
    LegSpec,
    UnbalancedEntry,
    ledger_create,
    ledger_post,
    ledger_reverse,
)

pytestmark = pytest.mark.django_db(transaction=True)


def books():
    ledger = ledger_create(name="Test", currency="EUR")
    entry = ledger_post(
        ledger=ledger,
        entry=EntrySpec(date(2026, 1, 1), "contribution",
                        [LegSpec("cash", debit=2500), LegSpec("capital:Ana", credit=2500)]),
    )
    return ledger, entry


def test_balanced_entry_is_posted_and_reported():
    ledger, _ = books()
    assert account_balances(ledger) == {"cash": 2500, "capital:Ana": -2500}
    assert ledger_problems(ledger) == []


def test_service_refuses_unbalanced_entry_and_stores_nothing():
    ledger = ledger_create(name="Test", currency="EUR")
    with pytest.raises(UnbalancedEntry):
        ledger_post(ledger=ledger, entry=EntrySpec(
            date(2026, 1, 1), "bad", [LegSpec("cash", debit=100), LegSpec("x", credit=99)]))
    assert JournalEntry.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the deferred trigger is PostgreSQL's")
def test_raw_unbalanced_insert_fails_at_commit_on_postgresql():
    ledger, entry = books()
    cash = Account.objects.get(ledger=ledger, code="cash")
    with pytest.raises(IntegrityError, match="unbalanced"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO ledger_leg (entry_id, account_id, debit, credit) "
                "VALUES (%s, %s, 1, 0)", [entry.pk, cash.pk],
            )
    assert Leg.objects.filter(entry=entry).count() == 2


@pytest.mark.parametrize(("debit", "credit"), [(-5, 0), (0, -5), (5, 5), (0, 0)])
def test_negative_or_two_sided_leg_is_refused_by_a_check_constraint(debit, credit):
    ledger, entry = books()
    cash = Account.objects.get(ledger=ledger, code="cash")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO ledger_leg (entry_id, account_id, debit, credit) "
            "VALUES (%s, %s, %s, %s)", [entry.pk, cash.pk, debit, credit],
        )


def test_posted_rows_cannot_be_updated_even_in_raw_sql():
    _, entry = books()
    with pytest.raises(Exception, match="never edited"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE ledger_leg SET debit = debit + 1 WHERE entry_id = %s",
                           [entry.pk])
    with pytest.raises(ValueError, match="never edited"):
        entry.memo = "changed"
        entry.save()


def test_reversal_mirrors_the_entry_and_needs_a_reason():
    ledger, entry = books()
    with pytest.raises(ValueError):
        ledger_reverse(entry=entry, on=date(2026, 1, 2), reason=" ", posted_by=None)
    reversal = ledger_reverse(entry=entry, on=date(2026, 1, 2), reason="typo", posted_by=None)
    assert reversal.reverses == entry
    assert account_balances(ledger) == {"cash": 0, "capital:Ana": 0}
    assert ledger_problems(ledger) == []
    with pytest.raises(ValueError, match="already"):
        ledger_reverse(entry=entry, on=date(2026, 1, 2), reason="again", posted_by=None)
