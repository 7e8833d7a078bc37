"""Demo data for `seed_demo`: the story of the MICROFUTURE stakeholder meetings in Slovenia.

The facts (who the partners are, where and when the interregional meetings were, what the 3rd
stakeholder meeting in Ljubljana on 24 July 2024 presented and chose) come from public
sources gathered in `../shared/domain/practices.md`, `field-review.md` and `cigales.md`; each
meeting carries its source as a document link or in its minutes, and says what is uncertain.
What happened next (the action items, their owners and dates, the joint initiative, the
people, the registrations and the interest) is invented for the demo, and the minutes say so.
People's names are fictional, their addresses are at example.org / example.si.

Rows are written straight into the models (the network's services are written alongside;
this module must not depend on them) and looked up by a natural key first, so running it
again adds nothing: organisations by name, people by e-mail, meetings by their iCalendar UID,
decisions by position, items by title, registrations and interest by e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from microfuture.accounts.models import User
from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.municipalities import MUNICIPALITIES
from microfuture.network.models import (
    ActionItem,
    ClubInterest,
    Decision,
    Document,
    Initiative,
    Meeting,
    Organisation,
    Outcome,
    Participant,
    Person,
    Registration,
    StatusChange,
)
from microfuture.practices.models import Practice

LJ = ZoneInfo("Europe/Ljubljana")

# Sources (the facts files cite them; the meetings link them).
SRC_LJUBLJANA = ("https://interregeurope.eu/microfuture/news-and-events/news/"
                 "3rd-stakeholder-meeting-held-in-slovenia")
SRC_BOLOGNA = ("https://www.oirbi.ro/prima-intalnire-interregionala-a-partenerilor-microfuture-"
               "a-avut-loc-in-bologna-italia/")
SRC_PARIS = ("https://www.oirbi.ro/proiectul-microfuture-marcheaza-progres-semnificativ-in-"
             "sectorul-microfinantarii-la-a-treia-intalnire-interregionala-din-franta/")
SRC_KAMNIK = ("https://www.cittametropolitana.bo.it/progetti_europei/Home/Progetti_europei/"
              "microfuture/Microfuture_a_Kamnik_per_il_quinto_Interregional_Meeting")
SRC_PROJECT = "https://www.cittametropolitana.bo.it/progetti_europei/microfuture_eng"
SRC_RCSS = "http://in-eur.eu/view/main/consortium/development-centre-of-the-heart-of-slovenia"
SRC_COOMPANION = ("https://www.interregeurope.eu/good-practices/"
                  "model-for-collaboration-to-support-financial-inclusion-of-social-economy")
SRC_SSD = ("http://seinesaintdenis.fr/emploi-entrepreneuriat/entrepreneuriat/"
           "MICROFUTURE-La-Seine-Saint-Denis-prepare-le-futur-de-la-microfinance-grace-a")
SRC_OREBRO = ("https://utveckling.regionorebrolan.se/sv/kultur-och-civilsamhalle/"
              "internationell-samverkan/Microfuture/")

DEMO_NOTE_SL = "Izmišljena organizacija, le za predstavitev."
DEMO_NOTE_EN = "An invented organisation, for the demo only."

# Names used by the tests and by other parts of the demo.
AGENCY = "Razvojni center Srca Slovenije"
MINISTRY = "Ministrstvo za gospodarstvo, turizem in šport (Sektor za socialno ekonomijo)"
FUND = "Slovenski podjetniški sklad"
BANK = "Hranilnica Sotočje d.d."
VULNERABLE = "Društvo Korak naprej Litija"
SOCIAL_ENTERPRISE = "Socialno podjetje Prepih"
CIGALES_FEDERATION = "Fédération des CIGALES"
LJUBLJANA_UID = "demo-3rd-stakeholder-meeting-ljubljana-2024-07-24@microfuture"
INITIATIVE_TITLE_SL = "Prvi pilotni klubi"
INFO_SESSION_UID = "demo-info-session-litija@microfuture"
FAIR_UID = "demo-project-fair-ljubljana@microfuture"
HOME_CLUB = "Klub solidarnih vlagateljev Srce Slovenije"
DEMO_CLUBS = (HOME_CLUB, "Zasavski varčevalni krog", "Gorenjska CIGALA")


# The directory ---------------------------------------------------------------------------

ORGANISATIONS: list[dict[str, Any]] = [
    {"name": AGENCY, "kind": Organisation.Kind.SUPPORT_ORG, "country": "SI", "region": "SI035",
     "website": "https://www.razvoj.si/",
     "about_sl": "Neprofitna razvojna agencija iz Litije, ki jo je leta 2000 ustanovila Občina "
                 "Litija; slovenska partnerica projekta MICROFUTURE (Interreg Europe) in "
                 f"regionalna koordinatorka omrežja. Vir: {SRC_RCSS}",
     "about_en": "A non-profit development agency in Litija, founded in 2000 by the "
                 "Municipality of Litija; the Slovenian partner of the MICROFUTURE project "
                 f"(Interreg Europe) and the network's regional coordinator. Source: {SRC_RCSS}"},
    {"name": MINISTRY, "kind": Organisation.Kind.POLICYMAKER, "country": "SI",
     "region": "SI041", "website": "https://gov.si/en/topics/social-entrepreneurship",
     "mechanism_provider": "mgts",
     "about_sl": "Sektor za socialno ekonomijo ministrstva: oblikuje politiko socialnega "
                 "podjetništva in razpise zanjo. Na 3. srečanju deležnikov MICROFUTURE je izbral "
                 f"prakso Clubs CIGALES. Vir: {SRC_LJUBLJANA}",
     "about_en": "The Ministry's Sector for Social Economy: it makes the policy for social "
                 "entrepreneurship and its calls. At the 3rd MICROFUTURE stakeholder meeting it "
                 f"chose the practice Clubs CIGALES. Source: {SRC_LJUBLJANA}"},
    {"name": FUND, "kind": Organisation.Kind.FINANCIAL_INSTITUTION, "country": "SI",
     "region": "SI032", "website": "https://www.podjetniskisklad.si/",
     "mechanism_provider": "sef",
     "about_sl": "Javni sklad, ki daje mikrokredite, garancije in spodbude malim podjetjem "
                 "(njegovi produkti so v iskalniku financiranja).",
     "about_en": "A public fund giving microloans, guarantees and incentives to small firms "
                 "(its products are in the finance finder)."},
    {"name": BANK, "kind": Organisation.Kind.FINANCIAL_INSTITUTION, "country": "SI",
     "region": "SI035",
     "about_sl": f"Lokalna hranilnica, partnerica prvih pilotnih klubov. {DEMO_NOTE_SL}",
     "about_en": f"A local savings bank, partner of the first pilot clubs. {DEMO_NOTE_EN}"},
    {"name": VULNERABLE, "kind": Organisation.Kind.VULNERABLE_GROUP_ORG, "country": "SI",
     "region": "SI035",
     "about_sl": "Društvo, ki dolgotrajno brezposelnim in ljudem z manj priložnostmi pomaga pri "
                 f"zaposlitvi in samozaposlitvi. {DEMO_NOTE_SL}",
     "about_en": "An association helping the long-term unemployed and people with fewer "
                 f"opportunities into work and self-employment. {DEMO_NOTE_EN}"},
    {"name": SOCIAL_ENTERPRISE, "kind": Organisation.Kind.SOCIAL_ENTERPRISE, "country": "SI",
     "region": "SI041",
     "about_sl": "Popravlja in prodaja rabljeno pohištvo in kolesa; zaposluje invalide. "
                 f"{DEMO_NOTE_SL}",
     "about_en": "Repairs and sells second-hand furniture and bicycles; employs people with "
                 f"disabilities. {DEMO_NOTE_EN}"},
    {"name": "OIR PECU BI (Organismul Intermediar Regional București-Ilfov)",
     "kind": Organisation.Kind.POLICYMAKER, "country": "RO", "region": "RO321",
     "website": "https://www.oirbi.ro/",
     "about_sl": "Vodilni partner projekta MICROFUTURE: regionalni posredniški organ programa "
                 f"Izobraževanje in zaposlovanje (ESS+) za Bukarešto in Ilfov. Vir: {SRC_BOLOGNA}",
     "about_en": "Lead partner of MICROFUTURE: the regional intermediate body of the Education "
                 f"and Employment Programme (ESF+) for Bucharest-Ilfov. Source: {SRC_BOLOGNA}"},
    {"name": "Città metropolitana di Bologna", "kind": Organisation.Kind.POLICYMAKER,
     "country": "IT", "region": "ITH55", "website": "https://www.cittametropolitana.bo.it/",
     "about_sl": "Partnerica MICROFUTURE; gostila je uvodno srečanje maja 2023 in vodi "
                 f"podporo zagonskim podjetjem »Progetti d'Impresa«. Vir: {SRC_PROJECT}",
     "about_en": "MICROFUTURE partner; hosted the kick-off in May 2023 and runs the "
                 f"'Progetti d'Impresa' start-up support. Source: {SRC_PROJECT}"},
    {"name": "Département de la Seine-Saint-Denis", "kind": Organisation.Kind.POLICYMAKER,
     "country": "FR", "region": "FR106", "website": "https://seinesaintdenis.fr/",
     "practices": ["seine-saint-denis-adie-rsa"],
     "about_sl": "Partner MICROFUTURE; od leta 2018 z Adie vodi program mikrokreditov za "
                 "prejemnike minimalnega dohodka (RSA). Gostil je 3. medregijsko srečanje maja "
                 f"2024. Vir: {SRC_SSD}",
     "about_en": "MICROFUTURE partner; since 2018 it runs a microcredit programme with Adie for "
                 "recipients of the minimum income (RSA). Hosted the 3rd interregional meeting "
                 f"in May 2024. Source: {SRC_SSD}"},
    {"name": "Region Örebro län", "kind": Organisation.Kind.POLICYMAKER, "country": "SE",
     "region": "SE124", "website": "https://www.regionorebrolan.se/",
     "practices": ["coompanion-mikrofonden"],
     "about_sl": "Partnerica MICROFUTURE; osredotoča se na regionalni Mikrofonden Mälardalen. "
                 f"Vir: {SRC_OREBRO}",
     "about_en": "MICROFUTURE partner; its focus is the regional Mikrofonden Mälardalen. "
                 f"Source: {SRC_OREBRO}"},
    {"name": "Fondazione Yunus Italia", "kind": Organisation.Kind.RESEARCH, "country": "IT",
     "region": "ITH55",
     "about_sl": "Svetovalna partnerica MICROFUTURE (prej Grameen Italia): analiza vrzeli in "
                 f"družbeni donos naložb (SROI). Vir: {SRC_KAMNIK}",
     "about_en": "Advisory partner of MICROFUTURE (formerly Grameen Italia): gap analysis and "
                 f"social return on investment (SROI). Source: {SRC_KAMNIK}"},
    {"name": CIGALES_FEDERATION, "kind": Organisation.Kind.SUPPORT_ORG, "country": "FR",
     "website": "http://cigales.asso.fr/", "practices": ["cigales-clubs"],
     "about_sl": "Zveza klubov CIGALES v Franciji: vsak klub podpiše njeno listino in ga zveza "
                 "potrdi.",
     "about_en": "The federation of CIGALES clubs in France: each club signs its charter and is "
                 "approved by it."},
]


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    organisation: str
    role: str
    email: str
    languages: tuple[str, ...] = ("sl",)
    consent_on: date | None = None
    listed: bool = False
    contacted: bool = False
    username: str = ""


PEOPLE = [
    DemoPerson("katja", "Katja Koordinatorka", AGENCY, "regionalna koordinatorka omrežja",
               "koordinatorka@example.org", ("sl", "en"), date(2024, 7, 1), True, True,
               username="koordinatorka"),
    DemoPerson("nina", "Nina Oblak", MINISTRY, "svetovalka za socialno ekonomijo",
               "nina.oblak@example.si", ("sl", "en"), date(2024, 7, 24), True, True),
    DemoPerson("bojan", "Bojan Kranjc", FUND, "skrbnik mikrokreditov",
               "bojan.kranjc@example.si", ("sl",), date(2025, 3, 10), True, False),
    DemoPerson("elena", "Elena Marinescu", "OIR PECU BI (Organismul Intermediar Regional "
               "București-Ilfov)", "project officer", "elena.marinescu@example.org",
               ("ro", "en"), date(2023, 5, 30), True, True),
    DemoPerson("tina", "Tina Hribar", VULNERABLE, "vodja programov", "tina.hribar@example.si",
               ("sl",), date(2025, 1, 15), True, True),
    # No consent: only the network's staff see him.
    DemoPerson("simon", "Simon Pečar", BANK, "vodja poslovalnice", "simon.pecar@example.si"),
]

CONSENT_TEXT_SL = ("Strinjam se, da me Razvojni center Srca Slovenije vodi v imeniku omrežja "
                   "MICROFUTURE{contact}.")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LJ)


def _organisations() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        spec = dict(spec)
        provider = spec.pop("mechanism_provider", None)
        slugs = spec.pop("practices", [])
        org, created = Organisation.objects.get_or_create(name=spec.pop("name"), defaults=spec)
        if not created:
            # A practice's contact may have made it already (network/signals.py): fill in
            # what is blank, never overwrite what someone wrote.
            blank = {k: v for k, v in spec.items()
                     if k in ("website", "region", "about_sl", "about_en")
                     and not getattr(org, k)}
            if not org.about_sl and not org.about_en and "kind" in spec:
                # Nobody has described it yet: its kind was the receiver's guess by name.
                blank["kind"] = spec["kind"]
            if blank:
                Organisation.objects.filter(pk=org.pk).update(**blank)
        # Adding a link that is there already adds nothing.
        if provider:
            org.mechanisms.add(*Mechanism.objects.filter(provider__slug=provider))
        if slugs:
            org.practices.add(*Practice.objects.filter(slug__in=slugs))
        orgs[org.name] = org
    # The demo clubs are citizen clubs of the network.
    for club in Club.objects.filter(name__in=DEMO_CLUBS):
        org, created = Organisation.objects.get_or_create(
            name=club.name,
            defaults={"kind": Organisation.Kind.CITIZEN_CLUB, "country": "SI",
                      "region": club.region,
                      "about_sl": "Klub državljanov, ki skupaj varčujejo in vlagajo v lokalna "
                                  f"podjetja (po vzoru klubov CIGALES). {DEMO_NOTE_SL}",
                      "about_en": "A club of citizens who save together and invest in local "
                                  f"firms (after the CIGALES clubs). {DEMO_NOTE_EN}"},
        )
        if created:
            org.clubs.add(club)
        orgs[org.name] = org
    return orgs


def _people(orgs: dict[str, Organisation]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for p in PEOPLE:
        contact = " in mi piše po e-pošti" if p.contacted else ""
        person = Person.objects.filter(email=p.email).first()
        if person is None:
            person = Person.objects.create(
                name=p.name, organisation=orgs[p.organisation], role=p.role, email=p.email,
                languages=list(p.languages), consent_on=p.consent_on,
                consent_listed=p.listed, consent_contacted=p.contacted,
                consent_text=CONSENT_TEXT_SL.format(contact=contact) if p.consent_on else "",
                user=User.objects.filter(username=p.username).first() if p.username else None,
            )
        people[p.key] = person
    return people


# Meetings --------------------------------------------------------------------------------


@dataclass
class DemoMeeting:
    key: str
    kind: str
    title_sl: str
    title_en: str
    starts_at: datetime
    ends_at: datetime
    place: str
    organiser: str
    language: str = "sl"
    agenda: str = ""
    minutes: str = ""
    municipality: str = ""  # the region is the municipality's
    public: bool = False
    capacity: int | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)
    # (organisation name or person key, attended)
    participants: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def uid(self) -> str:
        if self.key == "ljubljana":
            return LJUBLJANA_UID
        if self.key == "info_session":
            return INFO_SESSION_UID
        if self.key == "fair":
            return FAIR_UID
        return f"demo-{self.key}@microfuture"


PARTNERS = ["OIR PECU BI (Organismul Intermediar Regional București-Ilfov)",
            "Città metropolitana di Bologna", "Département de la Seine-Saint-Denis",
            "Region Örebro län", "Fondazione Yunus Italia", AGENCY]


def _meetings(today: date) -> list[DemoMeeting]:
    info_day = today + timedelta(days=16)
    fair_day = today + timedelta(days=37)
    everyone = [(name, True) for name in PARTNERS]
    return [
        DemoMeeting(
            "bologna-2023", Meeting.Kind.LEARNING_EVENT,
            "1. medregijsko srečanje MICROFUTURE (Bologna)",
            "1st MICROFUTURE interregional meeting (Bologna)",
            _at(date(2023, 5, 30), 9), _at(date(2023, 5, 31), 14),
            "Bologna, Italija", "Città metropolitana di Bologna", language="en",
            agenda="1. Project kick-off\n2. Partners' regions and policy instruments\n"
                   "3. Work plan of the core phase",
            minutes="The six partners from Romania, Italy, Slovenia, Sweden and France met for "
                    "the first time and agreed the work plan of the project's core phase. "
                    f"Source: {SRC_BOLOGNA}",
            documents=[("Report of the meeting (OIR BI, in Romanian)", SRC_BOLOGNA),
                       ("The project at the Metropolitan City of Bologna", SRC_PROJECT)],
            participants=everyone,
        ),
        DemoMeeting(
            "bucharest-2023", Meeting.Kind.LEARNING_EVENT,
            "2. medregijsko srečanje MICROFUTURE (Bukarešta)",
            "2nd MICROFUTURE interregional meeting (Bucharest)",
            _at(date(2023, 11, 7), 9), _at(date(2023, 11, 8), 14),
            "Bukarešta, Romunija",
            "OIR PECU BI (Organismul Intermediar Regional București-Ilfov)", language="en",
            agenda="1. Microfinance in Bucharest-Ilfov\n2. Good practices of the partners",
            minutes="The lead partner hosted the partners in Bucharest on 7–8 November 2023. "
                    "That it was the second interregional meeting is our reading of the order "
                    f"of the meetings (Bologna first, Seine-Saint-Denis third). Source: "
                    f"{SRC_KAMNIK}",
            participants=everyone,
        ),
        DemoMeeting(
            "seine-saint-denis-2024", Meeting.Kind.LEARNING_EVENT,
            "3. medregijsko srečanje MICROFUTURE (Seine-Saint-Denis, Pariz)",
            "3rd MICROFUTURE interregional meeting (Seine-Saint-Denis, Paris)",
            _at(date(2024, 5, 15), 9), _at(date(2024, 5, 16), 14),
            "Seine-Saint-Denis (Pariz), Francija", "Département de la Seine-Saint-Denis",
            language="en",
            agenda="1. Microcredit for minimum-income recipients with Adie\n"
                   "2. Good practices of the partners\n3. Vote for the best practice",
            minutes="The partners presented their good practices and voted a Romanian practice "
                    f"the best one. Source: {SRC_PARIS}",
            documents=[("Report of the meeting (OIR BI, in Romanian)", SRC_PARIS),
                       ("Seine-Saint-Denis and MICROFUTURE (in French)", SRC_SSD)],
            participants=everyone,
        ),
        DemoMeeting(
            "ljubljana", Meeting.Kind.STAKEHOLDER_MEETING,
            "3. srečanje deležnikov MICROFUTURE v Sloveniji",
            "3rd MICROFUTURE stakeholder meeting in Slovenia",
            _at(date(2024, 7, 24), 10), _at(date(2024, 7, 24), 13),
            "Ministrstvo za gospodarstvo, turizem in šport, Ljubljana", AGENCY,
            municipality="061",
            agenda="1. Poudarki s 3. medregijskega srečanja v Parizu (Seine-Saint-Denis, "
                   "15.–16. maj 2024)\n"
                   "2. Predstavitev osmih dobrih praks MICROFUTURE iz Francije, Italije, "
                   "Romunije in Švedske (povezave med dokumenti)\n"
                   "3. Naslednji koraki Razvojnega centra Srca Slovenije in ministrstva",
            minutes=(
                "Srečanje je bilo 24. julija na Ministrstvu za gospodarstvo, turizem in šport "
                "v Ljubljani, s Sektorjem za socialno ekonomijo. Leto na izvirni strani ni "
                "navedeno; da je bilo to leta 2024 (po srečanju v Parizu maja 2024), je naše "
                "sklepanje.\n\n"
                "Razvojni center Srca Slovenije je predstavil poudarke s 3. medregijskega "
                "srečanja v Parizu. Predstavljenih je bilo osem dobrih praks projekta iz "
                "Francije, Italije, Romunije in Švedske. V knjižnici jih je zaenkrat sedem; za "
                "nekatere ni potrjeno, da so bile med osmimi.\n\n"
                "Ministrstvo se je odločilo za prakso Clubs CIGALES: državljani združijo "
                "prihranke za lokalne socialne projekte in socialnim podjetnikom prostovoljno "
                "pomagajo. Naslednji koraki: zbrati spoznanja praktikov in dejavnike uspeha, "
                "ozaveščati ranljive skupine in socialna podjetja ter okrepiti sodelovanje in "
                "izmenjavo znanja med deležniki.\n\n"
                "Ura srečanja, imena udeležencev ter naloge z nosilci in roki so izmišljeni za "
                f"predstavitev. Vir: {SRC_LJUBLJANA}"
            ),
            documents=[("Poročilo o srečanju (Interreg Europe, v angleščini)", SRC_LJUBLJANA),
                       ("Poročilo o 3. medregijskem srečanju v Franciji (OIR BI, v romunščini)",
                        SRC_PARIS),
                       ("Dobra praksa: model sodelovanja Coompanion in Mikrofonden "
                        "(Interreg Europe)", SRC_COOMPANION)],
            participants=[(AGENCY, True), (MINISTRY, True), (FUND, False), ("katja", True),
                          ("nina", True)],
        ),
        DemoMeeting(
            "kamnik-2025", Meeting.Kind.LEARNING_EVENT,
            "5. medregijsko srečanje MICROFUTURE (Kamnik)",
            "5th MICROFUTURE interregional meeting (Kamnik)",
            _at(date(2025, 5, 21), 9), _at(date(2025, 5, 22), 17),
            "Kamnik, Slovenija", AGENCY, language="en", municipality="043",
            agenda="1. A shared checklist to track policy improvement\n"
                   "2. Social return on investment (SROI), Fondazione Yunus Italia\n"
                   "3. The Ministry: current calls for social enterprises and new laws\n"
                   "4. Study visits to KNOF (Krško) and ETRI (Ljubljana)",
            minutes="The Development Centre of the Heart of Slovenia hosted the partners. They "
                    "shared a checklist to track policy improvement; Fondazione Yunus Italia "
                    "presented SROI; the Ministry presented its current calls for social "
                    "enterprises and legislative updates. The 4th interregional meeting is not "
                    f"in our sources. Source: {SRC_KAMNIK}",
            documents=[("Report of the meeting (Metropolitan City of Bologna, in Italian)",
                        SRC_KAMNIK)],
            participants=[*everyone, (MINISTRY, True), ("katja", True), ("elena", True)],
        ),
        DemoMeeting(
            "visit-knof-2025", Meeting.Kind.STUDY_VISIT, "Študijski obisk: KNOF, Krško",
            "Study visit: KNOF, Krško", _at(date(2025, 5, 22), 9), _at(date(2025, 5, 22), 12),
            "KNOF, Krško", AGENCY, language="en", municipality="054",
            minutes="A study visit during the 5th interregional meeting. The sources name the "
                    "visit, not its day or hours: those are ours. Source: "
                    f"{SRC_KAMNIK}",
            documents=[("Report of the meeting (in Italian)", SRC_KAMNIK)],
            participants=[(name, True) for name in PARTNERS],
        ),
        DemoMeeting(
            "visit-etri-2025", Meeting.Kind.STUDY_VISIT, "Študijski obisk: ETRI, Ljubljana",
            "Study visit: ETRI, Ljubljana", _at(date(2025, 5, 22), 14),
            _at(date(2025, 5, 22), 16), "ETRI, Ljubljana", AGENCY, language="en",
            municipality="061",
            minutes="A study visit during the 5th interregional meeting. The sources name the "
                    "visit, not its day or hours: those are ours. Source: "
                    f"{SRC_KAMNIK}",
            documents=[("Report of the meeting (in Italian)", SRC_KAMNIK)],
            participants=[(name, True) for name in PARTNERS],
        ),
        DemoMeeting(
            "info_session", Meeting.Kind.INFO_SESSION,
            "Informativni večer: klub solidarnih vlagateljev v Litiji",
            "Info evening: a citizens' investment club in Litija",
            _at(info_day, 18), _at(info_day, 19, 30),
            "Razvojni center Srca Slovenije, Litija", AGENCY, municipality="060", public=True,
            capacity=30,
            agenda="1. Kako deluje klub: skupno varčevanje in naložbe v lokalna podjetja\n"
                   "2. Izkušnje klubov CIGALES iz Francije\n3. Vprašanja in naslednji koraki",
            participants=[(AGENCY, False), (VULNERABLE, False), ("katja", False)],
        ),
        DemoMeeting(
            "fair", Meeting.Kind.PITCH_EVENT, "Borza projektov socialnih podjetij",
            "Project fair of social enterprises", _at(fair_day, 16), _at(fair_day, 19),
            "Ljubljana", AGENCY, municipality="061", public=True,
            capacity=80,
            agenda="1. Socialna podjetja predstavijo svoje projekte (7 minut vsako)\n"
                   "2. Klubi in financerji se pogovorijo s predlagatelji",
            participants=[(AGENCY, False), (SOCIAL_ENTERPRISE, False), (FUND, False),
                          (BANK, False)],
        ),
    ]


def _practice_documents() -> list[tuple[str, str]]:
    """Links to the library's records of the practices presented in Ljubljana."""
    docs = []
    for practice in Practice.objects.filter(country__in=["FR", "IT", "RO", "SE"]).order_by("pk"):
        path = reverse("practices:detail", kwargs={"slug": practice.slug})
        docs.append((f"Dobra praksa v knjižnici: {practice.title_sl or practice.title_en}",
                     f"{settings.SITE_URL}{path}"))
    return docs


