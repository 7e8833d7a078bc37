"""The guides in the admin: curators see them, propose a text, preview it as the page shows it
(worked examples computed), and another curator applies it; others are kept out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from microfuture.accounts.models import RoleGrant
from microfuture.conftest import make_user
from microfuture.guides import services
from microfuture.guides.examples import loan_figures
from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideRevision, GuideText

pytestmark = pytest.mark.django_db

BODY = "## What it costs\n\nYou pay {{ loan.payment 10000 5 60 }} a month.\n\n- [ ] a plan"


def staff_curator(name: str) -> Any:
    user = make_user(name, is_staff=True)
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.CURATOR)
    return user


@pytest.fixture
def alice() -> Any:
    return staff_curator("alice")


@pytest.fixture
def bob() -> Any:
    return staff_curator("bob")


@pytest.fixture
def guide() -> Guide:
    return Guide.objects.create(slug="admin-guide", checked_on=timezone.localdate(),
                                sources=[{"title": "A source", "url": "https://example.org/"}])


@pytest.fixture
def proposal(guide: Guide, alice: Any) -> GuideRevision:
    return services.propose_text(guide, "en", "What is a microloan?",
                                 "A small loan. You pay it back.", BODY, by=alice)


def payment_text() -> str:
    """The monthly payment as the English page writes it (the platform's own schedule)."""
    return f"{loan_figures(Decimal(10000), Decimal(5), 60).payment:,.2f}"


def pages(guide: Guide, revision: GuideRevision) -> list[str]:
    term = GlossaryTerm.objects.first()
    assert term is not None
    return [
        reverse("admin:guides_guide_changelist"),
        reverse("admin:guides_guide_change", args=[guide.pk]),
        reverse("admin:guides_guide_history_by_language", args=[guide.pk]),
        reverse("admin:guides_guiderevision_changelist"),
        reverse("admin:guides_guiderevision_add"),
        reverse("admin:guides_guiderevision_change", args=[revision.pk]),
        reverse("admin:guides_glossaryterm_changelist"),
        reverse("admin:guides_glossaryterm_change", args=[term.pk]),
    ]


def test_curators_open_every_page(client: Any, alice: Any, guide: Guide,
                                  proposal: GuideRevision) -> None:
    client.force_login(alice)
    for url in pages(guide, proposal):
        assert client.get(url).status_code == 200, url


def test_others_are_kept_out(client: Any, guide: Guide, proposal: GuideRevision) -> None:
    urls = pages(guide, proposal)
    for url in urls:  # anonymous: to the sign-in page
        assert client.get(url).status_code == 302, url
    client.force_login(make_user("clerk", is_staff=True))  # staff, not a curator
    for url in urls:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("admin:guides_guiderevision_apply", args=[proposal.pk]))
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


def test_the_revision_page_previews_the_computed_example(client: Any, bob: Any,
                                                         proposal: GuideRevision) -> None:
    client.force_login(bob)
    response = client.get(reverse("admin:guides_guiderevision_change", args=[proposal.pk]))
    html = response.text
    article = html.split('<article class="guide-preview"', 1)[1].split("</article>", 1)[0]
    assert "{{ loan.payment" not in article
    assert f"{payment_text()} EUR" in article
    assert '<ul class="checklist"><li>a plan</li></ul>' in article
    assert "+## What it costs" in html  # the diff against no live text: all added
    assert "Apply: the page shows this text" in html


def test_the_preview_before_proposing_shows_the_page_and_saves_nothing(
        client: Any, alice: Any, guide: Guide) -> None:
    client.force_login(alice)
    data = {"guide": guide.pk, "language": "en", "title": "Preview me",
            "summary": "A small loan. You pay it back.", "body": BODY, "note": ""}
    response = client.post(reverse("admin:guides_guiderevision_preview"), data)
    assert response.status_code == 200
    assert f"{payment_text()} EUR" in response.text
    assert "Preview me" in response.text
    assert not GuideRevision.objects.filter(guide=guide).exists()
    bad = client.post(reverse("admin:guides_guiderevision_preview"),
                      {**data, "body": "{{ loan.payment 1 }}", "language": "xx"})
    assert bad.status_code == 200
    assert "not a language code" in bad.text
    assert not GuideRevision.objects.filter(guide=guide).exists()


