"""Records an action item may lead to, for the action plan's tests (imported by them):
a published practice, a draft one, an interview, a club, a finance mechanism, a later
meeting and a joint initiative."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from microfuture.network.tests.conftest import LJ


@pytest.fixture
def cigales(db: Any) -> Any:
    from microfuture.practices.models import Practice

    return Practice.objects.create(
        slug="clubs-cigales", title_en="Clubs CIGALES", title_sl="Klubi CIGALES",
        summary_en="Citizens' savings clubs investing in local enterprises.", country="FR",
        status=Practice.Status.APPROVED,
    )


@pytest.fixture
def draft_practice(db: Any) -> Any:
    from microfuture.practices.models import Practice

    return Practice.objects.create(slug="draft-idea", title_en="A draft idea", country="SI")


@pytest.fixture
def interview(cigales: Any) -> Any:
    from microfuture.practices.models import Interview, QuestionSet

    question_set = QuestionSet.objects.create(practice=cigales, title="CIGALES interview guide")
    return Interview.objects.create(
        question_set=question_set, interviewee_role="manager of a club in Lyon",
        organisation="CIGALES Rhône", held_on=date(2024, 9, 12), consent_given=True,
        consent_text="Kept with the practice.")


@pytest.fixture
def pilot_club(db: Any) -> Any:
    from microfuture.clubs.models import Club
    from microfuture.clubs.services import club_found
    from microfuture.conftest import make_user

    return club_found(
        founder=make_user("founder", full_name="Franc Ustanovitelj"), founder_name="Franc",
        name="Klub Litija", region="SI035", start_date=date(2025, 3, 1),
        monthly_pledge=Decimal("20.00"), decision_rule=Club.DecisionRule.MAJORITY,
        quorum_percent=50,
    )


@pytest.fixture
def mechanism(db: Any) -> Any:
    from microfuture.finder.models import Mechanism, Provider

    provider = Provider.objects.create(slug="srrs", name_en="Slovene Regional Development Fund",
                                       kind="public_fund")
    return Mechanism.objects.create(slug="srrs-microloans", provider=provider,
                                    name_en="Microloans for social enterprises",
                                    name_sl="Mikroposojila za socialna podjetja",
                                    kind="microloan")


@pytest.fixture
def study_visit(agency: Any) -> Any:
    from microfuture.network.models import Meeting

    return Meeting.objects.create(
        kind=Meeting.Kind.STUDY_VISIT, title_en="Study visit to CIGALES in Lyon",
        title_sl="Študijski obisk pri CIGALES v Lyonu",
        starts_at=datetime(2024, 10, 3, 9, 0, tzinfo=LJ),
        ends_at=datetime(2024, 10, 3, 17, 0, tzinfo=LJ), place="Lyon", organiser=agency)


@pytest.fixture
def pilot_initiative(agency: Any, ministry: Any) -> Any:
    from microfuture.network.models import Initiative

    initiative = Initiative.objects.create(title_en="The first pilot clubs",
                                           title_sl="Prvi pilotni klubi",
                                           status=Initiative.Status.ACTIVE)
    initiative.partners.set([agency, ministry])
    return initiative


@pytest.fixture
def decision(meeting: Any) -> Any:
    return meeting.decisions.get()
