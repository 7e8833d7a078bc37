"""Life of a record (spec §2): who may move it, revisions with author and time, restore."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.accounts.models import RoleGrant
from microfuture.conftest import make_user
from microfuture.practices import services
from microfuture.practices.models import Practice, Revision
from microfuture.practices.services import PracticeError, PracticeForbidden


@pytest.fixture
def expert(db: Any) -> Any:
    user = make_user("expert", full_name="Eva Ekspertka")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.EXPERT)
    return user


@pytest.fixture
def author(db: Any) -> Any:
    return make_user("author")


@pytest.fixture
def draft(author: Any) -> Practice:
    return services.practice_save(practice=None, actor=author, data={
        "title": {"sl": "Klubi", "en": "Clubs"}, "country": "FR", "summary": "First words.",
        "sources": ["https://example.org/clubs"]})


def test_full_life_and_who_may_do_each_step(draft: Practice, author: Any, outsider: Any,
                                            curator: Any, expert: Any) -> None:
    assert draft.slug == "clubs" and draft.status == "draft" and draft.author == author
    with pytest.raises(PracticeForbidden):
        services.practice_submit(practice=draft, actor=outsider)
    services.practice_submit(practice=draft, actor=author)
    for who in (author, outsider, expert):
        with pytest.raises(PracticeForbidden):
            services.practice_approve(practice=draft, actor=who)
    services.practice_approve(practice=draft, actor=curator)
    for who in (author, outsider, curator):
        with pytest.raises(PracticeForbidden):
            services.practice_validate(practice=draft, actor=who, opinion_en="Good.")
    with pytest.raises(PracticeError):
        services.practice_validate(practice=draft, actor=expert, opinion_en=" ")
    services.practice_validate(practice=draft, actor=expert, opinion_sl="Dobro.",
                               opinion_en="Good.")
    row = Practice.objects.get(pk=draft.pk)
    assert row.status == "validated" and row.expert_opinion_en == "Good."
    notes = list(Revision.objects.filter(practice=row).order_by("number")
                 .values_list("number", "note", "author__username"))
    assert notes == [(1, "created", "author"), (2, "submitted", "author"),
                     (3, "approved", "curator"), (4, "validated", "expert")]


def test_send_back_needs_an_editor_and_a_comment(draft: Practice, author: Any,
                                                 curator: Any) -> None:
    services.practice_submit(practice=draft, actor=author)
    with pytest.raises(PracticeForbidden):
        services.practice_send_back(practice=draft, actor=author, comment="Fix it.")
    with pytest.raises(PracticeError):
        services.practice_send_back(practice=draft, actor=curator, comment="  ")
    services.practice_send_back(practice=draft, actor=curator, comment="Add the sources.")
    row = Practice.objects.get(pk=draft.pk)
    assert row.status == "draft" and row.review_comment == "Add the sources."
    # Back in draft, the author may change it and submit again.
    services.practice_save(practice=row, actor=author, data={"sources": ["https://e.org/a"]})
    services.practice_submit(practice=row, actor=author)
    assert Practice.objects.get(pk=draft.pk).status == "submitted"


def test_steps_out_of_order_are_refused(draft: Practice, curator: Any, expert: Any) -> None:
    with pytest.raises(PracticeError):
        services.practice_approve(practice=draft, actor=curator)
    with pytest.raises(PracticeError):
        services.practice_validate(practice=draft, actor=expert, opinion_en="Fine.")
    with pytest.raises(PracticeError):
        services.practice_send_back(practice=draft, actor=curator, comment="Why?")
    assert Practice.objects.get(pk=draft.pk).status == "draft"


def test_only_author_while_draft_or_editor_may_edit(draft: Practice, author: Any,
                                                     outsider: Any, curator: Any) -> None:
    with pytest.raises(PracticeForbidden):
        services.practice_save(practice=draft, actor=outsider, data={"city": "Lyon"})
    services.practice_submit(practice=draft, actor=author)
    with pytest.raises(PracticeForbidden):
        services.practice_save(practice=draft, actor=author, data={"city": "Lyon"})
    services.practice_save(practice=draft, actor=curator, data={"city": "Lyon"})
    row = Practice.objects.get(pk=draft.pk)
    assert row.city == "Lyon" and row.status == "submitted"  # saving keeps the status


def test_anonymous_cannot_create(db: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PracticeForbidden):
        services.practice_save(practice=None, actor=AnonymousUser(),
                               data={"title": "X", "country": "FR"})
    assert not Practice.objects.exists()


def test_revisions_keep_snapshots_and_restore_writes_a_new_one(draft: Practice, author: Any,
                                                               outsider: Any) -> None:
    services.practice_save(practice=draft, actor=author, data={
        "summary_en": "Second words.", "summary_sl": "Druge besede.",
        "indicators": [{"name_sl": "klubi", "name_en": "clubs", "value": "1100",
                        "unit": "count", "year": 2023}]})
    first = Revision.objects.get(practice=draft, number=1)
    assert first.data["summary"] == {"sl": "First words.", "en": "First words."}
    assert Revision.objects.get(practice=draft, number=2).data["indicators"][0]["value"] == "1100"
    with pytest.raises(PracticeForbidden):
        services.practice_restore(practice=draft, revision=first, actor=outsider)
    services.practice_restore(practice=draft, revision=first, actor=author)
    row = Practice.objects.get(pk=draft.pk)
    assert row.summary_en == "First words." and not row.indicators.exists()
    latest = Revision.objects.filter(practice=row).order_by("-number").first()
    assert latest is not None
    assert (latest.number, latest.note, latest.author) == (3, "restored revision 1", author)
    assert latest.created_at is not None


def test_a_revision_of_another_practice_is_refused(draft: Practice, author: Any) -> None:
    other = services.practice_save(practice=None, actor=author,
                                   data={"title": "Other", "country": "SE"})
    with pytest.raises(PracticeError):
        services.practice_restore(practice=draft, revision=other.revisions.get(),
                                  actor=author)
