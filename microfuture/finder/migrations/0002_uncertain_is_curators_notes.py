"""The mechanism's `uncertain_*` texts are curators' notes, never shown to visitors (labels
only; the texts were already kept apart from the public ones)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("finder", "0001_catalogue_and_usage_counts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="mechanism",
            name="uncertain_sl",
            field=models.TextField(blank=True, verbose_name="curators' notes (Slovenian)"),
        ),
        migrations.AlterField(
            model_name="mechanism",
            name="uncertain_en",
            field=models.TextField(blank=True, verbose_name="curators' notes (English)"),
        ),
    ]
