"""`{{ entry|audit_line:club.currency }}`: an audit row in the reader's language (see
`clubs/audit_text.py`)."""

from __future__ import annotations

from typing import Any

from django import template

from microfuture.clubs.audit_text import AuditLine
from microfuture.clubs.audit_text import audit_line as words

register = template.Library()


@register.filter
def audit_line(entry: Any, currency: str = "EUR") -> AuditLine:
    return words(str(getattr(entry, "action", "")), getattr(entry, "detail", None),
                 currency=currency or "EUR")