def _meeting(spec: DemoMeeting, orgs: dict[str, Organisation], people: dict[str, Person],
             creator: User | None) -> Meeting:
    meeting = Meeting.objects.filter(uid=spec.uid).first()
    if meeting is not None:
        return meeting
    meeting = Meeting.objects.create(
        uid=spec.uid, kind=spec.kind, title_sl=spec.title_sl, title_en=spec.title_en,
        starts_at=spec.starts_at, ends_at=spec.ends_at, place=spec.place,
        organiser=orgs[spec.organiser], language=spec.language, agenda=spec.agenda,
        minutes=spec.minutes, municipality=spec.municipality,
        region=MUNICIPALITIES[spec.municipality].region if spec.municipality else "",
        public=spec.public, capacity=spec.capacity, created_by=creator,
    )
    documents = list(spec.documents)
    if spec.key == "ljubljana":
        documents += _practice_documents()
    for title, url in documents:
        Document.objects.create(meeting=meeting, title=title, url=url)
    for who, attended in spec.participants:
        if who in people:
            Participant.objects.create(meeting=meeting, person=people[who], attended=attended)
        elif who in orgs:
            Participant.objects.create(meeting=meeting, organisation=orgs[who],
                                       attended=attended)
    if timezone.localdate(spec.starts_at) < timezone.localdate():
        Meeting.objects.filter(pk=meeting.pk).update(
            invitations_sent_at=spec.starts_at - timedelta(days=14),
            minutes_sent_at=spec.ends_at + timedelta(days=7) if spec.minutes else None,
        )
    return meeting


