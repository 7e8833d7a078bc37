"""Shared data of the page tests: a small library made through the ORM (no seed file).

Not a test itself: the page, map and browser tests import the fixtures from here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from microfuture.conftest import make_user
from microfuture.practices.models import (
    FactorAnswer,
    Indicator,
    Interview,
    InterviewAnswer,
    Practice,
    PracticeFactor,
    Question,
    QuestionSet,
    RegionProfile,
    SuccessFactor,
)


def as_user(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def make_practice(slug: str, *, status: str = "approved", author: Any = None,
                  **fields: Any) -> Practice:
    values: dict[str, Any] = {
        "title_en": slug.replace("-", " ").title(), "summary_en": f"Summary of {slug}.",
        "country": "FR", "status": status, "author": author,
    }
    values.update(fields)
    return Practice.objects.create(slug=slug, **values)


@pytest.fixture
def expert(db: Any) -> Any:
    from microfuture.accounts.models import RoleGrant

    user = make_user("expert", full_name="Eva Ekspertka")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.EXPERT)
    return user


@pytest.fixture
def author(db: Any) -> Any:
    return make_user("author", full_name="Ana Avtorica")


@pytest.fixture
def library(db: Any, author: Any) -> dict[str, Any]:
    """Factors, three public practices, a draft, and two region profiles."""
    legal = SuccessFactor.objects.create(
        key="coownership-form", category="legal",
        name_en="A legal form for co-ownership of savers",
        name_sl="Pravna oblika za skupno lastnino varčevalcev")
    tax = SuccessFactor.objects.create(
        key="equity-tax-relief", category="fiscal",
        name_en="Personal tax relief on equity", name_sl="Davčna olajšava za vložke")
    network = SuccessFactor.objects.create(
        key="regional-association", category="institutional",
        name_en="A regional association that trains clubs",
        name_sl="Regionalno združenje, ki usposablja klube")
    pitch = SuccessFactor.objects.create(
        key="pitch-events", category="social", name_en="Local pitch events",
        name_sl="Lokalni dogodki za predstavitve")
    cigales = make_practice(
        "cigales-clubs", status="validated",
        title_en="CIGALES investment clubs", title_sl="Klubi CIGALES",
        summary_en="Citizens save together in clubs and invest in local enterprises.",
        summary_sl="Državljani skupaj varčujejo v klubih in vlagajo v lokalna podjetja.",
        description_en="Clubs of five to twenty savers for five years.",
        original_language="fr", original_text="Clubs d'investisseurs pour une gestion "
        "alternative et locale de l'épargne solidaire.",
        country="FR", region="FRK", city="Lyon", latitude=Decimal("45.76"),
        longitude=Decimal("4.84"), main_institution="Fédération des CIGALES",
        started_on=date(1983, 1, 1), mechanism_kinds=["savings_club", "equity"],
        target_groups=["social_economy"], evidence_en="Many clubs were created.",
        sources=["https://www.cigales.asso.fr/"], contacts=["Fédération des CIGALES"],
        expert_opinion_en="Transferable where a co-ownership form exists.",
    )
    Indicator.objects.create(practice=cigales, name_en="clubs created", value="1100",
                             unit="count", year=2023)
    for factor, weight in ((legal, 3), (tax, 2), (network, 2), (pitch, 1)):
        PracticeFactor.objects.create(practice=cigales, factor=factor, weight=weight)
    microloans = make_practice(
        "adie-microloans", title_en="Adie microloans", title_sl="Mikrokrediti Adie",
        summary_en="Microloans for local people without access to bank credit.",
        country="FR", city="Paris", latitude=Decimal("48.86"), longitude=Decimal("2.35"),
        mechanism_kinds=["microloan", "advice"], target_groups=["unemployed"],
    )
    PracticeFactor.objects.create(practice=microloans, factor=tax, weight=1)
    guarantee = make_practice(
        "romania-guarantee", title_en="Guarantee fund for small firms",
        summary_en="A public guarantee that lets banks lend to small firms.", country="RO",
        ended_on=date(2020, 12, 31), mechanism_kinds=["guarantee"], target_groups=["youth"],
    )
    draft = make_practice(
        "secret-draft", status="draft", author=author, title_en="Almost ready practice",
        summary_en="Still a draft about clubs.", country="SE",
        sources=["https://example.org/almost-ready"],
        latitude=Decimal("59.33"), longitude=Decimal("18.07"),
    )
    slovenia = RegionProfile.objects.create(code="SI", name="Slovenia")
    FactorAnswer.objects.create(region=slovenia, factor=legal, answer="absent",
                                note="No such legal form in Slovenian law.")
    FactorAnswer.objects.create(region=slovenia, factor=tax, answer="partial",
                                note="Only for some investors.")
    FactorAnswer.objects.create(region=slovenia, factor=pitch, answer="present", note="")
    empty = RegionProfile.objects.create(code="SI041", name="Osrednjeslovenska")
    question_set = QuestionSet.objects.create(practice=cigales, title="Practitioner interview")
    question = Question.objects.create(question_set=question_set, position=0,
                                       text_en="What made it work?", text_sl="Kaj je delovalo?")
    interview = Interview.objects.create(
        question_set=question_set, interviewee_role="manager of a club in Lyon",
        organisation="CIGALES Rhône", held_on=date(2025, 5, 1), consent_given=True,
        consent_text="Shown on the practice's page.")
    answer = InterviewAnswer.objects.create(interview=interview, question=question,
                                            text="The regional association trained us.")
    answer.factors.set([network])
    return {
        "cigales": cigales, "microloans": microloans, "guarantee": guarantee, "draft": draft,
        "legal": legal, "tax": tax, "network": network, "pitch": pitch,
        "slovenia": slovenia, "empty_region": empty, "question_set": question_set,
        "question": question,
    }
