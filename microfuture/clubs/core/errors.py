"""Domain errors of the club money core.

Every rule break in the pure core raises one of these, with a plain English message that the
edge (a form, the API, a management command) can show as it is.
"""

from __future__ import annotations


class AccountingError(ValueError):
    """A money rule was broken or an input does not make sense (the message says which)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class EventRejected(AccountingError):
    """An event cannot be recorded in the club's book; the book is left exactly as it was."""
