"""Balance and immutability enforced by the database itself.

PostgreSQL: a deferred constraint trigger checks, at commit, that every entry touched by
the transaction has equal debits and credits. Every backend: triggers refuse UPDATE of
posted entries and legs (a correction is a reversing entry, never an edit).
"""

from django.db import migrations

PG_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION ledger_check_entry_balanced() RETURNS trigger AS $$
    DECLARE
        target bigint;
        unbalanced bigint;
    BEGIN
        IF TG_OP = 'DELETE' THEN target := OLD.entry_id; ELSE target := NEW.entry_id; END IF;
        SELECT COALESCE(SUM(l.debit), 0) - COALESCE(SUM(l.credit), 0) INTO unbalanced
          FROM ledger_leg l WHERE l.entry_id = target;
        IF unbalanced <> 0 THEN
            RAISE EXCEPTION 'Journal entry % is unbalanced: debits minus credits = % cents',
                target, unbalanced USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE CONSTRAINT TRIGGER ledger_leg_balanced
        AFTER INSERT OR UPDATE OR DELETE ON ledger_leg
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balanced();
    """,
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS ledger_leg_balanced ON ledger_leg;",
    "DROP FUNCTION IF EXISTS ledger_check_entry_balanced();",
]

IMMUTABLE_TABLES = ["ledger_leg", "ledger_journalentry"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql, params=None)
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION ledger_refuse_update() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'Posted ledger rows are never edited; post a reversing entry.'
                    USING ERRCODE = 'restrict_violation';
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        for table in IMMUTABLE_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION ledger_refuse_update();"
            )
    elif vendor == "sqlite":
        for table in IMMUTABLE_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN "
                f"SELECT RAISE(ABORT, 'Posted ledger rows are never edited; "
                f"post a reversing entry.'); END;"
            )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in IMMUTABLE_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update" + (
            f" ON {table};" if vendor == "postgresql" else ";"))
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS ledger_refuse_update();")
        for sql in PG_BACKWARD:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_ledgers_accounts_entries_legs")]
    operations = [migrations.RunPython(forward, backward)]
