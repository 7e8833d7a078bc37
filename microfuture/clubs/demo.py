"""Demo clubs for `seed_demo`: three Slovenian clubs with several years of history.

The clubs, people and enterprises are invented; their shape follows the facts about real
CIGALES clubs in shared/domain/cigales.md (5–20 members, monthly savings of about €20–30,
tickets of €1,000–10,000 per project, loans, equity and current-account advances, mentoring
by one or two members, exits mid-life, a club "in management" after its term).
Everything goes through the services, so the demo books are as sound as real ones.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from microfuture.accounts.models import User
from microfuture.accounts.services import user_ensure
from microfuture.clubs.core import Event
from microfuture.clubs.core.votes import Tally, decide, quorum_needed
from microfuture.clubs.models import (
    Club,
    Enterprise,
    EnterpriseUpdate,
    Meeting,
    Member,
    MentoringSession,
    Mentorship,
    Proposal,
    Vote,
)
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import club_create, club_record_events, club_set_status
from microfuture.clubs.services.audit import audit
from microfuture.kernel.demo import DEMO_PASSWORD


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    return date(day.year + y, m + 1, min(day.day, 28))


@dataclass(frozen=True)
class DemoInvestment:
    month: int
    enterprise: str
    instrument: str
    amount: str
    rate: str = ""
    term: int = 0
    grace: int = 0
    repay_months: int = 0  # how many monthly instalments the enterprise has actually paid
    mentor: str = ""


ENTERPRISES = [
    ("Zadruga Mlinček", "zadruga", "SI035",  # Litija: Zasavska since 2015
     "Zadružna pekarna v Litiji, ki usposablja in zaposluje ljudi po dolgi brezposelnosti."),
    ("Eko kmetija Zavrh", "doo", "SI041",
     "Ekološka kmetija, ki zabojčke zelenjave prodaja družinam in šolskim kuhinjam."),
    ("Socialno podjetje Prepih", "zavod", "SI041",
     "Popravlja in prodaja rabljeno pohištvo in kolesa; zaposluje invalide."),
    ("Knjigarnica Zasavje", "sp", "SI035",
     "Majhna knjigarna s čitalnico v Trbovljah, ki jo vodi mlada podjetnica."),
    ("Čebelarstvo Jelka", "sp", "SI042",
     "Čebelarstvo in medeni izdelki; podjetnica ga je začela po dolgi brezposelnosti."),
    ("Kolesarnica Bled", "doo", "SI042", "Izposoja in popravilo koles za obiskovalce."),
]
# Legal forms are codes (clubs/legal_form.py); "so.p." is a status these two hold: the
# cooperative bakery and the institute Prepih are registered social enterprises.
SOCIAL_ENTERPRISES = {"Zadruga Mlinček", "Socialno podjetje Prepih"}


CLUBS: list[dict[str, Any]] = [
    {
        "name": "Klub solidarnih vlagateljev Srce Slovenije",
        # Litija is in Zasavska (since 2015), Šmartno pri Litiji in Osrednjeslovenska: the
        # club, like the Development Centre of the Heart of Slovenia, covers both regions.
        "region": "SI035", "other_regions": ["SI041"], "home": True,
        "start": date(2022, 3, 1), "policy": "units", "pledge": "30.00",
        "members": ["Mojca Kovač", "Tomaž Zupan", "Špela Novak", "Jure Horvat", "Alenka Krajnc",
                    "Boštjan Potočnik", "Irena Kos", "Rok Vidmar", "Urška Golob", "Matej Turk",
                    "Nataša Božič", "Gregor Mlakar"],
        "description": "Lokalna hrana, popravila in zaposlovanje ranljivih skupin na "
                       "območju Litije in Šmartnega.",
        "investments": [
            DemoInvestment(9, "Zadruga Mlinček", "loan", "3000", "2", 36, 3, 30, "Irena Kos"),
            DemoInvestment(17, "Eko kmetija Zavrh", "equity", "2500", mentor="Jure Horvat"),
            DemoInvestment(26, "Socialno podjetje Prepih", "advance", "1500",
                           mentor="Alenka Krajnc"),
            DemoInvestment(33, "Zadruga Mlinček", "equity", "1000", mentor="Irena Kos"),
        ],
        "exits": [(30, "Matej Turk")],
    },
    {
        "name": "Zasavski varčevalni krog",
        "region": "SI035", "start": date(2023, 9, 1), "policy": "contributions",
        "pledge": "25.00",
        "members": ["Petra Lesjak", "Aleš Hribar", "Maja Debevec", "Luka Jerman",
                    "Vesna Ocvirk", "Damjan Kralj", "Tina Rozman", "Andrej Kovačič"],
        "description": "Trgovine in storitve, ki ohranjajo živa mestna središča Zasavja.",
        "investments": [
            DemoInvestment(10, "Knjigarnica Zasavje", "loan", "1500", "0", 24, 0, 6,
                           "Maja Debevec"),
        ],
        "exits": [],
    },
    {
        "name": "Gorenjska CIGALA",
        "region": "SI042", "start": date(2020, 1, 15), "policy": "units", "pledge": "20.00",
        "members": ["Simona Pirc", "Blaž Kern", "Katarina Zupančič", "Primož Štular",
                    "Anja Mohorič", "Uroš Bergant", "Tjaša Ažman"],
        "description": "Prvi klub na Gorenjskem; petletno obdobje se je izteklo, klub čaka "
                       "na vračilo zadnje naložbe.",
        "investments": [
            DemoInvestment(13, "Čebelarstvo Jelka", "loan", "1800", "3", 30, 0, 30,
                           "Blaž Kern"),
            DemoInvestment(26, "Kolesarnica Bled", "equity", "2000", mentor="Anja Mohorič"),
        ],
        "exits": [(40, "Tjaša Ažman")],
        "sell": (50, "Kolesarnica Bled", "2600"),
        "management_after": 60,
    },
]


def _events(spec: dict[str, Any], today: date, rng: random.Random) -> Iterator[Event]:
    start: date = spec["start"]
    months = (today.year - start.year) * 12 + today.month - start.month
    stop = spec.get("management_after", months + 1)
    members: list[str] = spec["members"]
    exits = {m: n for n, m in spec.get("exits", [])}
    gone: set[str] = set()
    for name in members:
        yield Event(date=start, type="join", member=name, reference=f"join-{name}")
    loans: list[tuple[DemoInvestment, date]] = []
    for k in range(months + 1):
        day = add_months(start, k)
        if day > today:
            break
        if k < stop:
            for name in members:
                if name in gone or rng.random() < 0.08:  # now and then someone skips a month
                    continue
                yield Event(date=day, type="contribution", member=name,
                            amount=Decimal(spec["pledge"]), reference=f"c-{k}-{name}")
        for inv in spec["investments"]:
            if inv.month == k:
                yield Event(
                    date=day + timedelta(days=3), type="investment", enterprise=inv.enterprise,
                    instrument=inv.instrument, amount=Decimal(inv.amount),
                    rate=Decimal(inv.rate) if inv.instrument == "loan" else None,
                    term=inv.term or None if inv.instrument == "loan" else None,
                    grace=inv.grace if inv.instrument == "loan" else None,
                    reference=f"inv-{k}-{inv.enterprise}",
                )
                if inv.instrument == "loan":
                    loans.append((inv, day + timedelta(days=3)))
        for inv, disbursed in loans:
            paid_k = (day.year - disbursed.year) * 12 + day.month - disbursed.month
            if 1 <= paid_k <= inv.repay_months:
                yield Event(date=day + timedelta(days=5), type="repayment",
                            enterprise=inv.enterprise, instrument="loan",
                            amount=_instalment(inv, paid_k), reference=f"rep-{k}-{inv.enterprise}")
        if k == 22 and spec["name"].startswith("Klub"):
            yield Event(date=day, type="valuation", enterprise="Eko kmetija Zavrh",
                        instrument="equity", amount=Decimal("2750"), reference="val-zavrh")
        if k % 12 == 11:
            yield Event(date=day, type="expense", amount=Decimal("24.00"),
                        reference=f"fee-{k}", note="Letni bančni stroški")
        for name, n in exits.items():
            if n == k:
                gone.add(name)
                yield Event(date=day + timedelta(days=10), type="exit", member=name,
                            reference=f"exit-{name}")
        sell = spec.get("sell")
        if sell and sell[0] == k:
            yield Event(date=day, type="sale", enterprise=sell[1], instrument="equity",
                        amount=Decimal(sell[2]), reference=f"sale-{sell[1]}")


def _instalment(inv: DemoInvestment, k: int) -> Decimal:
    from microfuture.clubs.core import loan_schedule

    schedule = loan_schedule(principal=Decimal(inv.amount), rate=Decimal(inv.rate),
                             term=inv.term, grace=inv.grace, disbursed=date(2000, 1, 1))
    return schedule[k - 1].payment


def _users() -> dict[str, User]:
    people = {
        "blagajnicka": ("Irena Kos", "irena.kos@example.org"),
        "clan": ("Rok Vidmar", "rok.vidmar@example.org"),
        "poslovodja": ("Mojca Kovač", "mojca.kovac@example.org"),
        "podjetnica": ("Vida Mlinar", "vida.mlinar@example.org"),
    }
    return {
        username: user_ensure(username=username, email=email, full_name=full,
                              password=DEMO_PASSWORD)
        for username, (full, email) in people.items()
    }


@transaction.atomic
def seed_clubs(today: date | None = None) -> list[str]:
    """Create the demo clubs that do not exist yet; return the names of those created."""
    today = today or timezone.localdate()
    rng = random.Random(2026)  # same history every time
    users = _users()
    admin = User.objects.filter(username="admin").first()
    for name, form, region, description in ENTERPRISES:
        ent, _ = Enterprise.objects.get_or_create(
            name=name,
            defaults={"slug": _slug(name), "legal_form": form, "region": region,
                      "social_enterprise": name in SOCIAL_ENTERPRISES,
                      "description": description,
                      # A sole trader has no share capital.
                      "share_capital_cents": None if form == "sp" else 2_000_000},
        )
        if name == "Zadruga Mlinček":
            ent.representatives.add(users["podjetnica"])
    created = []
    for spec in CLUBS:
        if Club.objects.filter(name=spec["name"]).exists():
            continue
        club = club_create(
            name=spec["name"], region=spec["region"], start_date=spec["start"],
            share_policy=spec["policy"], monthly_pledge=Decimal(spec["pledge"]),
            description=spec["description"], status=Club.Status.ACTIVE, created_by=admin,
            contact_email=f"klub@{_slug(spec['name'])}.example.org",
            decision_rule=Club.DecisionRule.TWO_THIRDS if spec["policy"] == "units"
            else Club.DecisionRule.MAJORITY, other_regions=spec.get("other_regions", ()),
        )
        # Sorted by date; the sort is stable, so same-day events keep their order. A few days
        # after a month's collection may fall after today: money is never recorded ahead.
        events = sorted((e for e in _events(spec, today, rng) if e.date <= today),
                        key=lambda e: e.date)
        roles: dict[str, str] = {spec["members"][0]: Member.Role.MANAGER,
                                 spec["members"][6]: Member.Role.TREASURER,
                 spec["members"][2]: Member.Role.SECRETARY}
        links = {}
        if spec.get("home"):
            links = {"Irena Kos": users["blagajnicka"], "Rok Vidmar": users["clan"],
                     "Mojca Kovač": users["poslovodja"]}
        # The club's past: payments made before it came to the platform (no four eyes).
        club_record_events(club=club, events=events, recorded_by=admin or SYSTEM,
                           member_users=links, member_roles=roles, history=True)
        _governance(club, spec, admin)
        if spec.get("management_after"):
            # In management from the month its savings stopped, not from the day of seeding.
            club_set_status(club=club, status=Club.Status.MANAGEMENT, actor=admin or SYSTEM,
                            on=min(add_months(spec["start"], spec["management_after"]), today))
        if spec.get("home"):
            _open_business(club, today)
        created.append(club.name)
    return created


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)


def _open_business(club: Club, today: date) -> None:
    """What is going on now: a meeting next month and a vote open until next week."""
    tz = timezone.get_current_timezone()
    next_month = add_months(today.replace(day=1), 1)
    Meeting.objects.create(
        club=club, title=f"Mesečni sestanek – {next_month:%m/%Y}",
        starts_at=timezone.make_aware(datetime.combine(next_month, time(18, 0)), tz),
        location="Knjižnica Litija",
        agenda="1. Vplačila meseca\n2. Poročilo mentorjev\n3. Rastlinjak za Eko kmetijo Zavrh",
    )
    proposal = Proposal.objects.create(
        club=club, enterprise=Enterprise.objects.get(name="Eko kmetija Zavrh"),
        title="Posojilo za rastlinjak", instrument=Proposal.Instrument.LOAN,
        summary="Rastlinjak za zgodnjo zelenjavo, da kmetija lahko oskrbuje šolske kuhinje "
                "vse leto.",
        amount_cents=200_000, rate="2", term=36, grace=6, method="annuity",
        due_diligence="Mentor Jure Horvat je pregledal ponudbe za rastlinjak in načrt prodaje.",
        status=Proposal.Status.VOTING, rule_at_open=club.decision_rule,
        quorum_at_open=club.quorum_percent,
        vote_deadline=timezone.make_aware(
            datetime.combine(today + timedelta(days=7), time(20, 0)), tz),
    )
    for member in Member.objects.filter(club=club, exited_on__isnull=True)[:4]:
        Vote.objects.create(proposal=proposal, member=member, choice=Vote.Choice.YES)


TOPICS = ["Načrt denarnih tokov", "Cene in stroški", "Iskanje drugega posojilodajalca"]
TITLES = {"loan": "Posojilo", "equity": "Lastniški delež", "advance": "Družbeniško posojilo",
          "participatory": "Participativni vrednostni papirji"}


def _governance(club: Club, spec: dict[str, Any], actor: Any) -> None:
    """Meetings, the approved proposals behind each investment, votes, mentors, updates."""
    members = list(Member.objects.filter(club=club).order_by("pk"))
    tz = timezone.get_current_timezone()
    for inv in spec["investments"]:
        enterprise = Enterprise.objects.get(name=inv.enterprise)
        day = add_months(spec["start"], inv.month)
        meeting = Meeting.objects.create(
            club=club, title=f"Mesečni sestanek – {day:%m/%Y}",
            starts_at=timezone.make_aware(datetime.combine(day, time(18, 0)), tz),
            location="Knjižnica Litija", held=True,
            agenda=f"1. Vplačila meseca\n2. Predlog: {inv.enterprise}\n3. Novice mentorjev",
            minutes=f"Klub je poslušal predstavitev {inv.enterprise} in glasoval o predlogu.",
        )
        active = [m for m in members if m.joined_on and m.joined_on <= day
                  and (m.exited_on is None or m.exited_on > day)]
        # Every fifth member abstains, the others vote yes: stored as codes (docs/governance.md).
        yes = sum(1 for i in range(len(active)) if i % 5)
        decision = decide(rule=club.decision_rule, quorum_percent=club.quorum_percent,
                          tally=Tally(yes=yes, no=0, abstain=len(active) - yes,
                                      eligible=len(active),
                                      needed=quorum_needed(quorum_percent=club.quorum_percent,
                                                           eligible=len(active))))
        proposal = Proposal.objects.create(
            club=club, enterprise=enterprise, title=f"{TITLES[inv.instrument]}: {inv.enterprise}",
            summary=enterprise.description,
            instrument=inv.instrument, amount_cents=int(Decimal(inv.amount) * 100),
            rate=inv.rate, term=inv.term or None, grace=inv.grace or None,
            method="annuity" if inv.instrument == "loan" else "",
            due_diligence="Ogled prostorov, pregled računovodskih izkazov zadnjih dveh let in "
                          "poslovnega načrta; priporočilo lokalnega razvojnega centra.",
            status=Proposal.Status.FUNDED, meeting=meeting,
            rule_at_open=club.decision_rule, quorum_at_open=club.quorum_percent,
            decided_at=meeting.starts_at, decision=decision.as_json(),
        )
        for i, m in enumerate(active):
            Vote.objects.create(proposal=proposal, member=m,
                                choice=Vote.Choice.YES if i % 5 else Vote.Choice.ABSTAIN)
        club.events.filter(type="investment", enterprise=inv.enterprise,
                           date__gte=day, proposal__isnull=True).update(proposal=proposal)
        mentor = next((m for m in members if m.name == inv.mentor), None)
        if mentor is not None:
            ship, _ = Mentorship.objects.get_or_create(
                club=club, enterprise=enterprise, mentor=mentor, defaults={"since": day})
            for q in range(1, 4):
                MentoringSession.objects.create(
                    mentorship=ship, date=add_months(day, q * 2), minutes=90,
                    topic=TOPICS[q - 1], notes="Skupaj sva pregledala številke.")
        EnterpriseUpdate.objects.get_or_create(
            enterprise=enterprise, date=add_months(day, 6),
            defaults={"jobs": 3, "turnover_cents": 8_500_000,
                      "milestone": "Zaposlili smo drugo sodelavko; prvo celo leto z dobičkom."},
        )
        audit(club=club, actor=actor, action="proposal.funded", proposal=proposal.pk)
