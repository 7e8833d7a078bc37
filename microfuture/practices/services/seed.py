"""The library shipped with the app: factors, practices, region profiles and interview guides."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from microfuture.practices.services.base import (
    SEED_FACTORS,
    SEED_PRACTICES,
    SEED_REGIONS,
    ImportOutcome,
    LibrarySeedError,
)
from microfuture.practices.services.factors import factors_import
from microfuture.practices.services.files import practices_import
from microfuture.practices.services.interviews import question_sets_seed
from microfuture.practices.services.regions import region_profiles_import


@dataclass
class SeedOutcome:
    factors: ImportOutcome
    practices: ImportOutcome
    regions: ImportOutcome
    guides: int = 0  # interview guides created (question_sets.yaml)


def seed_library() -> SeedOutcome:
    """Import the factors, practices and region profiles shipped with the app.

    Running it again changes nothing (no new rows, no new revisions).
    """
    with transaction.atomic():
        factors = factors_import(text=SEED_FACTORS.read_bytes(), filename=SEED_FACTORS.name)
        if factors.errors:
            raise LibrarySeedError(factors.errors)
        practices = practices_import(text=SEED_PRACTICES.read_bytes(),
                                     filename=SEED_PRACTICES.name)
        if practices.errors:
            raise LibrarySeedError(practices.errors)
        regions = region_profiles_import(text=SEED_REGIONS.read_bytes(),
                                         filename=SEED_REGIONS.name)
        if regions.errors:
            raise LibrarySeedError(regions.errors)
        guides = question_sets_seed()
    return SeedOutcome(factors=factors, practices=practices, regions=regions, guides=guides)
