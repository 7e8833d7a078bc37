"""The network API: public awareness events and registration for them (open to everyone, no
sign-in).

- `GET /events`: the upcoming public events (not cancelled, not over), soonest first, with
  their places left; no personal data.
- `POST /events/{id}/registrations` with `{"name", "email", "consent": true}`: 201 with a
  `detail` telling the person to check their e-mail, whether the address was new or already
  registered (so the answer tells nobody who registered; the address's owner gets the
  mail), 400 with a plain reason (full, cancelled, begun, no consent), 404 for no public event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from microfuture.kernel.pagination import Page
from microfuture.network import selectors_events, services_events
from microfuture.network.errors import NetworkError
from microfuture.network.models import Meeting

router = Router(tags=["network: events"])

#: The consent an API client's user gives by sending `consent: true` (stored with the
#: registration, as the page stores the wording it showed).
API_CONSENT = (
    "I agree that the organiser keeps my name and e-mail address to run this event: to confirm "
    "my registration, tell me of changes and count who came. They are not published or passed "
    "on, and are erased whenever I ask. (Given through the API.)"
)


class Error(Schema):
    detail: str


class PublicEventOut(Schema):
    id: int
    kind: str
    title_sl: str
    title_en: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    url: str
    region: str
    capacity: int | None
    places_left: int | None
    page: str


class RegistrationIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    consent: bool


class RegistrationOut(Schema):
    event: int
    detail: str


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def event_out(meeting: Meeting, site: str) -> PublicEventOut:
    return PublicEventOut(
        id=meeting.pk, kind=meeting.kind, title_sl=meeting.title_sl,
        title_en=meeting.title_en, starts_at=meeting.starts_at, ends_at=meeting.ends_at,
        place=meeting.place, url=meeting.url, region=meeting.region,
        capacity=meeting.capacity, places_left=selectors_events.places_left(meeting),
        page=site + reverse("events:event", args=[meeting.pk]),
    )


@router.get("/events", response=list[PublicEventOut], summary="Upcoming public events")
@paginate(Page)
def events_list(request: HttpRequest, **kwargs: Any) -> list[PublicEventOut]:
    site = _site(request)
    return [event_out(m, site) for m in selectors_events.public_events_upcoming()]


@router.post("/events/{event_id}/registrations",
             response={201: RegistrationOut, 400: Error, 404: Error, 422: Error},
             summary="Register for a public event")
def events_register(request: HttpRequest, event_id: int,
                    payload: RegistrationIn) -> Status[RegistrationOut]:
    meeting = selectors_events.public_event(event_id)
    if meeting is None:
        raise HttpError(404, "There is no public event with this id.")
    if not payload.consent:
        raise HttpError(400, "Registration needs the person's consent (consent: true).")
    try:
        validate_email(payload.email.strip())
    except ValidationError:
        raise HttpError(400, "email is not a valid e-mail address.") from None
    # The API speaks English (docs/api.md): its refusals, and so the confirmation mail too.
    with translation.override("en"):
        try:
            services_events.registration_create(
                meeting=meeting, name=payload.name, email=payload.email, consent=True,
                consent_text=API_CONSENT, site_url=_site(request),
            )
        except NetworkError as exc:
            raise HttpError(400, str(exc)) from None
    return Status(201, RegistrationOut(
        event=meeting.pk,
        detail="Registered: a message went to the address given, with the link to cancel. "
               "(An address already registered gets a reminder instead; nothing changes.)",
    ))
