"""What changed between two revisions of a practice, in the reader's language.

A revision stores the record as a practices file's object (English field names, codes,
ISO dates; see `practice_file.practice_out`). `changes(older, newer)` compares two such
snapshots field by field and returns only the fields that differ, each labelled in the
active language with its old and new value written for people: texts per language, codes
by their labels, dates and numbers in the locale, lists one item a line. It reads no
database; the page hands it the two snapshots.

`revision_note(note)` words a revision's note in the reader's language: the services store
the workflow's notes in English ("submitted", "sent back: …"), and older notes stored in
another language are shown as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microfuture.practices.templatetags.practice_labels import (
    COUNTRY_NAMES,
    KIND_LABELS,
    STATUS_LABELS,
    TARGET_GROUP_LABELS,
    WEIGHT_LABELS,
    in_language_label,
    reader_language,
    region_label,
    unit_label,
)

# The fields of a practices file, in file order, with their labels.
FIELD_LABELS: dict[str, Any] = {
    "slug": gettext_lazy("Short name"),
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "description": gettext_lazy("Description"),
    "original_language": gettext_lazy("Original language"),
    "original_text": gettext_lazy("Text in the original language"),
    "country": gettext_lazy("Country"),
    "region": gettext_lazy("Region"),
    "city": gettext_lazy("City"),
    "location": gettext_lazy("Location"),
    "main_institution": gettext_lazy("Main institution"),
    "started_on": gettext_lazy("Started on"),
    "ended_on": gettext_lazy("Ended on"),
    "mechanism_kinds": gettext_lazy("Kinds of mechanism"),
    "target_groups": gettext_lazy("Target groups"),
    "resources_needed": gettext_lazy("Resources needed"),
    "evidence_of_success": gettext_lazy("Evidence of success"),
    "indicators": gettext_lazy("Figures"),
    "difficulties_encountered": gettext_lazy("Difficulties encountered"),
    "potential_for_transfer": gettext_lazy("Potential for transfer"),
    "success_factors": gettext_lazy("Success factors"),
    "lessons_from_failures": gettext_lazy("Lessons from failures"),
    "sources": gettext_lazy("Sources"),
    "contacts": gettext_lazy("Contacts"),
    "status": gettext_lazy("Status"),
    "expert_opinion": gettext_lazy("Expert opinion"),
    "uncertain": gettext_lazy("Curators' notes"),
    "presented": gettext_lazy("Confirmed as one of the eight practices MICROFUTURE presented"),
}
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    """One field that differs: its label, and the old and new value as lines of text."""

    field: str
    label: str
    old: str
    new: str


def _date(value: Any) -> str:
    try:
        return formats.date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value)


def _number(value: Any) -> str:
    try:
        return formats.number_format(Decimal(str(value)), use_l10n=True)
    except (InvalidOperation, ValueError):
        return str(value)


def _text_in(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or "")
    return str(value or "") if value is not None else ""


def _name(value: Any) -> str:
    if isinstance(value, Mapping):
        lang = reader_language()
        other = "en" if lang == "sl" else "sl"
        return str(value.get(lang) or value.get(other) or "")
    return str(value or "")


def _indicator(row: Any) -> str:
    if not isinstance(row, Mapping):
        return str(row)
    unit = unit_label(str(row.get("unit") or ""))
    line = f"{_name(row.get('name'))}: {_number(row.get('value'))}"
    if unit:
        line += f" {unit}"
    if row.get("year"):
        line += f" ({row['year']})"
    return line


def _factor(row: Any) -> str:
    if not isinstance(row, Mapping):
        return str(row)
    weight = row.get("weight")
    label = WEIGHT_LABELS.get(weight, weight) if isinstance(weight, int) else weight
    return f"{_name(row.get('name')) or row.get('key', '')} ({label})"


def _codes(labels: Mapping[str, Any]) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        items = value if isinstance(value, list | tuple) else [value]
        return "\n".join(str(labels.get(str(v), v)) for v in items if v not in (None, ""))
    return show


def _lines(show_one: Callable[[Any], str]) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        items = value if isinstance(value, list | tuple) else [value]
        return "\n".join(show_one(v) for v in items if v not in (None, ""))
    return show


def _location(value: Any) -> str:
    if isinstance(value, Mapping):
        return f"{_number(value.get('lat'))}; {_number(value.get('lon'))}"
    return str(value)


SHOW: dict[str, Callable[[Any], str]] = {
    "country": lambda v: str(COUNTRY_NAMES.get(str(v), v)),
    "region": lambda v: region_label(str(v)),
    "location": _location,
    "started_on": _date,
    "ended_on": _date,
    "mechanism_kinds": _codes(KIND_LABELS),
    "target_groups": _codes(TARGET_GROUP_LABELS),
    "indicators": _lines(_indicator),
    "success_factors": _lines(_factor),
    "sources": _lines(str),
    "contacts": _lines(str),
    "status": lambda v: str(STATUS_LABELS.get(str(v), v)),
    "presented": lambda v: str(gettext_lazy("yes")) if v else EMPTY,
}
BILINGUAL = frozenset({
    "title", "summary", "description", "resources_needed", "evidence_of_success",
    "difficulties_encountered", "potential_for_transfer", "lessons_from_failures",
    "expert_opinion", "uncertain",
})


def _shown(field: str, value: Any) -> str:
    if value in (None, "", [], {}):
        return EMPTY
    text = SHOW.get(field, str)(value)
    return text or EMPTY


def changes(older: Mapping[str, Any] | None, newer: Mapping[str, Any]) -> list[Change]:
    """The fields that differ between two snapshots, in file order (unknown fields after),
    each bilingual text split by language, so only the language that changed is shown.
    With no older snapshot (the first revision), every field that has a value is shown."""
    before: Mapping[str, Any] = older or {}
    order = [*FIELD_LABELS, *sorted((set(before) | set(newer)) - set(FIELD_LABELS))]
    out: list[Change] = []
    for field in order:
        old, new = before.get(field), newer.get(field)
        if old == new:
            continue
        label = str(FIELD_LABELS.get(field, field))
        if field in BILINGUAL or (isinstance(old, Mapping) and isinstance(new, Mapping)
                                  and set(old) | set(new) <= {"sl", "en"}):
            for lang in ("sl", "en"):
                old_text, new_text = _text_in(old, lang), _text_in(new, lang)
                if old_text != new_text:
                    out.append(Change(field=f"{field}.{lang}",
                                      label=in_language_label(label, lang),
                                      old=old_text or EMPTY, new=new_text or EMPTY))
            continue
        out.append(Change(field=field, label=label, old=_shown(field, old),
                          new=_shown(field, new)))
    return out


# The notes the services write, in English; shown in the reader's language.
NOTES: dict[str, Any] = {
    "created": gettext_lazy("created"),
    "changed": gettext_lazy("changed"),
    "submitted": gettext_lazy("submitted"),
    "approved": gettext_lazy("approved"),
    "validated": gettext_lazy("validated"),
}
_SENT_BACK = re.compile(r"^sent back: (?P<comment>.*)$", re.S)
_RESTORED = re.compile(r"^restored revision (?P<number>\d+)$")


def revision_note(note: str) -> str:
    if note in NOTES:
        return str(NOTES[note])
    if match := _SENT_BACK.match(note):
        return _("sent back: %(comment)s") % {"comment": match["comment"]}
    if match := _RESTORED.match(note):
        return _("restored revision %(number)s") % {"number": match["number"]}
    return note
