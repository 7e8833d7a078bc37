"""Network personas (with `admin`, `coordinator`, `curator`, `outsider` from
microfuture/conftest.py): an organisation of each main kind, a person who agreed to be
listed and contacted, one who did not, and a stakeholder meeting with a decision."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

LJ = ZoneInfo("Europe/Ljubljana")


@pytest.fixture
def agency(db: Any) -> Any:
    from microfuture.network.models import Organisation

    return Organisation.objects.create(
        name="Razvojni center Srca Slovenije", kind=Organisation.Kind.SUPPORT_ORG,
        country="SI", region="SI035", website="https://www.razvoj.si/",
    )


@pytest.fixture
def ministry(db: Any) -> Any:
    from microfuture.network.models import Organisation

    return Organisation.objects.create(
        name="Ministrstvo za gospodarstvo, turizem in šport", kind=Organisation.Kind.POLICYMAKER,
        country="SI", region="SI041",
    )


@pytest.fixture
def listed_person(agency: Any) -> Any:
    from microfuture.network.models import Person

    return Person.objects.create(
        name="Petra Listed", organisation=agency, role="Project manager",
        email="petra@example.org", phone="+386 1 000 00 00", languages=["sl", "en"],
        consent_on=date(2026, 3, 1), consent_listed=True, consent_contacted=True,
        consent_text="Listed in the directory and contacted by e-mail.",
    )


@pytest.fixture
def unlisted_person(ministry: Any) -> Any:
    from microfuture.network.models import Person

    return Person.objects.create(
        name="Urban Unlisted", organisation=ministry, role="Adviser",
        email="urban@example.org", phone="+386 1 111 11 11",
    )


@pytest.fixture
def meeting(agency: Any, ministry: Any) -> Any:
    """The 3rd stakeholder meeting (Ljubljana, 24 July 2024) with one decision."""
    from microfuture.network.models import Decision, Meeting, Participant

    meeting = Meeting.objects.create(
        kind=Meeting.Kind.STAKEHOLDER_MEETING,
        title_sl="3. srečanje deležnikov MICROFUTURE",
        title_en="3rd MICROFUTURE stakeholder meeting",
        starts_at=datetime(2024, 7, 24, 10, 0, tzinfo=LJ),
        ends_at=datetime(2024, 7, 24, 13, 0, tzinfo=LJ),
        place="Ministrstvo za gospodarstvo, turizem in šport, Ljubljana",
        organiser=agency, agenda="1. Highlights from Paris\n2. Next steps",
    )
    Participant.objects.create(meeting=meeting, organisation=agency, attended=True)
    Participant.objects.create(meeting=meeting, organisation=ministry, attended=True)
    Decision.objects.create(meeting=meeting, position=1,
                            text="Prenesti prakso Clubs CIGALES v Slovenijo.")
    return meeting
