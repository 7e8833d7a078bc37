"""A catalogue dated around today, for the tests of keeping it true (pages, review, command).

The product `p7` has a past call, an open call that closes within 30 days and a coming one;
`spot` is a standing service checked recently, `old-grant` one last checked 400 days ago, and
`bare` has neither sources nor a check date.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from microfuture.finder.services import catalogue_import


def today() -> date:
    return timezone.localdate()


def iso(days: int) -> str:
    return (today() + timedelta(days=days)).isoformat()


def catalogue(sources: dict[str, list[str]] | None = None) -> dict[str, Any]:
    sources = sources or {}
    p7 = {"provider": "sef", "kind": "microloan", "product": "p7", "standing": False,
          "countries": ["SI"]}
    return {
        "providers": [{"slug": "sef", "kind": "public_fund", "country": "SI",
                       "name": {"sl": "Slovenski podjetniški sklad",
                                "en": "Slovene Enterprise Fund"}}],
        "mechanisms": [
            {**p7, "slug": "p7-2025", "name": {"sl": "P7 2025", "en": "P7 2025"},
             "open_from": iso(-400), "open_until": iso(-200), "amount_max": 20000,
             "verified_on": iso(-300),
             "sources": sources.get("p7-2025", ["https://example.org/p7-2025"])},
            {**p7, "slug": "p7-2026", "name": {"sl": "P7 2026", "en": "P7 2026"},
             "summary": {"sl": "Mikrokredit za začetek.", "en": "A microloan to start."},
             "open_from": iso(-30), "open_until": iso(20), "amount_max": 25000,
             "verified_on": iso(-5),
             "sources": sources.get("p7-2026", ["https://www.podjetniskisklad.si/p7"])},
            {**p7, "slug": "p7-2027", "name": {"sl": "P7 2027", "en": "P7 2027"},
             "open_from": iso(200), "open_until": iso(400), "open_until_estimated": True,
             "amount_max": 30000, "verified_on": iso(-5),
             "sources": sources.get("p7-2027", ["https://example.org/p7-2027"])},
            {"slug": "spot", "provider": "sef", "kind": "advice", "name": "SPOT",
             "countries": ["SI"], "verified_on": iso(-10),
             "sources": sources.get("spot", ["https://example.org/spot"])},
            {"slug": "old-grant", "provider": "sef", "kind": "grant",
             "name": {"sl": "Stara subvencija", "en": "Old grant"}, "countries": ["SI"],
             "verified_on": iso(-400),
             "sources": sources.get("old-grant", ["https://example.org/old"])},
            {"slug": "bare", "provider": "sef", "kind": "grant",
             "name": {"sl": "Gola", "en": "Bare"}, "countries": ["SI"]},
        ],
    }


def load(sources: dict[str, list[str]] | None = None) -> None:
    outcome = catalogue_import(text=json.dumps(catalogue(sources)), filename="c.json")
    assert outcome.ok, outcome.errors
