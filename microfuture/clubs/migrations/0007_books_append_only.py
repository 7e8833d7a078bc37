"""Club events, their reversals and the audit log are append-only in the database.

Triggers on every backend (`ledger/protection.py`) refuse UPDATE and DELETE of
`clubs_clubevent`, `clubs_eventreversal` and `clubs_auditlog`, as the ledger's are refused:
statements are replayed from events, and the audit log is the record of who did what. The
one change allowed is filling in an event's empty `proposal_id` once (the demo records its
past before the meetings that decided it); it is not part of the event's hash.

On SQLite the UPDATE trigger of events names the columns (SQLite cannot compare whole rows):
a migration that adds a column to `clubs_clubevent` must recreate it; and a migration that
rebuilds one of these tables on SQLite drops its triggers, so it must recreate them
(`test_books_append_only` fails otherwise).
"""

from django.db import migrations

from microfuture.ledger.protection import append_only_sql

EVENT_MESSAGE = "Club events are never edited or deleted; reverse the event instead."
AUDIT_MESSAGE = "The audit log is never edited or deleted."


def _tables(apps):
    event = apps.get_model("clubs", "ClubEvent")
    columns = [f.column for f in event._meta.concrete_fields]
    return [
        ("clubs_clubevent", EVENT_MESSAGE, {"columns": columns, "fill_once": "proposal_id"}),
        ("clubs_eventreversal", EVENT_MESSAGE, {}),
        ("clubs_auditlog", AUDIT_MESSAGE, {}),
    ]


def forward(apps, schema_editor):
    for table, message, options in _tables(apps):
        sql, _ = append_only_sql(schema_editor.connection.vendor, table, message, **options)
        for statement in sql:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    for table, message, options in _tables(apps):
        _, sql = append_only_sql(schema_editor.connection.vendor, table, message, **options)
        for statement in sql:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("clubs", "0006_books_hash_chain_backfill"),
        ("ledger", "0003_posted_rows_never_deleted"),
    ]
    operations = [migrations.RunPython(forward, backward)]
