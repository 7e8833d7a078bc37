"""A realistic federation of clubs, made up deterministically from a seed (issue 15).

Pure: no database, no clock, no randomness but `random.Random`. `generate_federation` returns
one `FederationClub` per club (its name, region, policy and events); `journal_file` writes a
club as a journal file the import command reads: a few preamble lines naming the club, then
the journal CSV exactly as `format_journal` writes it (spec club-accounting §7):

    # club: Klub Maribor 0002
    # region: SI032
    # policy: units
    date,type,member,enterprise,instrument,amount,rate,term,grace,method,first_due,reference,note
    2020-01-01,join,Ana Novak,,,,,,,,,,

Each club draws from its own generator, seeded with the federation's seed and the club's
number, so club k is the same in a federation of 100 and of 1,000 clubs, and the same seed
always gives the same files byte for byte.

A club's life: founders join in its first month, others join later and some leave (paid their
value or an agreed amount); members pay monthly, quarterly or irregularly, skipping some months,
in varying amounts; when cash builds up the club invests (loans, equity, advances, participatory
holdings); borrowers repay on time, late (arrears, caught up later) or stop paying and are
written off, and some repay early; equity is revalued, pays dividends, is sold or written off;
the club pays yearly and bank fees. A few clubs wind down: they sell what they hold and dissolve.
Every event is applied to a `ClubBook` as it is made, so every file is valid for the book
(a proposal the book refuses is dropped, and counted in `FederationClub.dropped`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from microfuture.clubs.core.book import ClubBook
from microfuture.clubs.core.errors import EventRejected
from microfuture.clubs.core.events import Event
from microfuture.clubs.core.journal import format_journal
from microfuture.clubs.core.loans import add_months
from microfuture.regions import REGIONS

__all__ = [
    "DEFAULT_START",
    "PREAMBLE_KEYS",
    "FederationClub",
    "Written",
    "club_file_name",
    "federation_end",
    "generate_club",
    "generate_federation",
    "iter_federation",
    "journal_file",
    "parse_preamble",
    "write_federation",
]

DEFAULT_START = date(2020, 1, 1)

#: People living in each region (thousands, rounded): clubs spread over the regions so.
_POPULATION = {
    "SI031": 114, "SI032": 325, "SI033": 71, "SI034": 257, "SI035": 57, "SI036": 76,
    "SI037": 146, "SI038": 53, "SI041": 555, "SI042": 209, "SI043": 118, "SI044": 118,
}
_TOWNS = {
    "SI031": ("Murska Sobota", "Lendava", "Ljutomer", "Gornja Radgona"),
    "SI032": ("Maribor", "Ptuj", "Slovenska Bistrica", "Lenart"),
    "SI033": ("Slovenj Gradec", "Ravne na Koroškem", "Dravograd"),
    "SI034": ("Celje", "Velenje", "Žalec", "Šentjur", "Slovenske Konjice"),
    "SI035": ("Trbovlje", "Zagorje ob Savi", "Hrastnik"),
    "SI036": ("Krško", "Brežice", "Sevnica"),
    "SI037": ("Novo mesto", "Črnomelj", "Kočevje", "Metlika"),
    "SI038": ("Postojna", "Ilirska Bistrica", "Cerknica"),
    "SI041": ("Ljubljana", "Domžale", "Kamnik", "Grosuplje", "Vrhnika", "Litija"),
    "SI042": ("Kranj", "Škofja Loka", "Jesenice", "Radovljica", "Tržič"),
    "SI043": ("Nova Gorica", "Ajdovščina", "Tolmin", "Idrija"),
    "SI044": ("Koper", "Izola", "Piran", "Sežana"),
}
_FIRST = ("Ana", "Marko", "Maja", "Luka", "Nina", "Jure", "Eva", "Matej", "Katja", "Rok",
          "Petra", "Tomaž", "Urška", "Gregor", "Mojca", "Andrej", "Tina", "Blaž", "Špela",
          "Žiga", "Nika", "Miha", "Sara", "Jan", "Barbara", "Primož", "Anja", "Aleš", "Vesna",
          "Boštjan")
_LAST = ("Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar",
         "Kos", "Vidmar", "Golob", "Turk", "Božič", "Kralj", "Zupan", "Bizjak", "Hribar",
         "Korošec", "Rozman", "Kotnik", "Oblak", "Petek", "Žagar", "Kolar", "Košir", "Koren",
         "Medved", "Zajc", "Pirc", "Hočevar")
_TRADES = ("Pekarna", "Mizarstvo", "Kmetija", "Vrtnarija", "Čebelarstvo", "Sirarna",
           "Popravila", "Frizerstvo", "Kavarna", "Tiskarna", "Šivalnica", "Kolesarnica",
           "Oljarna", "Vinarstvo", "Zadruga", "Delavnica", "Trgovina", "Gostilna")
_FORMS = ("d.o.o.", "s.p.", "z.o.o.", "k.d.")

_AMOUNTS = (20, 25, 25, 30, 30, 40, 50, 50, 60, 75, 100, 150)


@dataclass
class FederationClub:
    """One club of the federation: what the import needs to create it, and its events."""

    number: int
    name: str
    region: str
    policy: str
    events: list[Event] = field(default_factory=list)
    dropped: int = 0
    dissolved: bool = False


def club_file_name(number: int) -> str:
    return f"club-{number:04d}.csv"


def federation_end(start: date, months: int) -> date:
    """The last day any event of a federation starting on `start` can be dated."""
    return add_months(date(start.year, start.month, 1), months) - timedelta(days=1)


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _regions(clubs: int, rng: random.Random) -> list[str]:
    codes = sorted(REGIONS)
    weights = [_POPULATION[c] for c in codes]
    # The first twelve clubs cover the twelve regions; the others follow the population.
    out = [codes[i] for i in range(min(clubs, len(codes)))]
    out += rng.choices(codes, weights=weights, k=max(0, clubs - len(codes)))
    return out


def generate_federation(
    *, clubs: int, members: int, months: int, seed: int, start: date = DEFAULT_START
) -> list[FederationClub]:
    """`clubs` clubs of about `members` members over `months` months from `start`."""
    return list(iter_federation(clubs=clubs, members=members, months=months, seed=seed,
                                start=start))


def iter_federation(
    *, clubs: int, members: int, months: int, seed: int, start: date = DEFAULT_START
) -> Iterator[FederationClub]:
    """The clubs of `generate_federation` one at a time (a large federation need not be held
    in memory: 1,000 × 15 × 60 is about 865,000 events)."""
    if clubs < 1 or members < 1 or months < 1:
        raise ValueError("a federation needs at least one club, one member and one month")
    regions = _regions(clubs, random.Random(f"federation:{seed}:regions"))
    for i in range(clubs):
        yield generate_club(number=i + 1, region=regions[i], members=members, months=months,
                            seed=seed, start=start)


@dataclass
class _Loan:
    hid: int
    enterprise: str
    behaviour: str  # "good", "late", "default", "early"
    day: int
    stop: int  # default: the month (club month index) it stops paying; early: repays all
    patience: int = 6  # default: months without full payment before the write-off
    unpaid_months: int = 0


@dataclass
class _Stake:
    hid: int
    enterprise: str
    instrument: str  # equity, participatory, advance
    opened: int
    fate: str  # "keep", "sell", "fail"
    fate_month: int


@dataclass
class _Person:
    name: str
    pattern: str  # monthly, quarterly, irregular
    amount: int  # cents
    day: int
    phase: int


class _Club:
    def __init__(self, number: int, region: str, members: int, months: int, seed: int,
                 start: date) -> None:
        self.rng = rng = random.Random(f"federation:{seed}:club:{number}")
        self.number = number
        self.region = region
        self.members = members
        self.months = months
        self.start = date(start.year, start.month, 1)
        # One club in five shares by contributions, the others by units.
        self.policy = "contributions" if number % 5 == 2 else "units"
        town = rng.choice(_TOWNS[region])
        self.name = f"Klub {town} {number:04d}"
        self.book = ClubBook(policy=self.policy)
        self.out = FederationClub(number, self.name, region, self.policy)
        self.active: dict[str, _Person] = {}
        self.used_names: set[str] = set()
        self.used_enterprises: set[str] = set()
        self.loans: list[_Loan] = []
        self.stakes: list[_Stake] = []
        self.holdings = 0
        self.refs = 0
        self.pending_joins: list[int] = []
        self.paid: dict[int, int] = {}  # loans: what the club was repaid, by holding id
        # Most clubs start with the federation; some start later.
        self.first_month = 0 if rng.random() < 0.7 else rng.randrange(0, max(1, months // 3))
        self.dissolve_month: int | None = None
        if number % 30 == 3 and months - self.first_month >= 6:
            self.dissolve_month = rng.randrange(
                self.first_month + max(4, (months - self.first_month) // 2), months)
        self.fee = rng.choice((0, 0, 150, 200, 250, 300))  # monthly bank fee, cents
        self.yearly = rng.choice((3000, 5000, 8000, 12000))  # yearly costs, cents

    # -- helpers

    def ref(self, prefix: str) -> str:
        self.refs += 1
        return f"{prefix}{self.number:04d}-{self.refs:05d}"

    def person(self) -> _Person:
        rng = self.rng
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        base, n = name, 1
        while name in self.used_names:
            n += 1
            name = f"{base} {n}"
        self.used_names.add(name)
        pattern = rng.choices(("monthly", "quarterly", "irregular"), weights=(70, 15, 15))[0]
        amount = rng.choice(_AMOUNTS) * 100
        if rng.random() < 0.1:
            amount += rng.choice((33, 50, 99))
        return _Person(name, pattern, amount, rng.randint(1, 28), rng.randrange(3))

    def enterprise(self) -> str:
        rng = self.rng
        name = f"{rng.choice(_TRADES)} {rng.choice(_LAST)} {rng.choice(_FORMS)}"
        base, n = name, 1
        while name in self.used_enterprises:
            n += 1
            name = f"{base} {n}"
        self.used_enterprises.add(name)
        return name

    def day_of(self, k: int, day: int) -> date:
        first = add_months(self.start, k)
        return first.replace(day=min(day, 28))

    def emit(self, event: Event) -> bool:
        try:
            self.book.apply(event)
        except EventRejected:
            self.out.dropped += 1
            return False
        self.out.events.append(event)
        return True

    # -- one month

    def month(self, k: int) -> None:
        rng = self.rng
        book = self.book
        actions: list[tuple[int, int, Callable[[date], None]]] = []

        def at(day: int, action: Callable[[date], None]) -> None:
            actions.append((min(max(day, 1), 28), len(actions), action))

        if k == self.first_month:
            founders = max(1, self.members - rng.randrange(0, max(1, self.members // 4) + 1))
            for _ in range(founders):
                p = self.person()
                at(1, self._join(p))
                at(p.day, self._contribute(p, k))
            for _ in range(self.members - founders):
                self.pending_joins.append(k + rng.randint(2, 14))
        for due in [m for m in self.pending_joins if m == k]:
            self.pending_joins.remove(due)
            p = self.person()
            joined = rng.randint(1, 20)
            at(joined, self._join(p))
            at(max(joined, p.day), self._contribute(p, k))
        winding = self.dissolve_month is not None and k >= self.dissolve_month
        if winding:
            at(20, self._wind_down)
            at(28, self._dissolve)
        else:
            for p in [p for p in self.active.values() if k > self.first_month]:
                at(p.day, self._contribute(p, k))
            if self.fee and rng.random() < 0.95:
                at(28, self._expense(self.fee))
            if (k - self.first_month) % 12 == 11:
                at(rng.randint(10, 25), self._expense(self.yearly + rng.randrange(0, 5000)))
            if (k - self.first_month) % 12 == 11 and rng.random() < 0.6:
                at(28, self._bank_interest())
            if k > self.first_month and rng.random() < 0.006 * len(self.active):
                name = rng.choice(sorted(self.active))
                at(rng.randint(5, 25), self._exit(name))
                if rng.random() < 0.75:
                    self.pending_joins.append(k + rng.randint(1, 5))
            for loan in list(self.loans):
                at(loan.day + rng.randint(0, 3), self._repay(loan, k))
            for stake in list(self.stakes):
                self._stake_month(stake, k, at)
            if k - self.first_month >= 2 and rng.random() < 0.35:
                at(rng.randint(8, 26), self._invest(k))
        actions.sort(key=lambda a: (a[0], a[1]))
        for day, _, action in actions:
            if book.dissolved:
                break
            action(self.day_of(k, day))

    def _join(self, p: _Person) -> Callable[[date], None]:
        def run(day: date) -> None:
            if self.emit(Event(date=day, type="join", member=p.name,
                               reference=self.ref("J"))):
                self.active[p.name] = p
        return run

    def _contribute(self, p: _Person, k: int) -> Callable[[date], None]:
        rng = self.rng
        amount = 0
        if p.pattern == "monthly":
            if rng.random() >= 0.08:
                amount = p.amount
                if rng.random() < 0.1:
                    amount *= 2  # catching up a skipped month
        elif p.pattern == "quarterly":
            if k % 3 == p.phase:
                amount = p.amount * 3
        elif rng.random() < 0.5:
            amount = p.amount * rng.choice((1, 1, 2, 3)) + rng.choice((0, 0, 0, 500, 1000))
        if amount and rng.random() < 0.03:
            p.amount = max(1000, p.amount + rng.choice((-500, 500, 1000)))  # changes the pledge

        def run(day: date) -> None:
            if amount and p.name in self.active:
                self.emit(Event(date=day, type="contribution", member=p.name,
                                amount=_money(amount), reference=self.ref("C")))
        return run

    def _expense(self, cents: int) -> Callable[[date], None]:
        def run(day: date) -> None:
            if self.book.cash_cents >= cents:
                self.emit(Event(date=day, type="expense", amount=_money(cents),
                                reference=self.ref("E"),
                                note="bank fee" if cents < 1000 else "yearly costs"))
        return run

    def _bank_interest(self) -> Callable[[date], None]:
        rate = self.rng.uniform(0.001, 0.01)

        def run(day: date) -> None:
            cents = int(self.book.cash_cents * rate)
            if cents > 0:
                self.emit(Event(date=day, type="income", amount=_money(cents),
                                reference=self.ref("B"), note="bank interest"))
        return run

    def _exit(self, name: str) -> Callable[[date], None]:
        agreed = self.rng.random() < 0.35

        def run(day: date) -> None:
            book = self.book
            if name not in self.active:
                return
            value = book.member_value_cents(name)
            payout = (value // 1000) * 1000 if agreed else value
            if payout > book.cash_cents:
                return  # not enough cash this month: the member stays on
            event = Event(date=day, type="exit", member=name, reference=self.ref("X"),
                          amount=_money(payout) if agreed else None,
                          note="agreed payout" if agreed else "")
            if self.emit(event):
                del self.active[name]
        return run

    def _invest(self, k: int) -> Callable[[date], None]:
        rng = self.rng
        kind = rng.choices(("loan", "equity", "advance", "participatory", "follow"),
                           weights=(52, 17, 11, 12, 8))[0]
        share = rng.uniform(0.4, 0.85)

        def run(day: date) -> None:
            book = self.book
            reserve = 50000 + book.nav_cents // 10
            spare = book.cash_cents - reserve
            if spare < 30000:
                return
            amount = max(30000, int(spare * share) // 5000 * 5000)
            if kind == "follow":
                open_equity = [s for s in self.stakes if s.instrument == "equity"]
                if open_equity:
                    s = rng.choice(open_equity)
                    self.emit(Event(date=day, type="investment", enterprise=s.enterprise,
                                    instrument="equity", amount=_money(amount // 2 or 5000),
                                    reference=self.ref("I"), note="follow-on"))
                    return
                instrument = "equity"
            else:
                instrument = kind
            enterprise = self.enterprise()
            if instrument == "loan":
                term = rng.choice((12, 18, 24, 24, 36, 48))
                grace = rng.choice((0, 0, 0, 1, 3))
                event = Event(date=day, type="investment", enterprise=enterprise,
                              instrument="loan", amount=_money(amount),
                              rate=Decimal(rng.choice(("3", "4", "4.5", "5", "6", "7.5"))),
                              term=term, grace=grace or None,
                              method=rng.choice(("annuity", "annuity", "linear")),
                              reference=self.ref("L"))
            else:
                event = Event(date=day, type="investment", enterprise=enterprise,
                              instrument=instrument, amount=_money(amount),
                              reference=self.ref("I"))
            if not self.emit(event):
                return
            self.holdings += 1
            if instrument == "loan":
                behaviour = rng.choices(("good", "late", "default", "early"),
                                        weights=(55, 22, 15, 8))[0]
                self.loans.append(_Loan(self.holdings, enterprise, behaviour, day.day,
                                        k + rng.randint(2, min(10, term + grace)),
                                        rng.randint(2, 5)))
            else:
                fate = rng.choices(("keep", "sell", "fail"), weights=(60, 25, 15))[0]
                self.stakes.append(_Stake(self.holdings, enterprise, instrument, k, fate,
                                          k + rng.randint(4, 24)))
        return run

    def _repay(self, loan: _Loan, k: int) -> Callable[[date], None]:
        rng = self.rng
        skip = loan.behaviour == "late" and rng.random() < 0.35
        partial = rng.random() < 0.5

        def run(day: date) -> None:
            book = self.book
            if loan not in self.loans:
                return
            owed = book.arrears_cents(loan.hid, day)
            left = book.principal_outstanding_cents(loan.hid)
            if loan.behaviour == "default" and k >= loan.stop:
                if owed and partial and loan.unpaid_months < 2:
                    self.emit(Event(date=day, type="repayment", enterprise=loan.enterprise,
                                    instrument="loan", amount=_money(max(1, owed // 3)),
                                    reference=self.ref("R"), note="part payment"))
                loan.unpaid_months += 1
                if loan.unpaid_months >= loan.patience and self.emit(Event(
                        date=day, type="write_off", enterprise=loan.enterprise,
                        instrument="loan", reference=self.ref("W"),
                        note="borrower stopped paying")):
                    self.loans.remove(loan)
                return
            if loan.behaviour == "early" and k >= loan.stop and left:
                total = sum(int(row.payment * 100) for row in book.loan_schedule(loan.hid))
                paid = self.paid.get(loan.hid, 0)
                amount = total - paid
                # The schedule's interest is owed on every instalment: paying off is paying
                # what is left on the schedule.
                if amount > 0 and self.emit(Event(
                        date=day, type="repayment", enterprise=loan.enterprise,
                        instrument="loan", amount=_money(amount), reference=self.ref("R"),
                        note="repaid early")):
                    self.paid[loan.hid] = paid + amount
                    self.loans.remove(loan)
                return
            if skip or not owed:
                return
            if self.emit(Event(date=day, type="repayment", enterprise=loan.enterprise,
                               instrument="loan", amount=_money(owed), reference=self.ref("R"))):
                self.paid[loan.hid] = self.paid.get(loan.hid, 0) + owed
                if book.principal_outstanding_cents(loan.hid) == 0:
                    self.loans.remove(loan)
        return run

    def _stake_month(self, s: _Stake, k: int,
                     at: Callable[[int, Callable[[date], None]], None]) -> None:
        rng = self.rng
        age = k - s.opened
        if s.instrument == "advance":
            if age >= 2 and rng.random() < 0.4:
                share = rng.choice((0.25, 0.5, 1.0))

                def repay(day: date) -> None:
                    left = self.book.principal_outstanding_cents(s.hid)
                    amount = left if share == 1.0 else max(1, int(left * share))
                    if left and self.emit(Event(date=day, type="repayment",
                                                enterprise=s.enterprise, instrument="advance",
                                                amount=_money(amount),
                                                reference=self.ref("R"))) and amount == left:
                        self.stakes.remove(s)
                at(rng.randint(1, 28), repay)
            return
        if age > 0 and age % 6 == 0 and k < s.fate_month:
            change = rng.gauss(0.04, 0.15)

            def value(day: date) -> None:
                carrying = self.book.principal_outstanding_cents(s.hid)
                new = max(0, int(carrying * (1 + change)))
                self.emit(Event(date=day, type="valuation", enterprise=s.enterprise,
                                instrument=s.instrument, amount=_money(new),
                                reference=self.ref("V")))
            at(28, value)
        if age > 0 and age % 6 == 0 and s.fate != "fail" and rng.random() < 0.4:
            rate = rng.uniform(0.02, 0.06)

            def dividend(day: date) -> None:
                carrying = self.book.principal_outstanding_cents(s.hid)
                cents = int(carrying * rate)
                if cents > 0:
                    self.emit(Event(date=day, type="income", enterprise=s.enterprise,
                                    amount=_money(cents), reference=self.ref("D"),
                                    note="dividend"))
            at(rng.randint(5, 20), dividend)
        if k == s.fate_month and s.fate != "keep":
            sell = s.fate == "sell"
            ratio = rng.uniform(0.8, 1.4)

            def close(day: date) -> None:
                carrying = self.book.principal_outstanding_cents(s.hid)
                event = (Event(date=day, type="sale", enterprise=s.enterprise,
                               instrument=s.instrument, amount=_money(int(carrying * ratio)),
                               reference=self.ref("S"))
                         if sell else
                         Event(date=day, type="write_off", enterprise=s.enterprise,
                               instrument=s.instrument, reference=self.ref("W"),
                               note="enterprise closed"))
                if self.emit(event):
                    self.stakes.remove(s)
            at(rng.randint(10, 27), close)

    def _wind_down(self, day: date) -> None:
        """Before dissolving: sell every holding (loans at their outstanding principal)."""
        for loan in list(self.loans):
            left = self.book.principal_outstanding_cents(loan.hid)
            if self.emit(Event(date=day, type="sale", enterprise=loan.enterprise,
                               instrument="loan", amount=_money(left), reference=self.ref("S"),
                               note="loan sold on winding up")):
                self.loans.remove(loan)
        for s in list(self.stakes):
            carrying = self.book.principal_outstanding_cents(s.hid)
            if self.emit(Event(date=day, type="sale", enterprise=s.enterprise,
                               instrument=s.instrument, amount=_money(carrying),
                               reference=self.ref("S"), note="sold on winding up")):
                self.stakes.remove(s)

    def _dissolve(self, day: date) -> None:
        if self.emit(Event(date=day, type="dissolve", reference=self.ref("Z"),
                           note="the members decided to dissolve the club")):
            self.out.dissolved = True


def generate_club(*, number: int, region: str, members: int, months: int, seed: int,
                  start: date = DEFAULT_START) -> FederationClub:
    club = _Club(number, region, members, months, seed, start)
    for k in range(club.first_month, months):
        club.month(k)
        if club.book.dissolved:
            break
    return club.out


def journal_file(club: FederationClub) -> str:
    """The club's journal file: the preamble naming the club, then the journal CSV."""
    preamble = f"# club: {club.name}\n# region: {club.region}\n# policy: {club.policy}\n"
    return preamble + format_journal(club.events)


