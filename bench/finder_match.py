"""Benchmark: the finder's match() of one profile against 2,000 generated mechanisms.

Run from the project root:  .venv/bin/python bench/finder_match.py [--mechanisms 2000]
Prints median, p95 and max of 200 runs (target: p95 < 30 ms), for a profile that answers
everything and for one that answers little (more mechanisms land in `possible`, so more
wording is built). Pure core only: no database, no Django setup.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from microfuture.finder.core import match, match_json, parse_profile
from microfuture.finder.mechanism import (
    ENTITY_TYPES,
    KINDS,
    PURPOSES,
    TARGET_GROUPS,
    Mechanism,
)
from microfuture.kernel.text import Bilingual as Text

REGIONS = ["SI031", "SI032", "SI033", "SI034", "SI035", "SI036", "SI037", "SI038", "SI041",
           "SI042", "SI043", "SI044"]
TODAY = date(2026, 11, 26)


def some(rng: random.Random, values: list[str] | tuple[str, ...], p: float) -> tuple[str, ...]:
    if rng.random() > p:
        return ()
    return tuple(rng.sample(list(values), rng.randint(1, min(3, len(values)))))


def catalogue(n: int, seed: int = 7) -> list[Mechanism]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        low = rng.choice([None, 1000, 5000, 15000, 25001])
        high = rng.choice([None, 10000, 25000, 50000, 150000])
        start = TODAY + timedelta(days=rng.randint(-700, 200))
        windowed = rng.random() < 0.4
        out.append(Mechanism(
            slug=f"mechanism-{i:05d}",
            name=Text(f"Mehanizem {rng.choice('AČCŠSŽZ')}{i}", f"Mechanism {i}"),
            provider=f"provider-{i % 40}",
            kind=rng.choice(KINDS),
            amount_min=Decimal(low) if low else None,
            amount_max=Decimal(high) if high else None,
            countries=("SI",) if rng.random() < 0.8 else ("HR",),
            regions=some(rng, REGIONS, 0.3),
            entity_types=some(rng, ENTITY_TYPES, 0.6),
            requires_social_enterprise_status=rng.random() < 0.15,
            employees_min=Decimal(1) if rng.random() < 0.3 else None,
            employees_max=Decimal(rng.choice([9, 49, 249])) if rng.random() < 0.3 else None,
            age_months_min=rng.choice([None, None, 6, 12, 24]),
            age_months_max=rng.choice([None, None, 36, 60]),
            founded_before=date(2022, 1, 1) if rng.random() < 0.2 else None,
            target_groups=some(rng, TARGET_GROUPS, 0.4),
            purposes=some(rng, PURPOSES, 0.5),
            credit_rating_min=rng.choice(["", "", "", "SB7", "SB5"]),
            excluded_sectors=some(rng, list("ABKL"), 0.3),
            open_from=start if windowed else None,
            open_until=start + timedelta(days=120) if windowed else None,
        ))
    return out


PROFILES = {
    "full answers": {
        "country": "SI", "region": "SI041", "entity_type": "sole_trader",
        "social_enterprise_status": False, "employees": 1, "founded_on": "2021-05-10",
        "target_groups": ["women", "long_term_unemployed"], "amount": 20000,
        "purpose": "equipment", "credit_rating": "SB6", "sector": "C10.71", "lang": "sl",
    },
    "few answers": {"country": "SI", "amount": 20000, "age_months": 30, "lang": "sl"},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mechanisms", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    mechanisms = catalogue(args.mechanisms)
    print(f"match() of one profile against {len(mechanisms)} mechanisms, {args.runs} runs")
    for label, data in PROFILES.items():
        profile, problems = parse_profile(data, today=TODAY)
        assert not problems, problems
        for _ in range(5):  # warm up
            match(mechanisms, profile)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = match(mechanisms, profile)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        start = time.perf_counter()
        match_json(result)
        json_ms = (time.perf_counter() - start) * 1000
        print(f"  {label:13} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   "
              f"max {times[-1]:6.1f} ms   (eligible {len(result.eligible)}, possible "
              f"{len(result.possible)}, near misses {len(result.near_misses)}, closed "
              f"{len(result.closed)}; match_json {json_ms:.1f} ms)   target p95 < 30 ms: "
              f"{'ok' if p95 < 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
