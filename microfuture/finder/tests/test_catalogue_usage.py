"""Anonymous usage counters: each result page adds to per-day counts, nothing personal."""

from __future__ import annotations

from datetime import date

import pytest

from microfuture.finder.models import CriterionFailed, MechanismShown
from microfuture.finder.selectors import usage_criteria_failed, usage_mechanisms_shown
from microfuture.finder.services import usage_record

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 26)


def counts() -> dict[tuple[date, str, str], int]:
    return {(r.day, r.mechanism, r.group): r.count for r in MechanismShown.objects.all()}


def test_counters_start_at_one_and_add_up() -> None:
    usage_record({"eligible": ["p7", "g1"], "near_miss": ["p7r"], "closed": ["sop"]},
                 ["employees_min"], day=DAY)
    usage_record({"eligible": ["p7"], "possible": ["g1"], "near_misses": ["p7r"]},
                 ["employees_min", "regions"], day=DAY)
    assert counts() == {
        (DAY, "p7", "eligible"): 2,
        (DAY, "g1", "eligible"): 1,
        (DAY, "g1", "possible"): 1,
        (DAY, "p7r", "near_miss"): 2,
        (DAY, "sop", "closed"): 1,
    }
    assert dict(CriterionFailed.objects.values_list("criterion", "count")) == {
        "employees_min": 2, "regions": 1}


def test_days_are_counted_apart_and_summed_by_the_selectors() -> None:
    usage_record({"eligible": ["p7"]}, [], day=DAY)
    usage_record({"eligible": ["p7"]}, ["regions"], day=date(2026, 11, 27))
    assert MechanismShown.objects.count() == 2
    assert usage_mechanisms_shown(since=DAY, until=date(2026, 11, 27)) == {("p7", "eligible"): 2}
    assert usage_mechanisms_shown(since=DAY, until=DAY) == {("p7", "eligible"): 1}
    assert usage_criteria_failed(since=DAY, until=date(2026, 12, 31)) == {"regions": 1}


def test_an_unknown_group_is_refused_and_nothing_counted() -> None:
    with pytest.raises(ValueError, match="result group"):
        usage_record({"eligible": ["p7"], "maybe": ["x"]}, [], day=DAY)
    assert MechanismShown.objects.count() == 0


def test_an_empty_page_stores_nothing() -> None:
    usage_record({"eligible": []}, [], day=DAY)
    assert MechanismShown.objects.count() == 0 and CriterionFailed.objects.count() == 0
