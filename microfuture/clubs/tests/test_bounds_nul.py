"""The NUL character (\\x00) is refused at the edge, never a 500 (on PostgreSQL it was: no text
column takes it). Each probe of the attack run: the journal upload page, the API journal, the
API events, a club's name by the API and by the page, a page's address, and the command line.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from microfuture.bounds import NUL_MESSAGE
from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/clubs/zadruga-srce"
JOURNAL_WITH_NUL = (
    "date,type,member,amount,reference\n"
    "2026-02-01,contribution,Miha,10,n-1\n"
    "2026-02-01,contribution,Mi\x00ha,10,n-2\n"
)


def _events(club: Club) -> int:
    return ClubEvent.objects.filter(club=club).count()


def _signed_in(user: object) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_journal_upload_page_names_the_line(club, treasurer):
    before = _events(club)
    page = _signed_in(treasurer).post(
        reverse("clubs:journal", args=[club.slug]),
        {"file": SimpleUploadedFile("j.csv", JOURNAL_WITH_NUL.encode(), "text/csv")},
    )
    assert page.status_code == 200
    assert "Line 3: this line holds the NUL character (\\x00), which is not text" in (
        page.content.decode())
    assert _events(club) == before


def test_the_api_journal_names_the_line(club, treasurer):
    before = _events(club)
    response = _signed_in(treasurer).post(
        f"{BASE}/journal", json.dumps({"csv": JOURNAL_WITH_NUL}), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [{"field": "csv", "message": NUL_MESSAGE}]
    assert _events(club) == before


def test_an_api_event_is_refused_with_its_field(club, treasurer):
    before = _events(club)
    body = {"date": "2026-02-01", "type": "contribution", "member": "Mi\x00ha", "amount": "5"}
    response = _signed_in(treasurer).post(
        f"{BASE}/events", json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json() == {
        "detail": f"The request was not accepted: member {NUL_MESSAGE}.",
        "errors": [{"field": "member", "message": NUL_MESSAGE}],
    }
    assert _events(club) == before


def test_a_club_name_by_the_api_is_refused(manager):
    body = {"name": "Zadruga\x00", "region": "SI041", "start_date": "2026-01-05",
            "founder_name": "Maja"}
    response = _signed_in(manager).post(
        "/api/v1/clubs/", json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [{"field": "name", "message": NUL_MESSAGE}]
    assert not Club.objects.exists()


FOUNDING = {"name": "Zadruga\x00", "region": "SI041", "start_date": "2026-01-05",
            "currency": "EUR", "share_policy": "units", "decision_rule": "majority"}


def test_a_club_name_by_the_page_is_refused(manager):
    client = _signed_in(manager)
    # A form sent as a browser sends a plain form: refused before any view, with the reason.
    page = client.post(reverse("clubs:new"), urlencode(FOUNDING),
                       content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert "The request holds the NUL character (\\x00)" in page.content.decode()
    # Sent as multipart (with a file, say), the form's own text fields refuse it.
    page = client.post(reverse("clubs:new"), FOUNDING)
    assert page.status_code == 200
    assert "Null characters are not allowed." in page.content.decode()
    assert not Club.objects.exists()


@pytest.mark.parametrize("address", [
    "/clubs/zadruga%00srce/", "/practices/?q=a%00b", "/api/v1/clubs/zadruga%00srce",
    "/api/v1/clubs/loan-schedule?principal=100&rate=1&term=3&disbursed=2026-01-01%00"])
def test_an_address_with_nul_is_refused(club, treasurer, address):
    response = _signed_in(treasurer).get(address)
    assert response.status_code in {400, 422}, response.content
    if address.startswith("/api/"):
        assert response.json()["errors"][0]["message"] == NUL_MESSAGE
    else:
        assert "NUL character" in response.content.decode()


def test_the_command_line_names_the_line(tmp_path: Path):
    path = tmp_path / "nul.csv"
    path.write_text("date,type,member,amount\n2024-01-05,join,A\x00na,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_club_journal", str(path), "--club", "Nul", stderr=err,
                     stdout=io.StringIO())
    assert "line 2: this line holds the NUL character (\\x00), which is not text" in (
        err.getvalue())
    assert not Club.objects.filter(name="Nul").exists()
    assert ClubEvent.objects.count() == 0