# Decisions, the action plan and what came of it -----------------------------------------

DECISIONS = [
    "Ministrstvo je med predstavljenimi praksami izbralo Clubs CIGALES kot prakso, ki jo želi "
    "prenesti v Slovenijo.",
    "Zbrati spoznanja praktikov in kontekstualne dejavnike uspeha prakse Clubs CIGALES.",
    "Povečati ozaveščenost med ranljivimi skupinami in socialnimi podjetji o mikrofinanciranju "
    "in klubih.",
    "Okrepiti sodelovanje in izmenjavo znanja med socialnimi podjetji, finančnimi institucijami, "
    "oblikovalci politik in organizacijami ranljivih skupin.",
]


@dataclass(frozen=True)
class DemoItem:
    title: str
    decision: int  # 1-based position at the Ljubljana meeting; 0 = none
    due: date
    # (status, day) steps after "open" on the creation day
    steps: tuple[tuple[str, date], ...]
    owner_person: str = ""
    owner_organisation: str = ""
    details: str = ""
    language: str = "sl"
    meeting: str = "ljubljana"
    initiative: bool = False
    # (kind, key): practice slug, club name, mechanism slug, meeting key, "initiative"
    led_to: tuple[tuple[str, str], ...] = ()
    created: date = date(2024, 7, 25)


