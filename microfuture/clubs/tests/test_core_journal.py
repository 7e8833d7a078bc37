"""The journal file (spec §7): every format and rule error with its line, idempotent import,
and export → import identity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from microfuture.clubs.core import (
    JOURNAL_COLUMNS,
    ClubBook,
    Event,
    build_statement,
    format_journal,
    parse_journal,
)

HEADER = ",".join(JOURNAL_COLUMNS)


def errors_of(text: str | bytes, **kwargs: object) -> list[tuple[int, str]]:
    result = parse_journal(text, **kwargs)  # type: ignore[arg-type]
    return [(e.line, e.message) for e in result.errors]


def assert_errors(text: str | bytes, expected: list[tuple[int, str]]) -> None:
    got = errors_of(text)
    assert [line for line, _ in got] == [line for line, _ in expected], got
    for (line, message), (_, fragment) in zip(got, expected, strict=True):
        assert fragment in message, (line, message)


def test_a_file_with_many_mistakes_reports_every_one_with_its_line() -> None:
    text = "\n".join(
        [
            HEADER,  # 1
            "2024-01-01,join,Ana,,,,,,,,,R1,",  # 2
            "2024-01-01,join,Bob,,,,,,,,,R2,",  # 3
            "2024-01-02,contribution,Ana,,,1e3,,,,,,R3,",  # 4 bad amount
            "2024-01-02,contribution,Ana,,,100,,,,,,R4,",  # 5 fine
            "2024-01-02,contribution,Zed,,,5,,,,,,R5,",  # 6 not a member
            "2024-01-03,expense,Ana,,,5,,,,,,R6,",  # 7 member on an expense
            "2024-01-01,income,,,,5,,,,,,R7,",  # 8 out of date order
            "2024-01-04,income,,,,5,,,,,,R4,",  # 9 reference repeated
            "2024-01-05,investment,,E,equity,50,3,,,,,R8,",  # 10 rate on equity
            "2024-01-05,investment,,E,loan,500,3,12,,,,R9,",  # 11 cash would go negative
            "2024-01-06,repayment,,E,,10,,,,,,R10,",  # 12 follow-on: no holding
            "2024-02-30,expense,,,,1,,,,,,R11,",  # 13 no such date
            "2024-03-01,dissolve,,,,,,,,,,R12,",  # 14 fine
            "2024-03-02,income,,,,1,,,,,,R13,",  # 15 after dissolve
            "2024-03-02,gift,,,,1,,,,,,R14,",  # 16 unknown type
            "2024-03-02,income,,,,,1,,,,,R15",  # 17 12 cells
        ]
    )
    assert_errors(
        text,
        [
            (4, "amount '1e3' is not an amount"),
            (6, "Zed has not joined the club"),
            (7, "member does not apply to an expense row"),
            (8, "rows must be in date order: 2024-01-01 comes after 2024-01-03 (line 7)"),
            (9, "reference 'R4' was already used on line 5"),
            (10, "rate applies only to a loan"),
            (11, "cash would go negative"),
            (12, "no open holding in E"),
            (13, "date '2024-02-30' is not a valid date"),
            (15, "dissolved on 2024-03-01"),
            (16, "unknown type 'gift'"),
            (17, "this row has 12 cells but the header has 13"),
        ],
    )


@pytest.mark.parametrize(
    ("cell", "ok"),
    [
        ("5", True),
        ("5.5", True),
        ("5.50", True),
        ("0.01", True),
        ("1234567.89", True),
        (".5", False),
        ("+5", False),
        ("-5", False),
        ("1e3", False),
        ("5,50", False),
        ("5.555", False),
        ("5.", False),
        (" 5", False),
        ("5 ", False),
        ("٥", False),
        ("€5", False),
    ],
)
def test_amount_cells(cell: str, ok: bool) -> None:
    text = f'date,type,member,amount\n2024-01-01,join,Ana,\n2024-01-02,contribution,Ana,"{cell}"\n'
    got = errors_of(text)
    if ok:
        assert got == []
    else:
        assert len(got) == 1 and got[0][0] == 3 and "is not an amount" in got[0][1]


@pytest.mark.parametrize(
    ("column", "cell", "fragment"),
    [
        ("rate", "3,5", "not a plain decimal"),
        ("rate", "-1", "not a plain decimal"),
        ("rate", ".5", "not a plain decimal"),
        ("rate", "3.", "not a plain decimal"),
        ("rate", "1e2", "not a plain decimal"),
        ("term", "12.0", "not a whole number"),
        ("term", "-3", "not a whole number"),
        ("term", "twelve", "not a whole number"),
        ("grace", "1.5", "not a whole number"),
        ("first_due", "2024-2-15", "not a valid date"),
        ("first_due", "20240215", "not a valid date"),
        ("first_due", "2024-02-31", "not a valid date"),
        ("method", "Annuity", "unknown method"),
        ("instrument", "Loan", "unknown instrument"),
    ],
)
def test_loan_cells(column: str, cell: str, fragment: str) -> None:
    cells = {
        "instrument": "loan",
        "rate": "3",
        "term": "12",
        "grace": "0",
        "method": "annuity",
        "first_due": "2024-02-15",
        column: cell,
    }
    header = "date,type,member,enterprise,amount," + ",".join(cells)
    text = "\n".join(
        [
            header,
            "2024-01-01,join,Ana,,," + "," * (len(cells) - 1),
            "2024-01-01,contribution,Ana,,1000," + "," * (len(cells) - 1),
            "2024-01-02,investment,,E,500," + ",".join(f'"{v}"' for v in cells.values()),
        ]
    )
    got = errors_of(text)
    assert len(got) == 1 and got[0][0] == 4 and fragment in got[0][1], got


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("", "the date is missing"),
        ("2024/01/05", "not a valid date"),
        ("05-01-2024", "not a valid date"),
    ],
)
def test_date_cells(cell: str, fragment: str) -> None:
    assert_errors(f"date,type,member\n{cell},join,Ana\n", [(2, fragment)])


def test_cells_that_do_not_apply_must_be_empty() -> None:
    text = "\n".join(
        [
            HEADER,
            "2024-01-01,join,Ana,E,,5,,,,,,,hello",  # enterprise and amount on a join
            "2024-01-01,contribution,Ana,,,5,,,,,,,",
            "2024-01-02,investment,,E,advance,1,,12,,linear,,,",  # loan fields on an advance
            "2024-01-02,dissolve,,,equity,,,,,,,,",
        ]
    )
    assert_errors(
        text,
        [
            (2, "enterprise does not apply to a join row"),
            (2, "amount does not apply to a join row"),
            (3, "Ana has not joined"),  # follow-on: the join was refused
            (4, "term applies only to a loan"),
            (4, "method applies only to a loan"),
            (5, "instrument does not apply to a dissolve row"),
        ],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(1, "the file is empty")]),
        ("\n\n", [(1, "the file is empty")]),
        (
            "date,type,colour\n2024-01-01,join,x\n",
            [(1, "unknown column 'colour'"), (2, "a join needs a member name")],
        ),
        ("type,member\nexpense,\n", [(1, "the required column 'date' is missing")]),
        ("date,member\n2024-01-01,A\n", [(1, "the required column 'type' is missing")]),
        ("date,type,date\n2024-01-01,join,2024-01-01\n", [(1, "column 'date' appears twice")]),
        ("date,Type\n", [(1, "unknown column 'Type'"), (1, "required column 'type'")]),
        (
            "date,type,\n2024-01-01,income,\n",
            [(1, "column 3 of the header has no name"), (2, "an income needs an amount")],
        ),
    ],
)
def test_header_errors(text: str, expected: list[tuple[int, str]]) -> None:
    assert_errors(text, expected)


def test_unknown_column_still_checks_the_rows() -> None:
    assert_errors(
        "date,type,member,colour\n2024-01-01,join,Ana,red\n2024-01-02,join,Ana,blue\n",
        [(1, "unknown column 'colour'"), (3, "Ana has already joined")],
    )


def test_bom_bytes_blank_lines_and_quoted_newlines() -> None:
    text = (
        "\ufeffdate,note,type,member,amount\r\n"
        '2024-01-01,"two\nlines",join,Ana,\r\n'  # lines 2–3
        "\r\n"  # line 4: blank, ignored
        ",,,,\r\n"  # line 5: empty cells, ignored
        "2024-01-02,,contribution,Bob,5\r\n"  # line 6
    )
    result = parse_journal(text.encode("utf-8"))
    assert [(e.line, e.message) for e in result.errors] == [(6, "Bob has not joined the club")]
    assert result.events[0].note == "two\nlines"


def test_invalid_utf8_is_reported_with_its_line() -> None:
    data = b"date,type,member\n2024-01-01,join,Ana\n" + b"2024-01-01,join,B\xe9a\n"
    assert errors_of(data) == [(3, "the file is not valid UTF-8 text")]


def test_broken_csv_quoting_is_reported() -> None:
    got = errors_of('date,type,member\n2024-01-01,join,"Ana\n')
    assert got and got[0][0] == 2


def test_import_is_idempotent_and_does_not_touch_the_callers_book() -> None:
    text = "\n".join(
        [
            "date,type,member,amount,reference",
            "2024-01-01,join,Ana,,J1",
            "2024-01-01,contribution,Ana,100,C1",
        ]
    )
    book = ClubBook()
    first = parse_journal(text, book=book)
    assert first.ok and len(first.events) == 2 and first.skipped_references == []
    assert book.event_count == 0  # only the copy was used
    for event in first.events:
        book.apply(event)
    again = parse_journal(text, book=book)
    assert again.ok and again.events == [] and again.skipped_references == ["J1", "C1"]
    # References the caller knows of (e.g. stored in the database) count too.
    fresh = parse_journal(text, existing_references={"J1"}, book=ClubBook())
    assert fresh.skipped_references == ["J1"]
    assert [(e.line, e.message) for e in fresh.errors] == [(3, "Ana has not joined the club")]
    # A longer file with the same first rows imports only the new ones.
    longer = text + "\n2024-02-01,contribution,Ana,50,C2\n"
    more = parse_journal(longer, book=book)
    assert more.ok and [e.reference for e in more.events] == ["C2"]


def test_rows_dated_before_the_clubs_last_event_are_refused() -> None:
    book = ClubBook()
    book.apply(Event(date=date(2024, 5, 1), type="join", member="Ana"))
    assert errors_of("date,type\n2024-04-30,income\n", book=book) == [
        (
            2,
            "events must be recorded in date order: this income is dated 2024-04-30, before "
            "the club's last event on 2024-05-01",
        )
    ]


def test_export_then_import_reproduces_the_club() -> None:
    events = [
        Event(date=date(2024, 1, 1), type="join", member='Ana, "the treasurer"', reference="a"),
        Event(
            date=date(2024, 1, 1),
            type="contribution",
            member='Ana, "the treasurer"',
            amount=Decimal("1000.5"),
            note="first\nline",
        ),
        Event(
            date=date(2024, 1, 2),
            type="investment",
            enterprise="Éco",
            instrument="loan",
            amount=Decimal("600"),
            rate=Decimal("3.50"),
            term=12,
            grace=2,
            method="linear",
            first_due=date(2024, 3, 31),
            reference="L",
        ),
        Event(
            date=date(2024, 1, 3),
            type="investment",
            enterprise="Éco",
            instrument="equity",
            amount=Decimal("100"),
        ),
        Event(
            date=date(2024, 4, 1),
            type="repayment",
            enterprise="Éco",
            instrument="loan",
            amount=Decimal("3.5"),
        ),
        Event(
            date=date(2024, 4, 2),
            type="valuation",
            enterprise="Éco",
            instrument="equity",
            amount=Decimal("0"),
        ),
        Event(
            date=date(2024, 4, 3), type="exit", member='Ana, "the treasurer"', amount=Decimal("300")
        ),
    ]
    text = format_journal(events)
    assert text.splitlines()[0] == HEADER
    assert "1000.50" in text and ",3.5,12,2,linear,2024-03-31,L," in text
    result = parse_journal(text)
    assert result.ok, result.errors
    assert result.events == events
    assert format_journal(result.events) == text
    stmt = build_statement(events, as_of=date(2024, 12, 31), club="C")
    assert build_statement(result.events, as_of=date(2024, 12, 31), club="C") == stmt


def test_rate_is_written_in_plain_notation() -> None:
    events = [
        Event(date=date(2024, 1, 1), type="join", member="A"),
        Event(date=date(2024, 1, 1), type="contribution", member="A", amount=Decimal("10")),
        Event(
            date=date(2024, 1, 1),
            type="investment",
            enterprise="E",
            instrument="loan",
            amount=Decimal("1"),
            rate=Decimal("1E+2"),
            term=1,
        ),
    ]
    assert ",100,1," in format_journal(events)
    assert parse_journal(format_journal(events)).ok
