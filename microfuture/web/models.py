"""Data of the site's shared machinery: the idempotency keys of the API's money requests.

The model lives in the shared kernel (`microfuture/kernel/models.py`, which every app may
import); it keeps this app's label, table and migrations, and is registered from here.
"""

from __future__ import annotations

from microfuture.kernel.models import IdempotencyKey

__all__ = ["IdempotencyKey"]
