"""Regional profiles inherit the national answers (issue 11 §6): drop the copies.

The seed's first SI041 profile copied each national answer, its note starting "National rule,
as for Slovenia (SI)". A region now inherits every answer it has none of its own for, so the
copies are removed; left in place they would hide every later change to the national answer
(Osrednjeslovenska kept "absent" where Slovenia became "partial").
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import Q

COPY = "National rule, as for Slovenia (SI)"


def drop_copies(apps: Any, schema_editor: Any) -> None:
    FactorAnswer = apps.get_model("practices", "FactorAnswer")
    FactorAnswer.objects.filter(region__code__regex=r"^SI.+").filter(
        Q(note__startswith=COPY) | Q(curator_note__startswith=COPY)).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0007_factor_kind_and_presented_practice"),
    ]

    operations = [
        migrations.RunPython(drop_copies, migrations.RunPython.noop),
    ]
