"""People and clubs for the dashboard tests: "Zadruga Srce" in Osrednjeslovenska (SI041) and
"Klub Gorenjska" in Gorenjska (SI042), each with a manager and a member who have accounts and
contributions in February and March 2026; a coordinator of each region (the root conftest's
`coordinator` has SI041), a ministry reader, and the root conftest's outsider and admin.
Snapshots of every club at the end of January, February and March by `portfolio_snapshot`
(what `snapshot_portfolio` runs, spec §2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.accounts.models import RoleGrant
from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, Member
from microfuture.clubs.services import club_found, club_record_events, club_set_status, member_add
from microfuture.conftest import make_user
from microfuture.impact.services_snapshots import portfolio_snapshot

FOUNDED = date(2026, 1, 5)
SNAPSHOT_DATES = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def _club(name: str, region: str, manager: Any, member: Any, amounts: list[str]) -> Club:
    club = club_found(founder=manager, founder_name=manager.full_name.split()[0], name=name,
                      region=region, start_date=FOUNDED, monthly_pledge=Decimal("20.00"),
                      decision_rule=Club.DecisionRule.MAJORITY, quorum_percent=50)
    member_name = member.full_name.split()[0]
    member_add(club=club, name=member_name, on=FOUNDED, role=Member.Role.MEMBER, user=member,
               actor=manager)
    club_set_status(club=club, status=Club.Status.ACTIVE, actor=manager, on=FOUNDED)
    events = []
    for month, amount in zip((2, 3), amounts, strict=True):
        for who in (manager.full_name.split()[0], member_name):
            events.append(Event(date=date(2026, month, 1), type="contribution", member=who,
                                amount=Decimal(amount)))
    club_record_events(club=club, events=events, recorded_by=manager)
    club.refresh_from_db()
    return club


def snapshot_all() -> None:
    for on in SNAPSHOT_DATES:
        portfolio_snapshot(on=on)


@pytest.fixture
def srce_member(db: Any) -> Any:
    return make_user("miha", full_name="Miha Član")


@pytest.fixture
def gorenjska_member(db: Any) -> Any:
    return make_user("gaja", full_name="Gaja Gorenjka")


@pytest.fixture
def srce(db: Any, srce_member: Any) -> Club:
    """Zadruga Srce: 2 × 20,00 in February and 2 × 35,50 in March (savings 111,00)."""
    club = _club("Zadruga Srce", "SI041", make_user("maja", full_name="Maja Upraviteljica"),
                 srce_member, ["20.00", "35.50"])
    snapshot_all()
    return club


@pytest.fixture
def gorenjska(db: Any, gorenjska_member: Any) -> Club:
    """Klub Gorenjska: 2 × 10,00 in February and 2 × 12,25 in March (savings 44,50)."""
    club = _club("Klub Gorenjska", "SI042", make_user("gregor", full_name="Gregor Gorenc"),
                 gorenjska_member, ["10.00", "12.25"])
    snapshot_all()
    return club


@pytest.fixture
def gorenjska_coordinator(db: Any) -> Any:
    user = make_user("gcoord", full_name="Gorazd Koordinator")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI042")
    return user


@pytest.fixture
def ministry(db: Any) -> Any:
    user = make_user("ministry", full_name="Nina Ministrska")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.MINISTRY)
    return user
