"""What every write of the library shares: its errors, the outcome of an import, the seed
files, who may act, the row lock, and the errors of an import that would clear values.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from microfuture.importing import ImportTally, SeedError
from microfuture.practices.models import Practice
from microfuture.practices.practice_file import FileError

# Every module of the package logs under the one name the library's writes always had.
logger = logging.getLogger("microfuture.practices.services")

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_FACTORS = DATA / "factors.yaml"
SEED_PRACTICES = DATA / "practices.yaml"
SEED_REGIONS = DATA / "region_profiles.yaml"
SEED_QUESTION_SETS = DATA / "question_sets.yaml"


class PracticeError(Exception):
    """A change the library refuses, with a plain message for the person who asked."""

    def __init__(self, message: str, errors: Sequence[FileError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.errors = list(errors)


class PracticeForbidden(PracticeError):
    """The person may not do this (the edge answers 403)."""


class LibrarySeedError(SeedError):
    """The seed files shipped with the app have problems."""


@dataclass
class ImportOutcome(ImportTally):
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _allow(allowed: bool, message: str) -> None:
    if not allowed:
        raise PracticeForbidden(message)


def _signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def _person(actor: Any) -> None:
    # The acting user is required: None ("the system") and anonymous visitors never move a
    # record through the workflow.
    _allow(_signed_in(actor), _("Sign in first."))


def _locked(practice: Practice) -> Practice:
    # Lock the row so two changes at once cannot both take the next revision number, and
    # work on the caller's object, refreshed, so that it shows the change afterwards.
    list(Practice.objects.select_for_update().filter(pk=practice.pk).values_list("pk", flat=True))
    practice.refresh_from_db()
    return practice


def _refuse_errors(errors: Sequence[FileError]) -> None:
    if errors:
        raise PracticeError("; ".join(str(e) for e in errors), errors)


def _clear_errors(top: str, index: int, name: str, cleared: Sequence[str],
                  lines: Mapping[tuple[str, int], int]) -> list[FileError]:
    """An import never erases what the file does not say: one error per value it would
    blank, unless the import was told it may (`allow_clear`)."""
    return [FileError(f"{top}[{index}] ({name}).{field_name}",
                      "has a value that this file would clear; give the value, or import "
                      "with --allow-clear to clear it", lines.get((top, index)))
            for field_name in cleared]
