"""The result page shows a small map of Slovenia when the person answered a municipality:
their region filled, their municipality marked, a caption and GURS's credit; nothing
without a municipality, and never in the PDF."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from microfuture.finder.where import where_map
from microfuture.maps import SLOVENIA_ATTRIBUTION, slovenia_project
from microfuture.municipalities import MUNICIPALITY_CENTROIDS

pytestmark = pytest.mark.django_db

ANSWERS = {"country": "SI", "entity_type": "individual", "target_groups": "unemployed"}


def _page(language: str, **answers: str) -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/finder/results/",
                                                         {**ANSWERS, **answers})
    assert response.status_code == 200
    return response.content.decode()


def _where(html: str) -> str:
    start = html.index('<section class="finder-where')
    return html[start:html.index("</section>", start)]


@pytest.mark.parametrize("language, caption, heading", [
    ("en", "Your municipality: Litija, in the Zasavska region", "Where you are"),
    # Slovenian once locale/sl/parts/maps-2.po is merged into the catalogue: "Vaša občina:
    # Litija, v regiji Zasavska"; until then the English wording, with the same names.
    ("sl", "Litija", ""),
])
def test_a_municipality_shows_its_region_and_point(catalogue, language, caption, heading):
    html = _page(language, municipality="litija")
    assert f'<html lang="{language}">' in html
    where = _where(html)
    assert caption in where and heading in where
    assert SLOVENIA_ATTRIBUTION in where.split("</svg>")[1]  # in the caption too
    svg = where[where.index("<svg"):where.index("</svg>")]
    # Labelled: the drawing by its title and description, the region and the point by name.
    assert 'aria-labelledby="finder-where-map-title finder-where-map-desc"' in svg
    assert re.search(r'<title id="finder-where-map-title">[^<]+</title>', svg)
    filled = re.findall(r'<g role="img" aria-label="([^"]+)"><title>[^<]+</title>'
                        r'<path d="[^"]+" fill="#cfe8d9"[^>]*data-region="(\w+)"', svg)
    assert len(filled) == 1 and filled[0][1] == "SI035" and "Zasavska" in filled[0][0]
    x, y = slovenia_project(*MUNICIPALITY_CENTROIDS["060"])  # Litija is number 060
    pin = re.search(r'<g class="map-pin" role="img" aria-label="Litija"><title>Litija</title>'
                    r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert pin and abs(float(pin[1]) - x) < 0.1 and abs(float(pin[2]) - y) < 0.1
    assert SLOVENIA_ATTRIBUTION in svg
    # No JavaScript and nothing from elsewhere.
    assert "<script" not in where and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("language", ["en", "sl"])
def test_no_municipality_no_map(catalogue, language):
    html = _page(language)
    assert "finder-where" not in html and "map-pin" not in html


def test_the_map_is_not_in_the_pdf(catalogue, monkeypatch):
    seen: list[str] = []

    class FakeHTML:
        def __init__(self, *, string: str, base_url: str) -> None:
            seen.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-"

    import weasyprint
    monkeypatch.setattr(weasyprint, "HTML", FakeHTML)
    response = Client().get("/finder/results/pdf/", {**ANSWERS, "municipality": "Litija"})
    assert response.status_code == 200
    assert seen and "finder-where" not in seen[0] and "<svg" not in seen[0]


def test_where_map_reads_only_a_known_municipality():
    assert where_map({}) is None
    assert where_map({"municipality": ""}) is None
    assert where_map({"municipality": "Atlantis"}) is None
    found = where_map({"municipality": "Hrastnik"})
    assert found is not None
    assert found["caption"] == "Your municipality: Hrastnik, in the Zasavska region"
    assert found["attribution"] == SLOVENIA_ATTRIBUTION
