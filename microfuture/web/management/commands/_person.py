"""Naming the person for `export_person` and `erase_person`: a user name or an address as the
first argument, or `--email E` (the collaboration spec's §7 contract: the address only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from microfuture.accounts.selectors import person_find


def add_person_arguments(parser: CommandParser) -> None:
    parser.add_argument("person", nargs="?", help="user name or e-mail address")
    parser.add_argument("--email", metavar="E", help="the person's e-mail address")


def find_person(options: dict[str, Any]) -> Any:
    """The one account named, or CommandError saying why not."""
    from microfuture.accounts.models import User

    person, email = options.get("person"), options.get("email")
    if bool(person) == bool(email):
        raise CommandError("Name the person once: a user name or address, or --email E.")
    if email:
        matches = list(User.objects.filter(email__iexact=email.strip())[:2])
        if len(matches) != 1:
            raise CommandError(f"No single account has the e-mail address {email!r}.")
        return matches[0]
    user = person_find(str(person))
    if user is None:
        raise CommandError(f"No single account has the user name or e-mail address {person!r}.")
    return user
