"""Back up the whole database into one file (docs/deployment.md, "Backups").

SQLite: the online backup API (`sqlite3.Connection.backup`), a consistent copy while the site
runs. PostgreSQL: `pg_dump -Fc`, a consistent snapshot, restorable by `restore` or
`pg_restore`. The file is written next to its final name and moved there when complete, so a
failed backup never leaves a half file under the name, and it is readable by its owner only.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from ._backup import is_sqlite, pg_environment, pg_tool


class Command(BaseCommand):
    help = "Write a backup of the whole database to FILE (SQLite copy or pg_dump custom format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"])
        partial = target.with_name(target.name + ".partial")
        old_umask = os.umask(0o077)  # people's data: the owner reads it, nobody else
        try:
            if is_sqlite():
                connection.ensure_connection()
                destination = sqlite3.connect(partial)
                try:
                    connection.connection.backup(destination)
                finally:
                    destination.close()
            else:
                result = subprocess.run(  # noqa: S603 - fixed tool, arguments are ours
                    [pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
                    env=pg_environment(), capture_output=True, text=True, check=False,
                )
                if result.returncode != 0:
                    raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            os.umask(old_umask)
        self.stdout.write(f"Backed up the {connection.vendor} database to {target} "
                          f"({target.stat().st_size} bytes).")
