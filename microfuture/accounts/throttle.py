"""Throttling: repeated failed sign-ins (through django-axes) and sign-up mails.

Sign-in. Every path that checks a password calls `authenticate` with the request, so the
`AxesStandaloneBackend` (first in AUTHENTICATION_BACKENDS) guards the site's sign-in page and
the admin's alike; there is no API sign-in (the API uses the site's session). Failures are
rows of axes' `AccessAttempt` in the database, so every worker process sees the same counts
and a restart forgets nothing. Two limits, within LOGIN_FAILURE_WINDOW_SECONDS of the last
failure:

* LOGIN_FAILURE_LIMIT failures for one account name from one client address, and
* LOGIN_ADDRESS_FAILURE_LIMIT failures from one client address across all names (a guesser
  trying many accounts), higher so that people sharing an address are not locked out by one.

Once either is reached the password is not even checked: the right one is refused too. A
successful sign-in clears only that name's failures from that address, never the address's
failures against other accounts. The client address is REMOTE_ADDR, or behind our proxy
(DJANGO_BEHIND_PROXY) the right-most X-Forwarded-For entry, the one our proxy added.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the throttle counts it (AXES_CLIENT_IP_CALLABLE)."""
    if getattr(settings, "BEHIND_PROXY", False):
        # Our proxy appends the address it received the request from; anything to its left
        # was written by the client and may be forged.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    address = request.META.get("REMOTE_ADDR") or None
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def attempted_name(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account name tried, folded so that 'Ana' and ' ana' count as one name."""
    if credentials:
        name = credentials.get("username") or ""
    else:
        name = getattr(request, "POST", {}).get("username") or ""
    return str(name).strip().lower()


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    limit: int = settings.LOGIN_FAILURE_LIMIT
    return limit


def cool_off(request: HttpRequest | None = None) -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def cool_off_minutes() -> int:
    return max(1, math.ceil(settings.LOGIN_FAILURE_WINDOW_SECONDS / 60))


class SignInThrottleHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler with a separate, higher limit per address across names."""

    def _counts(self, request: HttpRequest, credentials: dict[str, Any] | None) -> list[int]:
        # One queryset per AXES_LOCKOUT_PARAMETERS entry: [name and address, address].
        return [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Failures as compared with LOGIN_FAILURE_LIMIT (axes asks this to decide a lockout)."""
        per_name, per_address = self._counts(request, credentials)
        if per_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(per_name, failure_limit(request, credentials))
        return int(per_name)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """On success, forget only this name's failures from this address.

        Axes would delete every row its lockout parameters match, the address-only one
        included: one success on the guesser's own account would wipe their count of
        guesses against everybody else.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        ).delete()
        return int(count)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The plain page shown instead of the sign-in form while locked out (429)."""
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": cool_off_minutes()},
        status=429,
    )


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
