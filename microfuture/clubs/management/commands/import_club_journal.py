"""Import clubs' journal files (spec §7, §9): each file all or nothing, idempotent by reference.

One file or several, or directories (their `*.csv` files, in name order), in one run: one
Django start-up for a whole federation. Each file is one club's journal, imported in its own
transaction: a file with an error stores nothing (not even its club) and the others go on; every
error is written with its file and line, and the command exits 1 if any file was refused.

Which club a file goes to: `--club NAME` (only with a single file); else the file's preamble, a
`# club: NAME` line before the CSV header; else the file's name without `.csv`. The preamble may
also say `# region: SI032`, `# policy: units|contributions`, `# currency: EUR` and
`# initial_unit_value: 10.00` for a new club (the command's options give the defaults, and an
option that disagrees with the file is an error). Line numbers count the preamble lines, so
they are the lines of the file as written. `generate_federation` writes such files.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from microfuture.clubs.core.journal import JournalError
from microfuture.clubs.federation import PREAMBLE_KEYS, parse_preamble
from microfuture.clubs.management.commands._common import parse_decimal
from microfuture.clubs.models import Club
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import ClubError, club_create, club_import_journal
from microfuture.regions import REGIONS


class Rollback(Exception):
    pass


class FileRefused(Exception):
    """A file that stores nothing: its messages (already prefixed with the file)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


@dataclass
class _Done:
    club: str
    imported: int
    skipped: int


