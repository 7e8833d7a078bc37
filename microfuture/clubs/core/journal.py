"""The journal file: CSV import checking and export (spec club-accounting §7).

`parse_journal` checks a whole file and returns every problem with its line (the header is
line 1), never only the first: malformed cells, cells that do not apply to the row's type, rows
out of date order, repeated references, and rule breaks found by applying each row to a copy of
the club's book. Rows whose reference the club already has are skipped, so importing the same
file again changes nothing. `format_journal` writes the same format back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .book import ClubBook
from .errors import EventRejected, Text, gettext_noop
from .events import (
    EVENT_TYPES,
    FIELD_NAMES,
    INSTRUMENTS,
    LOAN_ONLY_FIELDS,
    Event,
    event_term,
    fields_applying,
)
from .loans import LOAN_METHODS
from .money import CTX, fmt_money

__all__ = [
    "JOURNAL_COLUMNS",
    "JournalError",
    "JournalResult",
    "csv_text_in",
    "csv_text_out",
    "format_journal",
    "parse_journal",
]

JOURNAL_COLUMNS = ("date", "type", *FIELD_NAMES)

_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_RATE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WHOLE = re.compile(r"[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Formula injection: a spreadsheet opening the file runs a cell that starts with = + - @ (or
# a tab or CR before one) as a formula. Text cells that start so are written with a leading
# apostrophe (the OWASP rule), which spreadsheets show as text. Cells that already start with
# apostrophes before such a character get one more, so that reading removes exactly one and
# export then import gives back every text as it was. Numbers we write are never negative.
_TEXT_COLUMNS = frozenset({"member", "enterprise", "reference", "note"})
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def csv_text_out(text: str) -> str:
    """A text cell as written to a CSV file: neutralised if a spreadsheet would run it."""
    return "'" + text if _FORMULA_START.match(text) else text


def csv_text_in(cell: str) -> str:
    """A text cell as read from a CSV file: the apostrophe `csv_text_out` added, removed."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


@dataclass(frozen=True, slots=True)
class JournalError:
    """One problem in a journal file: its line (the header is line 1) and a plain reason.

    `message` is the English reason; `text` the same as a translatable `Text` (make one with
    `JournalError.of`), for the edge to show in the reader's language.
    """

    line: int
    message: str
    text: Text | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, line: int, text: Text) -> JournalError:
        return cls(line, str(text), text)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"



