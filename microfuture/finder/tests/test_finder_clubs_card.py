"""The savings clubs near an applicant are one compact card per result group, listing each
club with its place, stage, members and contact; the JSON answer still has one entry per club
(issue 15: a region of a national network can have a hundred clubs)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve

from microfuture.clubs.models import Club, Member
from microfuture.clubs.services import club_found
from microfuture.conftest import make_user
from microfuture.finder import core, matching
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.kernel.text import Bilingual

pytestmark = pytest.mark.django_db

# An individual in Osrednjeslovenska who needs money for an investment: every club of the
# region fits (they set the country, the regions and the purposes).
FITS = {"entity_type": "individual", "country": "SI", "region": "SI041",
        "purpose": "investment", "amount": "8000"}


def found(name: str, *, region: str = "SI041", others: tuple[str, ...] = (),
          email: str = "", public: bool = True) -> Club:
    founder = make_user(f"f-{name.lower().replace(' ', '-')}", full_name=f"Manager {name}")
    club = club_found(founder=founder, founder_name=f"Manager of {name}", name=name,
                      region=region, start_date=date(2026, 1, 5), contact_email=email)
    Club.objects.filter(pk=club.pk).update(other_regions=list(others))
    Member.objects.filter(club=club).update(name_public=public)
    return club


def page(profile: dict[str, Any], lang: str = "en") -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE=lang).get("/finder/results/", profile)
    assert response.status_code == 200
    return response.content.decode()


def card(html: str, group: str) -> str:
    start = html.index(f'aria-labelledby="clubs-{group}"')
    return html[start:html.index("</article>", start)]


def test_several_clubs_are_one_card_that_lists_each() -> None:
    found("Klub Bežigrad", email="bezigrad@example.org")
    found("Klub Litija", region="SI035", others=("SI041",), email="litija@example.org",
          public=False)
    found("Klub Vič")  # no address: its name is not a link
    found("Klub Kranj", region="SI042", email="kranj@example.org")  # another region
    html = page(FITS)
    # One card, not a card per club; the group's count still counts every club.
    assert html.count('class="card mechanism clubs-card"') == 1
    assert 'id="m-club-' not in html
    assert '<h2 id="g-eligible">You can apply (3)</h2>' in html
    eligible = matching.finder_result({**FITS, "lang": "en"}, today=date(2026, 12, 2))
    assert eligible is not None
    assert [r.club.name for r in eligible["groups"]["eligible"] if r.club] == [
        "Klub Bežigrad", "Klub Litija", "Klub Vič"]
    clubs = card(html, "eligible")
    assert "Savings clubs near you" in clubs and "3 savings clubs" in clubs
    assert '<a href="mailto:bezigrad@example.org">Klub Bežigrad</a>' in clubs
    assert '<a href="mailto:litija@example.org">Klub Litija</a>' in clubs
    assert "<strong>Klub Vič</strong>" in clubs
    assert "Kranj" not in html
    # Place, stage, members and the manager's name only when it is public.
    assert "Osrednjeslovenska · Forming · 1 member · manager Manager of Klub Bežigrad" in clubs
    assert "Zasavska, Osrednjeslovenska · Forming · 1 member<" in clubs.replace("</span>", "<")
    assert "Manager of Klub Litija" not in html
    # The links resolve: the application page and the guide.
    for href in re.findall(r'href="(/[^"?#]*)', clubs):
        resolve(href)
        assert Client().get(href, follow=True).status_code == 200, href


def test_a_big_region_lists_its_first_clubs_and_links_to_all_of_them() -> None:
    shown = matching.CLUB_LINES_SHOWN
    for n in range(shown + 3):
        found(f"Klub {n:02d}")
    html = page(FITS)
    clubs = card(html, "eligible")
    assert f"{shown + 3} savings clubs" in clubs
    assert clubs.count("<li><strong>") == shown
    assert f"<strong>Klub {shown - 1:02d}</strong>" in clubs
    assert f"Klub {shown:02d}" not in clubs
    link = re.search(r'<a href="\?([^"]*clubs=all[^"]*)">Show all (\d+) clubs</a>', clubs)
    assert link is not None and link[2] == str(shown + 3)
    every = Client().get("/finder/results/?" + link[1].replace("&amp;", "&").split("#")[0])
    assert every.status_code == 200
    all_clubs = card(every.content.decode(), "eligible")
    assert all_clubs.count("<li><strong>") == shown + 3
    assert "clubs=all" not in all_clubs


def test_what_only_some_clubs_verdicts_say_stays_on_their_lines() -> None:
    found("Klub A")
    found("Klub B", region="SI035", others=("SI041",))
    clubs = card(page(FITS), "eligible")
    # The region sentence differs (the clubs cover different regions): one on each line;
    # the sentences every club shares are said once.
    own = re.findall(r"<li>(Only for the regions[^<]*)</li>", clubs)
    assert own == ["Only for the regions Osrednjeslovenska; yours is Osrednjeslovenska.",
                   "Only for the regions Zasavska, Osrednjeslovenska; yours is "
                   "Osrednjeslovenska."]
    assert clubs.count("Only for applicants based in: Slovenia") == 1
    assert clubs.count("Why they fit") == 1


def test_the_possible_group_asks_its_questions_once() -> None:
    for n in range(5):
        found(f"Klub {n}", email=f"klub{n}@example.org")
    html = page({"entity_type": "individual", "country": "SI", "region": "SI041"}, "sl")
    clubs = card(html, "possible")
    assert clubs.count("Za kaj potrebujete denar?") == 1
    assert clubs.count('href="mailto:') == 5
    assert re.search(r'<h2 id="g-possible">[^<]*\((\d+)\)</h2>', html)


def test_a_near_miss_says_once_what_every_club_misses() -> None:
    for name in ("Klub A", "Klub B", "Klub C"):
        found(name)
    html = page({**FITS, "purpose": "training"})
    assert '<h2 id="g-near">Almost: one thing is missing (3)</h2>' in html
    clubs = card(html, "near_misses")
    assert clubs.count("What is missing") == 1
    [missing] = re.findall(r"<li>([^<]*training[^<]*)</li>", clubs)
    assert clubs.count(missing) == 1
    assert 'href="/guides/savings_club/?from=near_miss"' in clubs
    assert "Klub A" in clubs and "Klub B" in clubs and "Klub C" in clubs


def test_the_api_still_answers_one_entry_per_club_in_order() -> None:
    for name in ("Klub C", "Klub A", "Klub B"):
        found(name)
    response = Client().post("/api/v1/finder/match", json.dumps({**FITS, "on": "2026-12-02"}),
                             content_type="application/json")
    assert response.status_code == 200
    entries = [e for e in response.json()["eligible"] if e["kind"] == "savings_club"]
    assert [e["mechanism"] for e in entries] == ["club-klub-a", "club-klub-b", "club-klub-c"]
    assert set(entries[0]) == {"mechanism", "name", "kind", "verified_on", "stale", "guide",
                               "reasons"}


def club(slug: str, regions: tuple[str, ...], **kw: Any) -> Mechanism:
    return Mechanism(slug=slug, name=Bilingual(slug, slug), provider="p", kind="savings_club",
                     countries=("SI",), regions=regions, **kw)


def test_mechanisms_of_one_shape_are_judged_as_each_alone() -> None:
    """`core.match` judges mechanisms of one shape once: the answer equals judging each."""
    mechanisms = [
        club("a", ("SI041",)), club("b", ("SI041",)), club("c", ("SI035",)),
        club("d", ("SI041",), amount_max=Decimal("5000")),
        club("e", ("SI041",), amount_max=Decimal("5000.00")),
        club("f", ("SI041",), requires_social_enterprise_status=True),
        club("g", ("SI041",), requires_social_enterprise_status=1),
        club("h", ["SI041"]),  # type: ignore[arg-type]
    ]
    profile = Profile(country="SI", region="SI041", entity_type="company", amount=Decimal("8000"),
                      social_enterprise_status=False, on=date(2026, 12, 2), lang="en")
    result = core.match(mechanisms, profile)
    for group in ("eligible", "possible", "near_misses", "closed"):
        for e in getattr(result, group):
            alone = core.evaluate(e.mechanism, profile)
            assert (e.verdicts, e.results, e.notes) == (alone.verdicts, alone.results,
                                                        alone.notes), e.mechanism.slug
    grouped = {e.mechanism.slug: g for g in ("eligible", "possible", "near_misses", "closed")
               for e in getattr(result, g)}
    assert grouped["a"] == grouped["b"] == grouped["h"]
    assert grouped["f"] == "near_misses" and grouped["g"] != "near_misses"
