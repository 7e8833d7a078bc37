"""Throttling of repeated failed sign-ins, per account name and per client address.

After LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW_SECONDS, further attempts
for that name or from that address are refused without checking the password, so a
guesser learns nothing until the window passes.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()
    return [f"login-fail:name:{name}", f"login-fail:addr:{address}"]


def is_locked_out(request: HttpRequest, username: str) -> bool:
    limit: int = settings.LOGIN_FAILURE_LIMIT
    return any((cache.get(key) or 0) >= limit for key in _keys(request, username))


def record_failure(request: HttpRequest, username: str) -> None:
    window: int = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key in _keys(request, username):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def clear_failures(request: HttpRequest, username: str) -> None:
    cache.delete_many(_keys(request, username))


# Sign-up mails per address: enough to retry, too few to flood someone's inbox.
SIGN_UP_MAILS_PER_ADDRESS = 5
SIGN_UP_MAIL_WINDOW_SECONDS = 60 * 60


def sign_up_mail_allowed(email: str) -> bool:
    """Count one sign-up mail to this address; False once the hour's allowance is spent."""
    key = "sign-up-mail:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    if cache.add(key, 1, timeout=SIGN_UP_MAIL_WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=SIGN_UP_MAIL_WINDOW_SECONDS)
        return True
    return count <= SIGN_UP_MAILS_PER_ADDRESS
