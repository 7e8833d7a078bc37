"""Delete what is kept longer than the privacy page says; meant to run once a day.

Idempotent: a second run the same day deletes nothing. Prints what it deleted. The rules
live with their app (`accounts.retention`, `finder.retention`); docs/security.md lists them.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from microfuture.accounts.retention import accounts_retention_apply
from microfuture.finder.retention import finder_usage_retention_apply


class Command(BaseCommand):
    help = "Apply the retention rules (sign-in records, sessions, sign-ups, finder counts)."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        results = {
            **accounts_retention_apply(now=now),
            **finder_usage_retention_apply(today=timezone.localdate(now)),
        }
        for what, count in results.items():
            self.stdout.write(f"{what}: {count}")
