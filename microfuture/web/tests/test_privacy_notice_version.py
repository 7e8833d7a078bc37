"""The privacy notice's version follows its text: a change of web/templates/web/privacy.html
without a new `PRIVACY_NOTICE_VERSION` fails here, and the version in force is what a new
sign-up agrees to and what the notice and the account page show."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from microfuture.accounts.models import Consent
from microfuture.accounts.privacy import PRIVACY_NOTICE_VERSION

NOTICE = Path(__file__).resolve().parents[1] / "templates" / "web" / "privacy.html"

#: Each version of the notice and the SHA-256 of its template. After changing the notice in
#: substance, add the new version in accounts/privacy.py and its fingerprint here; after a
#: change that is not one (a typo, markup), replace the fingerprint of the current version.
FINGERPRINTS = {
    "2026-12-01 19:20": "8216bcaeead64023c27e9509de28baff27dc7ab6393b57d68d6d0318d3bbc2bb",
    "2026-12-01 21:10": "3e641a06a8eff3ad817ee2acfbfac87b110727085cfec5d02a8ec79d2d462b31",
}

#: Versions people may already have agreed to (kept in `Consent.version`).
EARLIER = ["2026-12-01", "2026-12-01 17:19", "2026-12-01 19:20"]


def test_the_version_changes_with_the_notice() -> None:
    fingerprint = hashlib.sha256(NOTICE.read_bytes()).hexdigest()
    assert FINGERPRINTS.get(PRIVACY_NOTICE_VERSION) == fingerprint, (
        "web/privacy.html changed: if in substance, give accounts.privacy."
        "PRIVACY_NOTICE_VERSION a new value and add its fingerprint here "
        f"({fingerprint}); otherwise replace the current version's fingerprint.")


def test_versions_sort_in_the_order_they_were_written() -> None:
    assert sorted([*EARLIER, PRIVACY_NOTICE_VERSION]) == [*EARLIER, PRIVACY_NOTICE_VERSION]
    assert len(PRIVACY_NOTICE_VERSION) <= (Consent._meta.get_field("version").max_length or 0)


@pytest.mark.django_db
def test_the_notice_and_the_account_page_show_each_version(outsider: Any) -> None:
    assert f"Version of {PRIVACY_NOTICE_VERSION}." in Client().get("/privacy/").content.decode()
    Consent.objects.create(user=outsider, document="privacy_notice", version=EARLIER[0],
                           given_at="2026-12-01T10:00:00Z")
    Consent.objects.create(user=outsider, document="privacy_notice",
                           version=PRIVACY_NOTICE_VERSION, given_at="2026-12-01T18:00:00Z")
    client = Client()
    client.force_login(outsider)
    page = client.get("/accounts/me/").content.decode()
    # An earlier consent keeps its version; the new one is listed beside it.
    assert f"version of {EARLIER[0]}," in page
    assert f"version of {PRIVACY_NOTICE_VERSION}," in page
