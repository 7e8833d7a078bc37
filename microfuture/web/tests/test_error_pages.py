"""Error pages: in both languages, never a stack trace."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Page not found"), ("sl", "Strani ni mogoče najti")]
)
def test_404_in_both_languages(language, title):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert title in html


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Something went wrong"), ("sl", "Nekaj je šlo narobe")]
)
def test_500_is_plain_and_translated(settings, language, title):
    settings.ROOT_URLCONF = "microfuture.web.tests.urls_boom"
    client = Client(HTTP_ACCEPT_LANGUAGE=language, raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert title in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html


def test_403_and_400_pages_render_translated():
    from django.test import RequestFactory
    from django.utils import translation

    from microfuture.web import views

    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("sl"):
        assert "Dostop zavrnjen" in views.permission_denied(request).content.decode()
        assert views.bad_request(request).status_code == 400
