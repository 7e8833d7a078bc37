"""JSON API for the signed-in person."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from microfuture.accounts import selectors
from microfuture.api import django_auth

router = Router(tags=["accounts"])


class RoleOut(Schema):
    role: str
    label: str
    scope: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    roles: list[RoleOut]


class Error(Schema):
    detail: str


@router.get("/me", response={200: MeOut, 401: Error}, auth=django_auth)
def me(request: HttpRequest) -> MeOut:
    user = request.user
    return MeOut(
        username=user.get_username(),
        full_name=getattr(user, "full_name", ""),
        email=getattr(user, "email", ""),
        roles=[RoleOut(**vars(r)) for r in selectors.roles_of(user)],
    )
