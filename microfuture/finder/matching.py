"""Reads for the finder: the mechanisms to match (catalogue + clubs open to new projects),
the answer in the spec's JSON, and the richer view of it that the result page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from microfuture.clubs.kept import kept
from microfuture.clubs.models import Club, Member
from microfuture.finder import core, pathways
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.finder.selectors import catalogue_mechanisms
from microfuture.kernel.text import Bilingual
from microfuture.regions import region_name

CLUB_PROVIDER = "microfuture-clubs"
#: The clubs' card lists this many clubs, then a link to all of them (`?clubs=all`): a big
#: region has hundreds, more than anyone reads on a phone (the PDF prints them all).
CLUB_LINES_SHOWN = 25
GROUPS = ("eligible", "possible", "near_misses", "closed")


@dataclass(frozen=True)
class ClubFacts:
    """What the result page's compact card says of one club beside its verdict: where it
    works, its stage, how many members it has now, and how to reach it."""

    slug: str  # the club's mechanism slug ("club-<club slug>")
    name: str
    regions: tuple[str, ...]  # codes, its own first
    status: str  # Club.Status
    members: int  # members who have not left
    email: str
    manager: str  # the first manager's name, only when they agreed to show it

    @property
    def places(self) -> str:
        return ", ".join(region_name(code) for code in self.regions)


_CLUB_PROVIDER_NAME = Bilingual(sl="Klub solidarnih vlagateljev", en="Solidarity investment club")
_CLUB_SUMMARY = Bilingual(
    sl="Skupina občanov, ki skupaj varčujejo in vlagajo v lokalna podjetja z deleži ali "
       "posojili ter jim svetujejo kot mentorji. Običajno vložijo od 1.000 do 10.000 EUR v "
       "projekt. ",
    en="A group of citizens who save together and invest in local enterprises with shares or "
       "loans, and mentor them. They usually put 1,000–10,000 EUR into a project. ",
)
_CLUB_HOW_TO_APPLY = Bilingual(
    sl="Na platformi Microfuture Hub vpišite svoje podjetje in klubu pošljite predlog: kaj "
       "potrebujete in za kaj. Klub vas povabi na sestanek in o predlogu glasuje.",
    en="Register your enterprise on Microfuture Hub and send the club a proposal: what you "
       "need and what for. The club invites you to a meeting and votes on it.",
)
_CLUB_PURPOSES = ("start_up", "investment", "equipment", "working_capital", "social_impact")


def club_offers(region: str | None = None) -> list[tuple[Mechanism, ClubFacts]]:
    """`_club_offers` of today, kept until the clubs' books or particulars change
    (`clubs/kept.py`): every applicant of a region is offered the same clubs."""
    today = timezone.localdate()
    return list(kept(("finder-clubs", region, today), lambda: _club_offers(region, today)))


def _club_offers(region: str | None, today: date) -> list[tuple[Mechanism, ClubFacts]]:
    """Every club open to new projects that covers `region` (every one when no region is
    given), as a `savings_club` mechanism of its regions, with what the page shows of it.

    The spec offers the clubs near the applicant (finance-finder.md §4): a club of another
    region is left out, not listed as a near miss, or a national network would bury the
    person's answer under hundreds of clubs they cannot use (docs/finder.md).

    No amount limits: what a club can put in depends on its savings on the day it votes and
    on its charter; CIGALES clubs typically invest 1,000–10,000 EUR per project.

    One query, whatever the number of clubs: the first manager's public name and the number
    of members come as subqueries of each club's row (issue 15).
    """
    open_clubs = Club.objects.filter(
        open_to_projects=True,
        status__in=[Club.Status.FORMING, Club.Status.ACTIVE, Club.Status.RENEWED],
    )
    if region:
        # The database narrows (the region, or its code inside the JSON list's text); the
        # exact test on the list is below.
        open_clubs = open_clubs.filter(Q(region=region) | Q(other_regions__icontains=region))
    managers = Member.objects.filter(
        club=OuterRef("pk"), role=Member.Role.MANAGER, exited_on__isnull=True,
    ).order_by("joined_on", "pk")
    members = Member.objects.filter(club=OuterRef("pk"), exited_on__isnull=True).order_by(
    ).values("club").annotate(n=Count("pk")).values("n")
    rows = open_clubs.order_by("name").annotate(
        # The contact names the first manager only when they agreed to show their name
        # (`Member.name_public`, docs/privacy.md); a later manager is not the contact.
        manager_shown=Subquery(managers.annotate(shown=Case(
            When(name_public=True, then=F("name")), default=Value(""),
            output_field=CharField())).values("shown")[:1]),
        members_now=Coalesce(Subquery(members), 0),
    ).values_list("slug", "name", "description", "contact_email", "region", "other_regions",
                  "status", "manager_shown", "members_now")
    apply_url = reverse("clubs:enterprise_home")
    offers = []
    for slug, name, description, email, own, others, status, manager, count in rows:
        regions = (own, *(others or ()))
        if region and region not in regions:
            continue
        facts = ClubFacts(slug=f"club-{slug}", name=name, regions=regions, status=status,
                          members=count or 0, email=email, manager=manager or "")
        offers.append((Mechanism(
            slug=facts.slug,
            name=Bilingual(sl=name, en=name),
            provider=CLUB_PROVIDER,
            provider_name=_CLUB_PROVIDER_NAME,
            kind="savings_club",
            summary=Bilingual(sl=_CLUB_SUMMARY.sl + description,
                              en=_CLUB_SUMMARY.en + description),
            how_to_apply=_CLUB_HOW_TO_APPLY,
            url=apply_url,
            countries=("SI",),
            regions=regions,
            verified_on=today,
            purposes=_CLUB_PURPOSES,
            contact=club_contact(facts),
        ), facts))
    return offers


def savings_clubs(region: str | None = None) -> list[Mechanism]:
    """The clubs of `club_offers` as mechanisms (what the matcher and the API read)."""
    return [mechanism for mechanism, _facts in club_offers(region)]


def club_contact(club: ClubFacts) -> str:
    """Whom an entrepreneur contacts: the club's address; the manager's name only when they
    agreed to show it publicly (`Member.name_public`, docs/privacy.md)."""
    return " · ".join(part for part in (club.manager, club.email) if part)


def guide_url(kind: str) -> str:
    """The guide that explains a kind of mechanism (`../shared/specs/guides.md` §4): the guides
    app names a kind's guide by the kind, so the finder links it without importing it."""
    return reverse("guides:guide", args=[kind])


