"""The catalogue file carries what keeps it true (spec §5): check dates, sources, calls with
windows, products, municipalities; every problem with its place; export → import is equal."""

from __future__ import annotations

from datetime import date

import pytest

from microfuture.finder.catalogue import read_catalogue, write_catalogue
from microfuture.finder.models import Mechanism
from microfuture.finder.selectors import catalogue_mechanisms, mechanism_from_row
from microfuture.finder.services import catalogue_export, catalogue_import

PROVIDERS = """
providers:
  - {slug: sef, name: {sl: Sklad, en: Fund}, kind: public_fund, country: SI}
"""

GOOD = PROVIDERS + """
mechanisms:
  - slug: p7-2026
    name: {sl: P7 2026, en: P7 2026}
    provider: sef
    kind: microloan
    standing: false
    product: p7
    open_from: 2026-03-01
    open_until: 2026-12-31
    open_until_estimated: true
    verified_on: 2026-11-20
    sources: [https://example.org/p7-2026, https://example.org/p7]
    municipalities: ["034", "060"]
    requires_no_tax_debts: true
    de_minimis: true
  - slug: spot
    name: SPOT
    provider: sef
    kind: advice
    verified_on: 2026-01-05
    sources: [https://example.org/spot]
"""


def test_the_new_fields_are_read() -> None:
    result = read_catalogue(GOOD, filename="c.yaml")
    assert result.errors == []
    call, spot = result.mechanisms
    assert (call.standing, call.product, call.open_until, call.open_until_estimated) == (
        False, "p7", date(2026, 12, 31), True)
    assert call.verified_on == date(2026, 11, 20)
    assert call.sources == ("https://example.org/p7-2026", "https://example.org/p7")
    assert call.municipalities == ("034", "060")
    assert call.requires_no_tax_debts and call.de_minimis
    assert spot.standing is True and spot.product == "" and spot.verified_on == date(2026, 1, 5)
    assert result.sources["spot"] == ("https://example.org/spot",)


BAD = PROVIDERS + """
mechanisms:
  - {slug: call-a, name: A, provider: sef, kind: grant, standing: false}
  - {slug: call-b, name: B, provider: sef, kind: grant, open_until_estimated: true}
  - slug: c
    name: C
    provider: sef
    kind: grant
    municipalities: ["61", 60, "999", "061", "061"]
    verified_on: "1. 12. 2026"
    standing: "no"
    product: "not a slug"
  - {slug: p7, name: P7, provider: sef, kind: microloan}
  - {slug: p7-2026, name: P7 2026, provider: sef, kind: microloan, product: p7,
     standing: false, open_until: 2026-12-31}
"""


def test_every_problem_comes_with_its_place() -> None:
    result = read_catalogue(BAD, filename="c.yaml")
    found = {(e.place, e.message) for e in result.errors}
    places = [e.place for e in result.errors]
    assert ("mechanisms[0] (call-a).open_until",
            "a call (standing: false) needs open_until: the closing date the source gives, or "
            "your best estimate with open_until_estimated: true") in found
    assert ("mechanisms[1] (call-b).open_until_estimated",
            "says the closing date is an estimate, but there is no open_until") in found
    assert ("mechanisms[2] (c).municipalities[0]",
            "'61' is not an official municipality code (three digits, e.g. 060)") in found
    assert "mechanisms[2] (c).municipalities[1]" in places  # a number, not a text
    assert ("mechanisms[2] (c).municipalities[2]",
            "'999' is not the code of one of Slovenia's municipalities") in found
    assert ("mechanisms[2] (c).municipalities[4]", "'061' is listed twice") in found
    assert "mechanisms[2] (c).verified_on" in places
    assert ("mechanisms[2] (c).standing", "must be true or false") in found
    assert "mechanisms[2] (c).product" in places
    # p7 is a mechanism outside the product p7: one slug would name two pages.
    assert "mechanisms[4] (p7-2026).product" in places
    assert all(e.line for e in result.errors)  # YAML: each with its record's line
    assert result.mechanisms == []


@pytest.mark.django_db
def test_an_import_with_errors_stores_nothing_and_names_every_error() -> None:
    outcome = catalogue_import(text=BAD, filename="c.yaml")
    assert len(outcome.errors) >= 9
    assert not Mechanism.objects.exists()


@pytest.mark.django_db
def test_export_then_import_gives_equal_mechanisms() -> None:
    assert catalogue_import(text=GOOD, filename="c.yaml").ok
    stored = {m.slug: m for m in catalogue_mechanisms()}
    row = Mechanism.objects.get(slug="p7-2026")
    assert (row.standing, row.product, row.verified_on, row.municipalities) == (
        False, "p7", date(2026, 11, 20), ["034", "060"])
    for fmt in ("yaml", "json"):
        text = catalogue_export(fmt=fmt)
        read = read_catalogue(text, filename=f"c.{fmt}")
        assert read.errors == []
        assert read.mechanisms == [mechanism_from_row(r, for_applicant=False)
                                   for r in Mechanism.objects.select_related("provider")]
        again = catalogue_import(text=text, filename=f"c.{fmt}")
        assert again.ok and again.cleared == []
        assert {m.slug: m for m in catalogue_mechanisms()} == stored
        assert catalogue_export(fmt=fmt) == text


def test_a_standing_product_is_not_written_as_standing() -> None:
    read = read_catalogue(GOOD, filename="c.yaml")
    text = write_catalogue(read.providers, read.mechanisms)
    assert text.count("standing: false") == 1 and "standing: true" not in text
    assert read_catalogue(text, filename="c.yaml").mechanisms == read.mechanisms


@pytest.mark.django_db
def test_an_import_never_erases_the_check_date_unless_told() -> None:
    assert catalogue_import(text=GOOD, filename="c.yaml").ok
    without = GOOD.replace("    verified_on: 2026-01-05\n", "")
    refused = catalogue_import(text=without, filename="c.yaml")
    assert [e.place for e in refused.errors] == ["mechanisms[1] (spot).verified_on"]
    assert Mechanism.objects.get(slug="spot").verified_on == date(2026, 1, 5)
    cleared = catalogue_import(text=without, filename="c.yaml", allow_clear=True)
    assert cleared.cleared == ["spot: verified_on"]
    assert Mechanism.objects.get(slug="spot").verified_on is None
