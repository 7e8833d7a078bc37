"""Reads of the finder's catalogue: stored rows become the plain values of `mechanism.py`.

The matcher and the pages work on `mechanism.Mechanism`; this is the one edge where rows
turn into them. Nothing is cached: the catalogue is small and a curator's edit must show at
once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from microfuture.finder import mechanism as values
from microfuture.finder.models import CriterionFailed, Mechanism, MechanismShown, Provider


def _cents_to_euros(cents: int | None) -> Decimal | None:
    if cents is None:
        return None
    return Decimal(cents).scaleb(-2).quantize(Decimal("0.01"))


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def provider_from_row(row: Provider) -> values.Provider:
    return values.Provider(
        slug=row.slug,
        name=values.Text(sl=row.name_sl, en=row.name_en),
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
        name=values.Text(sl=row.name_sl, en=row.name_en),
        provider=provider.slug,
        kind=row.kind,
        summary=values.Text(sl=row.summary_sl, en=row.summary_en),
        how_to_apply=values.Text(sl=row.how_to_apply_sl, en=row.how_to_apply_en),
        url=row.url,
        amount_min=_cents_to_euros(row.amount_min_cents),
        amount_max=_cents_to_euros(row.amount_max_cents),
        rate=values.Text(sl=row.rate_sl, en=row.rate_en),
        term_months_max=row.term_months_max,
        grace_months_max=row.grace_months_max,
        collateral=values.Text(sl=row.collateral_sl, en=row.collateral_en),
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
        provider_name=(values.Text(sl=provider.name_sl, en=provider.name_en)
                       if for_applicant else values.Text()),
        contact=(row.contact or provider.contact) if for_applicant else row.contact,
        uncertain=values.Text(sl=row.uncertain_sl, en=row.uncertain_en),
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
