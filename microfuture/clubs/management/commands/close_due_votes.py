"""Close every online vote whose deadline has passed, and say what each one decided.

Idempotent: a vote that is closed is no longer open, so running it again closes nothing.
Run it every few minutes (cron or a systemd timer). It acts as the platform's scheduled job
(`permissions.SYSTEM`), which may close only online votes whose deadline has passed, and it
words each decision in English (the decision itself is stored as codes).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from microfuture.clubs.decisions import decision_text_en
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services.governance import due_online_votes, proposal_close_vote
from microfuture.clubs.services.money import ClubError


class Command(BaseCommand):
    help = "Close online votes whose deadline has passed and record the decisions."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = 0
        for proposal in due_online_votes():
            try:
                decided = proposal_close_vote(proposal=proposal, actor=SYSTEM)
            except ClubError as exc:  # closed meanwhile by a person: nothing to do
                self.stdout.write(f"{proposal.club.name}: proposal {proposal.pk} skipped: {exc}")
                continue
            closed += 1
            self.stdout.write(
                f"{proposal.club.name}: proposal {proposal.pk} ({proposal.title}) "
                f"{decided.status}. {decision_text_en(decided)}"
            )
        self.stdout.write(f"Closed {closed} vote(s).")
