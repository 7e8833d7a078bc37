"""Reading and writing numbers the reader's way (microfuture/numbers.py): pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microfuture.numbers import NumberError, format_number, parse_number

LANGUAGES = ("sl", "en")


@pytest.mark.parametrize(("text", "language", "value"), [
    ("25", "sl", "25"), ("25,50", "sl", "25.50"), ("0,50", "sl", "0.50"),
    ("180,00", "sl", "180.00"), ("1.000,00", "sl", "1000.00"), ("1.234.567,5", "sl", "1234567.5"),
    ("1 234,50", "sl", "1234.50"), ("1\u00a0234,50", "sl", "1234.50"),
    ("1\u202f234,50", "sl", "1234.50"), ("1.000", "sl", "1000"), (",5", "sl", "0.5"),
    ("-1.234,5", "sl", "-1234.5"), ("\u22125", "sl", "-5"), ("+3", "sl", "3"),
    (" 25,50 ", "sl", "25.50"),
    ("25", "en", "25"), ("25.50", "en", "25.50"), ("0.50", "en", "0.50"),
    ("1,000.00", "en", "1000.00"), ("1,234,567.5", "en", "1234567.5"),
    ("1 234.50", "en", "1234.50"), ("1\u202f234.50", "en", "1234.50"), ("1,000", "en", "1000"),
    (".5", "en", "0.5"),
])
def test_reads_the_language_s_own_writing(text, language, value):
    assert parse_number(text, language) == Decimal(value)


@pytest.mark.parametrize(("text", "language", "suggestion"), [
    # A number written the other language's way is refused, with the page's spelling.
    ("1.5", "sl", "1,5"), ("25.50", "sl", "25,50"), ("0.50", "sl", "0,50"),
    ("1,234.50", "sl", "1.234,50"), ("0.500", "sl", "0,500"),
    ("1,5", "en", "1.5"), ("25,50", "en", "25.50"), ("180,00", "en", "180.00"),
    ("1.000,00", "en", "1,000.00"), ("1 234,50", "en", "1,234.50"),
])
def test_the_other_language_s_writing_is_refused_with_a_suggestion(text, language, suggestion):
    with pytest.raises(NumberError) as caught:
        parse_number(text, language)
    assert caught.value.code == "other_language"
    assert caught.value.suggestion == suggestion


@pytest.mark.parametrize(("text", "code"), [
    ("1.23.4", "misplaced"), ("12,34,567", "misplaced"), ("1 000.000,5", "misplaced"),
    ("25,", "misplaced"), ("1..0", "misplaced"), ("1,2,3", "misplaced"),
    ("abc", "invalid"), ("1e5", "invalid"), ("", "invalid"), ("  ", "invalid"),
    ("25 €", "invalid"), ("-", "invalid"), ("NaN", "invalid"), ("Infinity", "invalid"),
    ("٣", "invalid"),  # digits of another script are not read as ours
])
@pytest.mark.parametrize("language", LANGUAGES)
def test_what_no_language_writes_is_refused(text, code, language):
    with pytest.raises(NumberError) as caught:
        parse_number(text, language)
    assert caught.value.code == code


@pytest.mark.parametrize(("value", "language", "places", "text"), [
    ("1234.5", "sl", 2, "1.234,50"), ("1234.5", "en", 2, "1,234.50"),
    ("155.538680", "sl", None, "155,538680"), ("155.538680", "en", None, "155.538680"),
    ("-0.001", "sl", 2, "0,00"), ("1000000", "sl", None, "1.000.000"), ("2.675", "en", 2, "2.68"),
    ("2.665", "en", 2, "2.66"), ("999", "en", None, "999"),
])
def test_writes_the_language_s_way(value, language, places, text):
    assert format_number(Decimal(value), language, places=places) == text


def test_an_unknown_language_writes_like_english():
    assert format_number(Decimal("1234.5"), "fr") == "1,234.5"
    assert parse_number("1,234.5", "de-at") == Decimal("1234.5")


def _few_decimals(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -8


numbers: st.SearchStrategy[Decimal] = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=Decimal("-1e15"), max_value=Decimal("1e15"),
    places=None).filter(_few_decimals)


@given(value=numbers, language=st.sampled_from(LANGUAGES), grouping=st.booleans(),
       space=st.sampled_from([None, " ", "\u00a0", "\u202f"]))
def test_what_is_written_reads_back_the_same(value, language, grouping, space):
    text = format_number(value, language, grouping=grouping)
    if space is not None:
        group = "." if language == "sl" else ","
        text = text.replace(group, space)
    assert parse_number(text, language) == value


@given(text=st.text(max_size=40), language=st.sampled_from(LANGUAGES))
def test_any_text_is_a_number_or_a_refusal(text, language):
    """Whatever is typed, the parser answers a number or a NumberError, never another error."""
    try:
        value = parse_number(text, language)
    except NumberError as refused:
        assert refused.code in {"invalid", "other_language", "misplaced"}
    else:
        assert value.is_finite()


@given(value=numbers, places=st.integers(min_value=0, max_value=6),
       language=st.sampled_from(LANGUAGES))
def test_rounded_writing_reads_back_the_rounded_value(value, places, language):
    rounded = value.quantize(Decimal(1).scaleb(-places))
    assert parse_number(format_number(value, language, places=places), language) == rounded
