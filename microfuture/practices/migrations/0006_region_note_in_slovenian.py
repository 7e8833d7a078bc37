"""A region answer's note in Slovenian beside the English one (`note`), so that a Slovenian
reader reads the region profiles in Slovenian."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0005_move_markers_to_curator_notes"),
    ]

    operations = [
        migrations.AddField(
            model_name="factoranswer",
            name="note_sl",
            field=models.TextField(blank=True, verbose_name="note (Slovenian)"),
        ),
    ]
