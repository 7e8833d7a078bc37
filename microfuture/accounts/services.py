"""Writes about people: creating accounts and granting platform roles."""

from __future__ import annotations

from django.db import transaction

from microfuture.accounts.models import RoleGrant, User


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
