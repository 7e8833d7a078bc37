"""The network API: joint initiatives (public record, read only; docs/network.md).

`GET /initiatives` (paged, newest first, `?status=planned|active|completed|stopped`) and
`GET /initiatives/{id}` with the partners, meetings and action items. Texts are given in both
languages as written (`title_sl`, `title_en`, …); nothing names a person.
"""


import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from microfuture.kernel.pagination import Mapped, Page
from microfuture.network import selectors_initiatives
from microfuture.network.models import ActionItem, Initiative

router = Router()

STATUS = "^(planned|active|completed|stopped)$"


class Error(Schema):
    detail: str


class PartnerOut(Schema):
    id: int
    name: str
    kind: str


class MeetingRef(Schema):
    id: int
    kind: str
    title_sl: str
    title_en: str
    starts_at: dt.datetime
    cancelled: bool


class ItemRef(Schema):
    id: int
    title: str
    status: str
    due: dt.date


class InitiativeOut(Schema):
    id: int
    title_sl: str
    title_en: str
    goal_sl: str
    goal_en: str
    status: str = Field(description="planned, active, completed or stopped")
    started_on: dt.date | None
    ended_on: dt.date | None
    partners: list[PartnerOut]


class InitiativeDetailOut(InitiativeOut):
    meetings: list[MeetingRef]
    action_items: list[ItemRef]


def _partners(initiative: Initiative) -> list[PartnerOut]:
    return [PartnerOut(id=o.pk, name=o.name, kind=o.kind) for o in initiative.partners.all()]


def initiative_out(initiative: Initiative) -> InitiativeOut:
    return InitiativeOut(
        id=initiative.pk, title_sl=initiative.title_sl, title_en=initiative.title_en,
        goal_sl=initiative.goal_sl, goal_en=initiative.goal_en, status=initiative.status,
        started_on=initiative.started_on, ended_on=initiative.ended_on,
        partners=_partners(initiative),
    )


def _item(item: ActionItem) -> ItemRef:
    return ItemRef(id=item.pk, title=item.title, status=item.status, due=item.due_on)


class InitiativesQuery(Schema):
    status: str = Field("", pattern=STATUS, description="only initiatives of this status")


@router.get("/initiatives", response=list[InitiativeOut], summary="Joint initiatives")
@paginate(Page)
def initiatives(request: HttpRequest, filters: Query[InitiativesQuery]) -> Any:
    return Mapped(selectors_initiatives.initiative_list(status=filters.status), initiative_out)


@router.get("/initiatives/{initiative_id}", response={200: InitiativeDetailOut, 404: Error},
            summary="One joint initiative with its partners, meetings and action items")
def initiative(request: HttpRequest, initiative_id: int) -> Any:
    try:
        found = selectors_initiatives.initiative_detail(initiative_id)
    except Initiative.DoesNotExist:
        raise HttpError(404, "There is no joint initiative with this id.") from None
    return InitiativeDetailOut(
        **initiative_out(found).dict(),
        meetings=[MeetingRef(id=m.pk, kind=m.kind, title_sl=m.title_sl, title_en=m.title_en,
                             starts_at=m.starts_at, cancelled=m.cancelled_at is not None)
                  for m in found.meetings.all()],
        action_items=[_item(item) for item in found.action_items.all()],
    )