def _items(today: date) -> list[DemoItem]:
    info_day = today + timedelta(days=16)
    return [
        DemoItem("Objaviti zapis prakse Clubs CIGALES v knjižnici dobrih praks, v slovenščini "
                 "in angleščini", 1, date(2024, 9, 30),
                 (("in_progress", date(2024, 8, 5)), ("done", date(2024, 9, 20))),
                 owner_person="katja", led_to=(("practice", "cigales-clubs"),)),
        DemoItem("Pripraviti pregled pravnih možnosti za klube v Sloveniji (pravna oblika, "
                 "davki, nadzor)", 1, today + timedelta(days=45),
                 (("in_progress", date(2025, 10, 1)),), owner_organisation=MINISTRY,
                 details="Možnosti in zakoni, ki bi jih bilo treba spremeniti, z viri."),
        DemoItem("Pripraviti vodnik za intervju s praktiki CIGALES (dvanajst vprašanj)", 2,
                 date(2024, 11, 30),
                 (("in_progress", date(2024, 10, 1)), ("done", date(2024, 11, 25))),
                 owner_person="katja", led_to=(("practice", "cigales-clubs"),)),
        DemoItem("Vprašati praktike Fédération des CIGALES, kako klubi izplačajo člana, ki "
                 "izstopi", 2, date(2025, 3, 31), (), owner_organisation=AGENCY),
        DemoItem("Predstaviti razpise ministrstva za socialna podjetja v iskalniku "
                 "financiranja", 3, date(2024, 12, 31), (("done", date(2024, 12, 10)),),
                 owner_organisation=MINISTRY,
                 led_to=(("mechanism", "mgts-social-economy-grants-2023-24"),)),
        DemoItem("Organizirati informativni večer o klubih v Litiji", 3, info_day,
                 (("in_progress", today - timedelta(days=10)),), owner_person="katja",
                 led_to=(("meeting", "info_session"),), created=today - timedelta(days=30)),
        DemoItem("Predstaviti klube in iskalnik financiranja članom društva", 3,
                 today + timedelta(days=3), (), owner_person="tina",
                 owner_organisation=VULNERABLE, created=today - timedelta(days=30)),
        DemoItem("Pripraviti 5. medregijsko srečanje MICROFUTURE v Kamniku s študijskima "
                 "obiskoma", 4, date(2025, 5, 21),
                 (("in_progress", date(2025, 1, 10)), ("done", date(2025, 5, 22))),
                 owner_organisation=AGENCY,
                 led_to=(("meeting", "kamnik-2025"), ("meeting", "visit-knof-2025"),
                         ("meeting", "visit-etri-2025"))),
        DemoItem("Povabiti obstoječe varčevalne klube v omrežje deležnikov", 4,
                 date(2025, 1, 31), (("done", date(2025, 1, 20)),), owner_person="katja",
                 led_to=(("club", HOME_CLUB), ("club", "Zasavski varčevalni krog"))),
        DemoItem("Dogovoriti partnerstvo s hranilnico in ministrstvom za prve pilotne klube", 4,
                 date(2025, 9, 30),
                 (("in_progress", date(2025, 6, 2)), ("done", date(2025, 9, 15))),
                 owner_person="katja", initiative=True, led_to=(("initiative", ""),)),
        DemoItem("Pripraviti vzorčno pogodbo med pilotnim klubom in hranilnico", 0,
                 today + timedelta(days=60), (), owner_organisation=BANK, meeting="",
                 initiative=True, created=date(2025, 9, 15)),
        DemoItem("Fill in the policy-improvement checklist for Slovenia", 0, date(2025, 6, 30),
                 (("done", date(2025, 6, 27)),), owner_organisation=AGENCY, language="en",
                 meeting="kamnik-2025", created=date(2025, 5, 22)),
    ]


