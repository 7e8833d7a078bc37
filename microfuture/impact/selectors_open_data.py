"""Open data (`../shared/specs/impact.md` §4): the platform's and the regions' figures on a
date, as anyone may read them, with small regions' money figures suppressed.

The figures come from the impact selectors (`selectors.areas_on`: each club's stored row of the
date or its statement, grouped by the region of its seat, the platform the same clubs
combined, kept until the books change) and are written out by `figures.as_json`. Nothing here
names a person; the figures are sums and counts only, and an enterprise is named only when it
agreed (`Enterprise.listed_in_open_data`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.models import Enterprise
from microfuture.impact.figures import INSTRUMENTS, STATUSES, Totals, as_json
from microfuture.impact.selectors import areas_on
from microfuture.regions import REGIONS, region_name

#: The licence of every answer and download, written the same way everywhere.
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The licence's text named in a `Link` header (RFC 8288) on every answer and download.
LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'

#: A region with fewer clubs than this on the date has its money figures suppressed, so that
#: no single club's or member's savings can be read off (spec §4).
MIN_CLUBS = 3

#: What is suppressed in a small region: every money figure and PAR30 (a ratio of two money
#: sums, which with one or two clubs tells a club's arrears). The counts stay: `clubs`,
#: `members` and `enterprises_backed` say nothing about anyone's money.
SUPPRESSIBLE = (
    "savings_mobilised", "paid_out", "invested", "nav", "income", "expenses",
    "realised_gains", "unrealised_gains", "principal_outstanding", "par30",
)


class OpenDataError(ValueError):
    """A question open data cannot answer (a bad date or region), in plain words."""


@dataclass(frozen=True)
class Area:
    """The open figures of the platform (`region` None) or of one region."""

    region: str | None
    figures: dict[str, Any]
    suppressed: list[str]

    @property
    def name(self) -> str:
        return region_name(self.region) if self.region else ""

    def as_json(self) -> dict[str, Any]:
        return {"region": self.region, "figures": self.figures, "suppressed": self.suppressed}


def _area(region: str | None, total: Totals) -> Area:
    figures = as_json(total)
    if region is None or total.clubs >= MIN_CLUBS:
        return Area(region, figures, [])
    for key in SUPPRESSIBLE:
        figures[key] = None
    return Area(region, figures, list(SUPPRESSIBLE))


def parse_date(text: str | None, *, today: date) -> date:
    """The date asked (`YYYY-MM-DD`); today when none is given. Never a future date: the
    figures of a day that has not ended yet are today's, and tomorrow has none."""
    if text is None or not text.strip():
        return today
    try:
        on = date.fromisoformat(text.strip())
    except ValueError:
        raise OpenDataError(
            f"The date {text!r} is not a date: write it as YYYY-MM-DD, "
            "for example 2026-12-01.") from None
    if on > today:
        raise OpenDataError("There are no figures for a date in the future.")
    return on


def parse_region(text: str | None) -> str | None:
    """The region code asked (one of Slovenia's twelve, e.g. SI041); None for the platform."""
    if text is None or not text.strip():
        return None
    code = text.strip().upper()
    if code not in REGIONS:
        raise OpenDataError(
            f"There is no region {text!r}: use a Slovenian statistical region's code, "
            f"one of {', '.join(REGIONS)}.")
    return code


def open_figures(on: date, *, region: str | None = None) -> Area:
    """The figures of the platform (never suppressed) or of one region on `on`."""
    return _area(region, areas_on(on, region=region).total)


@dataclass(frozen=True)
class OpenData:
    """The platform and every region with at least one club on the date (by code)."""

    on: date
    platform: Area
    regions: list[Area]
    enterprises: list[ListedEnterprise]


@dataclass(frozen=True)
class ListedEnterprise:
    """An enterprise backed by a club on the date that agreed to be named in open data."""

    name: str
    region: str | None
    instruments: list[str]

    @property
    def region_name(self) -> str:
        return region_name(self.region) if self.region else ""

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "region": self.region, "instruments": self.instruments}


def _listed(instruments: Mapping[str, frozenset[str]]) -> list[ListedEnterprise]:
    """Only enterprises that agreed (`listed_in_open_data`); a name the clubs' books give that
    the platform does not know as an enterprise never agreed, so it is never named. (The few
    that agreed are read and matched here: the books name thousands.)"""
    agreed = Enterprise.objects.filter(listed_in_open_data=True).order_by("name")
    return [ListedEnterprise(e.name, e.region or None,
                             [i for i in INSTRUMENTS if i in instruments[e.name]])
            for e in agreed if e.name in instruments]


def open_data_on(on: date) -> OpenData:
    """The platform, its regions and the enterprises that may be named, from one pass over
    the clubs."""
    areas = areas_on(on)
    regions = [_area(code, totals) for code, totals in areas.by_region.items()]
    return OpenData(on, _area(None, areas.total), regions, _listed(areas.instruments))


def open_enterprises(on: date) -> list[ListedEnterprise]:
    """The enterprises backed by a club existing on `on` (any holding, open or closed) that
    agreed to be named, by name, with their region and the instruments they were backed by."""
    return _listed(areas_on(on).instruments)


def enterprises_answer(on: date, enterprises: list[ListedEnterprise]) -> dict[str, Any]:
    """`GET /api/v1/open-data/enterprises`."""
    return {"date": on.isoformat(), "licence": LICENCE,
            "enterprises": [e.as_json() for e in enterprises]}


