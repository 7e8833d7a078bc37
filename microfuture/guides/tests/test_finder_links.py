"""The finder leads to the guides (guides spec §1, §3): every result card links the guide of its
kind, a near miss's "what is missing" links it (and the glossary's word), each pathway's opened
mechanisms link theirs, a mechanism's page links its guide, the PDF prints the address, and the
catalogue lists one kind on request. Following a link counts one referral of that place."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from microfuture.finder import matching
from microfuture.finder.mechanism import CRITERIA, KINDS
from microfuture.guides.models import GlossaryTerm, Guide, GuideReferral

pytestmark = pytest.mark.django_db

CATALOGUE = {
    "providers": [
        {"slug": "t-fund", "name": {"sl": "Preizkusni sklad", "en": "Test fund"},
         "kind": "public_fund", "country": "SI"},
    ],
    "mechanisms": [
        {"slug": "t-micro", "provider": "t-fund", "kind": "microloan",
         "name": {"sl": "Preizkusni mikrokredit", "en": "Test microloan"},
         "summary": {"sl": "Mikrokredit.", "en": "A microloan."},
         "amount_min": 5000, "amount_max": 25000, "countries": ["SI"],
         "entity_types": ["sole_trader", "company", "cooperative"], "employees_min": 1,
         "credit_rating_min": "SB7"},
        {"slug": "t-advice", "provider": "t-fund", "kind": "advice",
         "name": {"sl": "Preizkusno svetovanje", "en": "Test advice"}, "countries": ["SI"]},
    ],
}
GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "glossary.yaml"
# A company with two employees and a rating below the microloan's: one thing is missing.
RATED_TOO_LOW = {"entity_type": "company", "country": "SI", "employees": "2", "amount": "8000",
                 "credit_rating": "SB9"}
# An unemployed person in Litija: registering as a sole trader would open the microloan.
UNEMPLOYED = {"entity_type": "individual", "country": "SI", "region": "SI035",
              "target_groups": "unemployed", "amount": "8000"}


@pytest.fixture
def catalogue(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    call_command("import_mechanisms", str(path), stdout=io.StringIO())


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def card(html: str, slug: str) -> str:
    found = re.search(rf'<article class="card mechanism" aria-labelledby="m-{slug}">.*?</article>',
                      html, re.S)
    assert found, slug
    return found.group()


def test_every_card_links_the_guide_of_its_kind(catalogue: Any) -> None:
    html = english().get("/finder/results/", RATED_TOO_LOW).content.decode()
    assert ('<a href="/guides/advice/?from=result">Read the guide: Advice and mentoring</a>'
            in card(html, "t-advice"))
    assert ('<a href="/guides/microloan/?from=result">Read the guide: Microloan</a>'
            in card(html, "t-micro"))


def test_a_near_miss_links_the_guide_and_the_glossarys_word(catalogue: Any) -> None:
    html = english().get("/finder/results/", RATED_TOO_LOW).content.decode()
    near = html.split('id="g-near"', 1)[1].split('id="g-closed"', 1)[0]
    micro = card(near, "t-micro")
    assert '<a href="/guides/microloan/?from=near_miss">' in micro
    assert '<a href="/glossary/#credit-rating">What the word means, in the glossary</a>' in micro
    # The advice fits: it is no near miss and has no near-miss links.
    assert "from=near_miss" not in card(html, "t-advice")


def test_the_links_in_slovenian(catalogue: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "sl"
    html = client.get("/finder/results/", RATED_TOO_LOW).content.decode()
    # Needs the Slovenian of locale/sl/parts/guides-finder.po merged (scripts/merge-po.sh).
    micro = card(html, "t-micro")
    assert '<a href="/guides/microloan/?from=result">Preberite vodnik: Mikrokredit</a>' in micro
    assert "Kaj bi to spremenilo: preberite vodnik" in micro
    assert "Kaj beseda pomeni, v slovarju" in micro


def test_each_pathways_opened_mechanism_links_its_guide(catalogue: Any) -> None:
    html = english().get("/finder/results/", UNEMPLOYED).content.decode()
    pathways = html.split('id="g-pathways"', 1)[1]
    assert '<a href="/guides/microloan/?from=pathway">the guide: Microloan</a>' in pathways


def test_the_mechanism_page_links_its_guide(catalogue: Any) -> None:
    html = english().get("/finder/mechanisms/t-micro/").content.decode()
    assert '<a href="/guides/microloan/?from=mechanism">Read the guide: Microloan</a>' in html


def test_the_pdf_prints_the_guides_address(catalogue: Any) -> None:
    response = english().get("/finder/results/pdf/", RATED_TOO_LOW)
    assert response.status_code == 200
    text = " ".join(subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content,
                                   capture_output=True, check=True).stdout.decode().split())
    assert "http://testserver/guides/microloan/" in text
    assert "http://testserver/guides/advice/" in text


def test_the_criterion_glossary_mapping_names_real_terms() -> None:
    assert set(matching.CRITERION_GLOSSARY) <= set(CRITERIA)
    in_file = {entry["slug"] for entry in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))}
    seeded = set(GlossaryTerm.objects.values_list("slug", flat=True))
    for criterion, slug in matching.CRITERION_GLOSSARY.items():
        assert slug in in_file and slug in seeded, criterion
        assert matching.glossary_url(criterion) == f"/glossary/#{slug}"
    assert matching.glossary_url("countries") == ""


def test_every_kind_has_a_published_guide_at_its_link() -> None:
    for kind in KINDS:
        url = matching.guide_url(kind)
        assert url == f"/guides/{kind}/"
        assert Guide.objects.get(kind=kind).published
        assert english().get(url).status_code == 200, kind


def test_following_a_finder_link_counts_one_referral_of_that_place() -> None:
    client = english()
    client.get("/guides/microloan/?from=near_miss")
    client.get("/guides/microloan/?from=result")
    client.get("/guides/microloan/?from=result")
    counts = dict(GuideReferral.objects.filter(guide__slug="microloan",
                                               day=timezone.localdate())
                  .values_list("source", "count"))
    assert counts == {"near_miss": 1, "result": 2}


def test_the_catalogue_lists_one_kind_on_request(catalogue: Any) -> None:
    client = english()
    html = client.get("/finder/mechanisms/", {"kind": "microloan"}).content.decode()
    assert "Test microloan" in html and "Test advice" not in html
    assert "Only one kind is shown: Microloan (1 entry)." in html
    assert '<a href="/finder/mechanisms/">Show every kind</a>' in html
    assert '<a href="/guides/microloan/">Read the guide: Microloan</a>' in html
    for asked in ("", "nonsense", "<script>"):
        response = client.get("/finder/mechanisms/", {"kind": asked})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Test microloan" in page and "Test advice" in page
        assert "Only one kind is shown" not in page
