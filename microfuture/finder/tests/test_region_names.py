"""The finder's messages name regions and countries by their names, in the reader's
language, never by a bare code (SI035, SI)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from microfuture.finder.core import match, match_json, parse_profile
from microfuture.finder.mechanism import Mechanism
from microfuture.finder.services import seed_catalogue
from microfuture.kernel.text import Bilingual

CODE = re.compile(r"\b(SI0\d\d|FR1\d\d)\b")

P7R = Mechanism(slug="p7r", name=Bilingual("P7R", "P7R"), kind="microloan", provider="sef",
                regions=("SI032", "SI035"), countries=("SI",))


@pytest.mark.parametrize(("lang", "regions", "yours", "country"), [
    ("sl", "Samo za regije: Podravska, Zasavska", "vaša regija: Osrednjeslovenska", "Slovenija"),
    ("en", "Only for the regions Podravska, Zasavska", "yours is Osrednjeslovenska",
     "Slovenia"),
])
def test_messages_name_regions_and_countries(lang: str, regions: str, yours: str,
                                             country: str) -> None:
    profile, problems = parse_profile({"region": "SI041", "country": "SI", "lang": lang},
                                      today=date(2026, 11, 26))
    assert problems == []
    out = match_json(match([P7R], profile))
    message = out["near_misses"][0]["failed"]["message"]
    assert regions in message and yours in message
    assert not CODE.search(message)
    assert out["near_misses"][0]["failed"]["needs"] == "SI032, SI035"  # the API keeps codes
    evaluation = match([P7R], profile).near_misses[0]
    assert country in evaluation.result("countries").message.get(lang)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["sl", "en"])
def test_no_bare_region_code_on_the_result_page(lang: str) -> None:
    seed_catalogue()
    html = Client().get("/finder/results/", {"country": "SI", "region": "SI041"},
                        HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    visible = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1])
    assert not CODE.search(visible), CODE.search(visible)
    # The seed no longer lists regions for Slovenian schemes (municipalities instead, issue
    # 11), so the region answered is what must read by name.
    assert "Osrednjeslovenska" in visible


def test_the_question_about_the_region_names_no_code() -> None:
    from microfuture.finder.core import questions_for

    question = questions_for("regions")
    assert not CODE.search(question.sl) and not CODE.search(question.en)
    assert "Osrednjeslovenska" in question.sl
