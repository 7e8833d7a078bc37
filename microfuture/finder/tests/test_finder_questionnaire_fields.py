"""The questionnaire's questions of issue 11 §3–§4, through plain HTTP (no JavaScript):
the municipality (searchable by name, sets the region), the sole trader who cannot hold the
social-enterprise status, the S.BON rating explained, the employees question for sole traders,
unpaid taxes with the pointer to free debt counselling, and de minimis aid received."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from microfuture.finder.tests.conftest import CATALOGUE

pytestmark = pytest.mark.django_db


@pytest.fixture
def zasavje(db: None, tmp_path: Path) -> None:
    data = json.loads(json.dumps(CATALOGUE))
    data["mechanisms"].append(
        {"slug": "zasavje-start", "provider": "mgts", "kind": "grant",
         "name": {"sl": "Zagonske spodbude Zasavje", "en": "Zasavje start-up grants"},
         "countries": ["SI"], "regions": ["SI035"], "municipalities": ["034", "129", "142"]})
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_mechanisms", str(path), stdout=io.StringIO())


def en() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_step_one_asks_the_municipality_with_the_names_to_choose_from(db) -> None:
    html = en().get("/finder/").content.decode()
    assert "In which municipality do you live, or is your business registered?" in html
    assert 'name="region"' not in html  # the statistical region is no longer asked
    field = re.search(r'<input[^>]*name="municipality"[^>]*>', html)
    assert field is not None and 'list="municipality-names"' in field.group(0)
    assert re.search(r'<label for="id_municipality">', html)
    names = re.findall(r'<option value="([^"]+)"></option>',
                       html[html.index('<datalist id="municipality-names">'):])
    assert len(names) == 212
    assert names[:3] == ["Ajdovščina", "Ankaran", "Apače"]
    assert names.index("Cerkno") < names.index("Črenšovci") < names.index("Destrnik")
    assert names[-1] == "Žužemberk"


def test_a_municipality_typed_by_name_sets_the_region(zasavje) -> None:
    client = en()
    done = client.get("/finder/", {"step": "1", "go": "results", "country": "SI",
                                   "municipality": "hrastnik"})
    assert done.status_code == 302
    carried = parse_qs(urlsplit(done["Location"]).query)
    assert carried["municipality"] == ["Hrastnik"]  # the register's spelling, in the link
    result = client.get(done["Location"]).content.decode()
    assert "Zasavje start-up grants" in result
    answers = result[result.index('<section class="your-answers"'):]
    assert "<dd>Hrastnik</dd>" in answers
    litija = client.get("/finder/results/", {"country": "SI", "municipality": "Litija"})
    html = litija.content.decode()
    assert "Only for the municipalities Hrastnik, Trbovlje, Zagorje ob Savi; yours is Litija." \
        in html


def test_an_unknown_municipality_is_a_plain_error_naming_it(db) -> None:
    page = en().get("/finder/", {"step": "1", "go": "next", "municipality": "Litja"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Step 1 of 3" in html
    assert "We do not know a Slovenian municipality called “Litja”. Did you mean Litija?" in html
    shared = en().get("/finder/results/", {"municipality": "Atlantida"})
    assert shared.status_code == 400
    assert "We do not know a Slovenian municipality called “Atlantida”." in \
        shared.content.decode()


def test_a_sole_trader_cannot_say_they_have_the_social_enterprise_status(db) -> None:
    page = en().get("/finder/", {"step": "1", "go": "next", "entity_type": "sole_trader",
                                 "social_enterprise_status": "yes"})
    html = page.content.decode()
    assert "Step 1 of 3" in html
    assert "A sole trader (s.p.) cannot have the status of a social enterprise" in html
    shared = en().get("/finder/results/", {"entity_type": "sole_trader",
                                           "social_enterprise_status": "yes"})
    assert shared.status_code == 400
    ok = en().get("/finder/", {"step": "1", "go": "next", "entity_type": "company",
                               "social_enterprise_status": "yes"})
    assert "Step 2 of 3" in ok.content.decode()


def test_the_questions_say_what_the_law_and_the_lenders_mean(db) -> None:
    step2 = en().get("/finder/", {"step": "1", "go": "next"}).content.decode()
    assert "I am registered as unemployed with the Employment Service (ZRSZ)" in step2
    assert "counts themself too" in step2
    step3 = en().get("/finder/", {"step": "2", "go": "next"}).content.decode()
    assert "Your credit rating from AJPES (S.BON-1 or eS.BON), if you have one" in step3
    assert "from SB1 (best) to SB10 (worst)" in step3 and "free of charge" in step3
    assert "Do you (or your business) have unpaid taxes or a blocked bank account?" in step3
    assert "SOS dolgovi" in step3 and "centre for social work" in step3
    assert "How much de minimis aid have you received in the last three years" in step3
    assert "€300,000 over three years" in step3


def test_the_new_answers_reach_the_finder_and_the_answers_list(catalogue) -> None:
    client = en()
    done = client.get("/finder/", {"step": "3", "go": "results", "country": "SI",
                                   "tax_debts": "yes", "de_minimis_received": "12,000"})
    assert done.status_code == 302
    carried = parse_qs(urlsplit(done["Location"]).query)
    assert carried["tax_debts"] == ["yes"] and carried["de_minimis_received"] == ["12000"]
    html = client.get(done["Location"]).content.decode()
    answers = html[html.index('<section class="your-answers"'):]
    pairs = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", answers))
    assert pairs["Do you (or your business) have unpaid taxes or a blocked bank account?"] \
        == "Yes"
    assert pairs["How much de minimis aid have you received in the last three years, in "
                 "euros?"] == "€12,000.00"