#: The glossary's entry for the word a failed criterion turns on: a near miss's "what is missing"
#: links it beside the guide (linked by URL, as the guides are; the slugs are glossary.yaml's).
CRITERION_GLOSSARY = {
    "credit_rating_min": "credit-rating",
    "requires_social_enterprise_status": "social-enterprise",
    "de_minimis": "de-minimis-aid",
}


def glossary_url(criterion: str) -> str:
    """The glossary's entry explaining a criterion's word, or "" when it has none."""
    slug = CRITERION_GLOSSARY.get(criterion)
    return f"{reverse('glossary:index')}#{slug}" if slug else ""


def all_mechanisms(region: str | None = None) -> list[Mechanism]:
    """The catalogue and the savings clubs near `region`."""
    return [*catalogue_mechanisms(), *savings_clubs(region)]


def _answer(profile: Profile, mechanisms: list[Mechanism]
            ) -> tuple[dict[str, Any], list[pathways.Pathway]]:
    """The spec's JSON answer with its pathways: the catalogue and the clubs matched once
    (the pathways start from that same match) and each kind's guide looked up once."""
    guides: dict[str, str] = {}

    def guide(kind: str) -> str:
        if kind not in guides:
            guides[kind] = guide_url(kind)
        return guides[kind]

    matched = core.match(mechanisms, profile)
    answer = core.match_json(matched, guide)
    found = pathways.pathways(mechanisms, profile, matched=matched)
    answer["pathways"] = pathways.pathways_json(found, profile.lang)
    return answer, found


def match_profile(data: Any, *, today: date) -> tuple[dict[str, Any] | None, list[str]]:
    """The spec's JSON answer for a profile given as JSON, or the problems with the profile."""
    profile, problems = core.parse_profile(data, today=today)
    if problems:
        return None, problems
    answer, _found = _answer(profile, all_mechanisms(profile.region))
    return answer, []


@dataclass(frozen=True)
class Row:
    """One mechanism as the result page shows it."""

    mechanism: Mechanism
    entry: dict[str, Any]
    questions: list[str]
    club: ClubFacts | None = None  # a savings club: what its line in the clubs' card says

    @property
    def name(self) -> str:
        return str(self.entry["name"])

    @property
    def guide(self) -> str:
        """The guide of the mechanism's kind (the answer's `guide`)."""
        return str(self.entry.get("guide") or guide_url(self.mechanism.kind))

    @property
    def glossary(self) -> str:
        """For a near miss, the glossary's entry for the word its failed criterion turns on."""
        failed = self.entry.get("failed")
        return glossary_url(str(failed["criterion"])) if failed else ""

    def verdict(self, group: str) -> list[str]:
        """What the page says of the verdict: why it fits, the questions that would settle
        it, or what is missing."""
        if group == "eligible":
            return [str(r) for r in self.entry.get("reasons", [])]
        if group == "possible":
            return self.questions
        if group == "near_misses":
            return [str(self.entry["failed"]["message"])]
        return []


@dataclass(frozen=True)
class ClubLine:
    """One club in the clubs' card: the club and what of its verdict it does not share with
    the other clubs of the card."""

    row: Row
    club: ClubFacts
    own: list[str]
    about: str  # places, stage, members and manager, in the reader's language