def _initiative(orgs: dict[str, Organisation], meetings: dict[str, Meeting]) -> Initiative:
    initiative = Initiative.objects.filter(title_sl=INITIATIVE_TITLE_SL).first()
    if initiative is not None:
        return initiative
    initiative = Initiative.objects.create(
        title_sl=INITIATIVE_TITLE_SL, title_en="First pilot clubs",
        goal_sl="Razvojni center Srca Slovenije, hranilnica in ministrstvo skupaj ustanovijo "
                "prva pilotna kluba po vzoru Clubs CIGALES v Litiji in Zasavju: informativni "
                "večeri, ustanovni sestanki, vzorčna pogodba s hranilnico in spremljanje prvih "
                "naložb. Partnerstvo je izmišljeno, le za predstavitev.",
        goal_en="The Development Centre of the Heart of Slovenia, a savings bank and the "
                "Ministry together set up the first two pilot clubs after Clubs CIGALES in "
                "Litija and Zasavje: info evenings, founding meetings, a model agreement with "
                "the bank and follow-up of the first investments. The partnership is invented, "
                "for the demo only.",
        status=Initiative.Status.ACTIVE, started_on=date(2025, 9, 15),
    )
    initiative.partners.add(orgs[AGENCY], orgs[BANK], orgs[MINISTRY])
    initiative.meetings.add(*(meetings[k] for k in ("ljubljana", "info_session", "fair")))
    return initiative


