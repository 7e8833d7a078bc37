"""Open data under /api/v1/open-data/ (`../shared/specs/impact.md` §4): public, no sign-in,
licence CC BY 4.0 in every answer. The figures are `selectors_open_data`'s; this module only
reads the address's parameters and answers 400 with a plain reason when they do not fit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from microfuture.impact.selectors_open_data import (
    LICENCE_LINK,
    OpenDataError,
    enterprises_answer,
    figures_answer,
    open_data_on,
    open_enterprises,
    open_figures,
    parse_date,
    parse_region,
    regions_answer,
)

router = Router(tags=["open data"])


class Error(Schema):
    detail: str


class OpenDataClubCountsOut(Schema):
    forming: int
    active: int
    renewed: int
    management: int
    dissolved: int
    total: int


class OpenDataInvestedOut(Schema):
    equity: str
    loan: str
    advance: str
    participatory: str
    total: str


class OpenDataFigureValuesOut(Schema):
    """The figures of spec §1. Money is a string with two decimals; a suppressed figure is
    null and named in `suppressed`."""

    clubs: OpenDataClubCountsOut
    members: int
    savings_mobilised: str | None
    paid_out: str | None
    invested: OpenDataInvestedOut | None
    enterprises_backed: int
    nav: str | None
    income: str | None
    expenses: str | None
    realised_gains: str | None
    unrealised_gains: str | None
    principal_outstanding: str | None
    par30: str | None


class OpenDataFiguresOut(Schema):
    date: str
    region: str | None
    licence: str
    figures: OpenDataFigureValuesOut
    suppressed: list[str]


class OpenDataRegionOut(Schema):
    region: str
    figures: OpenDataFigureValuesOut
    suppressed: list[str]


class OpenDataRegionsOut(Schema):
    date: str
    licence: str
    regions: list[OpenDataRegionOut]


class OpenDataEnterpriseOut(Schema):
    name: str
    region: str | None
    instruments: list[str]


class OpenDataEnterprisesOut(Schema):
    date: str
    licence: str
    enterprises: list[OpenDataEnterpriseOut]


@router.get("/figures", response={200: OpenDataFiguresOut, 400: Error}, auth=None)
def get_figures(request: HttpRequest, response: HttpResponse, date: str | None = None,
                region: str | None = None) -> Any:
    """The figures of the whole platform on `date` (YYYY-MM-DD, today when left out; never a
    future date), or of one region (its code, e.g. SI041). A region with fewer than 3 clubs on
    the date has its money figures and PAR30 null, listed in `suppressed`; the platform's are
    never suppressed. Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."""
    response["Link"] = LICENCE_LINK
    try:
        on = parse_date(date, today=timezone.localdate())
        code = parse_region(region)
    except OpenDataError as exc:
        raise HttpError(400, str(exc)) from None
    return figures_answer(on, open_figures(on, region=code))


@router.get("/regions", response={200: OpenDataRegionsOut, 400: Error}, auth=None)
def get_regions(request: HttpRequest, response: HttpResponse,
                date: str | None = None) -> Any:
    """Every region with at least one club on `date` (YYYY-MM-DD, today when left out), with
    its figures; money figures suppressed where a region has fewer than 3 clubs. Licence:
    CC BY 4.0."""
    response["Link"] = LICENCE_LINK
    try:
        on = parse_date(date, today=timezone.localdate())
    except OpenDataError as exc:
        raise HttpError(400, str(exc)) from None
    return regions_answer(on, open_data_on(on).regions)


@router.get("/enterprises", response={200: OpenDataEnterprisesOut, 400: Error}, auth=None)
def get_enterprises(request: HttpRequest, response: HttpResponse,
                    date: str | None = None) -> Any:
    """The enterprises backed by a club on `date` (YYYY-MM-DD, today when left out; any
    investment, open or closed) that agreed to be named in open data, by name: each with its
    region (null when not given) and the instruments it was backed by (`equity`, `loan`,
    `advance`, `participatory`). No amounts. Licence: CC BY 4.0."""
    response["Link"] = LICENCE_LINK
    try:
        on = parse_date(date, today=timezone.localdate())
    except OpenDataError as exc:
        raise HttpError(400, str(exc)) from None
    return enterprises_answer(on, open_enterprises(on))
