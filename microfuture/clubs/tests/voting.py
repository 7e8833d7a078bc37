"""A test helper: a member casts their own vote (the acting user is the member's account)."""

from __future__ import annotations

from typing import Any

from microfuture.clubs.models import Member, Vote
from microfuture.clubs.services.governance import vote_cast


def vote_as_member(*, proposal: Any, member: Member, choice: str, **extra: Any) -> Vote:
    user = member.user
    assert user is not None
    return vote_cast(proposal=proposal, member=member, actor=user, choice=choice, **extra)