def _outcome(item: ActionItem, kind: str, key: str, meetings: dict[str, Meeting],
             initiative: Initiative) -> None:
    target: Any
    if kind == "practice":
        target = Practice.objects.filter(slug=key).first()
    elif kind == "club":
        target = Club.objects.filter(name=key).first()
    elif kind == "mechanism":
        target = (Mechanism.objects.filter(slug=key).first()
                  or Mechanism.objects.filter(provider__slug="mgts").order_by("pk").first())
    elif kind == "meeting":
        target = meetings[key]
    else:
        target = initiative
    if target is not None:  # the other apps' demo data may be missing in a bare database
        Outcome.objects.get_or_create(item=item, kind=kind, **{kind: target})


def _plan(today: date, orgs: dict[str, Organisation], people: dict[str, Person],
          meetings: dict[str, Meeting], creator: User | None) -> None:
    ljubljana = meetings["ljubljana"]
    decisions = {}
    for position, text in enumerate(DECISIONS, start=1):
        decisions[position], _ = Decision.objects.get_or_create(
            meeting=ljubljana, position=position, defaults={"text": text, "language": "sl"})
    kamnik_decision, _ = Decision.objects.get_or_create(
        meeting=meetings["kamnik-2025"], position=1,
        defaults={"text": "The partners track each region's policy improvement with the shared "
                          "checklist.", "language": "en"})
    initiative = _initiative(orgs, meetings)
    for spec in _items(today):
        meeting = meetings[spec.meeting] if spec.meeting else None
        item = ActionItem.objects.filter(title=spec.title).first()
        if item is None:
            decision = decisions.get(spec.decision)
            if spec.meeting == "kamnik-2025":
                decision = kamnik_decision
            status = spec.steps[-1][0] if spec.steps else ActionItem.Status.OPEN
            owner_org = orgs[spec.owner_organisation] if spec.owner_organisation else None
            owner_person = people[spec.owner_person] if spec.owner_person else None
            item = ActionItem.objects.create(
                title=spec.title, details=spec.details, language=spec.language,
                owner_person=owner_person,
                owner_organisation=owner_org or (owner_person.organisation if owner_person
                                                 else None),
                due_on=spec.due, status=status, meeting=meeting, decision=decision,
                initiative=initiative if spec.initiative else None,
                region="SI035", created_by=creator,
            )
            created_at = _at(spec.created, 9)
            ActionItem.objects.filter(pk=item.pk).update(created_at=created_at)
            # The history as the services would have written it, dated when it happened.
            history = [("", ActionItem.Status.OPEN, spec.created), *(
                (old, new, day) for (old, (new, day)) in zip(
                    [ActionItem.Status.OPEN, *(s for s, _ in spec.steps)], spec.steps,
                    strict=False))]
            for old, new, day in history:
                change = StatusChange.objects.create(item=item, old_status=old, new_status=new,
                                                     changed_by=creator)
                StatusChange.objects.filter(pk=change.pk).update(changed_at=_at(day, 12))
        for kind, key in spec.led_to:
            _outcome(item, kind, key, meetings, initiative)


