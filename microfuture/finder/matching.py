"""Reads for the finder: the mechanisms to match (catalogue + clubs open to new projects),
the answer in the spec's JSON, and the richer view of it that the result page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.models import Club, Member
from microfuture.finder import core, pathways
from microfuture.finder.mechanism import Mechanism
from microfuture.finder.selectors import catalogue_mechanisms
from microfuture.kernel.text import Bilingual

CLUB_PROVIDER = "microfuture-clubs"
GROUPS = ("eligible", "possible", "near_misses", "closed")


def savings_clubs(region: str | None = None) -> list[Mechanism]:
    """Every club open to new projects that covers `region` (every one when no region is
    given), as a `savings_club` mechanism of its regions.

    The spec offers the clubs near the applicant (finance-finder.md §4): a club of another
    region is left out, not listed as a near miss, or a national network would bury the
    person's answer under hundreds of clubs they cannot use (docs/finder.md).

    No amount limits: what a club can put in depends on its savings on the day it votes and
    on its charter; CIGALES clubs typically invest 1,000–10,000 EUR per project.
    """
    open_clubs = Club.objects.filter(
        open_to_projects=True,
        status__in=[Club.Status.FORMING, Club.Status.ACTIVE, Club.Status.RENEWED],
    )
    if region:
        # Which clubs cover the region, from three columns of each; then only those are read.
        open_clubs = open_clubs.filter(pk__in=[
            pk for pk, own, others in open_clubs.values_list("pk", "region", "other_regions")
            if region == own or region in (others or ())])
    clubs = list(open_clubs.order_by("name").prefetch_related(Prefetch(
        # The clubs' managers in one query (it was one query per club).
        "members", to_attr="managers", queryset=Member.objects.filter(
            role=Member.Role.MANAGER, exited_on__isnull=True).order_by("joined_on", "pk"),
    )))
    mechanisms = []
    for club in clubs:
        manager = club.managers[0] if club.managers else None
        mechanisms.append(Mechanism(
            slug=f"club-{club.slug}",
            name=Bilingual(sl=club.name, en=club.name),
            provider=CLUB_PROVIDER,
            provider_name=Bilingual(sl="Klub solidarnih vlagateljev",
                                    en="Solidarity investment club"),
            kind="savings_club",
            summary=Bilingual(
                sl="Skupina občanov, ki skupaj varčujejo in vlagajo v lokalna podjetja z "
                   "deleži ali posojili ter jim svetujejo kot mentorji. Običajno vložijo "
                   "od 1.000 do 10.000 EUR v projekt. " + club.description,
                en="A group of citizens who save together and invest in local enterprises "
                   "with shares or loans, and mentor them. They usually put 1,000–10,000 EUR "
                   "into a project. " + club.description,
            ),
            how_to_apply=Bilingual(
                sl="Na platformi Microfuture Hub vpišite svoje podjetje in klubu pošljite "
                   "predlog: kaj potrebujete in za kaj. Klub vas povabi na sestanek in o "
                   "predlogu glasuje.",
                en="Register your enterprise on Microfuture Hub and send the club a proposal: "
                   "what you need and what for. The club invites you to a meeting and votes "
                   "on it.",
            ),
            url=reverse("clubs:enterprise_home"),
            countries=("SI",),
            regions=tuple(club.regions),
            # Live data of the platform itself: current on the day it is read.
            verified_on=timezone.localdate(),
            purposes=("start_up", "investment", "equipment", "working_capital",
                      "social_impact"),
            contact=club_contact(club, manager),
        ))
    return mechanisms


def club_contact(club: Club, manager: Member | None) -> str:
    """Whom an entrepreneur contacts: the club's address; the manager's name only when they
    agreed to show it publicly (`Member.name_public`, docs/privacy.md)."""
    if manager is not None and manager.name_public:
        return " · ".join(part for part in (manager.name, club.contact_email) if part)
    return club.contact_email


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


def match_profile(data: Any, *, today: date) -> tuple[dict[str, Any] | None, list[str]]:
    """The spec's JSON answer for a profile given as JSON, or the problems with the profile."""
    profile, problems = core.parse_profile(data, today=today)
    if problems:
        return None, problems
    mechanisms = all_mechanisms(profile.region)
    answer = core.match_json(core.match(mechanisms, profile), guide_url)
    answer["pathways"] = pathways.pathways_json(pathways.pathways(mechanisms, profile),
                                                profile.lang)
    return answer, []


@dataclass(frozen=True)
class Row:
    """One mechanism as the result page shows it."""

    mechanism: Mechanism
    entry: dict[str, Any]
    questions: list[str]

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


def finder_result(profile_data: dict[str, Any], *, today: date) -> dict[str, Any] | None:
    """The result page's content: the JSON answer plus each mechanism's details."""
    profile, problems = core.parse_profile(profile_data, today=today)
    if problems:
        return None
    mechanisms = all_mechanisms(profile.region)
    by_slug = {m.slug: m for m in mechanisms}
    answer = core.match_json(core.match(mechanisms, profile), guide_url)
    lang = profile.lang
    found = pathways.pathways(mechanisms, profile)
    answer["pathways"] = pathways.pathways_json(found, lang)
    groups: dict[str, list[Row]] = {}
    for group in GROUPS:
        groups[group] = [
            Row(
                mechanism=by_slug[entry["mechanism"]],
                entry=entry,
                questions=[core.questions_for(c).get(lang) for c in entry.get("unknown", [])],
            )
            for entry in answer[group]
        ]
    return {"answer": answer, "groups": groups, "lang": lang, "profile": profile,
            "pathways": found,
            # Opened mechanisms that have a page of their own (the catalogue's, not clubs).
            "pathway_pages": {o.mechanism.slug for p in found for o in p.opens
                              if o.mechanism.provider != CLUB_PROVIDER}}


def shown_groups(result: dict[str, Any]) -> dict[str, list[str]]:
    return {group: [e["mechanism"] for e in result["answer"][group]] for group in GROUPS}


def failed(result: dict[str, Any]) -> list[str]:
    """The criterion that kept each near miss out: what most often stands in people's way."""
    return [e["failed"]["criterion"] for e in result["answer"]["near_misses"]]
