"""`seed_demo` loads living demo clubs, keeps their books sound, and is idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from microfuture.accounts.models import User
from microfuture.clubs.models import Club, ClubEvent, Proposal
from microfuture.clubs.selectors import club_problems
from microfuture.finder.models import Mechanism

pytestmark = pytest.mark.django_db


def test_seed_demo_twice_changes_nothing_the_second_time():
    call_command("seed_demo", stdout=io.StringIO())
    def counts() -> tuple[int, ...]:
        return (User.objects.count(), Club.objects.count(), ClubEvent.objects.count(),
                Mechanism.objects.count())

    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
    assert Mechanism.objects.count() >= 10
    assert Club.objects.count() == 3
    for club in Club.objects.all():
        assert club_problems(club) == []
    assert Club.objects.get(name="Gorenjska CIGALA").status == "management"
    assert Proposal.objects.filter(status="voting").count() == 1
