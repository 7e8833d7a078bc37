"""A small world for the open-data tests: five clubs, three in Osrednjeslovenska (SI041) and
two in Gorenjska (SI042), founded 5 January 2026, whose members have names and e-mail
addresses that must never appear in open data. The figures were worked out by hand:

- SI041: Ljubljana A (Ana Novak 100.00, Bor Kranjc 50.00; a 60.00 loan to Pekarna Zlato
  Zrno), Ljubljana B (Cvetka Zupan 200.00), Ljubljana C (Darko Hribar 30.00): savings 380.00,
  4 members, invested 60.00, 1 enterprise backed.
- SI042: Kranj A (Eva Potočnik 40.00; a 25.00 loan to Mizarstvo Skrito), Kranj B (Filip Vidmar
  70.00): savings 110.00, 2 members, invested 25.00.
- The platform: 5 clubs, 6 members, savings 490.00, invested 85.00, 2 enterprises backed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, Enterprise
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import club_record_events
from microfuture.clubs.services.money import club_create
from microfuture.conftest import make_user

FOUNDED = date(2026, 1, 5)
ON = date(2026, 3, 31)

#: club name, region, [(member, contribution)], loan (enterprise, amount) or None
CLUBS: list[tuple[str, str, list[tuple[str, str]], tuple[str, str] | None]] = [
    ("Ljubljana A", "SI041", [("Ana Novak", "100.00"), ("Bor Kranjc", "50.00")],
     ("Pekarna Zlato Zrno", "60.00")),
    ("Ljubljana B", "SI041", [("Cvetka Zupan", "200.00")], None),
    ("Ljubljana C", "SI041", [("Darko Hribar", "30.00")], None),
    ("Kranj A", "SI042", [("Eva Potočnik", "40.00")], ("Mizarstvo Skrito", "25.00")),
    ("Kranj B", "SI042", [("Filip Vidmar", "70.00")], None),
]

#: What must never be in open data: the members' names and e-mail addresses, the users'
#: full names and usernames, and the name of the enterprise that did not agree to be listed.
MEMBER_NAMES = [name for _, _, members, _ in CLUBS for name, _ in members]


def username(name: str) -> str:
    return name.split()[0].lower().replace("č", "c") + "x"


def secrets() -> list[str]:
    found = []
    for name in MEMBER_NAMES:
        found += [name, f"{username(name)}@example.org", f"Full {name}"]
    return [*found, "Mizarstvo Skrito"]


def build_world(only: str | None = None) -> dict[str, Club]:
    """The clubs (of one region only, if `only` names it)."""
    Enterprise.objects.create(
        name="Pekarna Zlato Zrno", slug="pekarna-zlato-zrno", legal_form="zavod",
        social_enterprise=True, region="SI041", listed_in_open_data=True)
    Enterprise.objects.create(
        name="Mizarstvo Skrito", slug="mizarstvo-skrito", legal_form="doo",
        region="SI042", listed_in_open_data=False)
    clubs = {}
    for name, region, members, loan in CLUBS:
        if only and region != only:
            continue
        club = club_create(name=name, region=region, start_date=FOUNDED,
                           status=Club.Status.ACTIVE)
        users: dict[str, Any] = {
            m: make_user(username(m), full_name=f"Full {m}") for m, _ in members}
        events = [Event(date=FOUNDED, type="join", member=m) for m, _ in members]
        events += [Event(date=date(2026, 2, 1), type="contribution", member=m,
                         amount=Decimal(a)) for m, a in members]
        if loan:
            events.append(Event(date=date(2026, 2, 10), type="investment", enterprise=loan[0],
                                instrument="loan", amount=Decimal(loan[1]),
                                rate=Decimal("5"), term=12))
        club_record_events(club=club, events=events, recorded_by=SYSTEM, history=True,
                           member_users=users)
        clubs[name] = club
    return clubs
