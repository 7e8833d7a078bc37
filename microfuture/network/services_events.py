"""Writes of awareness events and the road to a club (spec §6; docs/network.md, "Awareness
events and the road to a club").

- Anyone registers for a public event with a name, an e-mail and their consent, and cancels
  through the link in the confirmation e-mail (`registration_create`, `registration_cancel`).
- Anyone says they would like to join or start a citizens' savings club near them
  (`interest_create`, withdrawn by link: `interest_withdraw`); the coordinators of the region
  invite them to an info session (`interest_invite`).
- At a founding meeting, staff found the club with its founder and send the other founders a
  club invitation (`founding_meeting_found_club`).

Nobody learns from a page or an API answer whether an address is registered: a second
registration (or interest) with the same address gets the same answer ("check your e-mail"),
and only the address's owner gets a mail saying they already are, with their own link.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.accounts.services import mail_on_commit, normalize_email
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club
from microfuture.clubs.services.charter import club_found
from microfuture.clubs.services.invitations import invitation_send
from microfuture.clubs.services.money import ClubError
from microfuture.municipalities import MUNICIPALITIES
from microfuture.network import permissions
from microfuture.network.errors import NetworkError
from microfuture.network.ics import calendar_bytes
from microfuture.network.models import CLUB_MOST, ClubInterest, Meeting, Registration
from microfuture.network.templatetags.network_text import local_text


def registration_consent_text() -> str:
    """The consent a registrant gives, in the language of the page they see it on."""
    return _(
        "I agree that the organiser keeps my name and e-mail address to run this event: to "
        "confirm my registration, tell me of changes and count who came. They are not "
        "published or passed on, and are erased whenever I ask."
    )


def interest_consent_text() -> str:
    return _(
        "I agree that the regional coordinators keep my name, e-mail address, municipality "
        "and note to invite me to an info session and to help start a club near me. They are "
        "not published or passed on; I can withdraw at any time through the link in the "
        "confirmation e-mail."
    )


def _event_title(meeting: Meeting) -> str:
    return local_text(meeting, "title")[0]


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def live_registrations(meeting: Meeting) -> int:
    return Registration.objects.filter(meeting=meeting, cancelled_at__isnull=True).count()


# Registration for a public event -------------------------------------------------------------


@transaction.atomic
def registration_create(
    *, meeting: Meeting, name: str, email: str, consent: bool, consent_text: str,
    site_url: str,
) -> Registration:
    """Register someone for a public event and mail them the confirmation with a cancel link.

    A live registration with the same address is not made twice: its owner gets a mail saying
    they are already registered (with their cancel link), and the caller answers as for a new
    one. Refused (`NetworkError`): not a public event, cancelled, already begun, full, no
    consent, no name or e-mail.
    """
    # The meeting row is locked first so that two people cannot take the last place.
    locked = _lock_meeting(meeting)
    name, email = name.strip(), normalize_email(email)
    if not locked.public:
        raise NetworkError(_("This event is not open for registration."))
    if locked.cancelled_at is not None:
        raise NetworkError(_("This event has been cancelled."))
    if locked.starts_at <= timezone.now():
        raise NetworkError(_("This event has already begun: registration is closed."))
    if not name or not email:
        raise NetworkError(_("Registration needs your name and your e-mail address."))
    if not consent:
        raise NetworkError(_("Registration needs your consent to keep your name and e-mail."))
    title = _event_title(locked)
    event_url = site_url + reverse("events:event", args=[locked.pk])
    existing = Registration.objects.filter(
        meeting=locked, email=email, cancelled_at__isnull=True,
    ).first()
    if existing is not None:
        mail_on_commit(
            to=email, subject=gettext_noop("You are already registered"),
            template="network/email/registration_already.txt",
            context={"title": title, "starts_at": locked.starts_at, "place": locked.place,
                     "event_url": event_url,
                     "cancel_url": site_url + reverse("events:cancel", args=[existing.token])},
        )
        return existing
    if locked.capacity is not None and live_registrations(locked) >= locked.capacity:
        raise NetworkError(_("This event is full: every place is taken."))
    registration = Registration.objects.create(
        meeting=locked, name=name, email=email, consent_at=timezone.now(),
        consent_text=consent_text,
    )
    _confirmation_on_commit(
        meeting=locked, to=email, site_url=site_url, event_url=event_url,
        context={"name": name, "title": title, "starts_at": locked.starts_at,
                 "ends_at": locked.ends_at, "place": locked.place, "url": locked.url,
                 "event_url": event_url,
                 "cancel_url": site_url + reverse("events:cancel", args=[registration.token])},
    )
    return registration


def _confirmation_on_commit(
    *, meeting: Meeting, to: str, site_url: str, event_url: str, context: dict[str, object],
) -> None:
    """The confirmation, with the event's `.ics` attached (its URL the registration page), in
    the language active now, written after the transaction commits."""
    language = translation.get_language() or settings.LANGUAGE_CODE

    def send() -> None:
        with translation.override(language):
            message = EmailMessage(
                subject=_("Your registration"),
                body=render_to_string("network/email/registration_confirmation.txt", context),
                to=[to],
            )
            ics = calendar_bytes([meeting], site_url=site_url, language=language,
                                 page_for=lambda _meeting: event_url)
            # Built by hand: Django's attach() would add a second charset to text/calendar.
            part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
            part.set_param("method", "PUBLISH")
            part.add_header("Content-Disposition", "attachment",
                            filename=f"event-{meeting.pk}.ics")
            message.attach(part)
            message.send()

    transaction.on_commit(send)


def registration_by_token(token: str) -> Registration | None:
    return Registration.objects.select_related("meeting").filter(token=token).first()


@transaction.atomic
def registration_cancel(*, token: str) -> Registration:
    """Cancel the registration of this link (anyone holding the link: it was mailed to the
    registrant). A wrong or used link is refused plainly."""
    found = Registration.objects.select_for_update().filter(token=token).first()
    if found is None:
        raise NetworkError(_("This cancellation link is not valid. Check that you copied all "
                             "of it from the e-mail."))
    if found.cancelled_at is not None:
        raise NetworkError(_("This registration has already been cancelled."))
    found.cancelled_at = timezone.now()
    found.save(update_fields=["cancelled_at"])
    return found


@transaction.atomic
def registration_set_attended(
    *, actor: Any, registration: Registration, attended: bool,
) -> Registration:
    """The organiser marks whether a registrant came."""
    if not permissions.is_staff(actor):
        raise NetworkError(_("Only the network's staff keep the list of registrations."))
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.cancelled_at is not None and attended:
        raise NetworkError(_("This registration was cancelled."))
    locked.attended = attended
    locked.save(update_fields=["attended"])
    return locked


# Interest in a club ---------------------------------------------------------------------------


@transaction.atomic
def interest_create(
    *, name: str, email: str, municipality: str, note: str, consent: bool, consent_text: str,
    site_url: str,
) -> ClubInterest:
    """Someone would like to join or start a club near them. The region is their
    municipality's. An address already on the list is not added twice: its owner gets a mail
    with their withdraw link, and the caller answers as for a new one."""
    name, email, note = name.strip(), normalize_email(email), note.strip()
    found = MUNICIPALITIES.get(municipality)
    if found is None:
        raise NetworkError(_("Choose your municipality from the list."))
    if not name or not email:
        raise NetworkError(_("We need your name and your e-mail address."))
    if not consent:
        raise NetworkError(_("We need your consent to keep your name and e-mail."))
    # Serialise on the address: two submissions at once must not both pass the check.
    existing = ClubInterest.objects.select_for_update().filter(
        email=email, withdrawn_at__isnull=True,
    ).first()
    if existing is not None:
        mail_on_commit(
            to=email, subject=gettext_noop("You are already on the list"),
            template="network/email/interest_already.txt",
            context={"municipality": MUNICIPALITIES[existing.municipality].name
                     if existing.municipality in MUNICIPALITIES else existing.municipality,
                     "withdraw_url": site_url + reverse("network:interest_withdraw",
                                                        args=[existing.token])},
        )
        return existing
    interest = ClubInterest.objects.create(
        name=name, email=email, municipality=found.code, region=found.region, note=note,
        consent_at=timezone.now(), consent_text=consent_text,
    )
    mail_on_commit(
        to=email, subject=gettext_noop("You would like to join a savings club"),
        template="network/email/interest_confirmation.txt",
        context={"name": name, "municipality": found.name,
                 "withdraw_url": site_url + reverse("network:interest_withdraw",
                                                    args=[interest.token])},
    )
    return interest


def interest_by_token(token: str) -> ClubInterest | None:
    return ClubInterest.objects.filter(token=token).first()


@transaction.atomic
def interest_withdraw(*, token: str) -> ClubInterest:
    found = ClubInterest.objects.select_for_update().filter(token=token).first()
    if found is None:
        raise NetworkError(_("This link is not valid. Check that you copied all of it from "
                             "the e-mail."))
    if found.withdrawn_at is not None:
        raise NetworkError(_("You have already taken your name off the list."))
    found.withdrawn_at = timezone.now()
    found.save(update_fields=["withdrawn_at"])
    return found


@dataclass(frozen=True)
class InviteResult:
    invited: int
    skipped: int


def _may_invite_to(actor: Any, regions: set[str], meeting: Meeting) -> None:
    if not regions:
        raise NetworkError(_("Only the coordinators of a region invite the people interested "
                             "in a club there."))
    if meeting.kind != Meeting.Kind.INFO_SESSION or not meeting.public:
        raise NetworkError(_("Invite people to a public info session."))
    if meeting.cancelled_at is not None:
        raise NetworkError(_("This info session has been cancelled."))
    if meeting.starts_at <= timezone.now():
        raise NetworkError(_("This info session has already begun."))


@transaction.atomic
def interest_invite(
    *, actor: Any, meeting: Meeting, interests: list[ClubInterest], site_url: str,
) -> InviteResult:
    """Invite the chosen people to a public info session: each gets an e-mail with the event
    and its registration link. Someone already invited to this session is skipped, so pressing
    the button twice sends nothing more."""
    regions = permissions.coordinator_regions(actor)
    locked = _lock_meeting(meeting)
    _may_invite_to(actor, regions, locked)
    rows = list(
        ClubInterest.objects.select_for_update()
        .filter(pk__in=[i.pk for i in interests]).order_by("pk")
    )
    if not rows:
        raise NetworkError(_("Choose the people or municipalities to invite."))
    outside = [r for r in rows if r.region not in regions]
    if outside:
        raise NetworkError(_("You may invite only people in the regions you coordinate."))
    now = timezone.now()
    title = _event_title(locked)
    event_url = site_url + reverse("events:event", args=[locked.pk])
    invited = skipped = 0
    for row in rows:
        if row.withdrawn_at is not None or row.invited_to_id == locked.pk:
            skipped += 1
            continue
        row.invited_to, row.invited_at = locked, now
        row.save(update_fields=["invited_to", "invited_at"])
        mail_on_commit(
            to=row.email, subject=gettext_noop("An invitation to an info session on savings "
                                               "clubs"),
            template="network/email/interest_invitation.txt",
            context={"name": row.name, "title": title, "starts_at": locked.starts_at,
                     "place": locked.place, "event_url": event_url,
                     "withdraw_url": site_url + reverse("network:interest_withdraw",
                                                        args=[row.token])},
        )
        invited += 1
    return InviteResult(invited=invited, skipped=skipped)


# The founding meeting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Founder:
    name: str
    email: str


@transaction.atomic
def founding_meeting_found_club(
    *, actor: Any, meeting: Meeting, founder_email: str, founder_name: str, club_name: str,
    region: str, monthly_pledge: Decimal, interests: list[ClubInterest],
    registrations: list[Registration], site_url: str,
) -> Club:
    """Found the club of a founding meeting: the founder (a signed-up account) becomes its
    manager (`clubs.services.charter.club_found`), every other founder chosen from the
    interest list or the registrations gets a club invitation by e-mail from the founder
    (`clubs.services.invitations.invitation_send`), the meeting and their interest are linked
    to the club. All or nothing: any refusal leaves nothing changed."""
    if not permissions.is_staff(actor):
        raise NetworkError(_("Only the network's staff record a founding meeting."))
    regions = permissions.coordinator_regions(actor)
    locked = _lock_meeting(meeting)
    if locked.kind != Meeting.Kind.FOUNDING_MEETING:
        raise NetworkError(_("A club is founded at a founding meeting."))
    if locked.club_id is not None:
        raise NetworkError(_("A club has already been founded at this meeting."))
    if region not in regions:
        raise NetworkError(_("You may found clubs only in the regions you coordinate."))
    founder_email = normalize_email(founder_email)
    user = get_user_model().objects.filter(email__iexact=founder_email, is_active=True).first()
    if user is None:
        raise NetworkError(_(
            "No account has the address %(email)s. The founder signs up first, then you "
            "found the club with their address."
        ) % {"email": founder_email})
    others: dict[str, Founder] = {}
    chosen: list[ClubInterest | Registration] = [*interests, *registrations]
    for person in chosen:
        email = normalize_email(person.email)
        if email and email != founder_email and email not in others:
            others[email] = Founder(name=person.name.strip(), email=email)
    if 1 + len(others) > CLUB_MOST:
        raise NetworkError(_(
            "A savings club has at most %(most)d members: you chose %(count)d founders."
        ) % {"most": CLUB_MOST, "count": 1 + len(others)})
    try:
        club = club_found(
            founder=user,
            founder_name=(founder_name.strip() or getattr(user, "full_name", "")
                          or user.get_username()),
            name=club_name, region=region, start_date=timezone.localdate(locked.starts_at),
            monthly_pledge=monthly_pledge, initial_unit_value=Decimal("10.00"),
        )
        for other in others.values():
            invitation_send(club=club, actor=user, name=other.name, email=other.email,
                            site_url=site_url)
    except ClubError as exc:
        raise NetworkError(localized(exc)) from None
    locked.club = club
    locked.save(update_fields=["club", "updated_at"])
    emails = [*others, founder_email]
    ClubInterest.objects.filter(email__in=emails, withdrawn_at__isnull=True).update(club=club)
    return club