class Command(BaseCommand):
    help = ("Import journal CSV files (or directories of them), one club per file, creating "
            "each club if it does not exist; each file is imported all or nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="FILE.csv|DIR",
                            help="journal files, or directories whose *.csv files are imported")
        parser.add_argument("--club", default=None, metavar="NAME",
                            help="the club (only with a single file; else the file's "
                                 "'# club:' line or its name)")
        parser.add_argument("--policy", choices=["units", "contributions"], default=None)
        parser.add_argument("--currency", default=None)
        parser.add_argument("--initial-unit-value", default=None, metavar="10.00")
        parser.add_argument("--region", default=None, choices=sorted(REGIONS),
                            help="statistical region of a new club (default: the file's "
                                 "'# region:' line, else SI041)")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = []
        several = len(options["paths"]) > 1
        for given in options["paths"]:
            path = Path(given)
            if path.is_dir():
                several = True
                files.extend(sorted(p for p in path.iterdir()
                                    if p.suffix.lower() == ".csv" and p.is_file()))
            else:
                files.append(path)
        if several and options["club"]:
            raise CommandError("--club names the club of a single file; with several files "
                               "each file names its club ('# club:' line, else its file name).")
        if not files:
            raise CommandError("No journal files (*.csv) found.")
        if not several:
            self._single(files[0], options)
            return
        done: list[_Done] = []
        refused = 0
        for path in files:
            try:
                result = self._import(path, str(path), options, single=False)
            except FileRefused as exc:
                refused += 1
                for message in exc.messages:
                    self.stderr.write(message)
                continue
            done.append(result)
            if options["verbosity"] >= 2:
                self.stdout.write(f"{path}: imported {result.imported} event(s) into "
                                  f"{result.club!r}; {result.skipped} skipped.")
        events = sum(d.imported for d in done)
        skipped = sum(d.skipped for d in done)
        self.stdout.write(
            f"Imported {events} event(s) into {len(done)} club(s) from {len(files)} file(s); "
            f"{skipped} already imported row(s) skipped."
        )
        if refused:
            self.stderr.write(f"{refused} file(s) refused: nothing imported from them.")
            sys.exit(1)

    def _single(self, path: Path, options: dict[str, Any]) -> None:
        try:
            result = self._import(path, path.name, options, single=True)
        except FileRefused as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(1)
        self.stdout.write(
            f"Imported {result.imported} event(s) into {result.club!r}; "
            f"{result.skipped} already imported row(s) skipped."
        )

    def _import(self, path: Path, shown: str, options: dict[str, Any], *, single: bool) -> _Done:
        """Import one file in its own transaction, or raise FileRefused (nothing stored).

        A single file keeps the one-file command's behaviour: a file that cannot be read or a
        club that does not match is a CommandError."""
        try:
            data = _read(path)
        except CommandError as exc:
            if single:
                raise
            raise FileRefused([f"{shown}: {exc}"]) from None
        keys: dict[str, str] = {}
        offset = 0
        body: str | bytes = data
        # A file that is not UTF-8 goes to parse_journal as it is, which names the line.
        with contextlib.suppress(UnicodeDecodeError):
            keys, offset, body = parse_preamble(data.decode("utf-8"))
        unknown = [key for key in keys if key not in PREAMBLE_KEYS]
        if unknown:
            raise FileRefused([
                f"{shown}: line {_line_of(data, key)}: unknown preamble line {key!r}; the "
                f"preamble names {', '.join(PREAMBLE_KEYS)}" for key in unknown
            ] + [f"{shown}: nothing imported."])
        name = (options["club"] or keys.get("club") or path.stem).strip()
        settings_ = self._settings(keys, options, shown)
        existing = Club.objects.filter(name=name).first()
        if existing is not None:
            mismatch = _mismatch(existing, settings_)
            if mismatch and single:
                raise CommandError(mismatch)
            if mismatch:
                raise FileRefused([f"{shown}: {mismatch}"])
        try:
            with transaction.atomic():
                club = existing or self._create(name, settings_, body)
                outcome = club_import_journal(club=club, text=body, recorded_by=SYSTEM)
                if not outcome.ok:
                    raise Rollback
        except Rollback:
            raise FileRefused(
                [f"{shown}: {_shifted(error, offset)}" for error in outcome.errors]
                + [f"Nothing imported: {len(outcome.errors)} error(s)." if single
                   else f"{shown}: nothing imported: {len(outcome.errors)} error(s)."]
            ) from None
        except ClubError as exc:
            if single:
                raise CommandError(str(exc)) from None
            raise FileRefused([f"{shown}: {exc}"]) from None
        return _Done(club.name, outcome.imported, outcome.skipped)

    @staticmethod
    def _settings(keys: dict[str, str], options: dict[str, Any], shown: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, option in (("policy", "policy"), ("currency", "currency"),
                            ("initial_unit_value", "initial_unit_value"), ("region", "region")):
            from_file, from_option = keys.get(key), options[option]
            if from_file and from_option and from_file != from_option:
                raise FileRefused([f"{shown}: the file says {key} {from_file!r} but the command "
                                   f"says {from_option!r}; nothing imported."])
            out[key] = from_file or from_option
        if out["region"] and out["region"] not in REGIONS:
            raise FileRefused([f"{shown}: unknown region {out['region']!r}; the regions are "
                               f"{', '.join(sorted(REGIONS))}; nothing imported."])
        if out["policy"] and out["policy"] not in ("units", "contributions"):
            raise FileRefused([f"{shown}: unknown policy {out['policy']!r}: use units or "
                               "contributions; nothing imported."])
        return out

    def _create(self, name: str, settings_: dict[str, Any], body: str | bytes) -> Club:
        value = settings_["initial_unit_value"] or "10.00"
        return club_create(
            name=name,
            region=settings_["region"] or "SI041",
            start_date=_first_date_or_today(body),
            currency=(settings_["currency"] or "EUR"),
            share_policy=settings_["policy"] or "units",
            initial_unit_value=parse_decimal(value, "--initial-unit-value"),
            status=Club.Status.ACTIVE,
        )


def _mismatch(club: Club, settings_: dict[str, Any]) -> str:
    """Why an existing club cannot take the file's or the options' settings ("" if it can)."""
    if settings_["policy"] and settings_["policy"] != club.share_policy:
        return f"Club {club.name!r} uses the {club.share_policy} policy, not {settings_['policy']}."
    if settings_["currency"] and settings_["currency"] != club.currency:
        return f"Club {club.name!r} keeps its books in {club.currency}."
    return ""


def _read(path: Path) -> bytes:
    limit = settings.IMPORT_MAX_BYTES
    try:
        # The same limit as the upload page and the API (docs/security.md, "One limit"),
        # checked before the file is read; reading at most one byte more catches a file
        # that grew after it was measured.
        if path.stat().st_size > limit:
            raise CommandError(_too_large(path, limit))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
    if len(data) > limit:
        raise CommandError(_too_large(path, limit))
    return data


def _shifted(error: JournalError, offset: int) -> str:
    if offset and error.line > 0:
        return str(JournalError(error.line + offset, error.message))
    return str(error)


def _line_of(data: bytes, key: str) -> int:
    for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if line.startswith("#") and line[1:].strip().lower().startswith(key):
            return number
    return 1


def _too_large(path: Path, limit: int) -> str:
    mb = format(limit / (1024 * 1024), "g")
    return (f"{path.name} is larger than {mb} MB, the most an import accepts "
            "(DJANGO_IMPORT_MAX_BYTES): nothing was imported.")


def _first_date_or_today(body: str | bytes) -> date:
    import csv
    import io

    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")):
            return date.fromisoformat((row.get("date") or "").strip())
    except (ValueError, UnicodeDecodeError, csv.Error):
        pass
    from django.utils import timezone

    return timezone.localdate()