@dataclass(frozen=True)
class ClubCard:
    """A group's savings clubs as one compact card (issue 15: a region can have a hundred
    clubs; each as a full card made the page long and slow)."""

    group: str
    lines: list[ClubLine]
    shared: list[str]  # what the verdict says of every club in the card, said once
    guide: str
    glossary: list[str]  # a near miss's glossary entries, once each
    apply_url: str

    @property
    def count(self) -> int:
        return len(self.lines)

    @property
    def first(self) -> list[ClubLine]:
        """The lines the page shows until the reader asks for all of them."""
        return self.lines[:CLUB_LINES_SHOWN]

    @property
    def more(self) -> int:
        """How many clubs are left out of `first`."""
        return max(self.count - CLUB_LINES_SHOWN, 0)

    @property
    def summary(self) -> Bilingual:
        return _CLUB_SUMMARY

    @property
    def how_to_apply(self) -> Bilingual:
        return _CLUB_HOW_TO_APPLY


def club_card(group: str, rows: list[Row]) -> ClubCard:
    """The clubs of one result group as one card: what every club's verdict says is said once
    (in the first club's order), what only some say stays on their lines."""
    verdicts = [row.verdict(group) for row in rows]
    shared = [text for text in dict.fromkeys(verdicts[0])
              if all(text in other for other in verdicts[1:])]
    # Worded here, not in the template, each label once: a region can list a hundred clubs.
    stages: dict[str, str] = {}
    members: dict[int, str] = {}

    def about(club: ClubFacts) -> str:
        if club.status not in stages:
            stages[club.status] = str(Club.Status(club.status).label)
        if club.members not in members:
            members[club.members] = ngettext(
                "%(count)s member", "%(count)s members", club.members) % {"count": club.members}
        parts = [club.places, stages[club.status], members[club.members]]
        if club.manager:
            parts.append(gettext("manager %(name)s") % {"name": club.manager})
        return " · ".join(parts)

    lines = [ClubLine(row=row, club=row.club, own=[t for t in verdict if t not in shared],
                      about=about(row.club))
             for row, verdict in zip(rows, verdicts, strict=True) if row.club is not None]
    failed = dict.fromkeys(str(row.entry["failed"]["criterion"]) for row in rows
                           if row.entry.get("failed"))
    glossary = [url for url in map(glossary_url, failed) if url]
    return ClubCard(group=group, lines=lines, shared=shared, guide=rows[0].guide,
                    glossary=glossary, apply_url=rows[0].mechanism.url)


def page_items(group: str, rows: list[Row]) -> list[Row | ClubCard]:
    """A group as the page shows it: each catalogue mechanism as its card, in the answer's
    order, and the group's savings clubs as one card where the first of them comes."""
    clubs = [row for row in rows if row.club is not None]
    if not clubs:
        return list(rows)
    items: list[Row | ClubCard] = []
    for row in rows:
        if row.club is None:
            items.append(row)
        elif row is clubs[0]:
            items.append(club_card(group, clubs))
    return items


def finder_result(profile_data: dict[str, Any], *, today: date) -> dict[str, Any] | None:
    """The result page's content: the JSON answer plus each mechanism's details."""
    profile, problems = core.parse_profile(profile_data, today=today)
    if problems:
        return None
    offers = club_offers(profile.region)
    mechanisms = [*catalogue_mechanisms(), *(mechanism for mechanism, _facts in offers)]
    by_slug = {m.slug: m for m in mechanisms}
    clubs = {facts.slug: facts for _mechanism, facts in offers}
    answer, found = _answer(profile, mechanisms)
    lang = profile.lang
    questions: dict[str, str] = {}  # each question worded once, however many ask it

    def question(criterion: str) -> str:
        if criterion not in questions:
            questions[criterion] = core.questions_for(criterion).get(lang)
        return questions[criterion]

    groups: dict[str, list[Row]] = {}
    for group in GROUPS:
        groups[group] = [
            Row(
                mechanism=by_slug[entry["mechanism"]],
                entry=entry,
                questions=[question(c) for c in entry.get("unknown", [])],
                club=clubs.get(entry["mechanism"]),
            )
            for entry in answer[group]
        ]
    return {"answer": answer, "groups": groups, "lang": lang, "profile": profile,
            # What the page shows of each group: the clubs in one card (issue 15).
            "items": {group: page_items(group, rows) for group, rows in groups.items()},
            "pathways": found,
            # Opened mechanisms that have a page of their own (the catalogue's, not clubs).
            "pathway_pages": {o.mechanism.slug for p in found for o in p.opens
                              if o.mechanism.provider != CLUB_PROVIDER}}


def shown_groups(result: dict[str, Any]) -> dict[str, list[str]]:
    return {group: [e["mechanism"] for e in result["answer"][group]] for group in GROUPS}


def failed(result: dict[str, Any]) -> list[str]:
    """The criterion that kept each near miss out: what most often stands in people's way."""
    return [e["failed"]["criterion"] for e in result["answer"]["near_misses"]]
