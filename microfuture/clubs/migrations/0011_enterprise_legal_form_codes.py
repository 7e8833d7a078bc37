"""Data: the free-text legal form becomes a code, and "so.p." in it becomes the status.

"so.p." was typed as if it were a form ("so.p.", "zavod, so.p."): it moves to
`social_enterprise` and the rest of the text gives the form. Text naming no known form
becomes "other"; an empty text stays empty (not recorded). A sole trader never keeps the
status (it cannot hold it: ZSocP).
"""

import re

from django.db import migrations

# Longest first, so "d.o.o." is not read as "d.d." or "s.p." inside another abbreviation.
PATTERNS = [
    ("doo", r"\bd\.?\s*o\.?\s*o\.?(?!\w)|družba z omejeno"),
    ("dd", r"\bd\.\s*d\.(?!\w)|delniška"),
    ("zadruga", r"zadrug|z\.\s*o\.\s*o\."),
    ("zavod", r"zavod"),
    ("drustvo", r"društv|drustv"),
    ("ustanova", r"ustanov"),
    ("sp", r"(?<![\w.])s\.\s*p\.(?!\w)|samostojn"),
]
STATUS = re.compile(r"(?<![\w.])so\.\s*p\.?(?!\w)|socialno podjetje", re.IGNORECASE)


def code_of(text: str) -> tuple[str, bool]:
    text = (text or "").strip().lower()
    social = bool(STATUS.search(text))
    rest = STATUS.sub(" ", text).strip(" ,;/-")
    if not rest:
        return "", social
    for code, pattern in PATTERNS:
        if re.search(pattern, rest):
            return code, social and code != "sp"
    return "other", social


def forwards(apps, schema_editor):
    Enterprise = apps.get_model("clubs", "Enterprise")
    for ent in Enterprise.objects.all():
        code, social = code_of(ent.legal_form)
        Enterprise.objects.filter(pk=ent.pk).update(legal_form=code, social_enterprise=social)


def backwards(apps, schema_editor):
    Enterprise = apps.get_model("clubs", "Enterprise")
    names = {"doo": "d.o.o.", "dd": "d.d.", "zadruga": "zadruga", "zavod": "zavod",
             "drustvo": "društvo", "ustanova": "ustanova", "sp": "s.p.", "other": ""}
    for ent in Enterprise.objects.all():
        text = names.get(ent.legal_form, ent.legal_form)
        if ent.social_enterprise:
            text = f"{text}, so.p." if text else "so.p."
        Enterprise.objects.filter(pk=ent.pk).update(legal_form=text)


class Migration(migrations.Migration):

    dependencies = [
        ("clubs", "0010_enterprise_social_enterprise"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
