"""A small catalogue for the finder's page, API and command tests (imported as a file)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

# The club personas, for the savings clubs that appear as mechanisms.
from microfuture.clubs.tests.conftest import (  # noqa: F401
    club,
    manager,
    member,
    member2,
    secretary,
    treasurer,
)

CATALOGUE = {
    "providers": [
        {"slug": "sef", "name": {"sl": "Slovenski podjetniški sklad",
                                 "en": "Slovene Enterprise Fund"},
         "kind": "public_fund", "country": "SI", "website": "https://www.podjetniskisklad.si"},
        {"slug": "mgts", "name": {"sl": "Ministrstvo za gospodarstvo, turizem in šport",
                                  "en": "Ministry of Economy, Tourism and Sport"},
         "kind": "ministry", "country": "SI", "website": "https://www.gov.si"},
    ],
    "mechanisms": [
        {"slug": "sef-p7", "provider": "sef", "kind": "microloan",
         "name": {"sl": "Mikrokrediti P7", "en": "P7 microcredits"},
         "summary": {"sl": "Ugoden mikrokredit.", "en": "A low-cost microloan."},
         "amount_min": 5000, "amount_max": 25000, "countries": ["SI"],
         "entity_types": ["sole_trader", "company", "cooperative"], "employees_min": 1,
         "credit_rating_min": "SB7"},
        {"slug": "se-grant", "provider": "mgts", "kind": "grant",
         "name": {"sl": "Spodbude socialni ekonomiji", "en": "Social-economy grants"},
         "requires_social_enterprise_status": True, "countries": ["SI"],
         "open_from": "2023-01-01", "open_until": "2024-12-31"},
        {"slug": "se-advice", "provider": "mgts", "kind": "advice",
         "name": {"sl": "Podporno okolje", "en": "Support environment"},
         "countries": ["SI"], "target_groups": ["social_economy", "unemployed"]},
        {"slug": "adie", "provider": "sef", "kind": "microloan",
         "name": "Adie microcredit", "countries": ["FR"], "amount_max": 12000},
    ],
}


@pytest.fixture
def catalogue(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    call_command("import_mechanisms", str(path), stdout=io.StringIO())