def figures_answer(on: date, area: Area) -> dict[str, Any]:
    """`GET /api/v1/open-data/figures`, and the figures JSON download."""
    return {"date": on.isoformat(), "region": area.region, "licence": LICENCE,
            "figures": area.figures, "suppressed": area.suppressed}


def regions_answer(on: date, regions: list[Area]) -> dict[str, Any]:
    """`GET /api/v1/open-data/regions`, and the regions JSON download."""
    return {"date": on.isoformat(), "licence": LICENCE,
            "regions": [area.as_json() for area in regions]}


# --- The figures one by one: their column in the downloads, their label and definition ---

@dataclass(frozen=True)
class Figure:
    """One figure as a column: `path` into the figures JSON (`("invested", "loan")`)."""

    column: str
    path: tuple[str, ...]
    label: Promise
    definition: Promise
    kind: str  # "count", "money" or "ratio"

    def value(self, figures: dict[str, Any]) -> Any:
        value: Any = figures
        for key in self.path:
            if value is None:
                return None
            value = value[key]
        return value


_STATUS_LABELS = {
    "forming": _("Clubs forming"), "active": _("Clubs active"),
    "renewed": _("Clubs renewed"), "management": _("Clubs in management"),
    "dissolved": _("Clubs dissolved"),
}
_INSTRUMENT_LABELS = {
    "equity": _("Invested in shares"), "loan": _("Invested as loans"),
    "advance": _("Invested as shareholder advances"),
    "participatory": _("Invested in participatory securities"),
}


def _figures() -> list[Figure]:
    figures = [Figure("clubs.total", ("clubs", "total"), _("Clubs"), _(
        "Clubs that exist on the date (founded on or before it), whatever their stage."),
        "count")]
    figures += [Figure(f"clubs.{s}", ("clubs", s), _STATUS_LABELS[s], _(
        "Of these, the clubs in this stage on the date."), "count") for s in STATUSES]
    figures += [
        Figure("members", ("members",), _("Members"), _(
            "People who are active members of a club on the date; a dissolved club counts "
            "none."), "count"),
        Figure("savings_mobilised", ("savings_mobilised",), _("Savings mobilised"), _(
            "All that the members have paid into their clubs up to the date."), "money"),
        Figure("paid_out", ("paid_out",), _("Paid out to members"), _(
            "What the clubs have paid to members who left, and at the share-out when a club "
            "was dissolved."),
            "money"),
        Figure("invested.total", ("invested", "total"), _("Invested"), _(
            "What the clubs have put into enterprises, at cost, counting also the investments "
            "since repaid or sold."), "money"),
    ]
    figures += [Figure(f"invested.{i}", ("invested", i), _INSTRUMENT_LABELS[i], _(
        "Of this, the part invested in this way."), "money") for i in INSTRUMENTS]
    figures += [
        Figure("enterprises_backed", ("enterprises_backed",), _("Enterprises backed"), _(
            "Enterprises in which at least one club has invested; an enterprise backed by two "
            "clubs counts once."), "count"),
        Figure("nav", ("nav",), _("Net asset value"), _(
            "What the clubs own on the date: their cash and the value of their investments."),
            "money"),
        Figure("income", ("income",), _("Income"), _(
            "Loan interest and other income the clubs have received up to the date."),
            "money"),
        Figure("expenses", ("expenses",), _("Expenses"), _(
            "The clubs' costs (bank fees and the like) up to the date."), "money"),
        Figure("realised_gains", ("realised_gains",), _("Realised gains"), _(
            "What the clubs gained on investments they sold, less what they lost on sales and "
            "on investments written off."),
            "money"),
        Figure("unrealised_gains", ("unrealised_gains",), _("Unrealised gains"), _(
            "For the shares and participatory securities the clubs still hold: their latest "
            "value less their cost."),
            "money"),
        Figure("principal_outstanding", ("principal_outstanding",), _(
            "Loans outstanding"), _(
            "The part of the clubs' open loans that enterprises have yet to repay."), "money"),
        Figure("par30", ("par30",), _("Portfolio at risk (30 days)"), _(
            "The share of the loans outstanding whose repayment is more than 30 days late: "
            "all late principal divided by all principal outstanding (not an average of the "
            "clubs). Empty when there is no open loan."), "ratio"),
    ]
    return figures


FIGURES: list[Figure] = _figures()

#: The columns of the CSV and XLSX downloads, in order: the area, then every figure, then the
#: suppressed keys and the licence on every row (so that a file that travels alone says it).
HEAD = ("date", "region", "region_name")
TAIL = ("suppressed", "licence", "licence_url")
COLUMNS: tuple[str, ...] = (*HEAD, *(f.column for f in FIGURES), *TAIL)


def area_row(on: date, area: Area) -> list[Any]:
    """One row of a download: plain values (money as its exact text, empty when suppressed
    or when there is no PAR30)."""
    return [on.isoformat(), area.region or "", area.name,
            *(f.value(area.figures) for f in FIGURES),
            " ".join(area.suppressed), LICENCE, LICENCE_URL]


def rows(on: date, areas: list[Area]) -> Iterator[list[Any]]:
    for area in areas:
        yield area_row(on, area)
