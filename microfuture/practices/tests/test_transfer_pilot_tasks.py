"""Preconditions and the things a pilot builds (issue 11 §6): only preconditions make the
score, the blockers and the open questions; a thing a pilot builds never blocks a transfer and
goes on the pilot's to-do list, shown apart on the page. Figures computed by hand."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices import services
from microfuture.practices.models import SuccessFactor
from microfuture.practices.tests.test_pages_support import as_user
from microfuture.practices.transfer import (
    BUILT_BY_PILOT,
    Answer,
    FactorUse,
    assess,
    assessment_json,
)

LEGAL = FactorUse("legal-form", "Legal form", "legal", 3)
TAX = FactorUse("tax-relief", "Tax relief", "fiscal", 2)
ASSOC = FactorUse("association", "Association", "institutional", 3, kind=BUILT_BY_PILOT)
PITCH = FactorUse("pitch", "Pitch events", "social", 1, kind=BUILT_BY_PILOT)
MENTORS = FactorUse("mentors", "Mentors", "social", 2, kind=BUILT_BY_PILOT)


def test_what_a_pilot_builds_never_blocks_and_is_left_out_of_the_score() -> None:
    # Preconditions: legal 3 × partial 0.5 + tax 2 × present 1 = 3.5 of 5 → 70 %.
    # The essential association is absent, but a pilot builds it: no blocker.
    a = assess([LEGAL, TAX, ASSOC, PITCH, MENTORS], {
        "legal-form": Answer("partial"), "tax-relief": Answer("present"),
        "association": Answer("absent", "None yet."), "pitch": Answer("present"),
        "mentors": Answer("unknown")})
    assert a.score == 70
    assert a.blockers == () and a.open_questions == ()
    # The to-do list: what is not there yet, essential first; present pitch events are not.
    assert [(t.key, t.answer) for t in a.pilot_tasks] == [("association", "absent"),
                                                           ("mentors", "unknown")]
    body = assessment_json("cigales", "SI", a, "en")
    assert [t["key"] for t in body["pilot_tasks"]] == ["association", "mentors"]
    assert body["pilot_tasks"][0]["kind"] == "built_by_pilot"
    assert {f["key"] for f in body["factors"]} == {"legal-form", "tax-relief", "association",
                                                   "pitch", "mentors"}


def test_a_practice_of_pilot_tasks_only_has_no_score() -> None:
    a = assess([ASSOC, PITCH], {"association": Answer("absent"), "pitch": Answer("partial")})
    assert a.score is None and a.blockers == ()
    assert [t.key for t in a.pilot_tasks] == ["association", "pitch"]


def test_a_kind_outside_the_vocabulary_is_refused() -> None:
    with pytest.raises(ValueError):
        FactorUse("x", "X", "legal", 1, kind="wish")


@pytest.mark.django_db
def test_the_vocabulary_file_says_which_factors_a_pilot_builds() -> None:
    services.seed_library()
    built = set(SuccessFactor.objects.filter(kind=SuccessFactor.Kind.BUILT_BY_PILOT)
                .values_list("key", flat=True))
    assert built == {"club-association", "local-pitch-events", "volunteer-mentors"}
    assert SuccessFactor.objects.get(key="citizen-coownership-form").kind == "precondition"
    # A practices file never changes a factor's kind; the vocabulary file does.
    again = services.factors_import(text=services.SEED_FACTORS.read_bytes())
    assert again.updated == 0 and again.created == 0
    bad = services.factors_import(
        text='{"factors": [{"key": "x", "name": "X", "category": "legal", "kind": "wish"}]}')
    assert bad.errors and "factors[0].kind" in str(bad.errors[0])


@pytest.mark.django_db
@pytest.mark.parametrize("code, region", [("SI", "Slovenia"), ("SI035", "Zasavska")])
def test_cigales_page_shows_preconditions_and_the_pilots_to_do_list_apart(
        code: str, region: str) -> None:
    services.seed_library()
    html = as_user().get("/practices/cigales-clubs/transferability/",
                         {"region": code}).content.decode()
    main = html.split('<main id="main"', 1)[1]
    assert f"Transferability (region: {region})" in main and "42 %" in main
    assert "Blockers</h2>" not in main  # the co-ownership form is partial, not absent
    pre = main.split('id="preconditions"', 1)[1].split("</section>", 1)[0]
    todo = main.split('id="pilot"', 1)[1].split("</section>", 1)[0]
    assert "Preconditions</h2>" in pre and "The pilot's to-do list</h2>" in todo
    for name in ("A legal form for a fixed-term co-ownership of savers",
                 "Personal tax relief on equity in small firms",
                 "An active social-economy and cooperative movement"):
        assert name in pre and name not in todo
    for name in ("A regional association that trains and approves clubs",
                 "Volunteers willing to mentor entrepreneurs",
                 "Local pitch events for enterprises"):
        assert name in todo and name not in pre
    items = todo.split("<ol>", 1)[1].split("</ol>", 1)[0]
    assert items.index("A regional association") < items.index("Local pitch events")
    if code == "SI035":
        assert "Litija has been in Zasavska since 1 January 2015" in todo
        assert "National answer (Slovenia)" in pre  # the law is national


@pytest.mark.django_db
def test_the_api_gives_the_pilots_to_do_list(db: Any) -> None:
    services.seed_library()
    body = as_user().get("/api/v1/practices/cigales-clubs/transferability",
                         {"region": "SI035"}).json()
    assert body["region"] == "SI035" and body["score"] == 42 and body["blockers"] == []
    assert [t["key"] for t in body["pilot_tasks"]] == [
        "club-association", "volunteer-mentors", "local-pitch-events"]
    association = body["pilot_tasks"][0]
    assert association["inherited_from"] is None and "Litija" in association["note"]


@pytest.mark.django_db
def test_an_editor_sets_the_kind_in_the_admin(curator: Any) -> None:
    services.seed_library()
    curator.is_staff = True
    curator.save()
    factor = SuccessFactor.objects.get(key="volunteer-mentors")
    url = f"/admin/practices/successfactor/{factor.pk}/change/"
    client = as_user(curator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name_sl": factor.name_sl, "name_en": factor.name_en,
                                 "category": factor.category, "kind": "built_by_pilot"})
    assert response.status_code == 302
    factor.refresh_from_db()
    assert factor.kind == "built_by_pilot"  # saving in the admin keeps it
    client.post(url, {"name_sl": factor.name_sl, "name_en": factor.name_en,
                      "category": factor.category, "kind": "precondition"})
    factor.refresh_from_db()
    assert factor.kind == "precondition"
