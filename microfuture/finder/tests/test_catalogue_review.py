"""The curators' review list (/finder/review/) and the daily `check_catalogue` command, with a
local HTTP server standing in for the sources (no outside network)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from microfuture.finder.models import Mechanism, SourceCheck
from microfuture.finder.tests.catalogue_true import iso, load, today

pytestmark = pytest.mark.django_db


class _Sources(BaseHTTPRequestHandler):
    """/ok answers 200; /head-refused refuses HEAD (405) but serves GET; /moved redirects to
    /ok; /gone is 404; every request is counted by path and method."""

    requests: list[tuple[str, str, str]] = []

    def _answer(self) -> None:
        type(self).requests.append((self.command, self.path, self.headers["User-Agent"]))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ok")
        elif self.path == "/ok" or (self.path == "/head-refused" and self.command == "GET"):
            self.send_response(200)
        elif self.path == "/head-refused":
            self.send_response(405)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Sources.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Sources)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("check_catalogue", *args, stdout=out)
    return out.getvalue()


def test_the_command_keeps_one_answer_per_address_and_a_second_run_changes_nothing(
        server: str) -> None:
    load({"p7-2025": [f"{server}/ok"], "p7-2026": [f"{server}/moved", f"{server}/ok"],
          "p7-2027": [f"{server}/head-refused"], "spot": [f"{server}/gone"],
          "old-grant": ["http://127.0.0.1:9/nothing-listens-here"]})
    first = run()
    assert (f"Checked 5 source address(es) on {today().isoformat()}: 3 answer, 2 do not; "
            "0 already checked that day, left as they were.") in first
    assert f"not answering: {server}/gone: the server answered 404" in first
    checks = {c.url.removeprefix(server): c for c in SourceCheck.objects.all()}
    assert checks["/ok"].ok and checks["/moved"].ok and checks["/head-refused"].ok
    assert (checks["/gone"].ok, checks["/gone"].status) == (False, 404)
    refused = checks["http://127.0.0.1:9/nothing-listens-here"]
    assert not refused.ok and refused.status is None and refused.error.startswith(
        "could not connect")
    assert ("HEAD", "/head-refused") in [r[:2] for r in _Sources.requests]
    assert ("GET", "/head-refused") in [r[:2] for r in _Sources.requests]
    assert all(r[2].startswith("MicrofutureHub-catalogue-check/") for r in _Sources.requests)
    assert "- sources that no longer answer: 2" in first
    assert f"    spot ({server}/gone (HTTP 404))" in first

    rows = list(SourceCheck.objects.order_by("url").values())
    asked = len(_Sources.requests)
    second = run()
    assert ("Checked 0 source address(es)" in second
            and "5 already checked that day, left as they were." in second)
    assert len(_Sources.requests) == asked  # no address asked again
    assert list(SourceCheck.objects.order_by("url").values()) == rows

    # The next day each address is asked again; the row is updated, not added.
    third = run("--date", iso(1))
    assert "Checked 5 source address(es)" in third
    assert SourceCheck.objects.count() == 5
    assert SourceCheck.objects.get(url=f"{server}/ok").checked_on.isoformat() == iso(1)


def test_no_network_only_prints_the_review_list(server: str) -> None:
    load({"spot": [f"{server}/ok"]})
    out = run("--no-network", "--date", iso(0))
    assert "Sources not checked (--no-network)." in out
    assert not SourceCheck.objects.exists() and _Sources.requests == []
    assert "- not checked in the last 12 months: 1\n    old-grant\n" in out
    assert "- calls past their closing date, still shown: 1\n    p7-2025\n" in out
    assert "- calls closing within 30 days: 1\n    p7-2026\n" in out
    assert "- without sources or a check date: 1\n    bare\n" in out
    with pytest.raises(Exception, match="--date must be a date"):
        run("--date", "1. 12. 2026")


def test_the_review_list_names_each_entry_with_a_link_to_the_admin(
        client: Client, curator: Any) -> None:
    load()
    SourceCheck.objects.create(url="https://example.org/spot", checked_on=today(), ok=False,
                               status=404, error="the server answered 404")
    SourceCheck.objects.create(url="https://example.org/old", checked_on=today(), ok=True,
                               status=200)
    client.force_login(curator)
    response = client.get("/finder/review/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()

    def section(name: str) -> str:
        return html.split(f'id="review-{name}"')[1].split("</section>")[0]

    def link(slug: str) -> str:
        return f'href="/admin/finder/mechanism/{Mechanism.objects.get(slug=slug).pk}/change/"'

    assert link("old-grant") in section("stale") and "(1)" in section("stale")
    assert link("p7-2025") in section("past_window") and "(1)" in section("past_window")
    assert link("p7-2026") in section("closing_soon") and "(1)" in section("closing_soon")
    assert link("spot") in section("broken_sources")
    assert "https://example.org/spot (HTTP 404)" in section("broken_sources")
    assert link("bare") in section("unchecked") and "never" in section("unchecked")
    assert "4 items" not in html and "5 items in all." in html


def test_an_inactive_entry_is_not_on_the_review_list(client: Client, curator: Any) -> None:
    load()
    Mechanism.objects.filter(slug__in=["p7-2025", "bare"]).update(active=False)
    client.force_login(curator)
    html = client.get("/finder/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "p7-2025" not in html and "(bare)" not in html


def test_only_curators_see_the_review_list(client: Client, outsider: Any, admin: Any) -> None:
    load()
    anonymous = client.get("/finder/review/")
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get("/finder/review/").status_code == 403
    client.force_login(admin)
    assert client.get("/finder/review/").status_code == 200


def test_the_catalogue_list_leads_curators_to_the_review_list(client: Client,
                                                              curator: Any) -> None:
    load()
    assert 'href="/finder/review/"' not in client.get("/finder/mechanisms/").content.decode()
    client.force_login(curator)
    assert 'href="/finder/review/"' in client.get("/finder/mechanisms/").content.decode()


def test_the_review_list_runs_as_many_queries_for_a_larger_catalogue(
        client: Client, curator: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    load()
    client.force_login(curator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/finder/review/").status_code == 200
        return len(captured)

    before = queries()
    base = Mechanism.objects.get(slug="old-grant")
    for n in range(10):
        base.pk, base.slug, base.sources = None, f"old-{n}", f"https://example.org/old-{n}"
        base.save()
        SourceCheck.objects.create(url=f"https://example.org/old-{n}", checked_on=today(),
                                   ok=False, status=500)
    assert queries() == before
