"""Reading a catalogue file: every problem with its place; writing reads back equal."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from microfuture.finder.catalogue import CatalogueResult, read_catalogue, write_catalogue
from microfuture.finder.mechanism import Mechanism, Provider
from microfuture.kernel.text import Bilingual

GOOD = """
providers:
  - slug: sef
    name: {sl: Slovenski podjetniški sklad, en: Slovene Enterprise Fund}
    kind: public_fund
    country: SI
mechanisms:
  - slug: p7
    name: {sl: P7 Mikrokrediti, en: P7 Microcredits}
    provider: sef
    kind: microloan
    amount_min: 5000
    amount_max: "25000.50"
    employees_min: 1
    founded_before: 2022-01-01
    regions: [SI032, SI037]
    credit_rating_min: SB7
    sources: [https://example.org/p7]
"""


def places(result: CatalogueResult) -> list[str]:
    return [e.place for e in result.errors]


def test_a_good_file_gives_dataclasses() -> None:
    result = read_catalogue(GOOD, filename="c.yaml")
    assert result.errors == []
    assert result.providers == [Provider(slug="sef", name=Bilingual("Slovenski podjetniški sklad",
                                                              "Slovene Enterprise Fund"),
                                         kind="public_fund", country="SI")]
    (m,) = result.mechanisms
    assert m.amount_min == Decimal("5000") and m.amount_max == Decimal("25000.50")
    assert m.employees_min == Decimal(1)
    assert m.founded_before == date(2022, 1, 1)
    assert m.regions == ("SI032", "SI037")
    assert result.sources == {"p7": ("https://example.org/p7",)}


def test_a_plain_string_text_is_both_languages() -> None:
    text = '{"mechanisms": [{"slug": "a", "name": "Grant", "provider": "p", "kind": "grant"}]}'
    result = read_catalogue(text, known_providers={"p"})
    assert result.mechanisms[0].name == Bilingual(sl="Grant", en="Grant")


def test_every_error_is_reported_with_its_place() -> None:
    text = """
providers:
  - {slug: sef, name: SEF, kind: bank_of_sorts}
  - {slug: sef, name: Again, kind: bank}
mechanisms:
  - slug: p7
    name: P7
    provider: sef
    kind: microloan
    amount_min: -5
    amount_max: 30000
    regions: [SI032, slovenia]
    target_groups: [youth, aliens]
    excluded_sectors: [K, Z]
    colour: blue
  - slug: p8
    name: P8
    provider: nobody
    kind: loan
    amount_min: 30000
    amount_max: 25000
    employees_min: 5
    employees_max: 2
    age_months_min: 24
    age_months_max: 12
    open_from: 2025-02-01
    open_until: 2025-01-01
  - {slug: p7, name: Twin, provider: sef, kind: loan}
  - {name: No slug}
"""
    result = read_catalogue(text, filename="c.yaml")
    assert result.providers == [] and result.mechanisms == []
    assert places(result) == [
        "providers[0] (sef).kind",
        "providers[1] (sef).slug",
        "mechanisms[0] (p7).colour",
        "mechanisms[0] (p7).amount_min",
        "mechanisms[0] (p7).regions[1]",
        "mechanisms[0] (p7).target_groups[1]",
        "mechanisms[0] (p7).excluded_sectors[1]",
        "mechanisms[1] (p8).amount_min",
        "mechanisms[1] (p8).employees_min",
        "mechanisms[1] (p8).age_months_min",
        "mechanisms[1] (p8).open_from",
        "mechanisms[1] (p8).provider",
        "mechanisms[2] (p7).slug",
        "mechanisms[3].slug",
        "mechanisms[3].provider",
        "mechanisms[3].kind",
    ]
    messages = {e.place: e.message for e in result.errors}
    assert "unknown field" in messages["mechanisms[0] (p7).colour"]
    assert "negative" in messages["mechanisms[0] (p7).amount_min"]
    assert "more than amount_max" in messages["mechanisms[1] (p8).amount_min"]
    assert "nobody" in messages["mechanisms[1] (p8).provider"]
    assert "aliens" in messages["mechanisms[0] (p7).target_groups[1]"]


def test_a_yaml_syntax_error_gives_its_line() -> None:
    text = "providers:\n  - slug: sef\n    name: [unclosed\nmechanisms: []\n"
    result = read_catalogue(text, filename="c.yml")
    assert len(result.errors) == 1
    assert result.errors[0].place.startswith("line 4")
    assert "YAML" in result.errors[0].message


def test_a_json_syntax_error_gives_its_line() -> None:
    result = read_catalogue('{\n "providers": [\n  {"slug": "a",}\n ]\n}', filename="c.json")
    assert result.errors[0].place == "line 3, column 16"


def test_a_key_given_twice_is_refused_with_its_line() -> None:
    text = "mechanisms:\n  - slug: a\n    slug: b\n"
    result = read_catalogue(text, filename="c.yaml")
    assert [str(e) for e in result.errors] == ["line 3: the key 'slug' is given twice"]


def test_an_impossible_yaml_date_is_refused_with_its_place() -> None:
    text = "mechanisms:\n  - slug: a\n    open_from: 2024-13-01\n"
    result = read_catalogue(text, filename="c.yaml")
    assert [str(e) for e in result.errors] == [
        "line 3, column 16: this is not valid YAML: '2024-13-01' is not a real date "
        "(month must be in 1..12)"
    ]


def test_amounts_refuse_nan_infinity_floats_finer_than_cents_and_booleans() -> None:
    text = ('{"mechanisms": ['
            '{"slug": "a", "name": "A", "provider": "p", "kind": "loan", "amount_min": NaN},'
            '{"slug": "b", "name": "B", "provider": "p", "kind": "loan", "amount_max": "Infinity"},'
            '{"slug": "c", "name": "C", "provider": "p", "kind": "loan", "amount_max": 0.001},'
            '{"slug": "d", "name": "D", "provider": "p", "kind": "loan", "amount_max": true}]}')
    result = read_catalogue(text, known_providers={"p"})
    assert places(result) == ["mechanisms[0] (a).amount_min", "mechanisms[1] (b).amount_max",
                              "mechanisms[2] (c).amount_max", "mechanisms[3] (d).amount_max"]


def test_a_yaml_float_amount_becomes_the_decimal_written() -> None:
    text = "mechanisms:\n  - {slug: a, name: A, provider: p, kind: loan, amount_max: 1234.10}\n"
    result = read_catalogue(text, filename="x.yaml", known_providers={"p"})
    assert result.mechanisms[0].amount_max == Decimal("1234.10")


def test_country_codes_are_capitals_and_a_bare_no_is_explained() -> None:
    text = "mechanisms:\n  - {slug: a, name: A, provider: p, kind: loan, countries: [si, NO]}\n"
    result = read_catalogue(text, filename="x.yaml", known_providers={"p"})
    assert places(result) == ["mechanisms[0] (a).countries[0]", "mechanisms[0] (a).countries[1]"]
    assert "quotes" in result.errors[1].message


def test_without_extension_json_then_yaml_is_tried() -> None:
    assert read_catalogue("providers: []\nmechanisms: []\n").errors == []
    assert read_catalogue('{"providers": [], "mechanisms": []}').errors == []


def test_the_top_level_must_be_one_object_with_known_keys() -> None:
    assert places(read_catalogue("[1, 2]")) == ["file"]
    assert places(read_catalogue("")) == ["file"]
    assert places(read_catalogue("providers: []\nclubs: []\n")) == ["clubs"]


def test_write_then_read_gives_equal_dataclasses() -> None:
    provider = Provider(slug="sef", name=Bilingual("Sklad", "Fund"), kind="public_fund",
                        country="SI", website="https://example.org", contact="info@example.org")
    mechanism = Mechanism(
        slug="p7", name=Bilingual("P7", "P7 loans"), provider="sef", kind="microloan",
        summary=Bilingual("Kratko.", "Short."), amount_min=Decimal("5000.00"),
        amount_max=Decimal("25000.50"), rate=Bilingual("fiksno 2 %", "fixed 2%"), term_months_max=60,
        grace_months_max=6, own_share_pct=Decimal("12.5"), countries=("SI",),
        regions=("SI032", "SI037"), entity_types=("company", "cooperative"),
        requires_social_enterprise_status=True, employees_min=Decimal("0.5"),
        employees_max=Decimal(9), age_months_min=0, age_months_max=60,
        founded_before=date(2022, 1, 1), target_groups=("youth",), purposes=("investment",),
        credit_rating_min="SB7", excluded_sectors=("A", "K"), open_from=date(2024, 1, 1),
        open_until=date(2024, 12, 31), contact="Ana", uncertain=Bilingual("Ne vemo.", "Unknown."),
    )
    minimal = Mechanism(slug="g", name=Bilingual("G", ""), provider="sef", kind="grant")
    for fmt in ("yaml", "json"):
        text = write_catalogue([provider], [mechanism, minimal], fmt=fmt,
                               sources={"p7": ["https://example.org/a"]}, active={"g": False})
        result = read_catalogue(text, filename=f"c.{fmt}")
        assert result.errors == []
        assert result.providers == [provider]
        assert result.mechanisms == [
            dataclasses.replace(mechanism, sources=("https://example.org/a",)), minimal]
        assert result.sources == {"p7": ("https://example.org/a",), "g": ()}
        assert result.active == {"p7": True, "g": False}
        assert "amount_min" not in text.split("slug: g")[-1].split('"g"')[-1]
