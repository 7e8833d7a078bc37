"""What a stored snapshot needs to be read in place of a replay (docs/impact.md, "Reading
stored figures"): the club's journal as the run saw it (its highest event `seq`, its highest
reversal id) and the two things the regional overview shows that the figures do not keep (the
members still in the club, which a dissolved club's figures count as 0; the instruments each
enterprise was backed with). Rows stored before this migration have none of them: they are
never read in place of a replay until `snapshot_portfolio` stores their day again."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("impact", "0001_portfolio_snapshots"),
    ]

    operations = [
        migrations.AddField(
            model_name="portfoliosnapshot",
            name="last_seq",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="portfoliosnapshot",
            name="last_reversal",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="portfoliosnapshot",
            name="active_members",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="portfoliosnapshot",
            name="instruments",
            field=models.JSONField(null=True),
        ),
    ]
