"""Serving with debug off: error pages without static files, the loopback demo, `make serve`."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.fixture
def no_collected_static(settings, tmp_path):
    """Debug off and `collectstatic` never run: every {% static %} raises ValueError."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = MANIFEST_STORAGE
    settings.SECURE_SSL_REDIRECT = False


@pytest.mark.django_db
def test_a_failing_page_still_answers_the_500_page_without_static_files(no_collected_static):
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "<link" not in html  # no style sheet to be had, and none asked for


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("en", "Page not found"),
                                                 ("sl", "Strani ni mogoče najti")])
def test_404_stays_404_without_static_files(no_collected_static, language, title):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert title in response.content.decode()


@pytest.mark.django_db
def test_403_and_400_stay_themselves_without_static_files(no_collected_static):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.utils import translation

    from microfuture.web import views

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override("en"):
        denied = views.permission_denied(request)
    assert denied.status_code == 403
    assert "Access denied" in denied.content.decode()
    assert views.bad_request(request).status_code == 400


def _settings_value(name: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**clean, "DJANGO_SETTINGS_MODULE": "microfuture.settings", "DJANGO_DEBUG": "0",
             "DJANGO_SECRET_KEY": "x7#k2p!q9z" * 6, **env},
    )


def test_loopback_demo_drops_https_only_for_loopback_hosts():
    demo = _settings_value("SESSION_COOKIE_SECURE", DJANGO_INSECURE_LOCAL_HTTP="1",
                           DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost")
    assert demo.stdout.strip() == "False", demo.stderr
    public = _settings_value("SESSION_COOKIE_SECURE", DJANGO_INSECURE_LOCAL_HTTP="1",
                             DJANGO_ALLOWED_HOSTS="127.0.0.1,hub.example.si")
    assert public.returncode != 0
    assert "hub.example.si" in public.stderr
    proxied = _settings_value("SESSION_COOKIE_SECURE", DJANGO_INSECURE_LOCAL_HTTP="1",
                              DJANGO_BEHIND_PROXY="1", DJANGO_ALLOWED_HOSTS="127.0.0.1")
    assert proxied.returncode != 0
    assert "behind a proxy" in proxied.stderr
    production = _settings_value("SESSION_COOKIE_SECURE", DJANGO_ALLOWED_HOSTS="127.0.0.1")
    assert production.stdout.strip() == "True"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="serves its own SQLite file; once is enough")
def test_serve_script_serves_the_demo_with_debug_off(tmp_path):
    """scripts/serve.sh (`make serve`) from scratch: key made, static collected, demo seeded."""
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env = {**clean, "SERVE_PORT": str(port), "SERVE_WORKERS": "1", "SERVE_VAR": str(tmp_path),
           "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PY": sys.executable}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(["scripts/serve.sh"], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 400
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                status, headers, body = _get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(1)
        assert status == 200
        assert headers["Server"].startswith("gunicorn")
        assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
        css = re.search(rb'href="(/static/web/site\.[0-9a-f]{12}\.css)"', body)
        assert css, body[:500]
        status, headers, _ = _get(base + css.group(1).decode())
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
        assert _get(base + "/no-such-page/")[0] == 404
        status, headers, _ = _get(base + "/accounts/sign-in/")
        assert status == 200  # plain HTTP on loopback, no redirect to HTTPS
        assert "csrftoken=" in headers.get("Set-Cookie", "")
        assert "Secure" not in headers.get("Set-Cookie", "")
        assert "Created the demo club" in (tmp_path / "serve.log").read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
