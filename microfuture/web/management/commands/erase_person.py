"""Erase a person on their request (GDPR Article 17), for the operator.

The same erasure as closing one's own account (`accounts.services.account_erase`, through
each app's `account_closing` receiver): account made an anonymous shell, sessions ended,
consents, roles, pending sign-ups, sign-in throttle rows and requests deleted, memberships,
enterprises and invitations unlinked, the invitation addresses blanked, and the name in each
club's books replaced by a pseudonym (`clubs/services/erasure.py`: the figures stay, the
hash chains are re-sealed). The clubs' invariants are re-proved after, and the command fails
(nothing erased) if any club's books would no longer hold.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from microfuture.accounts.services import AccountError, account_erase
from microfuture.clubs.models import Club, Member
from microfuture.clubs.selectors import club_problems
from microfuture.web.management.commands._person import add_person_arguments, find_person


class Command(BaseCommand):
    help = "Erase a person: --email E, or a user name or address with --yes."

    def add_arguments(self, parser: CommandParser) -> None:
        add_person_arguments(parser)
        parser.add_argument("--yes", action="store_true",
                            help="really erase (needed when naming the person by the argument)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_person(options)
        # `--email E` (the collaboration spec's contract) names exactly one address and
        # erases; the argument, which may be a user name mistyped into another's, needs --yes.
        if not (options["yes"] or options["email"]):
            raise CommandError("Nothing erased: add --yes to erase this person.")
        clubs = list(Club.objects.filter(members__user=user).distinct().order_by("name"))
        memberships = list(Member.objects.filter(user=user).values_list("pk", "club__name"))
        try:
            with transaction.atomic():
                account_erase(user=user)
                problems = [f"{club.name}: {p}" for club in clubs for p in club_problems(club)]
                if problems:
                    raise AccountError("Nothing erased: a club's books would no longer hold: "
                                       + "; ".join(problems))
        except AccountError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Erased account {user.pk}; now {f'closed-{user.pk}'}.")
        for pk, club_name in memberships:
            self.stdout.write(
                f"In the books of {club_name}: the name is now 'erased person #{pk}'.")
        self.stdout.write(f"The books of {len(clubs)} club(s) still hold.")
