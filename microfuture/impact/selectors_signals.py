"""Policy signals from the finder: the share of searches that fail on each criterion.

Read from the finder's anonymous day counts (`finder.SearchCount`, `finder.CriterionFailedBy`,
written by `finder.services.usage_record`), by applicant type and target group, over a period.
A search "fails on" a criterion when, for at least one mechanism, that criterion was the only
condition not met (a near miss): changing that rule alone would have opened the mechanism to
the person. So "38 % of searches by unemployed people failed on a minimum number of employees"
reads: in 38 % of those searches a minimum number of employees was, for some programme, the
one thing in the way. See docs/impact.md, "Policy signals from the finder".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from microfuture.finder.mechanism import CRITERIA
from microfuture.finder.models import (
    ALL_TARGET_GROUPS,
    APPLICANT_TYPE_NOT_GIVEN,
    CriterionFailedBy,
    SearchCount,
)

# A cell (period × applicant type × target group) with fewer searches than this is not shown
# and not in the CSV: with a handful of searches, a share could point at one person's search
# (one unemployed woman from a small town). Ten keeps every shown share a figure of several
# people; the open-data rule for clubs' money (fewer than 3 clubs) is a different count.
MIN_SEARCHES = 10

ALL_APPLICANT_TYPES = ""

# The criteria in plain words, as a reader of the page (not a curator) would name them. Every
# criterion of the finder (mechanism.CRITERIA) has one; a test keeps them together.
CRITERION_LABELS: dict[str, Promise] = {
    "amount_min": _("a minimum amount"),
    "amount_max": _("a maximum amount"),
    "countries": _("the country"),
    "regions": _("the region"),
    "municipalities": _("the municipality"),
    "entity_types": _("the legal form"),
    "requires_social_enterprise_status": _("the status of a social enterprise"),
    "employees_min": _("a minimum number of employees"),
    "employees_max": _("a maximum number of employees"),
    "age_months_min": _("a minimum age of the business"),
    "age_months_max": _("a maximum age of the business"),
    "founded_before": _("founded before a given date"),
    "target_groups": _("belonging to a target group"),
    "purposes": _("what the money is for"),
    "credit_rating_min": _("a credit rating"),
    "excluded_sectors": _("the business activity"),
    "requires_no_tax_debts": _("no unpaid taxes or blocked bank account"),
    "de_minimis": _("the ceiling of de minimis aid"),
}

# Who searched, as the filters name them, and as the sentence says "searches by …" (a
# context of its own: Slovenian puts these in the genitive, "iskanj brezposelnih oseb").
# (The context is written out in each call: makemessages reads only literal calls.)
APPLICANT_TYPES: list[tuple[str, Promise, Promise]] = [
    ("individual", _("A person, not yet registered"),
     pgettext_lazy("searches by", "people not yet registered")),
    ("sole_trader", _("Sole trader (s.p.)"), pgettext_lazy("searches by", "sole traders")),
    ("company", _("Company"), pgettext_lazy("searches by", "companies")),
    ("cooperative", _("Cooperative"), pgettext_lazy("searches by", "cooperatives")),
    ("association", _("Association"), pgettext_lazy("searches by", "associations")),
    ("institute", _("Institute (zavod)"), pgettext_lazy("searches by", "institutes")),
    (APPLICANT_TYPE_NOT_GIVEN, _("Did not say"),
     pgettext_lazy("searches by", "people who did not say their legal form")),
]
TARGET_GROUPS: list[tuple[str, Promise, Promise]] = [
    ("unemployed", _("Unemployed people"), pgettext_lazy("searches by", "unemployed people")),
    ("long_term_unemployed", _("Long-term unemployed people"),
     pgettext_lazy("searches by", "long-term unemployed people")),
    ("youth", _("Young people"), pgettext_lazy("searches by", "young people")),
    ("women", _("Women"), pgettext_lazy("searches by", "women")),
    ("migrants", _("Migrants"), pgettext_lazy("searches by", "migrants")),
    ("disability", _("People with disabilities"),
     pgettext_lazy("searches by", "people with disabilities")),
    ("roma", _("Roma"), pgettext_lazy("searches by", "Roma")),
    ("over_50", _("People over 50"), pgettext_lazy("searches by", "people over 50")),
    ("minimum_income", _("People on minimum income"),
     pgettext_lazy("searches by", "people on minimum income")),
    ("social_economy", _("Social economy organisations"),
     pgettext_lazy("searches by", "social economy organisations")),
]
_TYPE_WHO = {code: who for code, _label, who in APPLICANT_TYPES}
_GROUP_WHO = {code: who for code, _label, who in TARGET_GROUPS}


@dataclass(frozen=True)
class SignalRow:
    criterion: str
    label: str
    failed: int  # searches that failed on it
    share: Decimal  # per cent of the cell's searches, one decimal

    @property
    def share_whole(self) -> Decimal:
        """The share as the sentence says it: whole per cent (half to even)."""
        return self.share.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Signals:
    since: date
    until: date
    applicant_type: str  # "" = every type
    target_group: str  # "" = every search, whatever its groups
    searches: int
    rows: tuple[SignalRow, ...]  # by share, largest first; empty when too few searches

    @property
    def too_few(self) -> bool:
        return self.searches < MIN_SEARCHES

    @property
    def who(self) -> str:
        """Whose searches, for "… of searches by {who} failed on …" ("" = all searches)."""
        kind = _TYPE_WHO.get(self.applicant_type)
        group = _GROUP_WHO.get(self.target_group)
        if kind and group:
            return _t("%(group)s (%(kind)s)") % {"group": group, "kind": kind}
        return str(group or kind or "")

    def sentence(self, row: SignalRow) -> str:
        share = f"{row.share_whole}\N{NO-BREAK SPACE}%"
        if self.who:
            return _t("%(share)s of searches by %(who)s failed on “%(criterion)s”.") % {
                "share": share, "who": self.who, "criterion": row.label}
        return _t("%(share)s of all searches failed on “%(criterion)s”.") % {
            "share": share, "criterion": row.label}


def last_twelve_months(today: date) -> tuple[date, date]:
    """The default period: the twelve months up to and including `today`."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + timedelta(days=1), today


