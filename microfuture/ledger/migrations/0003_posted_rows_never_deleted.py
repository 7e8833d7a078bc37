"""Posted entries and legs are never deleted either (0002 refuses updates).

A DELETE of a journal entry or a leg is refused by a trigger on every backend
(`ledger/protection.py`; emptying a whole database with TRUNCATE, or Django's flush on a
SQLite test database, is not refused).
"""

from django.db import migrations

from microfuture.ledger.protection import append_only_sql

MESSAGE = "Posted ledger rows are never deleted; post a reversing entry."
TABLES = ["ledger_leg", "ledger_journalentry"]


def forward(apps, schema_editor):
    for table in TABLES:
        sql, _ = append_only_sql(schema_editor.connection.vendor, table, MESSAGE,
                                 refuse_update=False)
        for statement in sql:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    for table in TABLES:
        _, sql = append_only_sql(schema_editor.connection.vendor, table, MESSAGE,
                                 refuse_update=False)
        for statement in sql:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_balance_trigger_and_immutability")]
    operations = [migrations.RunPython(forward, backward)]