def test_propose_in_the_admin_then_another_curator_applies(client: Any, alice: Any, bob: Any,
                                                          guide: Guide) -> None:
    client.force_login(alice)
    response = client.post(reverse("admin:guides_guiderevision_add"), {
        "guide": guide.pk, "language": "uk", "title": "Що таке мікропозика?",
        "summary": "Це маленька позика. Її повертають щомісяця.", "body": BODY,
        "note": "a third language"})
    assert response.status_code == 302
    revision = GuideRevision.objects.get(guide=guide)
    assert (revision.state, revision.made_by, revision.language) == ("proposed", alice, "uk")
    # Alice cannot apply her own text: a clear message, nothing live.
    page = client.post(reverse("admin:guides_guiderevision_apply", args=[revision.pk]),
                       follow=True)
    assert "Four eyes" in page.text
    assert not GuideText.objects.filter(guide=guide).exists()
    client.force_login(bob)
    client.post(reverse("admin:guides_guiderevision_apply", args=[revision.pk]))
    revision.refresh_from_db()
    assert (revision.state, revision.decided_by) == ("applied", bob)
    assert set(guide.texts.values_list("language", flat=True)) == {"uk"}
    history = client.get(reverse("admin:guides_guide_history_by_language", args=[guide.pk]))
    assert "Language: uk" in history.text
    assert "a third language" in history.text


def test_a_revision_cannot_be_edited(client: Any, bob: Any, proposal: GuideRevision) -> None:
    client.force_login(bob)
    url = reverse("admin:guides_guiderevision_change", args=[proposal.pk])
    response = client.post(url, {"guide": proposal.guide_id, "language": "en", "title": "Edited",
                                 "summary": "x", "body": "y"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "What is a microloan?"


def test_decline_from_the_page(client: Any, bob: Any, proposal: GuideRevision) -> None:
    client.force_login(bob)
    client.post(reverse("admin:guides_guiderevision_decline", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("declined", bob)
    assert not GuideText.objects.filter(guide=proposal.guide).exists()


def test_publish_action_goes_through_the_four_eyes_rule(client: Any, alice: Any, bob: Any,
                                                        guide: Guide) -> None:
    for code in ("sl", "en"):
        revision = services.propose_text(guide, code, "T", "S. S.", BODY, by=alice)
        services.apply_revision(revision, by=bob)
    client.force_login(alice)
    url = reverse("admin:guides_guide_changelist")
    page = client.post(url, {"action": "publish_selected", "_selected_action": [guide.pk]},
                       follow=True)
    assert "Four eyes" in page.text
    guide.refresh_from_db()
    assert not guide.published
    client.force_login(bob)
    client.post(url, {"action": "publish_selected", "_selected_action": [guide.pk]})
    guide.refresh_from_db()
    assert (guide.published, guide.published_by) == (True, bob)
    client.post(url, {"action": "unpublish_selected", "_selected_action": [guide.pk]})
    guide.refresh_from_db()
    assert not guide.published


def test_the_facts_are_saved_with_a_revision(client: Any, alice: Any, bob: Any,
                                             guide: Guide) -> None:
    services.apply_revision(services.propose_text(guide, "en", "T", "S. S.", BODY, by=alice),
                            by=bob)
    client.force_login(alice)
    url = reverse("admin:guides_guide_change", args=[guide.pk])
    sources = '[{"title": "SEF", "url": "https://www.podjetniskisklad.si/"}]'
    form = {"checked_on": timezone.localdate().strftime("%d/%m/%Y"), "sources": sources,
            "texts-TOTAL_FORMS": "1", "texts-INITIAL_FORMS": "1", "texts-MIN_NUM_FORMS": "0",
            "texts-MAX_NUM_FORMS": "1000",
            "texts-0-id": str(guide.texts.get().pk), "texts-0-guide": str(guide.pk)}
    response = client.post(url, form)
    if response.status_code == 200:  # the day typed the other way round
        form["checked_on"] = timezone.localdate().isoformat()
        response = client.post(url, form)
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.sources == [{"title": "SEF", "url": "https://www.podjetniskisklad.si/"}]
    assert guide.revisions.filter(made_by=alice, state="applied").exists()
    bad = client.post(url, {**form, "sources": '[{"title": "x", "url": "http://x.example/"}]'})
    assert bad.status_code == 200
    assert "https://" in bad.text


def test_the_glossary_is_edited_with_a_new_language(client: Any, alice: Any) -> None:
    client.force_login(alice)
    response = client.post(reverse("admin:guides_glossaryterm_add"), {
        "slug": "admin-term", "sources": "[]",
        "texts-TOTAL_FORMS": "1", "texts-INITIAL_FORMS": "0", "texts-MIN_NUM_FORMS": "0",
        "texts-MAX_NUM_FORMS": "1000",
        "texts-0-language": "uk", "texts-0-name": "відсотки", "texts-0-abbr": "",
        "texts-0-forms_text": "відсотки, відсотків", "texts-0-definition": "Ціна позики.",
        "texts-0-example": ""})
    assert response.status_code == 302, response.text[:3000]
    text = GlossaryText.objects.get(term__slug="admin-term")
    assert (text.language, text.forms) == ("uk", ["відсотки", "відсотків"])
