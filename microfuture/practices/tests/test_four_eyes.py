"""Four eyes in the library: a record is approved and validated by someone other than the
person who created it or wrote its submitted text; a record without sources is never
approved; the acting user is required; a workflow step checks the state under the row lock."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation

from microfuture.accounts.models import RoleGrant
from microfuture.conftest import make_user
from microfuture.practices import services
from microfuture.practices.models import Practice
from microfuture.practices.services import PracticeError, PracticeForbidden

pytestmark = pytest.mark.django_db

SOURCES = ["https://example.org/clubs"]


@pytest.fixture(autouse=True)
def _in_english() -> Any:
    # The services' refusals are in the active language; an earlier page may have left it sl.
    with translation.override("en"):
        yield


@pytest.fixture
def second_curator(db: Any) -> Any:
    user = make_user("curator2", full_name="Vida Urednica")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.CURATOR)
    return user


@pytest.fixture
def expert(db: Any) -> Any:
    user = make_user("expert", full_name="Eva Ekspertka")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.EXPERT)
    return user


def new_practice(actor: Any, **data: Any) -> Practice:
    return services.practice_save(practice=None, actor=actor, data={
        "title": {"sl": "Klubi", "en": "Clubs"}, "country": "FR", "sources": SOURCES,
        **data})


def status(practice: Practice) -> str:
    return Practice.objects.get(pk=practice.pk).status


def test_a_curator_cannot_approve_their_own_practice(curator: Any,
                                                      second_curator: Any) -> None:
    own = new_practice(curator)
    services.practice_submit(practice=own, actor=curator)
    with pytest.raises(PracticeForbidden, match="Another editor must approve"):
        services.practice_approve(practice=own, actor=curator)
    assert status(own) == "submitted"
    services.practice_approve(practice=own, actor=second_curator)
    assert status(own) == "approved"


def test_the_writer_of_the_submitted_text_cannot_approve_it(outsider: Any, curator: Any,
                                                             second_curator: Any) -> None:
    draft = new_practice(outsider)
    services.practice_save(practice=draft, actor=curator, data={"city": "Lyon"})
    services.practice_submit(practice=draft, actor=outsider)
    with pytest.raises(PracticeForbidden):
        services.practice_approve(practice=draft, actor=curator)
    assert status(draft) == "submitted"
    services.practice_approve(practice=draft, actor=second_curator)
    assert status(draft) == "approved"


def test_a_practice_without_sources_cannot_be_approved(outsider: Any, curator: Any) -> None:
    draft = new_practice(outsider, sources=[])
    services.practice_submit(practice=draft, actor=outsider)
    with pytest.raises(PracticeError, match="without sources"):
        services.practice_approve(practice=draft, actor=curator)
    assert status(draft) == "submitted"


def test_an_expert_cannot_validate_what_they_wrote(expert: Any, curator: Any,
                                                   second_curator: Any) -> None:
    theirs = new_practice(expert)
    services.practice_submit(practice=theirs, actor=expert)
    services.practice_approve(practice=theirs, actor=curator)
    with pytest.raises(PracticeForbidden, match="Another expert"):
        services.practice_validate(practice=theirs, actor=expert, opinion_en="Mine is good.")
    assert status(theirs) == "approved"
    other = make_user("expert2")
    RoleGrant.objects.create(user=other, role=RoleGrant.Role.EXPERT)
    services.practice_validate(practice=theirs, actor=other, opinion_en="Sound.")
    assert status(theirs) == "validated"


@pytest.mark.parametrize("nobody", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_nobody_moves_a_record(nobody: Any, outsider: Any, curator: Any) -> None:
    draft = new_practice(outsider)
    steps: list[Any] = [lambda: services.practice_submit(practice=draft, actor=nobody),
                        lambda: services.practice_save(practice=draft, actor=nobody,
                                                       data={"city": "Lyon"})]
    for step in steps:
        with pytest.raises(PracticeForbidden):
            step()
    services.practice_submit(practice=draft, actor=outsider)
    for step in (lambda: services.practice_approve(practice=draft, actor=nobody),
                 lambda: services.practice_send_back(practice=draft, actor=nobody,
                                                     comment="No."),
                 lambda: services.practice_validate(practice=draft, actor=nobody,
                                                    opinion_en="Fine.")):
        with pytest.raises(PracticeForbidden):
            step()
    assert status(draft) == "submitted"
    assert Practice.objects.get(pk=draft.pk).city == ""


def test_an_approval_from_a_stale_page_cannot_publish_a_record_sent_back(
        outsider: Any, curator: Any, second_curator: Any) -> None:
    # Two editors open the same submitted record; one sends it back, then the other's
    # approval arrives with the record as they loaded it. The check runs on the locked,
    # fresh row, so the approval is refused and the draft stays a draft.
    draft = new_practice(outsider)
    services.practice_submit(practice=draft, actor=outsider)
    seen_by_first = Practice.objects.get(pk=draft.pk)
    seen_by_second = Practice.objects.get(pk=draft.pk)
    services.practice_send_back(practice=seen_by_second, actor=second_curator,
                                comment="Name the clubs.")
    assert seen_by_first.status == "submitted"
    with pytest.raises(PracticeError):
        services.practice_approve(practice=seen_by_first, actor=curator)
    row = Practice.objects.get(pk=draft.pk)
    assert row.status == "draft" and row.review_comment == "Name the clubs."


def test_the_page_tells_the_author_curator_why_they_cannot_approve(
        curator: Any, second_curator: Any) -> None:
    own = new_practice(curator, slug="own-record")
    services.practice_submit(practice=own, actor=curator)
    client = Client()
    client.force_login(curator)
    html = client.get("/practices/own-record/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Another editor must approve this practice" in html
    assert 'action="/practices/own-record/approve/"' not in html
    assert client.post("/practices/own-record/approve/").status_code == 403
    assert status(own) == "submitted"
    client.force_login(second_curator)
    html = client.get("/practices/own-record/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'action="/practices/own-record/approve/"' in html
    client.post("/practices/own-record/approve/")
    assert status(own) == "approved"
