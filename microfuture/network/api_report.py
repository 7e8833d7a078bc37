"""The network API: the period report (`GET /report?from=YYYY-MM-DD&to=YYYY-MM-DD`), staff
only (401 nobody signed in, 403 signed in without being the network's staff).

Without `from` and `to` the period is the last full calendar half-year; one without the
other, a date that is not a real `YYYY-MM-DD` date, or `from` after `to` is a 400 with the
reason. Labels are in English (the API speaks English, docs/api.md); codes are stable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from microfuture.api import django_auth
from microfuture.network import permissions
from microfuture.network.selectors_report import (
    SECTIONS,
    Period,
    last_full_half_year,
    period_report,
)

router = Router()


class Error(Schema):
    detail: str


class IndicatorOut(Schema):
    code: str = Field(description="stable, e.g. meetings_held or meetings_held.study_visit")
    section: str = Field(description="stakeholder_involvement, good_practices, activities "
                                     "or action_plan")
    label: str
    value: int


class SectionOut(Schema):
    code: str
    title: str


class ReportOut(Schema):
    period_from: dt.date = Field(alias="from")
    period_to: dt.date = Field(alias="to")
    sections: list[SectionOut]
    indicators: list[IndicatorOut]


class PeriodQuery(Schema):
    period_from: str = Field("", alias="from", max_length=40,
                             description="first day, YYYY-MM-DD (included)")
    period_to: str = Field("", alias="to", max_length=40,
                           description="last day, YYYY-MM-DD (included)")


def _date(text: str, name: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HttpError(400, f"'{name}' must be a date like 2026-01-31.") from None


@router.get("/report", auth=django_auth, by_alias=True,
            response={200: ReportOut, 400: Error, 401: Error, 403: Error},
            summary="What the network did in a period (counts only)")
def report(request: HttpRequest, query: Query[PeriodQuery]) -> Any:
    period_from, period_to = query.period_from, query.period_to
    if not permissions.is_staff(request.user):
        raise PermissionDenied("Only the network's staff see the period report.")
    if not period_from and not period_to:
        period = last_full_half_year(timezone.localdate())
    elif not period_from or not period_to:
        raise HttpError(400, "Give both 'from' and 'to', or neither (the last full half-year).")
    else:
        period = Period(_date(period_from, "from"), _date(period_to, "to"))
        if period.start > period.end:
            raise HttpError(400, "'from' must not be after 'to'.")
    result = period_report(period)
    with translation.override("en"):
        return {
            "from": period.start, "to": period.end,
            "sections": [{"code": s.code, "title": str(s.title)} for s in SECTIONS],
            "indicators": [{"code": i.code, "section": i.section, "label": str(i.label),
                            "value": i.value} for i in result.indicators],
        }
