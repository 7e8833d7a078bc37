"""The questions pages and endpoint run a constant number of queries, however many threads
and messages there are."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microfuture.network.models import Organisation, Thread, ThreadMessage
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db


def threads(n: int, asker: Any, start: int = 0) -> None:
    for i in range(start, start + n):
        practice = Practice.objects.create(slug=f"p{i}", title_en=f"Practice {i}", country="FR",
                                           status=Practice.Status.APPROVED)
        organisation = Organisation.objects.create(name=f"Org {i}",
                                                   kind=Organisation.Kind.SUPPORT_ORG)
        thread = Thread.objects.create(practice=practice, to_organisation=organisation,
                                       asked_by=asker, subject=f"Question {i}")
        ThreadMessage.objects.create(thread=thread, author=asker, text="Why?")
        ThreadMessage.objects.create(thread=thread, from_practitioners=True, text="Because.",
                                     consent_to_keep=True)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_constant_queries(coordinator: Any) -> None:
    threads(1, coordinator)
    client = Client()
    client.force_login(coordinator)
    first = Thread.objects.order_by("pk").first()
    assert first is not None
    urls = ["/network/questions/", "/api/v1/network/questions",
            f"/network/questions/{first.pk}/", f"/network/questions/answer/{first.reply_token}/"]
    few = [queries(client, url) for url in urls]
    threads(6, coordinator, start=1)
    for n in range(3):  # more messages in the first thread too
        ThreadMessage.objects.create(thread=first, from_practitioners=True, text=f"More {n}")
    assert [queries(client, url) for url in urls] == few
    assert max(few) <= 14
