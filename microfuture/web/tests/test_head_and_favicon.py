"""`/favicon.ico`, and HEAD wherever GET works: every URL pattern of the site, pages and API."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def test_favicon_is_the_sites_icon() -> None:
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert response.content == Path(str(finders.find("web/favicon.svg"))).read_bytes()
    head = client.head("/favicon.ico")
    assert head.status_code == 200
    assert head.content == b""
    assert '<link rel="icon" href="/static/web/favicon.svg"' in client.get("/").content.decode()


def test_head_of_a_page_has_the_gets_headers_and_no_body() -> None:
    client = Client()
    get, head = client.get("/practices/"), client.head("/practices/")
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert head["Content-Length"] == str(len(get.content))


def test_head_of_an_api_get_operation() -> None:
    response = Client().head("/api/v1/clubs/loan-schedule?principal=1000&rate=5&term=12"
                             "&disbursed=2026-01-01")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.content == b""


def _templates(resolver: URLResolver, prefix: str = "") -> set[tuple[str, tuple[str, ...]]]:
    """Every URL pattern of the site as a `%(name)s` format and its parameters."""
    found = set()
    for _key, entries in resolver.reverse_dict.lists():
        for possibilities, _pattern, _defaults, _converters in entries:
            for fmt, params in possibilities:
                found.add((prefix + fmt, tuple(params)))
    for ns_prefix, sub in resolver.namespace_dict.values():
        found |= _templates(sub, prefix + ns_prefix)
    return found


def _candidates(fmt: str, param: str) -> list[str]:
    from microfuture.accounts.models import User
    from microfuture.clubs.models import Club, ClubEvent, Enterprise, Meeting, Member, Proposal
    from microfuture.finder.models import Mechanism
    from microfuture.practices.models import Practice

    area = fmt.removeprefix("api/v1/").split("/")[0]
    slugs = {"clubs": Club.objects.values_list("slug", flat=True),
             "practices": Practice.objects.values_list("slug", flat=True),
             "finder": Mechanism.objects.values_list("slug", flat=True)}
    ints: dict[str, Any] = {
        "pk": [*Proposal.objects.values_list("pk", flat=True)[:2],
               *Meeting.objects.values_list("pk", flat=True)[:2]],
        "seq": ClubEvent.objects.values_list("seq", flat=True)[:1],
        "member_id": Member.objects.filter(user__isnull=False).values_list("pk", flat=True)[:2],
        "ent_slug": Enterprise.objects.values_list("slug", flat=True)[:2],
        "object_id": [User.objects.values_list("pk", flat=True).first()],
        "event_type": ["contribution"], "number": ["1"], "code": ["SI041"],
        "app_label": ["accounts", "clubs", "finder", "practices"],
    }
    values = list(slugs.get(area, []))[:3] if param == "slug" else list(ints.get(param, []))
    return [str(v) for v in values] + ["1"]


def _urls() -> list[list[str]]:
    urls = []
    for fmt, params in sorted(_templates(get_resolver())):
        if fmt.startswith("admin/r/"):  # "view on site" leaves the site
            continue
        choices = [_candidates(fmt, p) for p in params]
        combos = list(itertools.islice(itertools.product(*choices), 6))
        urls.append(["/" + fmt % dict(zip(params, combo, strict=True)) for combo in combos])
    return urls


def test_head_answers_like_get_on_every_url_pattern(admin: Any) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    # A page that fails (500) must fail the same way on HEAD; other tests catch the failure.
    anonymous = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(admin)
    walked = 0
    for tries in _urls():
        for client in (signed_in, anonymous):
            # The first address of the pattern that leads somewhere (or the last one tried).
            for url in tries:
                get = client.get(url)
                if get.status_code != 404:
                    break
            head = client.head(url)
            assert head.status_code == get.status_code, (url, get.status_code, head.status_code)
            assert head.content == b"", url
            walked += 1
    assert walked > 300
