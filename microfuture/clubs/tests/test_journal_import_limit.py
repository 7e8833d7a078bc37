"""One limit for imports (settings.IMPORT_MAX_BYTES, 5 MB): stated, answered 413, nothing stored.

The API used to refuse a 3 MB journal with a 400 (Django's 2.5 MB body limit) while the page
took 5 MB; now both take up to the limit and answer a larger file with 413 and a plain reason
(the page in the reader's language, the API as JSON `{"detail": …}`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db

HEADER = "date,type,member,enterprise,instrument,amount,rate,term,reference,note\n"
ROW = "2026-02-01,contribution,Miha,,,100,,,limit-1,\n"


def journal_of(size: int) -> str:
    """A valid journal of exactly `size` bytes: one row, then blank lines (ignored)."""
    head = HEADER + ROW
    return head + "\n" * (size - len(head.encode()))


def post_api(client: Any, club: Club, text: str) -> Any:
    return client.post(f"/api/v1/clubs/{club.slug}/journal", json.dumps({"csv": text}),
                       content_type="application/json")


def events(club: Club) -> int:
    return ClubEvent.objects.filter(club=club).count()


def test_the_limit_is_five_megabytes() -> None:
    assert settings.IMPORT_MAX_BYTES == 5 * 1024 * 1024


def test_the_api_takes_a_three_megabyte_journal(client: Any, club: Club, treasurer: Any) -> None:
    client.force_login(treasurer)
    before = events(club)
    # 3 MB of file, about 6 MB of JSON body: over Django's default 2.5 MB.
    response = post_api(client, club, journal_of(3 * 1024 * 1024))
    assert response.status_code == 200, response.content[:300]
    assert response.json() == {"imported": 1, "skipped": 0}
    assert events(club) == before + 1


def test_the_api_answers_413_for_a_file_over_the_limit(client: Any, club: Club,
                                                       treasurer: Any) -> None:
    client.force_login(treasurer)
    before = events(club)
    response = post_api(client, club, journal_of(settings.IMPORT_MAX_BYTES + 1))
    assert response.status_code == 413
    assert response.json() == {"detail": "The file is larger than 5 MB, the most an import "
                                         "accepts: nothing was imported."}
    assert events(club) == before
    # Exactly at the limit it is taken.
    response = post_api(client, club, journal_of(settings.IMPORT_MAX_BYTES))
    assert response.status_code == 200
    assert events(club) == before + 1


def test_the_api_answers_413_for_a_body_over_twice_the_limit(client: Any, club: Club,
                                                             treasurer: Any) -> None:
    client.force_login(treasurer)
    before = events(club)
    body = json.dumps({"csv": HEADER + ROW + "x" * (2 * settings.IMPORT_MAX_BYTES + 65536)})
    response = client.post(f"/api/v1/clubs/{club.slug}/journal", body,
                           content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The file is larger than 5 MB")
    assert events(club) == before


def test_the_page_states_the_limit_and_answers_413_in_the_readers_language(
        club: Club, treasurer: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    client.force_login(treasurer)
    url = reverse("clubs:journal", args=[club.slug])
    page = client.get(url).content.decode()
    assert "Sprejmemo datoteko do 5 MB." in page
    before = events(club)
    data = journal_of(settings.IMPORT_MAX_BYTES + 1).encode()
    response = client.post(url, {"file": SimpleUploadedFile("journal.csv", data,
                                                            content_type="text/csv")})
    assert response.status_code == 413
    assert "Datoteka je večja od 5 MB" in response.content.decode()
    assert events(club) == before

    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.force_login(treasurer)
    response = english.post(url, {"file": SimpleUploadedFile("journal.csv", data,
                                                             content_type="text/csv")})
    assert response.status_code == 413
    assert ("The file is larger than 5 MB, the most an import accepts: nothing was imported."
            in response.content.decode())
    # At the limit it is taken.
    response = english.post(url, {"file": SimpleUploadedFile(
        "journal.csv", journal_of(settings.IMPORT_MAX_BYTES).encode(), content_type="text/csv")})
    assert response.status_code == 302
    assert events(club) == before + 1


@pytest.mark.parametrize("size, shown", [(10 * 1024 * 1024, "10"), (512 * 1024, "0.5"),
                                         (5 * 1024 * 1024, "5")])
def test_the_limit_is_stated_as_set(size: int, shown: str, club: Club, treasurer: Any,
                                    client: Any) -> None:
    client.force_login(treasurer)
    with override_settings(IMPORT_MAX_BYTES=size):
        page = client.get(reverse("clubs:journal", args=[club.slug]),
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f"A file of at most {shown} MB is accepted." in page
        response = post_api(client, club, journal_of(size + 1))
        assert response.status_code == 413
        assert response.json()["detail"].startswith(f"The file is larger than {shown} MB")
