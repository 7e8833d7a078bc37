"""`manage.py apply_retention`: what it deletes, what it folds, and that twice is once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from microfuture.accounts.models import PendingSignUp, SessionRecord
from microfuture.finder.models import CriterionFailed, MechanismShown
from microfuture.finder.selectors import usage_criteria_failed, usage_mechanisms_shown

pytestmark = pytest.mark.django_db


def run() -> dict[str, int]:
    out = StringIO()
    call_command("apply_retention", stdout=out)
    return {line.rsplit(": ", 1)[0]: int(line.rsplit(": ", 1)[1])
            for line in out.getvalue().splitlines()}


def attempt(username: str, age: timedelta) -> None:
    row = AccessAttempt.objects.create(
        username=username, ip_address="192.0.2.1", user_agent="x", get_data="", post_data="",
        http_accept="", path_info="/", failures_since_start=1)
    # attempt_time is set on creation (auto_now_add): age it afterwards.
    AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)


def test_sign_in_records_sessions_and_sign_ups(outsider, settings):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    attempt("old", timedelta(minutes=16))
    attempt("recent", timedelta(minutes=5))
    live, dead = SessionStore(), SessionStore()
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    for key in (live.session_key, dead.session_key):
        SessionRecord.objects.create(user=outsider, session_key=str(key), browser="Firefox",
                                     signed_in_at=timezone.now())
    for email, age in (("old@example.org", 4), ("new@example.org", 1)):
        pending = PendingSignUp.objects.create(email=email, full_name="X", password="x",
                                               privacy_notice_version="1")
        PendingSignUp.objects.filter(pk=pending.pk).update(
            created_at=timezone.now() - timedelta(days=age))

    deleted = run()
    assert deleted["failed sign-ins"] == 1
    assert deleted["expired sessions"] == 1 and deleted["session records"] == 1
    assert deleted["unconfirmed sign-ups"] == 1
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent"]
    assert list(SessionRecord.objects.values_list("session_key", flat=True)) == [
        live.session_key]
    assert list(PendingSignUp.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert set(run().values()) == {0}


def test_finder_counts_fold_into_months_and_go_after_five_years():
    today = timezone.localdate()
    two_years_ago = today.replace(day=1) - timedelta(days=700)
    month = two_years_ago.replace(day=1)
    old_days = [month + timedelta(days=n) for n in (0, 3, 9)]
    for n, day in enumerate(old_days):
        MechanismShown.objects.create(day=day, mechanism="sid-loan", group="eligible", count=n + 1)
        MechanismShown.objects.create(day=day, mechanism="sid-loan", group="near_miss", count=10)
        CriterionFailed.objects.create(day=day, criterion="region", count=2)
    MechanismShown.objects.create(day=today - timedelta(days=3), mechanism="sid-loan",
                                  group="eligible", count=7)
    ancient = today.replace(day=1) - timedelta(days=5 * 366 + 40)
    MechanismShown.objects.create(day=ancient, mechanism="sid-loan", group="eligible", count=99)
    CriterionFailed.objects.create(day=ancient, criterion="region", count=99)
    span = {"since": ancient + timedelta(days=1), "until": today}
    before = (usage_mechanisms_shown(**span), usage_criteria_failed(**span))

    deleted = run()
    assert deleted["finder counts older than 5 years"] == 2
    assert deleted["finder daily counts folded into months"] == 9
    assert (usage_mechanisms_shown(**span), usage_criteria_failed(**span)) == before
    assert sorted(MechanismShown.objects.filter(day__lt=today - timedelta(days=30))
                  .values_list("day", "group", "count")) == [
        (month, "eligible", 6), (month, "near_miss", 30)]
    assert list(CriterionFailed.objects.values_list("day", "count")) == [(month, 6)]
    assert MechanismShown.objects.filter(day=today - timedelta(days=3), count=7).exists()
    assert set(run().values()) == {0}
