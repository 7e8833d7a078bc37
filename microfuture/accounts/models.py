"""People and their platform-wide roles.

Per-club roles (manager, treasurer, secretary, member) live on the club membership and the
entrepreneur role on the enterprise, in the clubs app; this module holds what is true of a
person across the whole platform.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from microfuture.regions import REGION_CHOICES


class User(AbstractUser):
    """A person who can sign in. Platform administrators are superusers."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleGrant(models.Model):
    """A platform role given to a person: coordinator of a region, or curator."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Regional coordinator")
        CURATOR = "curator", _("Curator")
        EXPERT = "expert", _("Expert")
        # Read-only, every region, aggregates only, no personal data (docs/impact.md).
        MINISTRY = "ministry", _("Ministry (figures only)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES, blank=True)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="unique_role_grant"),
            models.CheckConstraint(
                condition=~models.Q(role="coordinator", region=""),
                name="coordinator_has_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} {self.region}".strip()

    def clean(self) -> None:
        # The ministry role reads every region's aggregates: a region on its grant would
        # say something untrue (the admin's form runs this; docs/accounts.md).
        if self.role == self.Role.MINISTRY and self.region:
            raise ValidationError(
                {"region": _("The ministry role covers every region: leave the region empty.")}
            )


class PendingSignUp(models.Model):
    """A sign-up waiting for its e-mail address to be confirmed.

    The account is created only when the link in the e-mail is used, from the row the link
    names: a second sign-up with the same address (someone else's, perhaps) never changes
    what an earlier link confirms. Rows older than the link's lifetime are deleted at the
    next sign-up (docs/accounts.md).
    """

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150)
    password = models.CharField(max_length=128)  # hashed, as on User
    privacy_notice_version = models.CharField(max_length=20)
    next_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["email"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d %H:%M})"


class Consent(models.Model):
    """A person's agreement to a document (the privacy notice), with its version and date."""

    class Document(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    document = models.CharField(max_length=30, choices=Document.choices)
    version = models.CharField(max_length=20)
    given_at = models.DateTimeField()

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document", "version"], name="consent_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.document} {self.version}"


class SessionRecord(models.Model):
    """What a person sees of one of their signed-in sessions: written at sign-in.

    The session itself is Django's database session; a record whose session is gone or
    expired is not shown and is deleted at the person's next sign-in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_records"
    )
    session_key = models.CharField(max_length=40, unique=True)
    browser = models.CharField(_("browser"), max_length=100, blank=True)
    signed_in_at = models.DateTimeField(_("signed in"))

    class Meta:
        ordering = ["-signed_in_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.browser} {self.signed_in_at:%Y-%m-%d %H:%M}"
