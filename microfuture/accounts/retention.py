"""How long the accounts app keeps records that only serve security or a sign-up.

Applied daily by `manage.py apply_retention` (docs/security.md); each rule is idempotent
and returns how many rows it deleted. The privacy page (`web/privacy.html`) states these
periods: change both together.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sessions.models import Session
from django.db import transaction

from microfuture.accounts import throttle
from microfuture.accounts.models import PendingSignUp, SessionRecord
from microfuture.accounts.services import SIGN_UP_LINK_MAX_AGE

#: Logs of sign-ins kept by django-axes when they are switched on (they are off by default).
SIGN_IN_LOG_DAYS = 90


@transaction.atomic
def accounts_retention_apply(*, now: datetime) -> dict[str, int]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    log_limit = now - timedelta(days=SIGN_IN_LOG_DAYS)
    deleted = {
        # A failure older than the throttle's window no longer counts for anything.
        "failed sign-ins": AccessAttempt.objects.filter(
            attempt_time__lt=now - throttle.cool_off()
        ).delete()[0],
        "sign-in failure log rows": AccessFailureLog.objects.filter(
            attempt_time__lt=log_limit
        ).delete()[0],
        "sign-in log rows": AccessLog.objects.filter(attempt_time__lt=log_limit).delete()[0],
        "expired sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
        "unconfirmed sign-ups": PendingSignUp.objects.filter(
            created_at__lt=now - SIGN_UP_LINK_MAX_AGE
        ).delete()[0],
    }
    live = Session.objects.values("session_key")
    deleted["session records"] = SessionRecord.objects.exclude(session_key__in=live).delete()[0]
    return deleted
