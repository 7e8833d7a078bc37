"""Erasing a person may rewrite their name in the books, inside one sanctioned transaction.

The UPDATE triggers of club events, reversals, the audit log and ledger entries let a row
through when `ledger.protection.rewrite_allowed()` is on (clubs' `services/erasure.py`, the
only caller): on PostgreSQL the trigger functions read the transaction-local setting
`microfuture.books_rewrite`; on SQLite the triggers are recreated with `WHEN NOT
books_rewrite_allowed()`. DELETE stays refused everywhere, and ledger legs (amounts and
accounts, never a name) stay refused on SQLite. The erasure re-seals the hash chains and
logs that it did.
"""

from django.db import migrations

from microfuture.ledger.protection import PG_FUNCTION, append_only_sql

EVENT_MESSAGE = "Club events are never edited or deleted; reverse the event instead."
AUDIT_MESSAGE = "The audit log is never edited or deleted."
LEDGER_MESSAGE = "Posted ledger rows are never edited; post a reversing entry."

PG_OLD_FUNCTION = PG_FUNCTION.replace(
    """    IF TG_OP = 'UPDATE'
       AND current_setting('microfuture.books_rewrite', true) IS NOT DISTINCT FROM 'on' THEN
        RETURN NEW;
    END IF;
""", "")


def _pg_ledger_function(rewritable: bool) -> str:
    check = """
    IF current_setting('microfuture.books_rewrite', true) IS NOT DISTINCT FROM 'on' THEN
        RETURN NEW;
    END IF;""" if rewritable else ""
    return f"""
CREATE OR REPLACE FUNCTION ledger_refuse_update() RETURNS trigger AS $$
BEGIN{check}
    RAISE EXCEPTION '{LEDGER_MESSAGE}' USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def _clubs_tables(apps):
    event = apps.get_model("clubs", "ClubEvent")
    columns = [f.column for f in event._meta.concrete_fields]
    return [
        ("clubs_clubevent", EVENT_MESSAGE, {"columns": columns, "fill_once": "proposal_id"}),
        ("clubs_eventreversal", EVENT_MESSAGE, {}),
        ("clubs_auditlog", AUDIT_MESSAGE, {}),
    ]


def _switch(apps, schema_editor, rewritable: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION if rewritable else PG_OLD_FUNCTION, params=None)
        schema_editor.execute(_pg_ledger_function(rewritable), params=None)
        return
    if vendor != "sqlite":
        return
    for table, message, options in _clubs_tables(apps):
        _, drop = append_only_sql(vendor, table, message, **options)
        create, _ = append_only_sql(vendor, table, message, rewritable=rewritable, **options)
        for statement in drop + create:
            schema_editor.execute(statement, params=None)
    unless = " WHEN NOT books_rewrite_allowed()" if rewritable else ""
    schema_editor.execute("DROP TRIGGER IF EXISTS ledger_journalentry_no_update;", params=None)
    schema_editor.execute(
        f"CREATE TRIGGER ledger_journalentry_no_update BEFORE UPDATE ON ledger_journalentry"
        f"{unless} BEGIN SELECT RAISE(ABORT, '{LEDGER_MESSAGE}'); END;", params=None)


def forward(apps, schema_editor):
    _switch(apps, schema_editor, rewritable=True)


def backward(apps, schema_editor):
    _switch(apps, schema_editor, rewritable=False)


class Migration(migrations.Migration):
    dependencies = [
        ("clubs", "0007_books_append_only"),
        ("ledger", "0003_posted_rows_never_deleted"),
    ]
    operations = [migrations.RunPython(forward, backward)]
