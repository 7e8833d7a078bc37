"""Move curators' markers ("[INFERRED gap, …]", "[UNCERTAIN]", "Not researched …") out of the
region answers' public notes into their curator's notes (data only).

The splitting rule is copied here, not imported, so that this migration keeps doing what it
did when it was written; `practice_file.split_curator_note` is the living copy.
"""

import re

from django.db import migrations

_MARKER_RE = re.compile(r"\s*\[(?:INFERRED|UNCERTAIN)[^\]]*\]")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PREFIX_RE = re.compile(r"^(National rule, as for [^:]+:)\s*")


def _split(text):
    text = (text or "").strip()
    prefix = ""
    match = _PREFIX_RE.match(text)
    if match:
        prefix, text = match.group(1), text[match.end():]
    curator = [m.group(0).strip()[1:-1] for m in _MARKER_RE.finditer(text)]
    public = []
    for sentence in _SENTENCE_RE.split(_MARKER_RE.sub("", text)):
        if "not researched" in sentence.lower():
            curator.insert(0, sentence.strip())
        elif sentence.strip():
            public.append(sentence.strip())
    shown = " ".join(public)
    if shown and prefix:
        shown = f"{prefix} {shown}"
    elif prefix and curator:
        curator.insert(0, prefix)
    return shown, " ".join(curator)


def forwards(apps, schema_editor):
    FactorAnswer = apps.get_model("practices", "FactorAnswer")
    for row in FactorAnswer.objects.exclude(note=""):
        public, curator = _split(row.note)
        if not curator:
            continue
        row.note = public
        row.curator_note = " ".join(part for part in (row.curator_note, curator) if part)
        row.save(update_fields=["note", "curator_note"])


def backwards(apps, schema_editor):
    FactorAnswer = apps.get_model("practices", "FactorAnswer")
    for row in FactorAnswer.objects.exclude(curator_note=""):
        row.note = " ".join(part for part in (row.note, f"[{row.curator_note}]") if part)
        row.curator_note = ""
        row.save(update_fields=["note", "curator_note"])


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0004_curator_notes_apart"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
