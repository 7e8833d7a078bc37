"""Four eyes on the guides' words: a curator proposes, another applies or declines; publishing
rules; a third language added by curators; the facts; the glossary; a curator's own copy and
erasure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from microfuture.accounts.models import RoleGrant
from microfuture.conftest import make_user
from microfuture.guides import services
from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideRevision, GuideText
from microfuture.guides.services import GuideError

pytestmark = pytest.mark.django_db

BODY = "## What it costs\n\nYou pay {{ loan.payment 10000 5 60 }} a month."


def curator_named(name: str) -> Any:
    user = make_user(name)
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.CURATOR)
    return user


@pytest.fixture
def second_curator(db: Any) -> Any:
    return curator_named("second-curator")


@pytest.fixture
def guide() -> Guide:
    return Guide.objects.create(slug="test-guide", checked_on=timezone.localdate(),
                                sources=[{"title": "A source", "url": "https://example.org/"}])


def propose(guide: Guide, by: Any, language: str = "en", title: str = "A title") -> GuideRevision:
    return services.propose_text(guide, language, title, "Two short sentences. Here.", BODY,
                                 by=by, note="first words")


def test_a_proposal_is_not_live_until_another_curator_applies_it(
        guide: Guide, curator: Any, second_curator: Any) -> None:
    revision = propose(guide, curator)
    assert revision.state == "proposed"
    assert (revision.made_by, revision.checked_on, revision.sources) == (
        curator, guide.checked_on, guide.sources)
    assert not GuideText.objects.filter(guide=guide).exists()
    text = services.apply_revision(revision, by=second_curator)
    assert (text.language, text.title, text.body) == ("en", "A title", BODY)
    revision.refresh_from_db()
    assert (revision.state, revision.decided_by) == ("applied", second_curator)
    assert revision.decided_at is not None


def test_self_approval_is_refused(guide: Guide, curator: Any) -> None:
    revision = propose(guide, curator)
    with pytest.raises(GuideError, match="Four eyes"):
        services.apply_revision(revision, by=curator)
    revision.refresh_from_db()
    assert revision.state == "proposed"
    assert not GuideText.objects.filter(guide=guide).exists()


def test_a_declined_proposal_changes_nothing_and_cannot_be_applied_after(
        guide: Guide, curator: Any, second_curator: Any) -> None:
    services.apply_revision(propose(guide, curator, title="Live"), by=second_curator)
    revision = propose(guide, curator, title="Declined")
    services.decline_revision(revision, by=second_curator)
    assert GuideText.objects.get(guide=guide, language="en").title == "Live"
    revision.refresh_from_db()
    assert (revision.state, revision.decided_by) == ("declined", second_curator)
    with pytest.raises(GuideError, match="already decided"):
        services.apply_revision(revision, by=second_curator)
    assert GuideText.objects.get(guide=guide, language="en").title == "Live"


def test_applying_replaces_the_live_text(guide: Guide, curator: Any, second_curator: Any) -> None:
    services.apply_revision(propose(guide, curator, title="First"), by=second_curator)
    services.apply_revision(propose(guide, second_curator, title="Second"), by=curator)
    assert list(GuideText.objects.filter(guide=guide).values_list("title", flat=True)) == [
        "Second"]


def test_only_curators_propose_and_decide(guide: Guide, curator: Any, outsider: Any,
                                          admin: Any) -> None:
    with pytest.raises(GuideError, match="Only a curator"):
        propose(guide, outsider)
    revision = propose(guide, curator)
    with pytest.raises(GuideError, match="Only a curator"):
        services.apply_revision(revision, by=outsider)
    with pytest.raises(GuideError, match="Only a curator"):
        services.decline_revision(revision, by=outsider)
    services.apply_revision(revision, by=admin)  # administrators are curators
    assert GuideText.objects.filter(guide=guide, language="en").exists()


@pytest.mark.parametrize("code", ["xx", "", "english", "zz-top"])
def test_a_language_django_does_not_know_is_refused(guide: Guide, curator: Any,
                                                    code: str) -> None:
    with pytest.raises(GuideError, match="not a language code"):
        propose(guide, curator, language=code)
    assert not GuideRevision.objects.filter(guide=guide).exists()


def test_a_text_with_a_wrong_worked_example_or_link_is_refused(guide: Guide,
                                                               curator: Any) -> None:
    with pytest.raises(GuideError, match=r"loan\.payment"):
        services.propose_text(guide, "en", "T", "S.", "Pay {{ loan.payment 10000 }}.",
                              by=curator)
    with pytest.raises(GuideError, match="https://"):
        services.propose_text(guide, "en", "T", "S.", "See [this](ftp://x.example/).",
                              by=curator)
    with pytest.raises(GuideError, match="title is missing"):
        services.propose_text(guide, "en", " ", "S.", "Body.", by=curator)
    assert not GuideRevision.objects.filter(guide=guide).exists()


def test_curators_add_a_third_language_without_code(guide: Guide, curator: Any,
                                                    second_curator: Any) -> None:
    revision = services.propose_text(guide, "uk", "Що таке мікропозика?",
                                     "Це маленька позика. Її повертають щомісяця.", BODY,
                                     by=curator)
    services.apply_revision(revision, by=second_curator)
    assert set(guide.texts.values_list("language", flat=True)) == {"uk"}
    assert GuideText.objects.get(guide=guide, language="uk").title == "Що таке мікропозика?"


def test_publishing_needs_slovenian_and_english(guide: Guide, curator: Any,
                                                second_curator: Any, admin: Any) -> None:
    services.apply_revision(propose(guide, curator, language="en"), by=second_curator)
    with pytest.raises(GuideError, match="missing: sl"):
        services.publish_guide(guide, by=admin)
    services.apply_revision(propose(guide, curator, language="sl"), by=second_curator)
    services.publish_guide(guide, by=admin)
    guide.refresh_from_db()
    assert (guide.published, guide.published_by) == (True, admin)
    assert guide.published_at is not None


def test_the_author_of_a_live_text_does_not_publish_the_guide(
        guide: Guide, curator: Any, second_curator: Any) -> None:
    services.apply_revision(propose(guide, curator, language="en"), by=second_curator)
    services.apply_revision(propose(guide, second_curator, language="sl"), by=curator)
    for author in (curator, second_curator):
        with pytest.raises(GuideError, match="Four eyes"):
            services.publish_guide(guide, by=author)
    guide.refresh_from_db()
    assert not guide.published
    third = curator_named("third-curator")
    services.publish_guide(guide, by=third)
    guide.refresh_from_db()
    assert guide.published


def test_unpublishing_keeps_texts_and_history(guide: Guide, curator: Any,
                                              second_curator: Any, admin: Any) -> None:
    for code in ("sl", "en"):
        services.apply_revision(propose(guide, curator, language=code), by=second_curator)
    services.publish_guide(guide, by=admin)
    services.unpublish_guide(guide, by=second_curator)
    guide.refresh_from_db()
    assert not guide.published
    assert guide.texts.count() == 2
    assert guide.revisions.count() == 2


def test_updating_the_facts_records_a_revision_per_language(
        guide: Guide, curator: Any, second_curator: Any) -> None:
    services.apply_revision(propose(guide, curator), by=second_curator)
    day = timezone.localdate() - timedelta(days=3)
    services.update_facts(guide, day, [{"title": "SEF", "url": "https://www.podjetniskisklad.si/"}],
                          by=curator)
    guide.refresh_from_db()
    assert (guide.checked_on, guide.sources) == (
        day, [{"title": "SEF", "url": "https://www.podjetniskisklad.si/"}])
    newest = guide.revisions.order_by("-pk").first()
    assert newest is not None
    assert (newest.state, newest.made_by, newest.checked_on, newest.body) == (
        "applied", curator, day, BODY)
    assert "facts checked on" in newest.note
    with pytest.raises(GuideError, match="https://"):
        services.update_facts(guide, day, [{"title": "old", "url": "http://x.example/"}],
                              by=curator)
    with pytest.raises(GuideError, match="future"):
        services.update_facts(guide, timezone.localdate() + timedelta(days=1),
                              guide.sources, by=curator)
    with pytest.raises(GuideError, match="at least one source"):
        services.update_facts(guide, day, [], by=curator)


def test_curators_edit_the_glossary_in_any_language(curator: Any, outsider: Any) -> None:
    term = services.glossary_term_save("test-term", by=curator)
    text = services.glossary_text_save(term, "uk", name="відсотки", definition="Ціна позики.",
                                       forms=["відсотки", "відсотків"], by=curator)
    assert (text.language, text.forms) == ("uk", ["відсотки", "відсотків"])
    services.glossary_text_save(term, "uk", name="відсотки", definition="Плата за позику.",
                                by=curator)
    assert GlossaryText.objects.get(term=term, language="uk").definition == "Плата за позику."
    with pytest.raises(GuideError, match="Only a curator"):
        services.glossary_text_save(term, "en", name="x", definition="y", by=outsider)
    with pytest.raises(GuideError, match="not a language code"):
        services.glossary_text_save(term, "qq", name="x", definition="y", by=curator)
    assert GlossaryTerm.objects.filter(slug="test-term").count() == 1


def test_a_curators_revisions_are_in_their_copy_and_no_name_stays_after_erasure(
        guide: Guide, curator: Any, second_curator: Any) -> None:
    from microfuture.accounts.services import account_erase
    from microfuture.web.personal import person_data

    revision = propose(guide, curator)
    services.apply_revision(revision, by=second_curator)
    mine = person_data(curator)["guide_revisions"]
    assert [(r["guide"], r["language"], r["proposed"], r["decided"]) for r in mine] == [
        ("test-guide", "en", True, False)]
    theirs = person_data(second_curator)["guide_revisions"]
    assert [(r["proposed"], r["decided"]) for r in theirs] == [(False, True)]
    account_erase(user=curator)
    revision.refresh_from_db()
    # The four-eyes record stays whole (two different accounts); the account has no name left.
    assert revision.made_by is not None
    assert revision.made_by.username == f"closed-{curator.pk}"
    assert not revision.made_by.email.startswith(curator.username)
