"""The public map of clubs by region (/clubs/region/map/): Slovenia's regions with their
real borders, each region named and linked to its part of the list, the clubs open to new
projects counted per region, the municipalities of each region, and the source's credit."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import Club
from microfuture.clubs.services import club_found
from microfuture.maps import SLOVENIA_ATTRIBUTION

pytestmark = pytest.mark.django_db


def _svg(html: str) -> str:
    return html[html.index("<svg"):html.index("</svg>") + 6]


@pytest.fixture
def clubs(outsider):
    def found(name: str, region: str) -> Club:
        return club_found(founder=outsider, founder_name="Oto", name=name, region=region,
                          start_date=date(2026, 1, 5))
    found("Klub Litija", "SI035")
    found("Klub Hrastnik", "SI035")
    found("Klub Ljubljana", "SI041")
    found("Klub v upravljanju", "SI044")
    Club.objects.update(open_to_projects=True)
    Club.objects.filter(name="Klub v upravljanju").update(status=Club.Status.MANAGEMENT)


def test_the_map_counts_the_open_clubs_of_each_region(clubs):
    response = Client().get(reverse("clubs:map"))
    assert response.status_code == 200
    html = response.content.decode()
    svg = _svg(html)
    assert svg.count("<path ") == 12  # the twelve statistical regions' borders
    assert ('<a href="#region-SI035" aria-label="Zasavska: 2 clubs open to new projects">'
            '<title>Zasavska: 2 clubs open to new projects</title><path ') in svg
    assert 'aria-label="Osrednjeslovenska: 1 club open to new projects"' in svg
    # A club in management takes no projects and is not counted.
    assert 'aria-label="Obalno-kraška: no club open to new projects yet"' in svg
    assert "Klub v upravljanju" not in html
    # Every region links to its part of the list, where its clubs and municipalities are.
    for code in re.findall(r'href="#region-(SI\d{3})"', svg):
        assert f'<h3 id="region-{code}">' in html
    assert len(set(re.findall(r'href="#region-(SI\d{3})"', svg))) == 12
    zasavska = html[html.index('<h3 id="region-SI035">'):]
    zasavska = zasavska[:zasavska.index("</section>")]
    assert "Klub Hrastnik" in zasavska and "Klub Litija" in zasavska
    assert "4 municipalities in this region" in zasavska
    assert "Hrastnik, Litija, Trbovlje, Zagorje ob Savi" in zasavska
    assert "No club in this region is open to new projects yet." in html


def test_a_club_counts_in_every_region_it_covers(clubs):
    Club.objects.filter(name="Klub Litija").update(other_regions=["SI041"])
    html = Client().get(reverse("clubs:map")).content.decode()
    assert 'aria-label="Osrednjeslovenska: 2 clubs open to new projects"' in html
    assert 'aria-label="Zasavska: 2 clubs open to new projects"' in html
    assert "3 clubs are open to new projects." in html  # each club counted once in all


def test_the_map_has_the_credit_and_loads_nothing_from_elsewhere(clubs):
    response = Client().get(reverse("clubs:map"))
    html = response.content.decode()
    svg = _svg(html)
    assert SLOVENIA_ATTRIBUTION in svg
    assert SLOVENIA_ATTRIBUTION in html[html.index("</svg>"):]  # and in the caption
    assert "Municipalities are shown as points at their centres" in html
    assert svg.count("<circle") == 212
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_map_is_in_slovenian_too(clubs):
    html = Client(HTTP_ACCEPT_LANGUAGE="sl").get(reverse("clubs:map")).content.decode()
    assert '<html lang="sl"' in html
    assert "Vir: Geodetska uprava Republike Slovenije" in html


def test_the_club_list_links_to_the_map(db):
    html = Client().get(reverse("clubs:list")).content.decode()
    assert f'href="{reverse("clubs:map")}"' in html
    assert reverse("clubs:map") == "/clubs/region/map/"
