"""The person the personal-data tests export and erase, and a bystander who must stay whole.

Miha Zupančič has an account (`mihazup`), is "Miha Z." in Zadruga Srce's books with savings,
is in the directory (with phone and consent), was invited to and attended the Ljubljana
stakeholder meeting, is named in its minutes, a decision and an item, owns an item and
changed its status, asked a practice a question, registered for a public info session and
said he would like to join a club. Vesna Bystander (no account) is in the same meeting and
registered for the same event; Mihaela is a namesake's first name the erasure must keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from microfuture.conftest import make_user

LJ = ZoneInfo("Europe/Ljubljana")
FULL_NAME = "Miha Zupančič"
EMAIL = "mihazup@example.org"
PHONE = "+386 41 555 123"
IN_BOOKS = "Miha Z."
OTHER_NAME = "Vesna Bystander"
OTHER_EMAIL = "vesna@example.org"


@dataclass
class Story:
    user: Any
    person: Any
    other: Any
    meeting: Any
    event: Any
    item: Any
    club: Any


def found_club(manager: Any, user: Any | None) -> Any:
    """An active club with two members; `user` is "Miha Z." with savings."""
    from microfuture.clubs.core import Event
    from microfuture.clubs.models import Club
    from microfuture.clubs.services import (
        club_found,
        club_record_events,
        club_set_status,
        member_add,
    )

    club = club_found(
        founder=manager, founder_name="Maja", name="Zadruga Srce", region="SI041",
        start_date=date(2026, 1, 5), monthly_pledge=Decimal("20.00"),
        decision_rule=Club.DecisionRule.MAJORITY, quorum_percent=50,
    )
    member_add(club=club, name=IN_BOOKS, on=date(2026, 1, 5), role="member", user=user,
               actor=manager)
    club_set_status(club=club, status=Club.Status.ACTIVE, actor=manager, on=date(2026, 1, 5))
    club_record_events(club=club, recorded_by=manager, events=[
        Event(date=date(2026, 2, 1), type="contribution", member=IN_BOOKS,
              amount=Decimal("42.17"), reference="feb"),
        Event(date=date(2026, 2, 1), type="contribution", member="Maja",
              amount=Decimal("20.00"), reference="feb-maja"),
    ])
    club.refresh_from_db()
    return club


def tell(agency: Any, ministry: Any, *, with_account: bool = True) -> Story:
    from microfuture.network.models import (
        ActionItem,
        ClubInterest,
        Decision,
        Meeting,
        Participant,
        Person,
        Registration,
        StatusChange,
        Thread,
        ThreadMessage,
    )
    from microfuture.practices.models import Practice

    user = make_user("mihazup", full_name=FULL_NAME) if with_account else None
    manager = make_user("manager", full_name="Maja Upraviteljica")
    club = found_club(manager, user)
    person = Person.objects.create(
        name=FULL_NAME, organisation=agency, role="Club adviser", email=EMAIL.upper(),
        phone=PHONE, languages=["sl"], consent_on=date(2026, 3, 1), consent_listed=True,
        consent_contacted=True, consent_text="Listed and contacted.", user=user,
    )
    other = Person.objects.create(name=OTHER_NAME, organisation=ministry, role="Adviser",
                                  email=OTHER_EMAIL, phone="+386 1 222 22 22")
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.STAKEHOLDER_MEETING, title_sl="3. srečanje deležnikov",
        title_en="3rd stakeholder meeting",
        starts_at=datetime(2024, 7, 24, 10, 0, tzinfo=LJ),
        ends_at=datetime(2024, 7, 24, 13, 0, tzinfo=LJ), organiser=agency,
        agenda=f"1. Welcome ({OTHER_NAME})\n2. Clubs ({FULL_NAME})",
        minutes=(f"{FULL_NAME} ({EMAIL}, {PHONE}) presented the clubs; Mihaela from the "
                 f"ministry and {OTHER_NAME} asked questions. MIHA ZUPANČIČ will write."),
    )
    Participant.objects.create(meeting=meeting, person=person, attended=True)
    Participant.objects.create(meeting=meeting, person=other, attended=True)
    Participant.objects.create(meeting=meeting, organisation=agency, attended=True)
    decision = Decision.objects.create(
        meeting=meeting, position=1, text=f"{FULL_NAME} drafts the pilot's rules.")
    item = ActionItem.objects.create(
        title=f"Draft the rules with {FULL_NAME}", details=f"Call {PHONE}.",
        owner_person=person, due_on=date(2024, 9, 1), meeting=meeting, decision=decision,
    )
    ActionItem.objects.create(title="Invite the bank", owner_person=other,
                              due_on=date(2024, 9, 1), meeting=meeting)
    StatusChange.objects.create(item=item, old_status="", new_status="open",
                                note=f"Agreed with {FULL_NAME}.")
    StatusChange.objects.create(item=item, old_status="open", new_status="in_progress",
                                note="Started.", changed_by=user)
    practice = Practice.objects.create(slug="clubs-cigales", title_en="Clubs CIGALES",
                                       country="FR")
    thread = Thread.objects.create(practice=practice, to_organisation=ministry, asked_by=user,
                                   subject="How do your clubs repay a leaving member?")
    ThreadMessage.objects.create(thread=thread, author=user, author_name=FULL_NAME,
                                 text=f"Regards, {FULL_NAME}")
    ThreadMessage.objects.create(thread=thread, from_practitioners=True,
                                 author_name="Jeanne", text=f"Dear {FULL_NAME}, we pay out.")
    event = Meeting.objects.create(
        kind=Meeting.Kind.INFO_SESSION, title_en="What is a club?", public=True,
        starts_at=datetime(2026, 12, 10, 17, 0, tzinfo=LJ),
        ends_at=datetime(2026, 12, 10, 19, 0, tzinfo=LJ), place="Litija",
    )
    now = timezone.now()
    Registration.objects.create(meeting=event, name=FULL_NAME, email=EMAIL, consent_at=now,
                                consent_text="Store my name and address for this event.")
    Registration.objects.create(meeting=event, name=OTHER_NAME, email=OTHER_EMAIL,
                                consent_at=now, consent_text="Store my name and address.")
    ClubInterest.objects.create(
        name=FULL_NAME, email=EMAIL, municipality="060", region="SI035",
        note=f"Call me on {PHONE}.", consent_at=now - timedelta(days=1),
        consent_text="Tell me about clubs near me.", invited_to=event, invited_at=now,
    )
    return Story(user=user, person=person, other=other, meeting=meeting, event=event,
                 item=item, club=club)
