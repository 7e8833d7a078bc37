"""Reads of awareness events and the road to a club: the public events (no personal data),
the organiser's registration list, and interest in clubs by municipality for coordinators."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from microfuture.kernel.collation import slovenian_key
from microfuture.municipalities import municipality_name
from microfuture.network.models import CLUB_LEAST, ClubInterest, Meeting, Registration
from microfuture.regions import REGIONS, region_name


def public_events() -> QuerySet[Meeting]:
    """Every public event (usually an info session, a workshop or a pitch event, but any
    meeting marked public), with `taken` (live registrations), soonest first."""
    return (
        Meeting.objects.filter(public=True)
        .annotate(taken=Count("registrations",
                              filter=Q(registrations__cancelled_at__isnull=True)))
        .order_by("starts_at", "pk")
    )


def public_events_upcoming(now: datetime | None = None) -> QuerySet[Meeting]:
    """Public events not cancelled and not yet over: the events page, the feed, the API."""
    now = now or timezone.now()
    return public_events().filter(cancelled_at__isnull=True, ends_at__gte=now)


def public_event(pk: int) -> Meeting | None:
    """A public event (also a past or cancelled one, shown as such); None for any other
    meeting, so that its page is a 404."""
    return public_events().filter(pk=pk).first()


def places_left(meeting: Meeting) -> int | None:
    if meeting.capacity is None:
        return None
    taken = getattr(meeting, "taken", None)
    if taken is None:
        taken = meeting.registrations.filter(cancelled_at__isnull=True).count()
    return max(meeting.capacity - taken, 0)


def registrations_of(meeting: Meeting) -> QuerySet[Registration]:
    """The organiser's list: live ones first, then the cancelled, each by date."""
    # NULLs sort first on SQLite and last on PostgreSQL unless told.
    return Registration.objects.filter(meeting=meeting).order_by(
        F("cancelled_at").asc(nulls_first=True), "created_at", "pk")


# Interest in clubs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityInterest:
    code: str
    name: str
    people: int
    invited: int

    @property
    def enough(self) -> bool:
        """Enough people for an info session: as many as the smallest club."""
        return self.people >= CLUB_LEAST


@dataclass
class RegionInterest:
    code: str
    name: str
    municipalities: list[MunicipalityInterest] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(m.people for m in self.municipalities)


def live_interest(regions: set[str]) -> QuerySet[ClubInterest]:
    """People still interested (not withdrawn, not yet in a club) in these regions."""
    return ClubInterest.objects.filter(
        region__in=regions, withdrawn_at__isnull=True, club__isnull=True,
    ).select_related("invited_to")


def interest_by_region(regions: set[str]) -> list[RegionInterest]:
    """Live interest counted by municipality, grouped by region (regions in code order,
    municipalities the Slovenian way); only municipalities where someone is interested."""
    rows = (
        live_interest(regions).values("region", "municipality")
        .annotate(people=Count("pk"), invited=Count("pk", filter=Q(invited_to__isnull=False)))
    )
    grouped: dict[str, RegionInterest] = {
        code: RegionInterest(code=code, name=region_name(code))
        for code in sorted(regions) if code in REGIONS
    }
    for row in rows:
        group = grouped.get(row["region"])
        if group is None:
            continue
        group.municipalities.append(MunicipalityInterest(
            code=row["municipality"], name=municipality_name(row["municipality"]),
            people=row["people"], invited=row["invited"],
        ))
    for group in grouped.values():
        group.municipalities.sort(key=lambda m: slovenian_key(m.name))
    return list(grouped.values())


def interest_people(regions: set[str]) -> list[ClubInterest]:
    """The people behind the counts, by municipality (Slovenian order), then by date."""
    people = list(live_interest(regions).order_by("created_at", "pk"))
    for person in people:
        person.municipality_name = municipality_name(  # type: ignore[attr-defined]
            person.municipality)
    people.sort(key=lambda p: slovenian_key(p.municipality_name))  # type: ignore[attr-defined]
    return people


def info_sessions_to_invite_to(regions: set[str], now: datetime | None = None
                               ) -> QuerySet[Meeting]:
    """Upcoming public info sessions in these regions or for no region in particular."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        Q(region__in=regions) | Q(region=""),
        kind=Meeting.Kind.INFO_SESSION, public=True, cancelled_at__isnull=True,
        starts_at__gt=now,
    ).order_by("starts_at", "pk")


def founding_meetings(regions: set[str]) -> QuerySet[Meeting]:
    """Founding meetings in these regions (or for no region), newest first."""
    return Meeting.objects.filter(
        Q(region__in=regions) | Q(region=""), kind=Meeting.Kind.FOUNDING_MEETING,
        cancelled_at__isnull=True,
    ).select_related("club").order_by("-starts_at", "-pk")


def founding_candidates(meeting: Meeting, regions: set[str]
                        ) -> tuple[list[ClubInterest], list[Registration]]:
    """Who may be chosen as a founder: people interested in the meeting's region (or in the
    coordinator's regions when it names none), and the meeting's live registrations."""
    interest_regions = {meeting.region} & regions if meeting.region else regions
    return (
        interest_people(interest_regions),
        list(Registration.objects.filter(meeting=meeting, cancelled_at__isnull=True)
             .order_by("created_at", "pk")),
    )
