"""Account names of the Beancount export (pure core, no database): folded to what Beancount
accepts, distinct when two names fold alike, the original kept; reversals in or out by date."""

from __future__ import annotations

from datetime import date

from beancount import loader
from beancount.core import account, data

from microfuture.clubs.core.beancount import (
    LedgerEntry,
    LedgerLeg,
    account_names,
    beancount_text,
    entries_on,
    fold_component,
)


def test_diacritics_are_folded_and_words_capitalised():
    assert fold_component("Šraj", "Member") == "Sraj"
    assert fold_component("Čebelarstvo Žužek d.o.o.", "X") == "Cebelarstvo-Zuzek-D-O-O"
    assert fold_component("Đurđa Łukasz Øst Groß", "X") == "Durda-Lukasz-Ost-Gross"
    assert fold_component("3 sestre", "X") == "3-Sestre"
    assert fold_component("李小龙", "Member") == "Member"
    assert fold_component("  -- ", "Enterprise") == "Enterprise"


def contribution(entry_id: int, day: date, member: str, cents: int) -> LedgerEntry:
    return LedgerEntry(
        id=entry_id, date=day, type="contribution", member=member,
        legs=(LedgerLeg("cash", debit=cents), LedgerLeg(f"capital:{member}", credit=cents)),
    )


def test_names_that_fold_alike_get_distinct_components_in_order_of_first_use():
    entries = [
        contribution(1, date(2026, 1, 1), "Šraj", 100),
        contribution(2, date(2026, 1, 2), "Sraj", 100),
        contribution(3, date(2026, 1, 3), "Sraj 2", 100),
        contribution(4, date(2026, 1, 4), "ŠRAJ", 100),
    ]
    names = account_names(entries)
    assert {code: n.name for code, n in names.items() if code != "cash"} == {
        "capital:Šraj": "Equity:Members:Sraj",
        "capital:Sraj": "Equity:Members:Sraj-2",
        "capital:Sraj 2": "Equity:Members:Sraj-2-2",
        "capital:ŠRAJ": "Equity:Members:SRAJ",
    }
    assert names["capital:Šraj"].original == "Šraj"
    assert names["capital:Sraj"].opened == date(2026, 1, 2)
    assert all(account.is_valid(n.name) for n in names.values())
    text = beancount_text(club="Test", currency="EUR", entries=entries, as_of=date(2026, 1, 4))
    loaded, errors, _ = loader.load_string(text)
    assert errors == []
    opens = {e.account: e.meta.get("name") for e in loaded if isinstance(e, data.Open)}
    assert opens["Equity:Members:Sraj"] == "Šraj"
    assert opens["Equity:Members:Sraj-2"] == "Sraj"


def test_quotes_backslashes_and_line_breaks_in_names_and_notes_stay_valid():
    entry = LedgerEntry(
        id=1, date=date(2026, 1, 1), type="income", enterprise='Bar "Pri \\ Mici"',
        note="two\nlines", reference="R\t1",
        legs=(LedgerLeg("cash", debit=1), LedgerLeg("income:other", credit=1)),
    )
    text = beancount_text(club='Klub\n"A"', currency="EUR", entries=[entry],
                          as_of=date(2026, 1, 1))
    loaded, errors, options = loader.load_string(text)
    assert errors == []
    assert options["title"] == 'Klub "A"'
    txn = next(e for e in loaded if isinstance(e, data.Transaction))
    assert txn.payee == 'Bar "Pri \\ Mici"'
    assert txn.meta["note"] == "two lines"


def test_a_reversed_entry_goes_with_its_reversal_or_not_at_all():
    mistake = LedgerEntry(
        id=1, date=date(2026, 3, 1), type="expense",
        legs=(LedgerLeg("expense", debit=500), LedgerLeg("cash", credit=500)),
    )
    reversal = LedgerEntry(
        id=2, date=date(2026, 3, 10), type="reversal", reverses=1, reason="twice",
        legs=(LedgerLeg("expense", credit=500), LedgerLeg("cash", debit=500)),
    )
    assert entries_on([mistake, reversal], date(2026, 2, 28)) == []
    assert entries_on([mistake, reversal], date(2026, 3, 5)) == []
    assert entries_on([mistake, reversal], date(2026, 3, 10)) == [mistake, reversal]
    # A reversal dated before the entry it reverses (a service may be given any past date).
    early = LedgerEntry(id=3, date=date(2026, 2, 1), type="reversal", reverses=1,
                        legs=reversal.legs)
    assert entries_on([mistake, early], date(2026, 2, 15)) == []
    assert entries_on([mistake, early], date(2026, 3, 1)) == [early, mistake]
