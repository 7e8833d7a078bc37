"""Shared test fixtures: the named personas and the headless browser.

Personas are the people every test talks about (healthchecks' BaseTestCase is the model):
`admin`, `curator`, `coordinator` (of Osrednjeslovenska), `outsider` (signed in, no role).
Club personas (treasurer, member, entrepreneur) are added by the clubs tests' fixtures.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; tests that are about hashing restore it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _books_flush_allowed() -> Any:
    """pytest-django empties the database after each transactional test with Django's flush,
    which on SQLite DELETEs every row; the books' append-only triggers let that one DELETE
    through (ledger/protection.py). PostgreSQL flushes with TRUNCATE, which they ignore."""
    from django.db.backends.base.operations import BaseDatabaseOperations as DatabaseOperations

    from microfuture.ledger.protection import flush_allowed

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: Any) -> None:
        with flush_allowed():
            original(self, sql_list)

    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _no_language_left_active() -> Any:
    """A page asked in Slovenian leaves Slovenian active in the thread (LocaleMiddleware);
    each test starts and ends with none, so a test's language never depends on the one run
    before it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    from django.core.cache import cache

    from microfuture.clubs import kept

    cache.clear()
    kept.forget()
    yield
    cache.clear()
    kept.forget()


def make_user(username: str, **extra: Any) -> Any:
    from microfuture.accounts.models import User

    return User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        full_name=extra.pop("full_name", username.capitalize()),
        **extra,
    )


@pytest.fixture
def admin(db: Any) -> Any:
    return make_user("admin", is_staff=True, is_superuser=True, full_name="Ana Admin")


@pytest.fixture
def curator(db: Any) -> Any:
    from microfuture.accounts.models import RoleGrant

    user = make_user("curator", full_name="Cene Kurator")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.CURATOR)
    return user


@pytest.fixture
def coordinator(db: Any) -> Any:
    from microfuture.accounts.models import RoleGrant

    user = make_user("coordinator", full_name="Katja Koordinatorka")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI041")
    return user


def make_ministry_reader() -> Any:
    """A person with the ministry role (read-only, every region, aggregates only)."""
    from microfuture.accounts.models import RoleGrant, User

    found = User.objects.filter(username="ministry").first()
    if found is not None:
        return found
    user = make_user("ministry", full_name="Mojca Ministrska")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.MINISTRY)
    return user


@pytest.fixture
def ministry(db: Any) -> Any:
    return make_ministry_reader()


@pytest.fixture
def ministry_reader(db: Any) -> Any:
    """The same person, for tests where `ministry` names something else (the network's
    ministry organisation in network/tests/conftest.py)."""
    return make_ministry_reader()


@pytest.fixture
def outsider(db: Any) -> Any:
    return make_user("outsider", full_name="Oto Zunanji")


# Browser: Debian's Chromium driven by Playwright; never `playwright install`.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
