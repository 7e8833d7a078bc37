"""Schema: the legal form is a code (clubs/legal_form.py), and a sole trader cannot hold the
social-enterprise status, checked by the database too."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("clubs", "0011_enterprise_legal_form_codes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enterprise",
            name="legal_form",
            field=models.CharField(
                blank=True,
                choices=[
                    ("doo", "Limited liability company (d.o.o.)"),
                    ("dd", "Public limited company (d.d.)"),
                    ("zadruga", "Cooperative (zadruga)"),
                    ("zavod", "Private institute (zavod)"),
                    ("drustvo", "Association (društvo)"),
                    ("ustanova", "Foundation (ustanova)"),
                    ("sp", "Sole trader (s.p.)"),
                    ("other", "Other legal form"),
                ],
                max_length=20,
                verbose_name="legal form",
            ),
        ),
        migrations.AddConstraint(
            model_name="enterprise",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("legal_form", "sp"), ("social_enterprise", True), _negated=True
                ),
                name="enterprise_sole_trader_not_social_enterprise",
            ),
        ),
    ]
