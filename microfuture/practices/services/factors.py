"""The shared vocabulary of success factors."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from microfuture.practices import permissions
from microfuture.practices.models import SuccessFactor
from microfuture.practices.practice_file import (
    FACTOR_KEY_MAX,
    FACTOR_KEY_RE,
    NAME_MAX,
    read_factors,
)
from microfuture.practices.services.base import ImportOutcome, PracticeError, _allow
from microfuture.practices.transfer import CATEGORIES
from microfuture.practices.transfer import KINDS as FACTOR_KINDS
from microfuture.practices.transfer import PRECONDITION as FACTOR_PRECONDITION


def factor_upsert(*, key: str, category: str, name_sl: str = "", name_en: str = "",
                  kind: str = FACTOR_PRECONDITION, actor: Any = None) -> SuccessFactor:
    """Add a success factor to the vocabulary, or rename / recategorise it (editors). `kind`
    says whether it is a precondition or a thing a pilot builds (transfer.py)."""
    if actor is not None:
        _allow(permissions.is_editor(actor),
               _("Only an editor of the library may change the success factors."))
    key = (key or "").strip()
    if not key or len(key) > FACTOR_KEY_MAX or not FACTOR_KEY_RE.match(key):
        raise PracticeError(_("A factor key has small letters, digits, - and _ only."))
    if category not in CATEGORIES:
        raise PracticeError(_("The category must be one of %(list)s.")
                            % {"list": ", ".join(CATEGORIES)})
    name_sl, name_en = (name_sl or "").strip(), (name_en or "").strip()
    if not (name_sl or name_en):
        raise PracticeError(_("Name the factor in at least one language."))
    if max(len(name_sl), len(name_en)) > NAME_MAX:
        raise PracticeError(_("A factor's name is at most %(n)s characters.") % {"n": NAME_MAX})
    if kind not in FACTOR_KINDS:
        raise PracticeError(_("A factor is a precondition or a thing a pilot builds."))
    with transaction.atomic():
        row, _created = SuccessFactor.objects.update_or_create(
            key=key, defaults={"name_sl": name_sl, "name_en": name_en, "category": category,
                               "kind": kind})
    return row


def factors_import(*, text: str | bytes, filename: str = "") -> ImportOutcome:
    """Upsert the vocabulary file's factors by key, or nothing if it has errors."""
    result = read_factors(text, filename=filename)
    if result.errors:
        return ImportOutcome(errors=list(result.errors))
    outcome = ImportOutcome()
    with transaction.atomic():
        for factor in result.factors:
            row = SuccessFactor.objects.filter(key=factor.key).first()
            values = (factor.name.sl, factor.name.en, factor.category, factor.kind)
            if row is None:
                outcome.created += 1
            elif (row.name_sl, row.name_en, row.category, row.kind) != values:
                outcome.updated += 1
            else:
                outcome.unchanged += 1
                continue
            SuccessFactor.objects.update_or_create(
                key=factor.key, defaults={"name_sl": values[0], "name_en": values[1],
                                          "category": values[2], "kind": values[3]})
    return outcome
