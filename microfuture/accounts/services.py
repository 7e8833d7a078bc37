"""Writes about people: accounts, sign-up and its confirmation, consents, sessions, roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from microfuture.accounts import throttle
from microfuture.accounts.browsers import browser_summary
from microfuture.accounts.hooks import account_closing
from microfuture.accounts.models import Consent, PendingSignUp, RoleGrant, SessionRecord, User

#: How long a sign-up confirmation link works.
SIGN_UP_LINK_MAX_AGE = timedelta(days=3)
_SIGN_UP_SALT = "microfuture.accounts.sign_up"


LINK_NO_LONGER_VALID = gettext_lazy(
    "This link is no longer valid: it has been used already or has expired. "
    "Sign up again to get a new one."
)


class SignUpError(Exception):
    """A sign-up link that cannot be used; the message is plain and already translated."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@transaction.atomic
def user_ensure(
    *, username: str, email: str, full_name: str, password: str | None = None,
    is_superuser: bool = False, is_staff: bool = False,
) -> User:
    """Create the person if the user name is new; return the existing one otherwise."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": email,
            "full_name": full_name,
            "is_staff": is_superuser or is_staff,
            "is_superuser": is_superuser,
        },
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def role_grant(*, user: User, role: str, region: str = "") -> RoleGrant:
    grant, _ = RoleGrant.objects.get_or_create(user=user, role=role, region=region)
    return grant


# E-mail ----------------------------------------------------------------------------------


def mail_on_commit(*, to: str, subject: str, template: str, context: dict[str, object]) -> None:
    """Send a plain-text mail once the transaction commits, in the language active now.

    `subject` is an English message marked with `gettext_noop`, translated when the mail is
    written; the body is the template rendered in that language.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE

    def send() -> None:
        with translation.override(language):
            body = render_to_string(template, context)
            send_mail(_(subject), body, None, [to])

    transaction.on_commit(send)


# Sign-up ---------------------------------------------------------------------------------


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _safe_next(next_url: str) -> str:
    # Only a path on this site (the view checks the host too); anything else is dropped.
    return next_url if next_url.startswith("/") and not next_url.startswith("//") else ""


@transaction.atomic
def sign_up_request(
    *, email: str, full_name: str, password: str, privacy_notice_version: str,
    next_url: str, site_url: str,
) -> None:
    """Someone asks for an account. The answer they see never depends on the address.

    A new address gets a link to confirm it; the account is created only then. An address
    that already has an account gets a note saying so (with the sign-in and password-reset
    links) instead, so only the address's owner learns that it is registered.
    """
    email = normalize_email(email)
    # Hashed whatever the address, so that the answer takes as long for a known one.
    password_hash = make_password(password)
    PendingSignUp.objects.filter(created_at__lt=timezone.now() - SIGN_UP_LINK_MAX_AGE).delete()
    if not throttle.sign_up_mail_allowed(email):
        return
    if User.objects.filter(email__iexact=email).exists():
        mail_on_commit(
            to=email, subject=gettext_noop("You already have an account on Microfuture Hub"),
            template="accounts/email/sign_up_exists.txt",
            context={
                "sign_in_url": site_url + reverse("accounts:login"),
                "reset_url": site_url + reverse("accounts:password_reset"),
            },
        )
        return
    pending = PendingSignUp.objects.create(
        email=email, full_name=full_name.strip(), password=password_hash,
        privacy_notice_version=privacy_notice_version, next_url=_safe_next(next_url),
    )
    token = signing.dumps(pending.pk, salt=_SIGN_UP_SALT)
    mail_on_commit(
        to=email, subject=gettext_noop("Confirm your e-mail address for Microfuture Hub"),
        template="accounts/email/sign_up_confirm.txt",
        context={
            "name": pending.full_name,
            "confirm_url": site_url + reverse("accounts:sign_up_confirm", args=[token]),
            "days": SIGN_UP_LINK_MAX_AGE.days,
        },
    )


def _pending_id(token: str) -> int | None:
    try:
        value = signing.loads(
            token, salt=_SIGN_UP_SALT, max_age=SIGN_UP_LINK_MAX_AGE
        )
    except signing.BadSignature:  # also an expired one
        return None
    return value if isinstance(value, int) else None


def sign_up_pending(token: str) -> PendingSignUp | None:
    """The sign-up a confirmation link names, if the link is genuine, fresh and unused."""
    pk = _pending_id(token)
    return None if pk is None else PendingSignUp.objects.filter(pk=pk).first()


@dataclass(frozen=True)
class Confirmed:
    user: User
    next_url: str


