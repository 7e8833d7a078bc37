"""People and their platform-wide roles.

Per-club roles (manager, treasurer, secretary, member) live on the club membership and the
entrepreneur role on the enterprise, in the clubs app; this module holds what is true of a
person across the whole platform.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
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
