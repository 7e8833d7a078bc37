"""Append-only tables, enforced by the database on every backend.

`append_only_sql()` gives the triggers that refuse UPDATE and DELETE on a table (used by the
ledger's and the clubs' migrations). On PostgreSQL a trigger raises; TRUNCATE (what a test
run or a DBA uses to empty a database) is not a row change and is not refused. SQLite has no
TRUNCATE: Django empties a SQLite database with DELETE, so there the DELETE trigger asks the
function `books_flush_allowed()`, which this module registers on every connection Django
opens and which answers yes only inside `flush_allowed()` (used by the tests' flush between
transactional tests, `microfuture/conftest.py`). Any other SQLite client has no such
function, so its DELETE fails too.

One sanctioned rewrite: erasing a person replaces their name in the books (clubs'
`services/erasure.py`). Inside `rewrite_allowed()`, and only within the one transaction that
does it, the UPDATE triggers let rows through (never a DELETE): on PostgreSQL through the
transaction-local setting `microfuture.books_rewrite`, on SQLite through the function
`books_rewrite_allowed()`, which answers yes only in the thread inside the block.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_flush_allowed = False
_rewrite = threading.local()
REWRITE_SETTING = "microfuture.books_rewrite"


@contextmanager
def flush_allowed() -> Iterator[None]:
    global _flush_allowed
    before, _flush_allowed = _flush_allowed, True
    try:
        yield
    finally:
        _flush_allowed = before


@contextmanager
def rewrite_allowed(connection: Any) -> Iterator[None]:
    """Let UPDATEs of the books' rows through, inside the caller's transaction only."""
    if not connection.in_atomic_block:
        raise RuntimeError("A rewrite of the books must run inside one transaction.")
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [REWRITE_SETTING])
    before, _rewrite.on = getattr(_rewrite, "on", False), True
    try:
        yield
    finally:
        _rewrite.on = before
    if postgres:  # not reached when the block failed: the transaction ends anyway
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', true)", [REWRITE_SETTING])


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver (ledger.apps)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "books_flush_allowed", 0, lambda: int(_flush_allowed)
        )
        connection.connection.create_function(
            "books_rewrite_allowed", 0, lambda: int(getattr(_rewrite, "on", False))
        )


PG_FUNCTION = """
CREATE OR REPLACE FUNCTION books_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('microfuture.books_rewrite', true) IS NOT DISTINCT FROM 'on' THEN
        RETURN NEW;
    END IF;
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
    fill_once: str | None = None, refuse_update: bool = True, rewritable: bool = False,
) -> tuple[list[str], list[str]]:
    """(forward, backward) SQL for triggers refusing UPDATE and DELETE on `table`.

    `fill_once` names a nullable column that may be set once from NULL with nothing else
    changing; on SQLite `columns` must then list every other column of the table.
    `refuse_update=False` adds only the DELETE trigger (for tables that already refuse
    updates, as the ledger's do since its migration 0002). `rewritable=True` lets UPDATEs
    through inside `rewrite_allowed()` (PostgreSQL's function always does, since clubs
    migration 0008; SQLite's trigger only when asked).
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
    unless = " WHEN NOT books_rewrite_allowed()" if rewritable else ""
    forward = [
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"WHEN NOT books_flush_allowed() {raise_}",
    ]
    if not refuse_update:
        pass
    elif fill_once:
        others = ", ".join(c for c in columns if c != fill_once)
        forward += [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {others} ON {table}"
            f"{unless} {raise_}",
            f"CREATE TRIGGER {table}_{fill_once}_once BEFORE UPDATE OF {fill_once} ON {table} "
            f"WHEN OLD.{fill_once} IS NOT NULL {raise_}",
        ]
    else:
        forward.append(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}{unless} {raise_}")
    backward = [f"DROP TRIGGER IF EXISTS {table}_{name};"
                for name in ("no_delete", "no_update", f"{fill_once}_once") if name]
    return forward, backward