@transaction.atomic
def sign_up_confirm(*, token: str) -> Confirmed:
    """Create the account a confirmation link names and record the consent given then."""
    pk = _pending_id(token)
    pending = (
        PendingSignUp.objects.select_for_update().filter(pk=pk).first() if pk is not None
        else None
    )
    if pending is None:
        raise SignUpError(str(LINK_NO_LONGER_VALID))
    same_address = PendingSignUp.objects.filter(email__iexact=pending.email)
    if User.objects.filter(email__iexact=pending.email).exists():
        same_address.delete()
        raise SignUpError(_("This address already has an account: sign in."))
    username = base = pending.email[:150]
    n = 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base[:140]}-{n}"
    user = User.objects.create(
        username=username, email=pending.email, full_name=pending.full_name,
        password=pending.password, is_active=True,
    )
    Consent.objects.create(
        user=user, document=Consent.Document.PRIVACY_NOTICE,
        version=pending.privacy_notice_version, given_at=pending.created_at,
    )
    next_url = pending.next_url
    same_address.delete()
    return Confirmed(user=user, next_url=next_url)


# Sessions --------------------------------------------------------------------------------


def _live_session_keys() -> Iterable[str]:
    return Session.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", flat=True
    )


def session_record_sign_in(*, user: User, session_key: str, user_agent: str) -> SessionRecord:
    """Note a new signed-in session; forget the person's sessions that have ended."""
    SessionRecord.objects.filter(user=user).exclude(session_key__in=_live_session_keys()).delete()
    record, _created = SessionRecord.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "browser": browser_summary(user_agent)[:100],
            "signed_in_at": timezone.now(),
        },
    )
    return record


def session_forget(*, session_key: str) -> None:
    """The person signed out of this session."""
    SessionRecord.objects.filter(session_key=session_key).delete()


@transaction.atomic
def sessions_end(*, user: User, session_keys: Iterable[str]) -> int:
    """Sign the person out of these sessions of theirs (others' keys are ignored)."""
    keys = list(
        SessionRecord.objects.filter(user=user, session_key__in=list(session_keys))
        .values_list("session_key", flat=True)
    )
    Session.objects.filter(session_key__in=keys).delete()
    SessionRecord.objects.filter(session_key__in=keys).delete()
    return len(keys)


def sessions_end_others(*, user: User, keep: str) -> int:
    """Sign the person out everywhere except the session they are using."""
    others = SessionRecord.objects.filter(user=user).exclude(session_key=keep)
    return sessions_end(user=user, session_keys=others.values_list("session_key", flat=True))


@transaction.atomic
def sessions_after_password_change(*, user: User, old_key: str, new_key: str) -> int:
    """The password changed in session `old_key`, now `new_key`: keep it, end the others."""
    SessionRecord.objects.filter(user=user, session_key=old_key).update(session_key=new_key)
    return sessions_end_others(user=user, keep=new_key)


def sessions_end_all(*, user: User) -> int:
    """After a password reset by e-mail: every session of the person ends."""
    return sessions_end(
        user=user,
        session_keys=SessionRecord.objects.filter(user=user).values_list("session_key", flat=True),
    )



# Closing an account ----------------------------------------------------------------------


class AccountError(Exception):
    """A refusal about the person's own account; the message is plain and translated."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@transaction.atomic
def account_close(*, user: User) -> None:
    """The person erases their account (GDPR Article 17).

    Other apps first remove or unlink what they keep about the person (`account_closing`);
    then every session ends, consents, roles and pending sign-ups go, and the account row is
    kept only as an anonymous, unusable shell, because club records (events recorded,
    payments approved) point at it and must stay whole.
    """
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_superuser or locked.is_staff:
        raise AccountError(_(
            "An administrator's account is closed by another administrator, so that the "
            "platform always keeps one."
        ))
    _account_forget(locked)


@transaction.atomic
def account_erase(*, user: User) -> None:
    """The operator erases a person on their request (`manage.py erase_person`).

    The same erasure as `account_close`, for anyone, administrators included, except the
    last active administrator: the platform must keep one.
    """
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_superuser and not (
        User.objects.filter(is_superuser=True, is_active=True).exclude(pk=locked.pk).exists()
    ):
        raise AccountError(_("The last active administrator cannot be erased."))
    _account_forget(locked)


def _account_forget(locked: User) -> None:
    # Imported here: axes is an installed app, but its models load after ours.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    account_closing.send(sender=User, user=locked)
    sessions_end_all(user=locked)
    SessionRecord.objects.filter(user=locked).delete()
    Consent.objects.filter(user=locked).delete()
    RoleGrant.objects.filter(user=locked).delete()
    PendingSignUp.objects.filter(email__iexact=locked.email).delete()
    # The sign-in throttle's rows name the account tried (folded to lower case).
    names = {locked.get_username().strip().lower(), locked.email.strip().lower()} - {""}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=names).delete()
    locked.username = f"closed-{locked.pk}"
    locked.email = f"closed-{locked.pk}@invalid.invalid"
    locked.full_name = locked.first_name = locked.last_name = ""
    locked.is_active = False
    locked.last_login = None
    locked.set_unusable_password()
    locked.save()
