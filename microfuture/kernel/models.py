"""Data of the shared kernel: the idempotency keys of the API's money requests.

The kernel is not an app: its one model keeps the `web` app's label, so its table
(`web_idempotencykey`) and its migrations (`web/migrations/`) stay where they were, and
`web/models.py` imports it so that Django registers it with that app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """One answered request sent with an `Idempotency-Key` header.

    Written in the same transaction as the request's own writes (see `kernel.idempotency`), so
    a crash leaves both or neither. A retry with the same key and the same request gets `status`
    and `body` again and records nothing; the unique constraint makes a concurrent duplicate
    wait for the first to commit.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64, help_text="sha256 of method, path and body")
    status = models.PositiveSmallIntegerField(null=True)
    body = models.BinaryField(default=b"")
    content_type = models.CharField(max_length=100, default="application/json")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        app_label = "web"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