@dataclass(slots=True)
class JournalResult:
    """The checked file: events to store (in order), references skipped as already imported,
    and every error. Store nothing unless `errors` is empty. `book` is the checked copy with
    the new events applied."""

    events: list[Event] = field(default_factory=list)
    skipped_references: list[str] = field(default_factory=list)
    errors: list[JournalError] = field(default_factory=list)
    book: ClubBook | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_date(text: str) -> date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _decode(data: bytes) -> tuple[str | None, JournalError | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, JournalError.of(line, Text(gettext_noop("the file is not valid UTF-8 text")))


def parse_journal(
    text: str | bytes,
    *,
    book: ClubBook | None = None,
    existing_references: Iterable[str] = frozenset(),
    latest: date | None = None,
) -> JournalResult:
    """Check a journal file against a club (a new units club if `book` is None).

    `latest` is today at the edge: a row dated after it is an error (money is recorded once
    it has moved; a future event would block every entry dated before it).

    The caller's book is not changed: rows are applied to a copy, returned as `result.book`.
    """
    result = JournalResult()
    if isinstance(text, bytes):
        decoded, error = _decode(text)
        if error is not None or decoded is None:
            result.errors.append(
                error or JournalError.of(1, Text(gettext_noop("the file is not valid UTF-8 text")))
            )
            return result
        text = decoded
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        # NUL is not text (PostgreSQL refuses it in any text column): every line holding one
        # is named, and nothing else is read.
        for number, line_text in enumerate(text.split("\n"), start=1):
            if "\x00" in line_text:
                result.errors.append(JournalError.of(number, Text(gettext_noop(
                    "this line holds the NUL character (\\x00), which is not text"))))
        return result
    work = book.copy() if book is not None else ClubBook()
    result.book = work
    existing = set(existing_references) | set(work.references)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    errors = result.errors
    try:
        header = next(reader, None)
    except csv.Error as exc:
        errors.append(
            JournalError.of(
                1,
                Text(
                    gettext_noop("the header row is not valid CSV ({problem})"), problem=str(exc)
                ),
            )
        )
        return result
    if header is None or not any(cell.strip() for cell in header):
        errors.append(
            JournalError.of(1, Text(gettext_noop("the file is empty: a header row is required")))
        )
        return result
    columns = [cell.strip() for cell in header]
    seen: set[str] = set()
    repeated = False
    for position, name in enumerate(columns, start=1):
        if not name:
            errors.append(
                JournalError.of(
                    1,
                    Text(
                        gettext_noop("column {position} of the header has no name"),
                        position=position,
                    ),
                )
            )
        elif name not in JOURNAL_COLUMNS:
            errors.append(
                JournalError.of(
                    1,
                    Text(
                        gettext_noop("unknown column {name!r}; the columns are {columns}"),
                        name=name,
                        columns=", ".join(JOURNAL_COLUMNS),
                    ),
                )
            )
        elif name in seen:
            errors.append(
                JournalError.of(1, Text(gettext_noop("column {name!r} appears twice"), name=name))
            )
            repeated = True
        seen.add(name)
    missing = [name for name in ("date", "type") if name not in seen]
    for name in missing:
        errors.append(
            JournalError.of(
                1, Text(gettext_noop("the required column {name!r} is missing"), name=name)
            )
        )
    if missing or repeated:
        return result  # the rows cannot be read reliably
    index = {name: i for i, name in enumerate(columns) if name in JOURNAL_COLUMNS}
    optional = [(name, index[name]) for name in FIELD_NAMES if name in index]
    date_i, type_i = index["date"], index["type"]
    width = len(columns)

    last_date: date | None = None
    last_date_line = 0
    references: dict[str, int] = {}
    end_of_previous = reader.line_num
    while True:
        line = end_of_previous + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            errors.append(
                JournalError.of(
                    line,
                    Text(gettext_noop("this row is not valid CSV ({problem})"), problem=str(exc)),
                )
            )
            break
        end_of_previous = reader.line_num
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue  # blank lines (and rows of empty cells) are ignored
        if len(row) != width:
            errors.append(
                JournalError.of(
                    line,
                    Text(
                        gettext_noop("this row has {cells} cells but the header has {width}"),
                        cells=len(row),
                        width=width,
                    ),
                )
            )
            continue
        row_errors: list[Text] = []

        raw_date = row[date_i]
        when = _parse_date(raw_date)
        if not raw_date:
            row_errors.append(Text(gettext_noop("the date is missing")))
        elif when is None:
            row_errors.append(
                Text(
                    gettext_noop("date {date!r} is not a valid date written YYYY-MM-DD"),
                    date=raw_date,
                )
            )
        elif last_date is not None and when < last_date:
            # Both dates as the file writes them (YYYY-MM-DD), to be found in it.
            row_errors.append(
                Text(
                    gettext_noop(
                        "rows must be in date order: {date} comes after {last} (line {line})"
                    ),
                    date=raw_date,
                    last=last_date.isoformat(),
                    line=last_date_line,
                )
            )
        if when is not None and latest is not None and when > latest:
            row_errors.append(
                Text(
                    gettext_noop(
                        "date {date} is after today ({today}): money is recorded once it has "
                        "moved, not in advance"
                    ),
                    date=raw_date,
                    today=latest.isoformat(),
                )
            )
        if when is not None and (last_date is None or when >= last_date):
            last_date, last_date_line = when, line

        kind = row[type_i]
        if not kind:
            row_errors.append(Text(gettext_noop("the type is missing")))
        elif kind not in EVENT_TYPES:
            row_errors.append(
                Text(
                    gettext_noop("unknown type {kind!r}; the types are {types}"),
                    kind=kind,
                    types=", ".join(EVENT_TYPES),
                )
            )
        applying = fields_applying(kind) if kind in EVENT_TYPES else None

        cells = {name: csv_text_in(row[i]) if name in _TEXT_COLUMNS else row[i]
                 for name, i in optional}
        values: dict[str, object] = {}
        instrument = cells.get("instrument", "")
        for name, cell in cells.items():
            if cell == "":
                continue
            if applying is not None and name not in applying:
                # Columns are named as the file names them (the header is in English).
                row_errors.append(
                    Text(
                        gettext_noop(
                            "{column} does not apply to {event} row; leave the cell empty"
                        ),
                        column=name,
                        event=event_term(kind, article=True),
                    )
                )
                continue
            if (
                kind == "investment"
                and name in LOAN_ONLY_FIELDS
                and instrument in INSTRUMENTS
                and instrument != "loan"
            ):
                row_errors.append(
                    Text(
                        gettext_noop("{column} applies only to a loan; leave the cell empty"),
                        column=name,
                    )
                )
                continue
            if name == "amount":
                if _AMOUNT.fullmatch(cell):
                    values[name] = Decimal(cell)
                else:
                    row_errors.append(
                        Text(
                            gettext_noop(
                                "amount {cell!r} is not an amount: digits with an optional dot "
                                "and one or two decimals, such as 5, 5.5 or 5.50"
                            ),
                            cell=cell,
                        )
                    )
            elif name == "rate":
                if _RATE.fullmatch(cell):
                    values[name] = Decimal(cell)
                else:
                    row_errors.append(
                        Text(
                            gettext_noop(
                                "rate {cell!r} is not a plain decimal percentage such as 3.5"
                            ),
                            cell=cell,
                        )
                    )
            elif name in ("term", "grace"):
                if _WHOLE.fullmatch(cell):
                    values[name] = int(cell)
                else:
                    row_errors.append(
                        Text(
                            gettext_noop("term {cell!r} is not a whole number of months")
                            if name == "term"
                            else gettext_noop("grace {cell!r} is not a whole number of months"),
                            cell=cell,
                        )
                    )
            elif name == "first_due":
                parsed = _parse_date(cell)
                if parsed is None:
                    row_errors.append(
                        Text(
                            gettext_noop(
                                "first_due {cell!r} is not a valid date written YYYY-MM-DD"
                            ),
                            cell=cell,
                        )
                    )
                else:
                    values[name] = parsed
            elif name == "instrument":
                if cell in INSTRUMENTS:
                    values[name] = cell
                else:
                    row_errors.append(
                        Text(
                            gettext_noop(
                                "unknown instrument {cell!r}; the instruments are {instruments}"
                            ),
                            cell=cell,
                            instruments=", ".join(INSTRUMENTS),
                        )
                    )
            elif name == "method":
                if cell in LOAN_METHODS:
                    values[name] = cell
                else:
                    row_errors.append(
                        Text(
                            gettext_noop("unknown method {cell!r}; use annuity or linear"),
                            cell=cell,
                        )
                    )
            else:
                values[name] = cell

        reference = cells.get("reference", "")
        if reference:
            first = references.get(reference)
            if first is not None:
                row_errors.append(
                    Text(
                        gettext_noop("reference {reference!r} was already used on line {first}"),
                        reference=reference,
                        first=first,
                    )
                )
            else:
                references[reference] = line

        if row_errors:
            errors.extend(JournalError.of(line, text) for text in row_errors)
            continue
        if reference and reference in existing:
            result.skipped_references.append(reference)
            continue
        assert when is not None
        event = Event(date=when, type=kind, **values)  # type: ignore[arg-type]
        try:
            work.apply(event)
        except EventRejected as exc:
            errors.append(JournalError.of(line, exc.text))
            continue
        result.events.append(event)
    return result


def _fmt_rate(rate: Decimal) -> str:
    # Plain notation, trailing zeros dropped: 3.50 -> "3.5", 100 -> "100" (never "1E+2").
    return format(rate.normalize(context=CTX), "f")


def format_journal(events: Iterable[Event]) -> str:
    """Write events as a journal file with the full header, in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(JOURNAL_COLUMNS)
    for e in events:
        writer.writerow(
            [
                e.date.isoformat(),
                e.type,
                csv_text_out(e.member),
                csv_text_out(e.enterprise),
                e.instrument or "",
                "" if e.amount is None else fmt_money(e.amount),
                "" if e.rate is None else _fmt_rate(e.rate),
                "" if e.term is None else str(e.term),
                "" if e.grace is None else str(e.grace),
                e.method or "",
                "" if e.first_due is None else e.first_due.isoformat(),
                csv_text_out(e.reference),
                csv_text_out(e.note),
            ]
        )
    return out.getvalue()
