"""Restore a file written by `backup` into the configured database.

Refuses a database that already has tables unless `--force`: a restore replaces everything,
and the usual mistake is the wrong DATABASE_URL. SQLite: the backup API copies the file over
the database. PostgreSQL: `pg_restore --clean --if-exists` in one transaction, so a failed
restore leaves the database as it was. Afterwards run `verify_ledger` (and `verify_audit`).
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from ._backup import database_is_empty, is_sqlite, pg_environment, pg_tool


class Command(BaseCommand):
    help = "Restore a backup FILE into the configured database (empty, or with --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--force", action="store_true",
                            help="replace a database that already has tables")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        if not options["force"] and not database_is_empty():
            raise CommandError(
                "The database already has tables; restoring would replace them. Check "
                "DATABASE_URL, then use --force to replace them."
            )
        if is_sqlite():
            self._restore_sqlite(source)
        else:
            result = subprocess.run(  # noqa: S603 - fixed tool, arguments are ours
                [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                 "--single-transaction", "--exit-on-error",
                 f"--dbname={connection.settings_dict['NAME']}", str(source)],
                env=pg_environment(), capture_output=True, text=True, check=False,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        self.stdout.write(f"Restored {source} into the {connection.vendor} database. "
                          "Run verify_ledger to re-prove the books.")

    def _restore_sqlite(self, source: Path) -> None:
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.ensure_connection()
            backup.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise CommandError(f"{source} is not a SQLite backup: {error}") from None
        finally:
            backup.close()
