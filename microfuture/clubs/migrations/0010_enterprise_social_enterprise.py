"""Schema: the social-enterprise status, a fact separate from the legal form (issue 11 §7)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("clubs", "0009_club_other_regions"),
    ]

    operations = [
        migrations.AddField(
            model_name="enterprise",
            name="social_enterprise",
            field=models.BooleanField(
                default=False, verbose_name="registered social enterprise (so.p.)"
            ),
        ),
    ]
