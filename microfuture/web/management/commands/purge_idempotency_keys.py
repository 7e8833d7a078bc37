"""Delete the API's idempotency keys older than a day. Idempotent: a second run deletes none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from microfuture.kernel.idempotency import purge_expired


class Command(BaseCommand):
    help = "Delete the Idempotency-Key answers older than 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_expired()
        self.stdout.write(f"Deleted {deleted} idempotency key(s) older than 24 hours.")
