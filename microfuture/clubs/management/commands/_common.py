"""Small helpers shared by the clubs commands: parse options, find the club."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import CommandError

from microfuture.clubs.models import Club


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not {text!r}.") from None


def parse_decimal(text: str, option: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CommandError(f"{option} must be a number such as 10.00, not {text!r}.") from None
    if not value.is_finite():
        raise CommandError(f"{option} must be a number such as 10.00, not {text!r}.")
    return value


def find_club(name: str) -> Club:
    try:
        return Club.objects.get(name=name)
    except Club.DoesNotExist:
        raise CommandError(f"There is no club called {name!r}.") from None