# Awareness: registrations and interest in a club ----------------------------------------

REGISTRATIONS = {
    "info_session": [("Marjeta Zorko", "marjeta.zorko@example.si"),
                     ("Luka Kastelic", "luka.kastelic@example.si"),
                     ("Alja Pavlin", "alja.pavlin@example.org")],
    "fair": [("Darko Bizjak", "darko.bizjak@example.si"),
             ("Maja Primc", "maja.primc@example.org")],
}
REGISTRATION_CONSENT = ("Strinjam se, da organizator hrani moje ime in e-naslov, da me obvešča o "
                        "tem dogodku; prijavo lahko kadar koli prekličem.")

# (name, e-mail, municipality code): six in Litija are enough for an info session there.
INTEREST = [
    ("Helena Rupnik", "helena.rupnik@example.si", "060"),
    ("Matjaž Lavrič", "matjaz.lavric@example.si", "060"),
    ("Sabina Jerič", "sabina.jeric@example.si", "060"),
    ("Peter Bregar", "peter.bregar@example.org", "060"),
    ("Ines Kovač", "ines.kovac@example.si", "060"),
    ("Domen Zajc", "domen.zajc@example.si", "060"),
    ("Lea Medved", "lea.medved@example.si", "194"),
    ("Jakob Ferlan", "jakob.ferlan@example.org", "194"),
    ("Vanja Kolar", "vanja.kolar@example.si", "142"),
    ("Gašper Žnidar", "gasper.znidar@example.si", "142"),
    ("Zala Hrovat", "zala.hrovat@example.si", "142"),
]
INTEREST_CONSENT = ("Strinjam se, da me regionalna koordinatorka povabi na informativno srečanje "
                    "o klubu v moji bližini; soglasje lahko kadar koli prekličem.")


