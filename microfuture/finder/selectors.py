"""Reads of the finder's catalogue: stored rows become the plain values of `mechanism.py`.

The matcher and the pages work on `mechanism.Mechanism`; this is the one edge where rows
turn into them. Nothing is cached: the catalogue is small and a curator's edit must show at
once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, Sum

from microfuture.finder import freshness
from microfuture.finder import mechanism as values
from microfuture.finder.models import (
    KIND_CHOICES,
    CriterionFailed,
    Mechanism,
    MechanismShown,
    Provider,
    SourceCheck,
)
from microfuture.kernel.collation import name_key
from microfuture.kernel.money import from_cents
from microfuture.kernel.text import Bilingual


def _cents_to_euros(cents: int | None) -> Decimal | None:
    if cents is None:
        return None
    return from_cents(cents)


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def provider_from_row(row: Provider) -> values.Provider:
    return values.Provider(
        slug=row.slug,
        name=Bilingual(sl=row.name_sl, en=row.name_en),
        kind=row.kind,
        country=row.country,
        website=row.website,
        contact=row.contact,
    )


def mechanism_from_row(row: Mechanism, *, for_applicant: bool = True) -> values.Mechanism:
    """The mechanism as the matcher sees it.

    For the applicant (the default) `provider_name` is the provider's name and an empty
    `contact` falls back to the provider's; `for_applicant=False` gives the mechanism as the
    catalogue file holds it (used by the export).
    """
    provider = row.provider
    return values.Mechanism(
        slug=row.slug,
        name=Bilingual(sl=row.name_sl, en=row.name_en),
        provider=provider.slug,
        kind=row.kind,
        summary=Bilingual(sl=row.summary_sl, en=row.summary_en),
        how_to_apply=Bilingual(sl=row.how_to_apply_sl, en=row.how_to_apply_en),
        url=row.url,
        amount_min=_cents_to_euros(row.amount_min_cents),
        amount_max=_cents_to_euros(row.amount_max_cents),
        rate=Bilingual(sl=row.rate_sl, en=row.rate_en),
        term_months_max=row.term_months_max,
        grace_months_max=row.grace_months_max,
        collateral=Bilingual(sl=row.collateral_sl, en=row.collateral_en),
        own_share_pct=_decimal(row.own_share_pct),
        countries=tuple(row.countries),
        regions=tuple(row.regions),
        entity_types=tuple(row.entity_types),
        requires_social_enterprise_status=row.requires_social_enterprise_status,
        employees_min=_decimal(row.employees_min),
        employees_max=_decimal(row.employees_max),
        age_months_min=row.age_months_min,
        age_months_max=row.age_months_max,
        founded_before=row.founded_before,
        target_groups=tuple(row.target_groups),
        purposes=tuple(row.purposes),
        credit_rating_min=row.credit_rating_min,
        excluded_sectors=tuple(row.excluded_sectors),
        open_from=row.open_from,
        open_until=row.open_until,
        requires_no_tax_debts=row.requires_no_tax_debts,
        de_minimis=row.de_minimis,
        open_until_estimated=row.open_until_estimated,
        municipalities=tuple(row.municipalities),
        verified_on=row.verified_on,
        sources=tuple(row.source_list()),
        standing=row.standing,
        product=row.product,
        provider_name=(Bilingual(sl=provider.name_sl, en=provider.name_en)
                       if for_applicant else Bilingual()),
        contact=(row.contact or provider.contact) if for_applicant else row.contact,
        uncertain=Bilingual(sl=row.uncertain_sl, en=row.uncertain_en),
    )


def catalogue_mechanisms(*, active_only: bool = True) -> list[values.Mechanism]:
    """Every mechanism (only the active ones by default), in slug order, in one query."""
    rows = Mechanism.objects.select_related("provider").order_by("slug")
    if active_only:
        rows = rows.filter(active=True)
    return [mechanism_from_row(row) for row in rows]


def catalogue_providers() -> list[values.Provider]:
    return [provider_from_row(row) for row in Provider.objects.order_by("slug")]


def usage_mechanisms_shown(*, since: date, until: date) -> dict[tuple[str, str], int]:
    """(mechanism slug, result group) → times shown between two days, both included."""
    rows = (MechanismShown.objects.filter(day__gte=since, day__lte=until)
            .values("mechanism", "group").annotate(total=Sum("count")))
    return {(row["mechanism"], row["group"]): row["total"] for row in rows}


def usage_criteria_failed(*, since: date, until: date) -> dict[str, int]:
    """criterion → times it was the failing criterion of a near miss, between two days."""
    rows = (CriterionFailed.objects.filter(day__gte=since, day__lte=until)
            .values("criterion").annotate(total=Sum("count")))
    return {row["criterion"]: row["total"] for row in rows}


# The public catalogue: a product with its calls, the list ------------------------------


@dataclass(frozen=True)
class ProductPage:
    view: freshness.ProductView
    highlighted: str  # the call the address named ("" when it named the product)


def catalogue_product(slug: str, *, on: date) -> ProductPage | None:
    """The product a slug names, with its active calls as they stand on `on`, or None.

    A mechanism's slug names its product (its own when it has none) with that mechanism
    highlighted; a product's slug names the product.
    """
    named = Mechanism.objects.filter(slug=slug, active=True).values_list("product", flat=True)
    product = named.first()
    if product is None:
        key, highlighted = slug, ""
    else:
        key, highlighted = (product, slug) if product and product != slug else (slug, "")
    rows = (Mechanism.objects.select_related("provider").filter(active=True)
            .filter(Q(product=key) | Q(slug=key, product__in=["", key])))
    mechanisms = [mechanism_from_row(row) for row in rows]
    if not mechanisms:
        return None
    return ProductPage(view=freshness.product_view(key, mechanisms, on), highlighted=highlighted)


@dataclass(frozen=True)
class ListedMechanism:
    mechanism: values.Mechanism
    state: freshness.State
    kind_label: str


def catalogue_listing(*, on: date, lang: str) -> list[ListedMechanism]:
    """Every active mechanism of the catalogue, by kind (the vocabulary's order), then name."""
    kinds = [code for code, _label in KIND_CHOICES]
    labels = {code: str(label) for code, label in KIND_CHOICES}
    mechanisms = catalogue_mechanisms()

    def by_name(m: values.Mechanism) -> tuple[object, ...]:
        name = m.name.get(lang) or m.name.sl or m.name.en
        return (name_key(name, lang), m.slug)

    mechanisms.sort(key=lambda m: (kinds.index(m.kind) if m.kind in kinds else len(kinds),
                                   by_name(m)))
    return [ListedMechanism(m, freshness.call_state(m, on), labels.get(m.kind, m.kind))
            for m in mechanisms]


# The curators' review list ----------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    pk: int
    slug: str
    name: str
    verified_on: date | None
    open_until: date | None
    note: str = ""  # for a source that no longer answers: the address and what it answered
    checked_on: date | None = None


@dataclass
class Review:
    today: date
    stale: list[ReviewItem] = field(default_factory=list)
    past_window: list[ReviewItem] = field(default_factory=list)
    closing_soon: list[ReviewItem] = field(default_factory=list)
    broken_sources: list[ReviewItem] = field(default_factory=list)
    unchecked: list[ReviewItem] = field(default_factory=list)  # no sources or no verified_on

    SECTIONS = ("stale", "past_window", "closing_soon", "broken_sources", "unchecked")

    def sections(self) -> list[tuple[str, list[ReviewItem]]]:
        return [(name, getattr(self, name)) for name in self.SECTIONS]

    @property
    def total(self) -> int:
        return sum(len(items) for _name, items in self.sections())


def catalogue_review(*, today: date) -> Review:
    """What curators should look at on `today`, among the active mechanisms (two queries).

    Stale: checked, but not in the 12 months before today. Past their window: a closing date
    before today. Closing soon: within 30 days from today, today included. Broken sources: an
    address whose latest check (`check_catalogue`) did not answer. Unchecked: no sources or
    no `verified_on` (these are stale too, but listed once, here).
    """
    review = Review(today=today)
    rows = list(Mechanism.objects.filter(active=True).order_by("slug")
                .only("pk", "slug", "name_sl", "name_en", "verified_on", "open_until",
                      "sources"))
    urls = {url for row in rows for url in row.source_list()}
    failing = {check.url: check for check in SourceCheck.objects.filter(url__in=urls, ok=False)}
    soon = today + timedelta(days=freshness.CLOSING_SOON_DAYS)
    for row in rows:
        def item(note: str = "", checked_on: date | None = None, row: Mechanism = row
                 ) -> ReviewItem:
            return ReviewItem(pk=row.pk, slug=row.slug, name=str(row.name_sl or row.name_en),
                              verified_on=row.verified_on, open_until=row.open_until,
                              note=note, checked_on=checked_on)
        sources = row.source_list()
        if row.verified_on is None or not sources:
            review.unchecked.append(item())
        elif freshness.is_stale(row.verified_on, today):
            review.stale.append(item())
        if row.open_until is not None and row.open_until < today:
            review.past_window.append(item())
        elif row.open_until is not None and row.open_until <= soon:
            review.closing_soon.append(item())
        for url in sources:
            check = failing.get(url)
            if check is not None:
                problem = (f"HTTP {check.status}" if check.status else check.error)
                review.broken_sources.append(item(f"{url} ({problem})", check.checked_on))
    return review
