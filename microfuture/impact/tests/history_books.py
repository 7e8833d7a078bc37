"""Clubs with books for the figures and history tests, recorded through the clubs' services
(`club_create`, `club_record_events` as the operator's history seeding, `club_set_status`).

The worked example (`three_clubs`), on 2026-04-15, worked by hand:

Club A "Zadruga Lipa" (SI041, from 2026-01-05): Ana pays in 3000.00 and Bor 2000.00; loans of
1000.00 to Pekarna Zrno (0 %, first instalment due 2026-02-28, never paid: 46 days past due on
2026-04-15) and 3000.00 to Mizarstvo Hrast (0 %, first due 2026-05-31: not yet due).
  savings 5000.00, cash 1000.00, NAV 5000.00, outstanding 4000.00, at risk 1000.00, PAR30 0.25.
Club B "Zadruga Breza" (SI041, from 2026-01-10): Cene pays in 1500.00; a loan of 500.00 to
Pekarna Zrno (first due 2026-02-28, never paid).
  savings 1500.00, NAV 1500.00, outstanding 500.00, at risk 500.00, PAR30 1.
Club C "Zadruga Hrast" (SI043, from 2026-02-01, forming until 2026-02-05): Dan pays in 800.00;
equity of 300.00 in Mizarstvo Hrast.
  savings 800.00, NAV 800.00, invested equity 300.00, no loan (PAR30 null).

Region SI041: outstanding 4500.00, at risk 1500.00: pooled PAR30 1500/4500 = 0.333333, while
the average of the two clubs' ratios would be (0.25 + 1) / 2 = 0.625. Platform: the same loans,
so also 0.333333. Enterprises backed: SI041 {Pekarna, Mizarstvo} = 2, SI043 {Mizarstvo} = 1,
platform 2 (Mizarstvo is backed by clubs of two regions, Pekarna by two clubs: each once),
though the clubs' own counts add up to 2 + 1 + 1 = 4.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services.money import club_create, club_record_events, club_set_status

ON = date(2026, 4, 15)


def make_club(name: str, region: str, start: date, *, forming_until: date | None = None) -> Club:
    club = club_create(
        name=name, region=region, start_date=start,
        status=Club.Status.FORMING if forming_until else Club.Status.ACTIVE,
    )
    if forming_until:
        club_set_status(club=club, status=Club.Status.ACTIVE, actor=SYSTEM, on=forming_until)
        club.refresh_from_db()
    return club


def record(club: Club, *events: Event) -> None:
    club_record_events(club=club, events=list(events), recorded_by=SYSTEM, history=True)


def join(on: date, name: str) -> Event:
    return Event(date=on, type="join", member=name)


def pay_in(on: date, name: str, amount: str) -> Event:
    return Event(date=on, type="contribution", member=name, amount=Decimal(amount))


def loan(on: date, enterprise: str, amount: str, *, first_due: date, term: int = 2,
         rate: str = "0", reference: str = "") -> Event:
    return Event(date=on, type="investment", enterprise=enterprise, instrument="loan",
                 amount=Decimal(amount), rate=Decimal(rate), term=term, method="linear",
                 first_due=first_due, reference=reference)


def equity(on: date, enterprise: str, amount: str) -> Event:
    return Event(date=on, type="investment", enterprise=enterprise, instrument="equity",
                 amount=Decimal(amount))


def three_clubs() -> tuple[Club, Club, Club]:
    a = make_club("Zadruga Lipa", "SI041", date(2026, 1, 5))
    record(a, join(date(2026, 1, 5), "Ana"), join(date(2026, 1, 5), "Bor"),
           pay_in(date(2026, 1, 10), "Ana", "3000.00"), pay_in(date(2026, 1, 10), "Bor", "2000.00"),
           loan(date(2026, 1, 31), "Pekarna Zrno", "1000.00", first_due=date(2026, 2, 28)),
           loan(date(2026, 2, 15), "Mizarstvo Hrast", "3000.00", first_due=date(2026, 5, 31),
                term=3))
    b = make_club("Zadruga Breza", "SI041", date(2026, 1, 10))
    record(b, join(date(2026, 1, 10), "Cene"), pay_in(date(2026, 1, 10), "Cene", "1500.00"),
           loan(date(2026, 1, 31), "Pekarna Zrno", "500.00", first_due=date(2026, 2, 28),
                term=1))
    c = make_club("Zadruga Hrast", "SI043", date(2026, 2, 1), forming_until=date(2026, 2, 5))
    record(c, join(date(2026, 2, 1), "Dan"), pay_in(date(2026, 2, 2), "Dan", "800.00"),
           equity(date(2026, 2, 10), "Mizarstvo Hrast", "300.00"))
    return a, b, c
