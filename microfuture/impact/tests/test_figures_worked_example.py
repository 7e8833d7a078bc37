"""The figures of the worked example (`history_books.three_clubs`, worked by hand there):
platform = Σ regions = Σ clubs for every §1 key, enterprises counted once, PAR30 pooled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from microfuture.clubs.selectors import club_statement
from microfuture.impact.figures import as_json
from microfuture.impact.selectors import figures_on, regions_on
from microfuture.impact.tests.history_books import ON, three_clubs

pytestmark = pytest.mark.django_db

ZERO_INVESTED = {"equity": "0.00", "loan": "0.00", "advance": "0.00", "participatory": "0.00"}


def test_platform_figures_worked_by_hand() -> None:
    three_clubs()
    f = figures_on(ON)
    assert f["clubs"] == {"forming": 0, "active": 3, "renewed": 0, "management": 0,
                          "dissolved": 0, "total": 3}
    assert f["members"] == 4
    assert f["savings_mobilised"] == "7300.00"
    assert f["paid_out"] == "0.00"
    assert f["invested"] == {**ZERO_INVESTED, "equity": "300.00", "loan": "4500.00",
                             "total": "4800.00"}
    assert f["enterprises_backed"] == 2
    assert f["nav"] == "7300.00"
    assert f["principal_outstanding"] == "4500.00"
    assert f["par30"] == "0.333333"


def test_region_par30_is_pooled_not_the_average_of_the_clubs_ratios() -> None:
    a, b, _ = three_clubs()
    ratios = [Decimal(club_statement(c, as_of=ON)["par30"]) for c in (a, b)]
    assert ratios == [Decimal("0.25"), Decimal("1")]
    assert sum(ratios) / 2 == Decimal("0.625")  # what an average would wrongly say
    region = figures_on(ON, region="SI041")
    assert region["par30"] == "0.333333"  # 1500.00 at risk of 4500.00 outstanding
    assert region["enterprises_backed"] == 2
    assert figures_on(ON, region="SI043")["par30"] is None


def _money(value: Any) -> Decimal:
    return Decimal(value)


def test_platform_is_the_sum_of_regions_and_of_clubs_for_every_key() -> None:
    clubs = three_clubs()
    platform = figures_on(ON)
    regions = [as_json(t) for t in regions_on(ON).values()]
    assert [r["clubs"]["total"] for r in regions] == [2, 1]
    per_club = [figures_on(ON, club=c) for c in clubs]
    for parts in (regions, per_club):
        assert sum(p["members"] for p in parts) == platform["members"]
        for key in ("savings_mobilised", "paid_out", "nav", "income", "expenses",
                    "realised_gains", "unrealised_gains", "principal_outstanding"):
            assert sum(_money(p[key]) for p in parts) == _money(platform[key]), key
        for key in platform["invested"]:
            assert sum(_money(p["invested"][key]) for p in parts) == _money(
                platform["invested"][key])
        for key in platform["clubs"]:
            assert sum(p["clubs"][key] for p in parts) == platform["clubs"][key]
    # Counted once: the clubs' own counts add up to 4, the regions' to 3, the platform has 2.
    assert [p["enterprises_backed"] for p in per_club] == [2, 1, 1]
    assert sum(r["enterprises_backed"] for r in regions) == 3
    assert platform["enterprises_backed"] == 2


def test_a_club_figure_is_the_statement_figure_of_the_same_date() -> None:
    for club in three_clubs():
        stmt = club_statement(club, as_of=ON)
        f = figures_on(ON, club=club)
        assert f["savings_mobilised"] == stmt["total_contributions"]
        assert f["nav"] == stmt["nav"]
        assert f["income"] == stmt["income"]
        assert f["par30"] == stmt["par30"]
        assert f["clubs"][stmt["status"]] == 1
