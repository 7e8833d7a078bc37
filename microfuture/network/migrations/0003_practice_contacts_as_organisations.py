"""Data: each distinct organisation named in a practice's `contacts` becomes a directory
organisation (kind from its name, else a support organisation; the practice's country)
linked to the practice. Reversing leaves the organisations (they may have been edited)."""

from typing import Any

from django.db import migrations


def link_contacts(apps: Any, schema_editor: Any) -> None:
    from microfuture.network.services_directory import practice_contacts_link

    Practice = apps.get_model("practices", "Practice")
    Organisation = apps.get_model("network", "Organisation")
    for practice in Practice.objects.order_by("pk"):
        practice_contacts_link(practice=practice, organisation_model=Organisation)


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_initiative_ended_on"),
    ]

    operations = [
        migrations.RunPython(link_contacts, migrations.RunPython.noop),
    ]
