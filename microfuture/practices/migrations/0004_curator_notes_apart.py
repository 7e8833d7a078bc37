"""Curators' notes apart from what visitors read: a region answer's `curator_note`, and the
practice's `uncertain_*` fields relabelled as curators' notes (schema only; the markers are
moved out of the public notes by 0005)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0003_search_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="factoranswer",
            name="curator_note",
            field=models.TextField(blank=True, verbose_name="curator's note"),
        ),
        migrations.AlterField(
            model_name="practice",
            name="uncertain_sl",
            field=models.TextField(blank=True, verbose_name="curator's notes (Slovenian)"),
        ),
        migrations.AlterField(
            model_name="practice",
            name="uncertain_en",
            field=models.TextField(blank=True, verbose_name="curator's notes (English)"),
        ),
    ]