#: The preamble keys the import command reads (`# key: value` lines before the header).
PREAMBLE_KEYS = ("club", "region", "policy", "currency", "initial_unit_value")


def parse_preamble(text: str) -> tuple[dict[str, str], int, str]:
    """Split a journal file's leading `# key: value` lines from the CSV.

    Returns the keys found, the number of preamble lines (to add to the CSV's line numbers)
    and the rest of the text. Unknown keys are kept (and refused by the caller).
    """
    keys: dict[str, str] = {}
    lines = 0
    rest = text[1:] if text.startswith("\ufeff") else text
    while rest.startswith("#"):
        end = rest.find("\n")
        line, rest = (rest, "") if end < 0 else (rest[:end], rest[end + 1:])
        lines += 1
        body = line[1:].strip()
        if ":" in body:
            key, _, value = body.partition(":")
            keys[key.strip().lower()] = value.strip()
        elif body:
            keys[body] = ""
    return keys, lines, rest


@dataclass(frozen=True)
class Written:
    """What `write_federation` wrote."""

    files: int
    events: int
    dissolved: int


def write_federation(clubs: Iterable[FederationClub], out: Path) -> Written:
    """Write each club's file (`club-0001.csv`, …) into the directory `out`, one club at a
    time (so `iter_federation` can feed it without holding the federation in memory)."""
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    files = events = dissolved = 0
    for club in clubs:
        (directory / club_file_name(club.number)).write_bytes(journal_file(club).encode("utf-8"))
        files += 1
        events += len(club.events)
        dissolved += club.dissolved
    return Written(files, events, dissolved)