def _awareness(meetings: dict[str, Meeting]) -> None:
    now = timezone.now()
    for key, people in REGISTRATIONS.items():
        meeting = meetings[key]
        for n, (name, email) in enumerate(people):
            if not Registration.objects.filter(meeting=meeting, email=email).exists():
                Registration.objects.create(
                    meeting=meeting, name=name, email=email,
                    consent_at=now - timedelta(days=5 - n), consent_text=REGISTRATION_CONSENT)
    for n, (name, email, code) in enumerate(INTEREST):
        if not ClubInterest.objects.filter(email=email).exists():
            ClubInterest.objects.create(
                name=name, email=email, municipality=code,
                region=MUNICIPALITIES[code].region,
                consent_at=now - timedelta(days=40 - 3 * n), consent_text=INTEREST_CONSENT)


@transaction.atomic
def seed_network(today: date | None = None) -> bool:
    """Load the network's demo story; True when it was loaded now, False when it was there.

    Run it after the finder catalogue, the practice library and the demo clubs: it links to
    them (and simply leaves out a link whose target is missing)."""
    today = today or timezone.localdate()
    existed = Meeting.objects.filter(uid=LJUBLJANA_UID).exists()
    creator = User.objects.filter(username="koordinatorka").first()
    orgs = _organisations()
    people = _people(orgs)
    meetings = {spec.key: _meeting(spec, orgs, people, creator) for spec in _meetings(today)}
    _plan(today, orgs, people, meetings, creator)
    _awareness(meetings)
    return not existed
