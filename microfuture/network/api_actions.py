"""The network API: the action plan and what came of a meeting (the spec's §7).

Mounted under /api/v1/network/. Public record (docs/network.md, "Who sees what"): no sign-in
needed. An owner is a display string: the organisation's name, or a listed person's name,
else the person's organisation, else "not listed". A record an item led to is always named;
its `url` (absolute) is null where the reader may not open its page (a draft practice, a club
they may not know). Texts are given as written; bilingual titles in English when there is one.

- `GET /meetings/{id}/outcomes`: the meeting, each decision with its items and what they led
  to, and the meeting's items that came from no decision (`action_items_without_decision`).
- `GET /actions?status=open&overdue=true&owner=o3&region=SI041`: the regional plan, overdue
  items first, then by due date; paged (`{"items", "count"}`, docs/api.md). Without `status`,
  the items not done or dropped; `status` is one of open, in_progress, done, dropped;
  `overdue=true` keeps the items due before today and not done or dropped.
"""

# No `from __future__ import annotations`: ninja's @paginate rebuilds the signature and
# must see `Query[PlanQuery]` as a type, not as a string.
import datetime as dt
import re
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from microfuture.kernel.pagination import Mapped, Page
from microfuture.network import selectors_actions
from microfuture.network.models import ActionItem, Meeting
from microfuture.network.templatetags.network_text import local_text

router = Router(tags=["network: action plan"])

OWNER = re.compile(r"[op][0-9]{1,18}")


class Error(Schema):
    detail: str


class LedToOut(Schema):
    kind: str = Field(description="practice, interview, club, mechanism, meeting or initiative")
    id: int
    title: str
    url: str | None = Field(description="the record's page, or null where the reader may not "
                                        "open it")


class ItemOut(Schema):
    id: int
    title: str
    owner: str = Field(description="the owner as a display string")
    due: dt.date
    status: str = Field(description="open, in_progress, done or dropped")
    led_to: list[LedToOut]


class PlanItemOut(ItemOut):
    meeting_id: int | None
    decision_id: int | None
    overdue: bool
    days_overdue: int


class OutcomeDecisionOut(Schema):
    id: int
    text: str
    action_items: list[ItemOut]


class MeetingBriefOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str


class MeetingOutcomesOut(Schema):
    meeting: MeetingBriefOut
    decisions: list[OutcomeDecisionOut]
    action_items_without_decision: list[ItemOut]


def _led_to(request: HttpRequest, item: ActionItem) -> list[dict[str, Any]]:
    out = []
    for outcome in item.outcomes.all():
        record = selectors_actions.led_to(outcome, user=request.user, language="en")
        out.append({"kind": record.kind, "id": record.id, "title": record.title,
                    "url": request.build_absolute_uri(record.url) if record.url else None})
    return out


def _item(request: HttpRequest, item: ActionItem) -> dict[str, Any]:
    return {"id": item.pk, "title": item.title, "owner": selectors_actions.owner_api(item),
            "due": item.due_on, "status": item.status, "led_to": _led_to(request, item)}


@router.get("/meetings/{meeting_id}/outcomes",
            response={200: MeetingOutcomesOut, 404: Error})
def meeting_outcomes(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    """What came of a meeting: decision → action items → what they led to."""
    meeting = Meeting.objects.prefetch_related("decisions").filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, "There is no such meeting.")
    outcomes = selectors_actions.meeting_outcomes(meeting, user=request.user, staff=False)
    return {
        "meeting": {"id": meeting.pk, "kind": meeting.kind,
                    "title": local_text(meeting, "title", "en")[0],
                    "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
                    "place": meeting.place},
        "decisions": [{"id": entry.decision.pk, "text": entry.decision.text,
                       "action_items": [_item(request, row.item) for row in entry.rows]}
                      for entry in outcomes.decisions],
        "action_items_without_decision": [_item(request, row.item)
                                          for row in outcomes.without_decision],
    }


class PlanQuery(Schema):
    status: Literal["open", "in_progress", "done", "dropped"] | None = Field(
        None, description="only items of this status (default: open and in progress)")
    overdue: bool = Field(False, description="only items due before today, not done or dropped")
    owner: str = Field("", max_length=20,
                       description="o<id> for an organisation, p<id> for a person")
    region: str = Field("", max_length=5, description="a NUTS code, e.g. SI041")


@router.get("/actions", response={200: list[PlanItemOut], 422: Error})
@paginate(Page)
def plan(request: HttpRequest, filters: Query[PlanQuery]) -> Any:
    """The regional action plan: overdue items first, then by due date."""
    if filters.owner and not OWNER.fullmatch(filters.owner):
        raise HttpError(422, "owner must be o<id> for an organisation or p<id> for a person, "
                             "e.g. o3.")
    today = timezone.localdate()
    statuses: list[str] = ([filters.status] if filters.status
                           else list(selectors_actions.OPEN_STATUSES))
    items = selectors_actions.plan_items(statuses=statuses, owner=filters.owner,
                                         region=filters.region, overdue_only=filters.overdue,
                                         today=today)

    def out(item: ActionItem) -> dict[str, Any]:
        days = selectors_actions.overdue_days(item, today)
        return {**_item(request, item), "meeting_id": item.meeting_id,
                "decision_id": item.decision_id, "overdue": days > 0, "days_overdue": days}

    return Mapped(items, out)
