"""Naming the person for `export_person` and `erase_person`: a user name or an address as the
first argument, or `--email E` (the collaboration spec's §7 contract: the address only).

An address with no account is still a person when the network keeps records under it (its
directory, event registrations, club interest): `find_person_or_address` serves them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from microfuture.accounts.selectors import person_find
from microfuture.network.selectors_personal import network_holds


def add_person_arguments(parser: CommandParser) -> None:
    parser.add_argument("person", nargs="?", help="user name or e-mail address")
    parser.add_argument("--email", metavar="E", help="the person's e-mail address")


def find_person_or_address(options: dict[str, Any]) -> tuple[Any | None, str | None]:
    """(the one account named or None, the address named or None), or CommandError saying why
    not: an address without an account names a person when the network keeps records under
    it; with neither, nobody is stored under it."""
    from microfuture.accounts.models import User

    person, email = options.get("person"), options.get("email")
    if bool(person) == bool(email):
        raise CommandError("Name the person once: a user name or address, or --email E.")
    address = (email or "").strip() or (str(person).strip() if "@" in str(person) else None)
    if email:
        matches = list(User.objects.filter(email__iexact=address)[:2])
        if len(matches) > 1:
            raise CommandError(f"No single account has the e-mail address {email!r}.")
        user = matches[0] if matches else None
    else:
        user = person_find(str(person))
    if user is not None:
        return user, address
    if address and network_holds(email=address):
        return None, address
    if address:
        raise CommandError(
            f"Nobody is stored under the address {address!r}. No single account has it, "
            "and the network keeps no records under it.")
    raise CommandError(f"No single account has the user name or e-mail address {person!r}.")
