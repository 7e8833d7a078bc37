"""Club personas: one club, "Zadruga Srce", in Osrednjeslovenska, with a manager, a
treasurer, a secretary and two members who have accounts, one enterprise represented by
an entrepreneur, and an outsider who belongs to no club (from microfuture/conftest.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.conftest import make_user


@pytest.fixture
def manager(db: Any) -> Any:
    return make_user("manager", full_name="Maja Upraviteljica")


@pytest.fixture
def treasurer(db: Any) -> Any:
    return make_user("treasurer", full_name="Tine Blagajnik")


@pytest.fixture
def secretary(db: Any) -> Any:
    return make_user("secretary", full_name="Sara Tajnica")


@pytest.fixture
def member(db: Any) -> Any:
    return make_user("member", full_name="Miha Član")


@pytest.fixture
def member2(db: Any) -> Any:
    return make_user("member2", full_name="Nina Članica")


@pytest.fixture
def entrepreneur(db: Any) -> Any:
    return make_user("entrepreneur", full_name="Eva Podjetnica")


@pytest.fixture
def club(manager: Any, treasurer: Any, secretary: Any, member: Any, member2: Any) -> Any:
    """An active units club founded 2026-01-05 with five members and nothing saved yet."""
    from microfuture.clubs.models import Club, Member
    from microfuture.clubs.services import club_found, club_set_status, member_add

    club = club_found(
        founder=manager, founder_name="Maja", name="Zadruga Srce", region="SI041",
        start_date=date(2026, 1, 5), monthly_pledge=Decimal("20.00"),
        decision_rule=Club.DecisionRule.MAJORITY, quorum_percent=50,
    )
    for user, name, role in [
        (treasurer, "Tine", Member.Role.TREASURER),
        (secretary, "Sara", Member.Role.SECRETARY),
        (member, "Miha", Member.Role.MEMBER),
        (member2, "Nina", Member.Role.MEMBER),
    ]:
        member_add(club=club, name=name, on=date(2026, 1, 5), role=role, user=user,
                   actor=manager)
    club_set_status(club=club, status=Club.Status.ACTIVE, actor=manager, on=date(2026, 1, 5))
    club.refresh_from_db()
    return club


@pytest.fixture
def enterprise(entrepreneur: Any) -> Any:
    from microfuture.clubs.models import Enterprise

    ent = Enterprise.objects.create(
        name="Pekarna Zlato Zrno", slug="pekarna-zlato-zrno", legal_form="zavod",
        social_enterprise=True, region="SI041", share_capital_cents=1_000_000,
        description="A social-enterprise bakery employing people coming back to work.",
    )
    ent.representatives.add(entrepreneur)
    return ent
