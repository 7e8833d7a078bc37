"""Append-only tables, enforced by the database on every backend.

`append_only_sql()` gives the triggers that refuse UPDATE and DELETE on a table (used by the
ledger's and the clubs' migrations). On PostgreSQL a trigger raises; TRUNCATE (what a test
run or a DBA uses to empty a database) is not a row change and is not refused. SQLite has no
TRUNCATE: Django empties a SQLite database with DELETE, so there the DELETE trigger asks the
function `books_flush_allowed()`, which this module registers on every connection Django
opens and which answers yes only inside `flush_allowed()` (used by the tests' flush between
transactional tests, `microfuture/conftest.py`). Any other SQLite client has no such
function, so its DELETE fails too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_flush_allowed = False


@contextmanager
def flush_allowed() -> Iterator[None]:
    global _flush_allowed
    before, _flush_allowed = _flush_allowed, True
    try:
        yield
    finally:
        _flush_allowed = before


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver (ledger.apps)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "books_flush_allowed", 0, lambda: int(_flush_allowed)
        )


PG_FUNCTION = """
CREATE OR REPLACE FUNCTION books_refuse_change() RETURNS trigger AS $$
BEGIN
    -- TG_ARGV[0]: the message; TG_ARGV[1], if given: a column that may be filled in once
    -- (from NULL) when nothing else changes.
    IF TG_OP = 'UPDATE' AND TG_NARGS > 1 THEN
        IF (to_jsonb(OLD) ->> TG_ARGV[1]) IS NULL
           AND (to_jsonb(NEW) - TG_ARGV[1]) = (to_jsonb(OLD) - TG_ARGV[1]) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '% (table %)', TG_ARGV[0], TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def append_only_sql(
    vendor: str, table: str, message: str, *, columns: Sequence[str] = (),
    fill_once: str | None = None, refuse_update: bool = True,
) -> tuple[list[str], list[str]]:
    """(forward, backward) SQL for triggers refusing UPDATE and DELETE on `table`.

    `fill_once` names a nullable column that may be set once from NULL with nothing else
    changing; on SQLite `columns` must then list every other column of the table.
    `refuse_update=False` adds only the DELETE trigger (for tables that already refuse
    updates, as the ledger's do since its migration 0002).
    """
    quoted = message.replace("'", "''")
    if vendor == "postgresql":
        args = f"'{quoted}'" + (f", '{fill_once}'" if fill_once else "")
        forward = [
            PG_FUNCTION,
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION books_refuse_change('{quoted}');",
        ]
        backward = [f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};"]
        if refuse_update:
            forward.append(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION books_refuse_change({args});")
            backward.append(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table};")
        return forward, backward
    if vendor != "sqlite":
        return [], []
    raise_ = f"BEGIN SELECT RAISE(ABORT, '{quoted}'); END;"
    forward = [
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"WHEN NOT books_flush_allowed() {raise_}",
    ]
    if not refuse_update:
        pass
    elif fill_once:
        others = ", ".join(c for c in columns if c != fill_once)
        forward += [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {others} ON {table} {raise_}",
            f"CREATE TRIGGER {table}_{fill_once}_once BEFORE UPDATE OF {fill_once} ON {table} "
            f"WHEN OLD.{fill_once} IS NOT NULL {raise_}",
        ]
    else:
        forward.append(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} {raise_}")
    backward = [f"DROP TRIGGER IF EXISTS {table}_{name};"
                for name in ("no_delete", "no_update", f"{fill_once}_once") if name]
    return forward, backward
