"""Keep the session list true: a row at every sign-in, gone at sign-out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from microfuture.accounts import services


@receiver(user_logged_in, dispatch_uid="accounts.session_record_sign_in")
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if key:
        services.session_record_sign_in(
            user=user, session_key=key,
            user_agent=request.META.get("HTTP_USER_AGENT", "") if hasattr(request, "META")
            else "",
        )


@receiver(user_logged_out, dispatch_uid="accounts.session_forget")
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        services.session_forget(session_key=key)
