"""The public events page, the feed and the API run a constant number of queries, however
many events and registrations there are."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from microfuture.network.models import Registration
from microfuture.network.tests.events_helpers import make_event

pytestmark = pytest.mark.django_db


def events(n: int) -> None:
    for i in range(n):
        event = make_event(days=5 + i, capacity=10)
        for j in range(3):
            Registration.objects.create(meeting=event, name=f"R {j}", email=f"r{j}@example.org",
                                        consent_at=timezone.now(), consent_text="yes")


@pytest.mark.parametrize("url", [reverse("events:list"), reverse("events:feed"),
                                 "/api/v1/network/events"])
def test_constant_queries(client: Any, django_assert_num_queries: Any, url: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    events(1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    events(6)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
