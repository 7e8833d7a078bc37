"""Settings from the environment: loud failures on bad values; a clean deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7#k2p!q9z" * 6,
    "DJANGO_ALLOWED_HOSTS": "hub.example.si",
}


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be 0 or 1"),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY must be set"),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "short"}, "at least 50 characters"),
        ({**PRODUCTION, "DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL must be a sqlite"),
        ({**PRODUCTION, "DJANGO_EMAIL_PORT": "twenty-five"}, "DJANGO_EMAIL_PORT must be a whole"),
    ],
)
def test_bad_values_stop_the_process_with_a_message(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_security_headers_on_every_page(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
