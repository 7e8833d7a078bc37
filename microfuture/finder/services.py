"""Writes of the finder: the only code that changes the catalogue and the usage counters.

A catalogue import is all or nothing: the file is read and checked in full first
(`catalogue.read_catalogue` returns every problem with its place); only a file without
problems is stored, in one transaction, providers first, each row upserted by its slug.
Mechanisms that the file does not name are left as they are.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from django.db import transaction
from django.db.models import F

from microfuture.datafile import cleared_fields, record_lines
from microfuture.finder import mechanism as values
from microfuture.finder.catalogue import CatalogueError, read_catalogue, write_catalogue
from microfuture.finder.models import (
    ALL_TARGET_GROUPS,
    APPLICANT_TYPE_NOT_GIVEN,
    ENTITY_TYPE_CHOICES,
    TARGET_GROUP_CHOICES,
    CriterionFailed,
    CriterionFailedBy,
    Mechanism,
    MechanismShown,
    Provider,
    ResultGroup,
    SearchCount,
    SourceCheck,
)
from microfuture.finder.selectors import mechanism_from_row, provider_from_row
from microfuture.importing import ImportTally, SeedError

logger = logging.getLogger(__name__)

SEED_CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.yaml"


class CatalogueImportError(SeedError):
    """A catalogue that should be clean (the seed file) has problems."""


@dataclass
class ImportOutcome(ImportTally):
    created: int = 0
    updated: int = 0
    providers_created: int = 0
    providers_updated: int = 0

    @property
    def mechanisms(self) -> int:
        return self.created + self.updated

    @property
    def providers(self) -> int:
        return self.providers_created + self.providers_updated


# Catalogue import and export ----------------------------------------------------------


def _cents(amount: Decimal | None) -> int | None:
    # read_catalogue has refused amounts finer than a cent, so this is exact.
    return None if amount is None else int(amount.scaleb(2))


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _provider_values(provider: values.Provider) -> dict[str, Any]:
    return {
        "name_sl": provider.name.sl,
        "name_en": provider.name.en,
        "kind": provider.kind,
        "country": provider.country,
        "website": provider.website,
        "contact": provider.contact,
    }


def _mechanism_values(mechanism: values.Mechanism, provider: Provider,
                      sources: Sequence[str], active: bool) -> dict[str, Any]:
    m = mechanism
    return {
        "provider_id": provider.pk,
        "name_sl": m.name.sl, "name_en": m.name.en,
        "summary_sl": m.summary.sl, "summary_en": m.summary.en,
        "how_to_apply_sl": m.how_to_apply.sl, "how_to_apply_en": m.how_to_apply.en,
        "url": m.url,
        "kind": m.kind,
        "amount_min_cents": _cents(m.amount_min),
        "amount_max_cents": _cents(m.amount_max),
        "rate_sl": m.rate.sl, "rate_en": m.rate.en,
        "term_months_max": m.term_months_max,
        "grace_months_max": m.grace_months_max,
        "collateral_sl": m.collateral.sl, "collateral_en": m.collateral.en,
        "own_share_pct": _decimal_text(m.own_share_pct),
        "countries": list(m.countries),
        "regions": list(m.regions),
        "entity_types": list(m.entity_types),
        "requires_social_enterprise_status": m.requires_social_enterprise_status,
        "employees_min": _decimal_text(m.employees_min),
        "employees_max": _decimal_text(m.employees_max),
        "age_months_min": m.age_months_min,
        "age_months_max": m.age_months_max,
        "founded_before": m.founded_before,
        "target_groups": list(m.target_groups),
        "purposes": list(m.purposes),
        "credit_rating_min": m.credit_rating_min,
        "excluded_sectors": list(m.excluded_sectors),
        "open_from": m.open_from,
        "open_until": m.open_until,
        "open_until_estimated": m.open_until_estimated,
        "requires_no_tax_debts": m.requires_no_tax_debts,
        "de_minimis": m.de_minimis,
        "municipalities": list(m.municipalities),
        "verified_on": m.verified_on,
        "standing": m.standing,
        "product": m.product,
        "contact": m.contact,
        "uncertain_sl": m.uncertain.sl, "uncertain_en": m.uncertain.en,
        "sources": "\n".join(sources),
        "active": active,
    }


def _upsert(row: Provider | Mechanism, data: Mapping[str, Any]) -> None:
    """Set the values on the row and save it, only when something changed."""
    changed = row.pk is None
    for name, value in data.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.save()


def _cleared(outcome: ImportOutcome, top: str, index: int, slug: str, before: Any, after: Any,
             lines: Mapping[tuple[str, int], int], allow_clear: bool) -> None:
    """An import never erases what the file does not say: a value the row has and the file
    blanks is an error, unless the import was told it may clear (then it is reported)."""
    for name in cleared_fields(before, after):
        if allow_clear:
            outcome.cleared.append(f"{slug}: {name}")
        else:
            outcome.errors.append(CatalogueError(
                f"{top}[{index}] ({slug}).{name}",
                "has a value that this file would clear; give the value, or import with "
                "--allow-clear to clear it", lines.get((top, index))))


def catalogue_import(*, text: str | bytes, filename: str = "",
                     actor: Any = None, allow_clear: bool = False) -> ImportOutcome:
    """Upsert the file's providers and mechanisms by slug, or store nothing if it has errors.

    A value a row has and the file leaves out or gives empty is an error (nothing stored)
    unless `allow_clear`; then it is cleared and named in `cleared`."""
    known = set(Provider.objects.values_list("slug", flat=True))
    result = read_catalogue(text, filename=filename, known_providers=known)
    if result.errors:
        return ImportOutcome(errors=list(result.errors))
    outcome = ImportOutcome()
    lines = record_lines(text, filename)
    try:
        with transaction.atomic():
            _catalogue_store(result, outcome, lines, allow_clear)
    except _Refused:
        return ImportOutcome(errors=outcome.errors)
    logger.info("Catalogue %s imported by %s: %s mechanism(s) new, %s updated.",
                filename or "(text)", actor or "a command", outcome.created, outcome.updated)
    return outcome


class _Refused(Exception):
    """The import would clear values it was not told it may: roll everything back."""


def _catalogue_store(result: Any, outcome: ImportOutcome,
                     lines: Mapping[tuple[str, int], int], allow_clear: bool) -> None:
    # Lock the rows the file names, so two imports at once cannot both create one slug's
    # row half-way (the unique slug would then fail the second, rolling it back whole).
    providers = {
        row.slug: row for row in Provider.objects.select_for_update().filter(
            slug__in=[p.slug for p in result.providers] + [
                m.provider for m in result.mechanisms])
    }
    for index, provider in enumerate(result.providers):
        row = providers.get(provider.slug)
        if row is None:
            row = Provider(slug=provider.slug)
            providers[provider.slug] = row
            outcome.providers_created += 1
        else:
            outcome.providers_updated += 1
            _cleared(outcome, "providers", index, provider.slug, provider_from_row(row),
                     provider, lines, allow_clear)
        _upsert(row, _provider_values(provider))
    existing = {
        row.slug: row for row in Mechanism.objects.select_for_update().filter(
            slug__in=[m.slug for m in result.mechanisms])
    }
    for index, mechanism in enumerate(result.mechanisms):
        row_m = existing.get(mechanism.slug)
        sources = mechanism.sources
        if row_m is None:
            row_m = Mechanism(slug=mechanism.slug)
            outcome.created += 1
        else:
            outcome.updated += 1
            _cleared(outcome, "mechanisms", index, mechanism.slug,
                     mechanism_from_row(row_m, for_applicant=False), mechanism, lines,
                     allow_clear)
        _upsert(row_m, _mechanism_values(
            mechanism, providers[mechanism.provider],
            sources, result.active.get(mechanism.slug, True)))
    if outcome.errors:
        raise _Refused


def catalogue_export(*, fmt: Literal["yaml", "json"] = "yaml") -> str:
    """The whole catalogue (inactive mechanisms too, marked) as a file for import."""
    rows = list(Mechanism.objects.select_related("provider").order_by("slug"))
    return write_catalogue(
        [provider_from_row(p) for p in Provider.objects.order_by("slug")],
        [mechanism_from_row(row, for_applicant=False) for row in rows],
        fmt=fmt,
        active={row.slug: row.active for row in rows},
    )


def seed_catalogue() -> ImportOutcome:
    """Import the seed catalogue shipped with the app; running it again changes nothing."""
    outcome = catalogue_import(text=SEED_CATALOGUE.read_bytes(), filename=SEED_CATALOGUE.name)
    if outcome.errors:
        raise CatalogueImportError(outcome.errors)
    return outcome


# Edits from the admin -------------------------------------------------------------------


def catalogue_row_save(*, row: Provider | Mechanism, actor: Any = None) -> None:
    """Store a provider or mechanism a curator edited (the admin form has checked it)."""
    with transaction.atomic():
        row.full_clean()
        row.save()
    logger.info("Catalogue %s %r saved by %s.", row._meta.model_name, row.slug, actor)


def catalogue_row_delete(*, row: Provider | Mechanism, actor: Any = None) -> None:
    """Delete a provider (only without mechanisms: the key protects them) or a mechanism."""
    slug = row.slug
    row.delete()
    logger.info("Catalogue %s %r deleted by %s.", row._meta.model_name, slug, actor)


# Checking the sources ----------------------------------------------------------------


@dataclass
class SourceCheckOutcome:
    checked: int = 0
    answering: int = 0
    failing: list[str] = field(default_factory=list)  # "url: problem" of this run
    already: int = 0  # checked earlier the same day: left as they were


def catalogue_sources_check(*, today: date,
                            probe: Callable[[str], Any] | None = None) -> SourceCheckOutcome:
    """Ask each source address of the active mechanisms whether it still answers, and keep
    the latest answer per address (`SourceCheck`). An address already checked on `today` is
    not asked again, so a second run on one day changes nothing.

    `probe(url)` returns an answer with `ok`, `status` and `error` (`links.probe`).
    """
    from microfuture.finder.links import probe as http_probe

    ask = probe or http_probe
    urls = sorted({url for text in Mechanism.objects.filter(active=True)
                   .values_list("sources", flat=True)
                   for url in (line.strip() for line in text.splitlines()) if url})
    done = set(SourceCheck.objects.filter(url__in=urls, checked_on=today)
               .values_list("url", flat=True))
    outcome = SourceCheckOutcome(already=len(done))
    for url in urls:
        if url in done:
            continue
        # Asked outside any transaction: a slow site must not hold a database lock.
        answer = ask(url)
        SourceCheck.objects.update_or_create(url=url, defaults={
            "checked_on": today, "ok": bool(answer.ok), "status": answer.status,
            "error": str(answer.error)[:300]})
        outcome.checked += 1
        if answer.ok:
            outcome.answering += 1
        else:
            outcome.failing.append(f"{url}: {answer.error or answer.status}")
    return outcome


# Usage counters ------------------------------------------------------------------------

_GROUP_ALIASES = {"near_misses": ResultGroup.NEAR_MISS.value}


def usage_record(result_groups: Mapping[str, Sequence[str]], failed_criteria: Sequence[str],
                 *, day: date, profile: values.Profile | None = None) -> None:
    """Count one result page: each mechanism shown in its group, and each failed criterion.

    Keys of `result_groups` are eligible, possible, near_miss (or near_misses, as the API
    names it) and closed; values are mechanism slugs. Nothing about the person is stored.

    With the `profile` the result was judged on, the page also counts as one search for the
    policy signals (`_search_record`): only its applicant type and target groups, as counts.
    """
    shown: Counter[tuple[str, str]] = Counter()
    allowed = set(ResultGroup.values)
    for group, slugs in result_groups.items():
        group = _GROUP_ALIASES.get(group, group)
        if group not in allowed:
            raise ValueError(f"unknown result group {group!r}")
        for slug in slugs:
            shown[(slug, group)] += 1
    failed: Counter[str] = Counter(failed_criteria)
    for criterion in failed:
        if not criterion or len(criterion) > 50:
            raise ValueError(f"not a criterion name: {criterion!r}")
    # One transaction for the whole page's counts (one commit: on SQLite, one sync to disk).
    with transaction.atomic():
        if profile is not None:
            # A search that showed nothing is still a search.
            _search_record(profile, failed, day=day)
        if shown or failed:
            _shown_record(shown, failed, day=day)


def _shown_record(shown: Counter[tuple[str, str]], failed: Counter[str], *, day: date) -> None:
    """Add one page's shown mechanisms and failed criteria (inside `usage_record`'s
    transaction)."""
    # One UPDATE per group and increment, not per mechanism: a result with a thousand
    # open clubs runs as many queries as one with a single club.
    slugs_by_step: dict[tuple[str, int], list[str]] = {}
    for (slug, group), n in shown.items():
        slugs_by_step.setdefault((group, n), []).append(slug)
    for (group, n), slugs in slugs_by_step.items():
        counters = MechanismShown.objects.filter(day=day, group=group, mechanism__in=slugs)
        # After the day's first search every counter exists (a day's rows are never deleted
        # that day): then only the UPDATE. Otherwise create the missing counters at 0 (a
        # concurrent request may create the same one: the unique constraint keeps one),
        # then add with F() so no increment is lost.
        if counters.count() < len(slugs):
            MechanismShown.objects.bulk_create(
                [MechanismShown(day=day, mechanism=slug, group=group, count=0)
                 for slug in slugs],
                ignore_conflicts=True,
            )
        counters.update(count=F("count") + n)
    CriterionFailed.objects.bulk_create(
        [CriterionFailed(day=day, criterion=c, count=0) for c in failed],
        ignore_conflicts=True,
    )
    for criterion, n in failed.items():
        CriterionFailed.objects.filter(day=day, criterion=criterion).update(
            count=F("count") + n)


# Policy signals: searches by applicant type and target group ---------------------------

_APPLICANT_TYPES = frozenset(code for code, _label in ENTITY_TYPE_CHOICES)
_TARGET_GROUPS = frozenset(code for code, _label in TARGET_GROUP_CHOICES)


def _search_record(profile: values.Profile, failed: Counter[str], *, day: date) -> None:
    """Count one search under its applicant type, once under "" (all searches) and once under
    each target group the profile names, and, in the same cells, each criterion that was the
    only one a near miss failed (once per search, however many near misses it kept out).

    Only the vocabulary is stored: a legal form or target group the finder does not know (the
    API takes any text) counts as not given, so no visitor's own words reach the table.
    """
    applicant = (profile.entity_type if profile.entity_type in _APPLICANT_TYPES
                 else APPLICANT_TYPE_NOT_GIVEN)
    groups = [ALL_TARGET_GROUPS, *(g for g in dict.fromkeys(profile.target_groups)
                                   if g in _TARGET_GROUPS)]
    # As above: create missing counters at 0 (the unique constraint keeps one when two
    # requests race), then add with F() so no search is lost.
    SearchCount.objects.bulk_create(
        [SearchCount(day=day, applicant_type=applicant, target_group=g, count=0)
         for g in groups], ignore_conflicts=True)
    SearchCount.objects.filter(day=day, applicant_type=applicant,
                               target_group__in=groups).update(count=F("count") + 1)
    if not failed:
        return
    CriterionFailedBy.objects.bulk_create(
        [CriterionFailedBy(day=day, applicant_type=applicant, target_group=g,
                           criterion=c, count=0) for g in groups for c in failed],
        ignore_conflicts=True)
    CriterionFailedBy.objects.filter(
        day=day, applicant_type=applicant, target_group__in=groups,
        criterion__in=list(failed)).update(count=F("count") + 1)
