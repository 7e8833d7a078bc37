"""What `backup` and `restore` share: the database's kind, its connection for the
PostgreSQL tools, and those tools of the server's own major version."""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database, so no password is on a command line."""
    db = connection.settings_dict
    options = db.get("OPTIONS") or {}
    values = {
        "PGHOST": db.get("HOST") or options.get("host") or "",
        "PGPORT": db.get("PORT") or options.get("port") or "",
        "PGUSER": db.get("USER") or options.get("user") or "",
        "PGPASSWORD": db.get("PASSWORD") or options.get("password") or "",
        "PGDATABASE": db["NAME"],
        "PGSSLMODE": options.get("sslmode") or "",
    }
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}


def pg_tool(name: str) -> str:
    """`pg_dump` or `pg_restore` of the server's major version (Debian keeps them off PATH)."""
    connection.ensure_connection()
    major = connection.pg_version // 10000  # type: ignore[attr-defined]
    candidates = [
        os.environ.get("PG_BIN", "") and str(Path(os.environ["PG_BIN"]) / name),
        f"/usr/lib/postgresql/{major}/bin/{name}",
        *sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True),
        shutil.which(name) or "",
    ]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise CommandError(f"{name} was not found (install postgresql-client-{major} or set PG_BIN).")


def database_is_empty() -> bool:
    """No table at all: a fresh database that nothing has migrated yet."""
    return not connection.introspection.table_names()
