"""The Beancount export (spec impact §5), checked with Beancount itself: the file loads with
no error, `bean-check` accepts it, and its balances equal the club's statement on journals
with every event type and a reversal, on every date of the club's life."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import amount, data, realization
from django.core.management import call_command

from microfuture.clubs.core import Event
from microfuture.clubs.models import ClubEvent
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.selectors_beancount import club_beancount
from microfuture.clubs.services import club_record_events, club_reverse_event

pytestmark = pytest.mark.django_db

BEAN_CHECK = Path(sys.executable).with_name("bean-check")


def E(day: str, kind: str, **fields: Any) -> Event:
    if "amount" in fields:
        fields["amount"] = Decimal(fields["amount"])
    if "rate" in fields:
        fields["rate"] = Decimal(fields["rate"])
    return Event(date=date.fromisoformat(day), type=kind, **fields)


#: A whole club life with every event type and every instrument (the club fixture's five
#: members joined on 2026-01-05; Šraj and Sraj fold to the same account component).
LIFE = [
    E("2026-01-06", "join", member="Šraj", reference="J-1"),
    E("2026-01-06", "join", member="Sraj", reference="J-2"),
    *[E("2026-01-10", "contribution", member=name, amount=amount, reference=f"C-{name}")
      for name, amount in [("Maja", "1000"), ("Tine", "800"), ("Sara", "600"),
                           ("Miha", "400"), ("Nina", "200"), ("Šraj", "300"),
                           ("Sraj", "150.55")]],
    E("2026-01-31", "investment", enterprise="Kolesarnica Žan", instrument="loan",
      amount="1200", rate="6", term=12, grace=3, method="annuity", reference="LOAN-KZ",
      note='three months "interest only"'),
    E("2026-02-10", "investment", enterprise="Zelenjava Đurić", instrument="advance",
      amount="300", reference="ADV-ZD"),
    E("2026-02-10", "investment", enterprise="Zelenjava Đurić", instrument="equity",
      amount="200", reference="EQ-ZD"),
    E("2026-02-12", "investment", enterprise="Tiskarna Črka", instrument="participatory",
      amount="250", reference="PART-TC"),
    E("2026-02-28", "repayment", enterprise="Kolesarnica Žan", amount="6", reference="R-1"),
    E("2026-03-01", "income", enterprise="Zelenjava Đurić", amount="12.50",
      reference="DIV-1", note="dividend"),
    E("2026-03-05", "expense", amount="7.89", reference="BANK-1", note="bank fees"),
    E("2026-03-31", "valuation", enterprise="Zelenjava Đurić", instrument="equity",
      amount="150", reference="VAL-1"),
    E("2026-03-31", "valuation", enterprise="Tiskarna Črka", instrument="participatory",
      amount="275.25", reference="VAL-2"),
    E("2026-04-15", "repayment", enterprise="Zelenjava Đurić", instrument="advance",
      amount="100", reference="R-2"),
    E("2026-05-10", "write_off", enterprise="Kolesarnica Žan", reference="WO-1",
      note="business closed"),
    E("2026-06-01", "exit", member="Nina", reference="X-1", note="moves away"),
    E("2026-06-20", "sale", enterprise="Zelenjava Đurić", instrument="equity",
      amount="180", reference="S-1"),
    E("2026-06-20", "sale", enterprise="Tiskarna Črka", instrument="participatory",
      amount="260", reference="S-2"),
    E("2026-06-25", "repayment", enterprise="Zelenjava Đurić", amount="200", reference="R-3"),
    E("2026-07-01", "expense", amount="1", reference="MISTAKE", note="typed twice"),
]
END = E("2026-07-15", "dissolve", reference="END")
DATES = sorted({e.date for e in LIFE} | {date(2026, 1, 5), date(2026, 7, 10), END.date,
                                         date(2026, 12, 1)})


@pytest.fixture
def lived(club: Any, treasurer: Any) -> Any:
    """The life above, with the mistaken expense reversed (on 2026-07-10, after it), then
    the dissolution."""
    club_record_events(club=club, recorded_by=treasurer, events=LIFE, history=True)
    mistake = ClubEvent.objects.get(club=club, reference="MISTAKE")
    club_reverse_event(club=club, event=mistake, reason="recorded twice",
                       reversed_by=treasurer, on=date(2026, 7, 10))
    club_record_events(club=club, recorded_by=treasurer, events=[END], history=True)
    return club


def load(text: str) -> list[data.Directive]:
    entries, errors, _options = loader.load_string(text)
    assert errors == [], [str(e.message) for e in errors]
    return entries


def balances(entries: list[data.Directive], currency: str = "EUR") -> dict[str, Decimal]:
    """Each account's balance in `currency`, by Beancount's own realization."""
    root = realization.realize(entries)
    return {
        real.account: real.balance.get_currency_units(currency).number
        for real in realization.iter_children(root) if real.txn_postings
    }


def units(posting: data.Posting) -> amount.Amount:
    assert posting.units is not None
    return posting.units


def assets_on(text: str) -> tuple[Decimal, Decimal]:
    found = balances(load(text))
    nav = sum((v for k, v in found.items() if k.startswith("Assets:")), Decimal(0))
    return found.get("Assets:Club:Cash", Decimal(0)), nav


def test_every_event_type_is_in_the_file(lived):
    entries = load(club_beancount(lived, as_of=date(2026, 12, 1)))
    txns = [e for e in entries if isinstance(e, data.Transaction)]
    kinds = {t.meta["type"] for t in txns}
    assert kinds == {"join", "contribution", "investment", "repayment", "income", "expense",
                     "valuation", "sale", "write_off", "exit", "dissolve", "reversal"}
    # One transaction per ledger entry: every event, the founders' joins and the reversal.
    assert len(txns) == ClubEvent.objects.filter(club=lived).count() + 1
    loan = next(t for t in txns if t.meta.get("reference") == "LOAN-KZ")
    assert loan.date == date(2026, 1, 31)
    assert loan.payee == "Kolesarnica Žan"
    assert loan.narration == 'investment: three months "interest only"'
    assert loan.meta["note"] == 'three months "interest only"'
    assert {p.account: units(p).number for p in loan.postings} == {
        "Assets:Club:Holdings:Kolesarnica-Zan-Loan": Decimal("1200.00"),
        "Assets:Club:Cash": Decimal("-1200.00"),
    }
    assert all(units(p).currency == "EUR" for t in txns for p in t.postings)
    reversal = next(t for t in txns if t.meta["type"] == "reversal")
    assert reversal.date == date(2026, 7, 10)
    assert reversal.meta["reference"] == "MISTAKE"
    assert reversal.meta["reason"] == "recorded twice"
    assert "recorded twice" in str(reversal.narration)


def test_balances_equal_the_statement_on_every_date(lived):
    for day in DATES + [d - timedelta(days=1) for d in DATES]:
        stmt = club_statement(lived, as_of=day)
        cash, nav = assets_on(club_beancount(lived, as_of=day))
        assert (day, cash, nav) == (day, Decimal(stmt["cash"]), Decimal(stmt["nav"]))


def test_a_reversal_after_the_date_leaves_the_reversed_entry_out(lived):
    # On 2026-07-05 the mistaken expense is dated before, its reversal after: the statement
    # does not count a reversed event, so neither does the file.
    text = club_beancount(lived, as_of=date(2026, 7, 5))
    refs = {t.meta.get("reference") for t in load(text) if isinstance(t, data.Transaction)}
    assert "MISTAKE" not in refs
    assert "END" not in refs and "S-1" in refs


def test_bean_check_accepts_the_file_from_the_command(lived, tmp_path):
    path = tmp_path / "srce.beancount"
    call_command("export_beancount", "--club", lived.name, "--date", "2026-12-01", str(path))
    done = subprocess.run([str(BEAN_CHECK), str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    # The dissolved club: no cash, nothing held, everything paid out to the members.
    cash, nav = assets_on(path.read_text(encoding="utf-8"))
    assert cash == nav == Decimal(0)
    assert club_statement(lived, as_of=date(2026, 12, 1))["nav"] == "0.00"


def test_accounts_are_opened_on_first_use_with_their_original_names(lived):
    entries = load(club_beancount(lived, as_of=date(2026, 12, 1)))
    opens = {e.account: e for e in entries if isinstance(e, data.Open)}
    first_use: dict[str, date] = {}
    for txn in (e for e in entries if isinstance(e, data.Transaction)):
        for posting in txn.postings:
            first_use.setdefault(posting.account, txn.date)
    assert set(opens) == set(first_use)
    assert all(opens[a].date == first_use[a] for a in opens)
    assert all(opens[a].currencies == ["EUR"] for a in opens)
    # Šraj and Sraj: diacritics folded, distinct components, the original name kept.
    assert opens["Equity:Members:Sraj"].meta["name"] == "Šraj"
    assert opens["Equity:Members:Sraj-2"].meta["name"] == "Sraj"
    assert opens["Assets:Club:Holdings:Zelenjava-Duric-Equity"].meta["name"] == (
        "Zelenjava Đurić"
    )
    assert opens["Assets:Club:Holdings:Tiskarna-Crka-Participatory"].meta["instrument"] == (
        "participatory"
    )
    assert set(opens) >= {
        "Assets:Club:Cash", "Equity:Members:Maja", "Income:Interest", "Income:Other",
        "Expenses:Club", "Income:Gains:Realised", "Income:Gains:Unrealised",
        "Assets:Club:Holdings:Zelenjava-Duric-Advance",
    }


def test_an_empty_club_exports_a_file_beancount_accepts(club):
    # The founders' joins only: members' accounts are not opened before money moves.
    text = club_beancount(club, as_of=date(2026, 1, 4))
    assert [e for e in load(text) if not isinstance(e, data.Custom)] == []
    assert assets_on(text) == (Decimal(0), Decimal(0))
