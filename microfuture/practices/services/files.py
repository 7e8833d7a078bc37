"""The practices file: importing it (all or nothing, each practice upserted by its slug) and
exporting every practice as a file that the import reads back.
"""

from __future__ import annotations

from typing import Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from microfuture.datafile import cleared_fields, record_lines
from microfuture.practices import permissions, selectors
from microfuture.practices.models import Practice
from microfuture.practices.practice_file import (
    PracticeData,
    canonical,
    read_practices,
    write_practices,
)
from microfuture.practices.services.base import ImportOutcome, _allow, _clear_errors, logger
from microfuture.practices.services.records import _apply, _factor_rows
from microfuture.practices.services.revisions import _changed


def practices_import(*, text: str | bytes, filename: str = "",
                     actor: Any = None, allow_clear: bool = False) -> ImportOutcome:
    """Upsert the file's practices by slug, or store nothing if the file has any error.

    The file gives each record's fields, and its status is taken as it is (an import is an
    editor's act); a field that has a value and that the file leaves out or gives empty is
    an error unless `allow_clear` (then it is cleared, and named in `cleared`): a file cut
    short must not empty its last record. Factors the file names are added to the
    vocabulary or renamed as the file says. Each practice that changes gets a revision.
    """
    if actor is not None:
        _allow(permissions.is_editor(actor),
               _("Only an editor of the library may import practices."))
    result = read_practices(text, filename=filename)
    if result.errors:
        return ImportOutcome(errors=list(result.errors))
    outcome = ImportOutcome()
    note = _("imported from %(file)s") % {"file": filename or _("a file")}
    lines = record_lines(text, filename)
    with transaction.atomic():
        existing = {p.slug: p for p in Practice.objects.select_for_update().filter(
            slug__in=[p.slug for p in result.practices])}
        changes: list[tuple[Practice, PracticeData]] = []
        for index, values in enumerate(result.practices):
            row = existing.get(values.slug)
            if row is None:
                changes.append((Practice(), values))
                outcome.created += 1
                continue
            current = selectors.practice_data(row)
            if current == canonical(values):
                outcome.unchanged += 1
                continue
            outcome.updated += 1
            cleared = cleared_fields(current, canonical(values))
            if allow_clear:
                outcome.cleared += [f"{values.slug}: {name}" for name in cleared]
            else:
                outcome.errors += _clear_errors("practices", index, values.slug, cleared, lines)
            changes.append((row, values))
        if outcome.errors:
            return ImportOutcome(errors=outcome.errors)
        _factor_rows(result.factors, update=True)
        for row, values in changes:
            _apply(row, values, update_factors=False)
            _changed(row, actor, note)
    logger.info("Practices %s imported by %s: %s new, %s updated, %s unchanged.",
                filename or "(text)", actor or "a command", outcome.created, outcome.updated,
                outcome.unchanged)
    return outcome


def practices_export(*, fmt: Literal["yaml", "json"] = "yaml") -> str:
    """Every practice (whatever its status) as a file that `practices_import` reads back."""
    practices = [selectors.practice_data(p) for p in Practice.objects.order_by("slug")]
    return write_practices(practices, fmt=fmt)
