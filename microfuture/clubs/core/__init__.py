"""The pure money core of solidarity investment clubs (spec: shared/specs/club-accounting.md).

Plain functions over frozen dataclasses and one in-memory book; no ORM, no I/O. The Django
app loads events at the edge, hands them here, and stores what comes back as integer cents.
"""

from __future__ import annotations

from .book import (
    POLICIES,
    ClubBook,
    HoldingView,
    Leg,
    MemberView,
    Posting,
    capital_account,
    holding_account,
    replay,
)
from .errors import AccountingError, EventRejected, Listing, Term, Text
from .events import EVENT_TYPES, INSTRUMENTS, Event
from .journal import JOURNAL_COLUMNS, JournalError, JournalResult, format_journal, parse_journal
from .loans import Instalment, loan_schedule, loan_schedule_json, loan_schedule_text
from .money import (
    CENT,
    UNIT,
    D,
    Money,
    fmt_money,
    fmt_share,
    fmt_units,
    from_cents,
    from_micro,
    round_cents,
    round_units,
    to_cents,
    to_micro,
)
from .shareout import ShareClaim, share_out
from .statement import build_statement, statement_from_book, statement_text

__all__ = [
    "CENT",
    "EVENT_TYPES",
    "INSTRUMENTS",
    "JOURNAL_COLUMNS",
    "POLICIES",
    "UNIT",
    "AccountingError",
    "ClubBook",
    "D",
    "Event",
    "EventRejected",
    "HoldingView",
    "Instalment",
    "JournalError",
    "JournalResult",
    "Leg",
    "Listing",
    "MemberView",
    "Money",
    "Posting",
    "ShareClaim",
    "Term",
    "Text",
    "build_statement",
    "capital_account",
    "fmt_money",
    "fmt_share",
    "fmt_units",
    "format_journal",
    "from_cents",
    "from_micro",
    "holding_account",
    "loan_schedule",
    "loan_schedule_json",
    "loan_schedule_text",
    "parse_journal",
    "replay",
    "round_cents",
    "round_units",
    "share_out",
    "statement_from_book",
    "statement_text",
    "to_cents",
    "to_micro",
]
