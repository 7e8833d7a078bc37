"""The finder's plain values: a mechanism of the catalogue and an applicant's profile.

Pure (no Django, no I/O): the matching core, the catalogue file reader and the database
edge all speak in these frozen dataclasses (spec: shared/specs/finance-finder.md §1–§2).
Texts are kept in both languages as `Bilingual`; amounts are Decimal in euros.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from microfuture.kernel.text import Bilingual

LANGUAGES = ("sl", "en")
#: The empty text, the default of every optional text (frozen, so one shared value is safe).
NO_TEXT = Bilingual()

KINDS = ("microloan", "loan", "guarantee", "grant", "equity", "savings_club", "crowdfunding",
         "advice")
# Cheapest for the applicant first: the order of kinds within a result group (§3).
KIND_ORDER = ("grant", "advice", "savings_club", "equity", "crowdfunding", "guarantee",
              "microloan", "loan")
PROVIDER_KINDS = ("public_fund", "bank", "microfinance_institution", "guarantee_society",
                  "cooperative", "foundation", "citizen_club_network", "crowdfunding_platform",
                  "ministry")
ENTITY_TYPES = ("individual", "sole_trader", "company", "cooperative", "association",
                "institute")
TARGET_GROUPS = ("unemployed", "long_term_unemployed", "youth", "women", "migrants",
                 "disability", "roma", "over_50", "minimum_income", "social_economy")
PURPOSES = ("start_up", "investment", "working_capital", "equipment", "training",
            "social_impact")

# The criteria, in catalogue field order: the order of `unknown` lists and of checks. Each is
# one record in `core.REGISTRY` (how it is read, judged, worded and asked), in this order.
# `municipalities` sits with the other places; the two added for issue 11 §4 come last.
CRITERIA = (
    "amount_min", "amount_max", "countries", "regions", "municipalities", "entity_types",
    "requires_social_enterprise_status", "employees_min", "employees_max", "age_months_min",
    "age_months_max", "founded_before", "target_groups", "purposes", "credit_rating_min",
    "excluded_sectors", "requires_no_tax_debts", "de_minimis",
)


@dataclass(frozen=True)
class Provider:
    slug: str
    name: Bilingual
    kind: str
    country: str = ""
    website: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Mechanism:
    slug: str
    name: Bilingual
    provider: str  # the provider's slug
    kind: str
    summary: Bilingual = NO_TEXT
    how_to_apply: Bilingual = NO_TEXT
    url: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    rate: Bilingual = NO_TEXT
    term_months_max: int | None = None
    grace_months_max: int | None = None
    collateral: Bilingual = NO_TEXT
    own_share_pct: Decimal | None = None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    entity_types: tuple[str, ...] = ()
    requires_social_enterprise_status: bool = False
    employees_min: Decimal | None = None
    employees_max: Decimal | None = None
    age_months_min: int | None = None
    age_months_max: int | None = None
    founded_before: date | None = None
    target_groups: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    credit_rating_min: str = ""
    excluded_sectors: tuple[str, ...] = ()
    open_from: date | None = None
    open_until: date | None = None
    requires_no_tax_debts: bool = False  # excludes unpaid taxes or a blocked account
    de_minimis: bool = False  # granted as de minimis aid (a ceiling over three years)
    open_until_estimated: bool = False  # the closing date is the curator's best estimate
    municipalities: tuple[str, ...] = ()  # official municipality codes; empty = any
    # Keeping the catalogue true (spec §5): when a curator last checked it, against what, and
    # whether it is a permanent product (True) or a call that opens and closes (False).
    verified_on: date | None = None
    sources: tuple[str, ...] = ()
    standing: bool = True
    product: str = ""  # for a call: the slug shared by all the calls of one product
    # Shown to the applicant, not criteria: who to contact (a club's manager, a fund's office).
    provider_name: Bilingual = NO_TEXT
    contact: str = ""
    uncertain: Bilingual = NO_TEXT  # facts the sources disagree on, said plainly


@dataclass(frozen=True)
class Profile:
    """What an applicant told us; every field may be missing (None / empty)."""

    country: str | None = None
    region: str | None = None
    municipality: str | None = None  # official number ("060"); sets `region` unless given
    entity_type: str | None = None
    social_enterprise_status: bool | None = None
    employees: Decimal | None = None
    founded_on: date | None = None
    age_months: int | None = None
    target_groups: tuple[str, ...] = ()
    amount: Decimal | None = None
    purpose: str | None = None
    credit_rating: str | None = None
    sector: str | None = None
    tax_debts: bool | None = None  # unpaid taxes or a blocked account
    de_minimis_received: Decimal | None = None  # EUR of de minimis aid in the last three years
    on: date | None = None
    lang: str = "en"
