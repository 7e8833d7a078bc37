"""Erase a person on their request (GDPR Article 17), for the operator.

The same erasure as closing one's own account (`accounts.services.account_erase`, through
each app's `account_closing` receiver): account made an anonymous shell, sessions ended,
consents, roles, pending sign-ups, sign-in throttle rows and requests deleted, memberships,
enterprises and invitations unlinked, the invitation addresses blanked, and the name in each
club's books replaced by a pseudonym (`clubs/services/erasure.py`: the figures stay, the
hash chains are re-sealed). The clubs' invariants are re-proved after, and the command fails
(nothing erased) if any club's books would no longer hold.

The network's part (`network.services_personal.network_erase`: directory entries, event
registrations, club interest, messages, mentions in minutes and items) is erased in the same
transaction, also for someone who never had an account (named by `--email E`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from microfuture.accounts.services import AccountError, account_erase
from microfuture.clubs.models import Club, Member
from microfuture.clubs.selectors import club_problems
from microfuture.network.services_personal import network_erase
from microfuture.web.management.commands._person import (
    add_person_arguments,
    find_person_or_address,
)


class Command(BaseCommand):
    help = "Erase a person: --email E, or a user name or address with --yes."

    def add_arguments(self, parser: CommandParser) -> None:
        add_person_arguments(parser)
        parser.add_argument("--yes", action="store_true",
                            help="really erase (needed when naming the person by the argument)")

    def handle(self, *args: Any, **options: Any) -> None:
        user, email = find_person_or_address(options)
        # `--email E` (the collaboration spec's contract) names exactly one address and
        # erases; the argument, which may be a user name mistyped into another's, needs --yes.
        if not (options["yes"] or options["email"]):
            raise CommandError("Nothing erased: add --yes to erase this person.")
        clubs = list(Club.objects.filter(members__user=user).distinct().order_by("name")
                     if user is not None else [])
        memberships = list(Member.objects.filter(user=user).values_list("pk", "club__name")
                           if user is not None else [])
        try:
            with transaction.atomic():
                # First, so that the address typed is erased too when it is not the
                # account's; the account's closing then finds the network's part done.
                network = network_erase(email=email, user=user)
                if user is not None:
                    account_erase(user=user)
                problems = [f"{club.name}: {p}" for club in clubs for p in club_problems(club)]
                if problems:
                    raise AccountError("Nothing erased: a club's books would no longer hold: "
                                       + "; ".join(problems))
        except AccountError as error:
            raise CommandError(str(error)) from error
        if user is not None:
            self.stdout.write(f"Erased account {user.pk}; now {f'closed-{user.pk}'}.")
        for pk, club_name in memberships:
            self.stdout.write(
                f"In the books of {club_name}: the name is now 'erased person #{pk}'.")
        if network.anything:
            self.stdout.write(
                f"In the network: {network.people} directory entr"
                f"{'y' if network.people == 1 else 'ies'}, {network.registrations} event "
                f"registration(s), {network.interests} club-interest record(s), "
                f"{network.messages} message(s) and {network.texts} text(s) erased; "
                f"the name is now '{network.pseudonym}'.")
        else:
            self.stdout.write("In the network: nothing was kept under this person.")
        if user is not None:
            self.stdout.write(f"The books of {len(clubs)} club(s) still hold.")
