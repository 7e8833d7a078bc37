"""Properties of the matcher: it never raises and puts each mechanism in at most one group."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microfuture.finder.core import evaluate, match, match_json, parse_profile
from microfuture.finder.mechanism import (
    CRITERIA,
    ENTITY_TYPES,
    KINDS,
    PURPOSES,
    TARGET_GROUPS,
    Mechanism,
    Profile,
)
from microfuture.kernel.text import Bilingual

# Sensible values, so that every group gets members ...
amounts = st.none() | st.decimals(min_value=0, max_value=200_000, places=2)
small = st.none() | st.integers(min_value=0, max_value=400)
days = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
ratings = st.sampled_from(["", "SB1", "SB5", "SB7", "SB10", "A1", "??"])

# ... and odd ones, which must not make it raise.
odd = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.decimals(allow_nan=True, allow_infinity=True), st.text(max_size=6),
    st.dates(), st.datetimes(), st.lists(st.text(max_size=4) | st.integers(), max_size=3),
    st.frozensets(st.text(max_size=3), max_size=3), st.just(Bilingual("x", "y")),
)


def sometimes_odd(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, strategy, strategy, odd)


mechanisms = st.builds(
    Mechanism,
    slug=st.text(min_size=1, max_size=5),
    name=st.builds(Bilingual, st.text(max_size=6), st.text(max_size=6)),
    provider=st.just("p"),
    kind=sometimes_odd(st.sampled_from(KINDS)),
    amount_min=sometimes_odd(amounts), amount_max=sometimes_odd(amounts),
    countries=sometimes_odd(st.lists(st.sampled_from(["SI", "HR", "AT"]), max_size=2)
                            .map(tuple)),
    regions=sometimes_odd(st.lists(st.sampled_from(["SI031", "SI041", "SI044"]), max_size=2)
                          .map(tuple)),
    entity_types=sometimes_odd(st.lists(st.sampled_from(ENTITY_TYPES), max_size=2).map(tuple)),
    requires_social_enterprise_status=sometimes_odd(st.booleans()),
    employees_min=sometimes_odd(st.none() | st.decimals(0, 20, places=1)),
    employees_max=sometimes_odd(st.none() | st.decimals(0, 50, places=1)),
    age_months_min=sometimes_odd(small), age_months_max=sometimes_odd(small),
    founded_before=sometimes_odd(days),
    target_groups=sometimes_odd(st.lists(st.sampled_from(TARGET_GROUPS), max_size=2)
                                .map(tuple)),
    purposes=sometimes_odd(st.lists(st.sampled_from(PURPOSES), max_size=2).map(tuple)),
    credit_rating_min=sometimes_odd(ratings),
    excluded_sectors=sometimes_odd(st.lists(st.sampled_from("ACKQ"), max_size=2).map(tuple)),
    open_from=sometimes_odd(days), open_until=sometimes_odd(days),
)

profiles = st.builds(
    Profile,
    country=sometimes_odd(st.none() | st.sampled_from(["SI", "HR"])),
    region=sometimes_odd(st.none() | st.sampled_from(["SI031", "SI041"])),
    entity_type=sometimes_odd(st.none() | st.sampled_from(ENTITY_TYPES)),
    social_enterprise_status=sometimes_odd(st.none() | st.booleans()),
    employees=sometimes_odd(st.none() | st.decimals(0, 30, places=1)),
    founded_on=sometimes_odd(days),
    age_months=sometimes_odd(small),
    target_groups=sometimes_odd(st.lists(st.sampled_from(TARGET_GROUPS), max_size=3)
                                .map(tuple)),
    amount=sometimes_odd(amounts),
    purpose=sometimes_odd(st.none() | st.sampled_from(PURPOSES)),
    credit_rating=sometimes_odd(st.none() | ratings),
    sector=sometimes_odd(st.none() | st.sampled_from(["A", "C10.71", "K", "10"])),
    on=sometimes_odd(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))),
    lang=sometimes_odd(st.sampled_from(["sl", "en"])),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mechanisms, max_size=8), profiles)
def test_match_never_raises_and_each_mechanism_is_in_at_most_one_group(
    ms: list[Mechanism], profile: Profile
) -> None:
    result = match(ms, profile)
    placed = [id(e.mechanism) for g in (result.eligible, result.possible, result.near_misses,
                                         result.closed) for e in g]
    assert len(placed) == len({id(m) for m in ms if id(m) in placed})
    assert len(placed) <= len(ms)
    out = match_json(result)
    assert list(out) == ["on", "eligible", "possible", "near_misses", "closed"]
    for e in result.eligible:
        assert {r.verdict for r in e.results} == {"met"} and not e.closed
    for e in result.possible:
        assert not e.not_met and e.unknown and not e.closed
    for e in result.near_misses:
        assert len(e.not_met) == 1 and e.not_met != ("countries",) and not e.closed
    for e in result.closed:
        assert e.closed and not e.not_met
    assert match_json(match(ms, profile)) == out  # deterministic


@settings(max_examples=300, deadline=None)
@given(mechanisms, profiles)
def test_evaluate_gives_one_result_per_criterion(m: Mechanism, profile: Profile) -> None:
    e = evaluate(m, profile)
    assert [r.criterion for r in e.results] == list(CRITERIA)
    for r in e.results:
        assert r.verdict in ("met", "not_met", "unknown")
        assert isinstance(r.needs, str) and isinstance(r.has, str)
        assert r.message.sl and r.message.en
        if r.verdict == "unknown":
            assert r.has == ""
    assert e.result("amount_max").verdict == "met"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([f.name for f in fields(Profile)] + ["x"]),
                       json_values) | json_values)
def test_parse_profile_never_raises(data: object) -> None:
    profile, problems = parse_profile(data, today=date(2026, 11, 26))
    assert isinstance(profile, Profile)
    assert all(isinstance(p, str) and p for p in problems)
    assert profile.on is not None and profile.lang in ("sl", "en")
    for value in (profile.employees, profile.amount):
        assert value is None or (isinstance(value, Decimal) and value >= 0)
    match([Mechanism(slug="m", name=Bilingual("M", "M"), provider="p", kind="grant",
                     employees_min=Decimal(1), founded_before=date(2022, 1, 1))], profile)


def test_odd_values_that_once_could_raise() -> None:
    m = Mechanism(slug="m", name=Bilingual("M", "M"), provider="p", kind="loan",
                  amount_max=Decimal("1E+999999"), employees_min=Decimal("NaN"),
                  founded_before=datetime(2022, 1, 1, 12, 0),
                  countries="SI",  # type: ignore[arg-type]
                  age_months_min=Decimal("1E-999999"))  # type: ignore[arg-type]
    p = Profile(amount=Decimal("-1E+999999"), employees=Decimal("sNaN"), country="SI",
                founded_on=date(2030, 1, 1), on=date(2026, 1, 1))
    e = evaluate(m, p)
    assert e.result("countries").verdict == "met"
    assert e.result("employees_min").verdict == "met"  # an unreadable limit is no limit
    assert e.result("founded_before").verdict == "not_met"
    match_json(match([m], p))
