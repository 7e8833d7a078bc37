"""Pure properties of summing clubs (`impact/figures.py`, no database): for any clubs split
into regions, the platform equals the sum of the regions for every key, enterprises are a
union (counted once), and PAR30 is pooled, not an average of ratios."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from microfuture.impact.figures import INSTRUMENTS, STATUSES, ClubFigures, as_json, combine

cents = st.integers(min_value=0, max_value=10**9)
ENTERPRISES = ("Pekarna Zrno", "Mizarstvo Hrast", "Kmetija Sonček", "Šivalnica Nit")


@st.composite
def club(draw: st.DrawFn) -> tuple[str, ClubFigures]:
    outstanding = draw(cents)
    return draw(st.sampled_from(("SI041", "SI043", "SI044"))), ClubFigures(
        status=draw(st.sampled_from(STATUSES)), members=draw(st.integers(0, 200)),
        savings_cents=draw(cents), paid_out_cents=draw(cents),
        invested_cents={k: draw(cents) for k in INSTRUMENTS}, nav_cents=draw(cents),
        income_cents=draw(cents), expenses_cents=draw(cents), realised_cents=draw(cents),
        unrealised_cents=draw(st.integers(-10**6, 10**6)),
        principal_outstanding_cents=outstanding,
        at_risk_cents=draw(st.integers(0, outstanding)),
        enterprises=frozenset(draw(st.sets(st.sampled_from(ENTERPRISES)))),
    )


MONEY = ("savings_mobilised", "paid_out", "nav", "income", "expenses", "realised_gains",
         "unrealised_gains", "principal_outstanding")


@given(st.lists(club(), max_size=12))
def test_platform_is_the_sum_of_its_regions(clubs: list[tuple[str, ClubFigures]]) -> None:
    platform = as_json(combine(f for _, f in clubs))
    regions = [as_json(combine(f for r, f in clubs if r == region))
               for region in sorted({r for r, _ in clubs})]
    per_club = [as_json(combine([f])) for _, f in clubs]
    for parts in (regions, per_club):
        assert sum(p["members"] for p in parts) == platform["members"]
        for key in MONEY:
            assert sum((Decimal(p[key]) for p in parts), Decimal(0)) == Decimal(platform[key])
        for key, value in platform["invested"].items():
            assert sum((Decimal(p["invested"][key]) for p in parts), Decimal(0)) == Decimal(
                value)
        for key, n in platform["clubs"].items():
            assert sum(p["clubs"][key] for p in parts) == n
    everyone = set().union(*(f.enterprises for _, f in clubs)) if clubs else set()
    assert platform["enterprises_backed"] == len(everyone)
    assert platform["enterprises_backed"] <= sum(p["enterprises_backed"] for p in regions)
    outstanding = sum(f.principal_outstanding_cents for _, f in clubs)
    at_risk = sum(f.at_risk_cents for _, f in clubs)
    if outstanding == 0:
        assert platform["par30"] is None
    else:
        exact = Decimal(at_risk) / Decimal(outstanding)
        assert abs(Decimal(platform["par30"]) - exact) <= Decimal("0.0000005")


def test_pooled_par30_differs_from_the_average_of_ratios() -> None:
    """A's 100.00 of 10 000.00 at risk (0.01) and B's 50.00 of 50.00 (1): pooled 150 ÷ 10 050
    = 0.014925 (rounded half even), the average would be 0.505."""
    blank = dict.fromkeys(INSTRUMENTS, 0)

    def one(outstanding: int, at_risk: int) -> ClubFigures:
        return ClubFigures(status="active", members=1, savings_cents=0, paid_out_cents=0,
                           invested_cents=blank, nav_cents=0, income_cents=0,
                           expenses_cents=0, realised_cents=0, unrealised_cents=0,
                           principal_outstanding_cents=outstanding, at_risk_cents=at_risk)

    a, b = one(1_000_000, 10_000), one(5_000, 5_000)
    assert as_json(combine([a]))["par30"] == "0.010000"
    assert as_json(combine([b]))["par30"] == "1.000000"
    assert as_json(combine([a, b]))["par30"] == "0.014925"
