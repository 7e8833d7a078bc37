"""The one number field (microfuture/kernel/fields.py): typed and shown back the reader's way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from microfuture.clubs.forms import MoneyField
from microfuture.kernel.fields import NumberField
from microfuture.numbers import format_number


class Sheet(forms.Form):
    amount = MoneyField(label="Amount")
    rate = NumberField(label="Rate", required=False, min_value=Decimal(0), max_digits=8,
                       decimal_places=4)
    term = NumberField(whole=True, label="Term", required=False, min_value=1, max_value=600)
    year = NumberField(whole=True, grouping=False, label="Year", required=False)
    share = MoneyField(label="Share", required=False, min_value=Decimal("0.01"))


def read(language: str, **data: str) -> Sheet:
    with translation.override(language):
        form = Sheet(data)
        form.is_valid()
        return form


@pytest.mark.parametrize(("language", "typed", "value"), [
    ("sl", "25,50", "25.50"), ("sl", "0,50", "0.50"), ("sl", "180,00", "180.00"),
    ("sl", "1.000,00", "1000.00"), ("sl", "1 000,00", "1000.00"), ("sl", "25", "25"),
    ("en", "25.50", "25.50"), ("en", "1,000.00", "1000.00"), ("en", "1\u00a0000.00", "1000.00"),
])
def test_amounts_are_read_the_reader_s_way(language, typed, value):
    form = read(language, amount=typed)
    assert form.errors == {}
    assert form.cleaned_data["amount"] == Decimal(value)


def test_slovenian_refusals_say_how_to_write_it():
    with translation.override("sl"):
        form = Sheet({"amount": "25.50", "term": "1,000", "rate": "1.2.3"})
        assert not form.is_valid()
        assert "25,50" in form.errors["amount"][0] and "»25.50«" in form.errors["amount"][0]
        assert form.errors["term"] == ["Vpišite celo število, brez decimalk."]
        assert "1.234,50" in form.errors["rate"][0]


def test_english_refusals_say_how_to_write_it():
    with translation.override("en"):
        form = Sheet({"amount": "1.000,00", "term": "2.0", "rate": "abc"})
        assert "write 1,000.00" in form.errors["amount"][0]
        assert form.errors["term"] == ["Enter a whole number, without decimals."]
        assert form.errors["rate"] == ["Enter a number, such as 25 or 1,234.50."]


def test_whole_numbers_and_limits():
    form = read("sl", amount="1", term="1.200", year="2023")
    assert form.cleaned_data["year"] == 2023
    assert "600" in form.errors["term"][0]  # 1.200 is twelve hundred: above the limit
    form = read("sl", amount="1", share="0,001")
    assert form.errors["share"]  # three decimals for an amount
    with translation.override("sl"):
        form = Sheet({"amount": "1", "share": "0"})
        assert form.errors["share"] == ["Poskrbite, da bo ta vrednost večja ali enaka 0,01."]


def test_values_are_shown_back_the_reader_s_way():
    with translation.override("sl"):
        form = Sheet(initial={"amount": Decimal("1234.5"), "year": 2023, "term": 1200})
        html = str(form["amount"]) + str(form["year"]) + str(form["term"])
    assert 'value="1.234,50"' in html and 'value="2023"' in html and 'value="1.200"' in html
    assert 'inputmode="decimal"' in html and 'inputmode="numeric"' in html
    assert 'type="text"' in html and 'type="number"' not in html
    # What the reader typed comes back exactly as typed.
    with translation.override("sl"):
        bound = Sheet({"amount": "25,50", "term": "abc"})
        assert 'value="25,50"' in str(bound["amount"]) and 'value="abc"' in str(bound["term"])


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999"), places=2)


@given(value=amounts, written_in=st.sampled_from(["sl", "en"]),
       read_in=st.sampled_from(["sl", "en"]), places=st.sampled_from([None, 0, 2]),
       grouping=st.booleans())
def test_an_amount_is_never_misread_in_the_other_language(value, written_in, read_in, places,
                                                           grouping):
    """An amount written in either language, typed on a page of either language, is read as
    the same amount or refused: never taken for another amount."""
    if places == 0:
        value = value.quantize(Decimal(1))
    text = format_number(value, written_in, places=places, grouping=grouping)
    with translation.override(read_in):
        field = MoneyField()
        try:
            cleaned = field.clean(text)
        except forms.ValidationError:
            return
    assert cleaned == value


@given(value=st.integers(min_value=0, max_value=10**12), written_in=st.sampled_from(["sl", "en"]),
       read_in=st.sampled_from(["sl", "en"]))
def test_a_whole_number_is_never_misread_in_the_other_language(value, written_in, read_in):
    text = format_number(value, written_in)
    with translation.override(read_in):
        try:
            cleaned = NumberField(whole=True).clean(text)
        except forms.ValidationError:
            return
    assert cleaned == value