def signals_for(*, since: date, until: date, applicant_type: str = ALL_APPLICANT_TYPES,
                target_group: str = ALL_TARGET_GROUPS) -> Signals:
    """The share of searches that failed on each criterion, between two days (both
    included), for one applicant type ("" = all) and one target group ("" = all searches).

    Two queries, whatever the period. A cell below `MIN_SEARCHES` has no rows."""
    searches_q = SearchCount.objects.filter(day__gte=since, day__lte=until,
                                            target_group=target_group)
    failed_q = CriterionFailedBy.objects.filter(day__gte=since, day__lte=until,
                                                target_group=target_group)
    if applicant_type != ALL_APPLICANT_TYPES:
        searches_q = searches_q.filter(applicant_type=applicant_type)
        failed_q = failed_q.filter(applicant_type=applicant_type)
    searches = searches_q.aggregate(total=Sum("count"))["total"] or 0
    rows: list[SignalRow] = []
    if searches >= MIN_SEARCHES:
        totals = failed_q.values("criterion").annotate(total=Sum("count"))
        for item in totals:
            criterion, failed = item["criterion"], item["total"]
            if not failed:
                continue
            share = (Decimal(failed) * 100 / Decimal(searches)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_EVEN)
            label = CRITERION_LABELS.get(criterion)
            rows.append(SignalRow(criterion, str(label) if label else criterion, failed,
                                  share))
    rows.sort(key=lambda r: (-r.failed, CRITERIA.index(r.criterion)
                             if r.criterion in CRITERIA else len(CRITERIA), r.criterion))
    return Signals(since, until, applicant_type, target_group, searches, tuple(rows))
