"""A permission answer is kept for the rest of a GET or HEAD request and never beyond it; a
POST (and anything outside a request) reads the rights again every time."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from microfuture.accounts.models import RoleGrant
from microfuture.accounts.permissions import coordinated_regions
from microfuture.conftest import make_user
from microfuture.kernel.request_memo import RequestMemoMiddleware, remembered

pytestmark = pytest.mark.django_db


def _grant_between_two_reads(user: Any) -> Any:
    """A view that reads the person's regions, grants one, and reads them again."""
    def view(request: HttpRequest) -> HttpResponse:
        before = coordinated_regions(user)
        RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI041")
        after = coordinated_regions(user)
        return HttpResponse(f"{sorted(before)} {sorted(after)}")
    return RequestMemoMiddleware(view)


def test_a_post_reads_the_rights_again_after_a_change() -> None:
    user = make_user("nina")
    response = _grant_between_two_reads(user)(RequestFactory().post("/x/"))
    assert response.content.decode() == "[] ['SI041']"


def test_a_get_keeps_the_first_answer_and_the_next_request_reads_afresh() -> None:
    user = make_user("nina")
    middleware = _grant_between_two_reads(user)
    # Within one GET the first answer stands (a GET changes no rights, so it never matters)...
    assert middleware(RequestFactory().get("/x/")).content.decode() == "[] []"
    # ...and once the request is over, the rights are read again.
    RoleGrant.objects.filter(user=user).delete()
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI042")
    assert coordinated_regions(user) == {"SI042"}


def test_outside_a_request_nothing_is_kept() -> None:
    calls = []
    for _ in range(2):
        remembered("key", lambda: calls.append(1))
    assert len(calls) == 2


def test_a_caller_changing_the_answer_does_not_change_the_kept_one() -> None:
    user = make_user("nina")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI041")

    def view(request: HttpRequest) -> HttpResponse:
        coordinated_regions(user).add("SI999")
        return HttpResponse(" ".join(sorted(coordinated_regions(user))))

    assert RequestMemoMiddleware(view)(RequestFactory().get("/x/")).content == b"SI041"
