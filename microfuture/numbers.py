"""Numbers as people write them: read and write a `Decimal` in the reader's language.

Pure (no Django, no I/O) and exact: `Decimal` only, never a float. Every number field of
every page reads through `parse_number` (via `microfuture.kernel.fields.NumberField`), and the
page shows numbers back through `format_number`; the JSON API, the journal file and the
catalogue files keep plain numbers with a point and never come here. The rules, and why a
few spellings are refused rather than guessed, are in docs/formats.md.

- Slovenian: `1.234,50`, `1 234,50`, `25,50`, `25`: a comma before the decimals, a point or a
  space between groups of three digits.
- English (and any other language): `1,234.50`, `1 234.50`, `25.50`, `25`: a point before the
  decimals, a comma or a space between groups of three.

A space may be an ordinary, a no-break (U+00A0), a narrow no-break (U+202F) or a thin
(U+2009) space. A minus sign may be `-` or `−` (U+2212); `+` is allowed and changes nothing.

A text that does not follow the page's language is refused, never guessed: `NumberError.code`
says why. `"other_language"`: the text is a number as the *other* language writes it (`25.50`
or `1.5` on a Slovenian page, `25,50` or `1.000,00` on an English page), so the reader may have
meant something else than the page would read; `suggestion` is that number written the page's
way. `"misplaced"`: separators in the wrong place (`1.23.4`, `12,34,567` in English, a space
and a point mixed as group separators, a group of two digits, a leading zero before a group).
`"invalid"`: not a number at all (letters, an exponent, a currency sign, nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

__all__ = ["CONVENTIONS", "Convention", "NumberError", "format_number", "parse_number"]

DIGITS = frozenset("0123456789")
#: Spaces accepted between groups of digits (all read as one kind of separator).
SPACES = frozenset(" \u00a0\u202f\u2009")
MINUS = frozenset("-\u2212")


@dataclass(frozen=True)
class Convention:
    """How a language writes numbers: the decimal mark and the mark between groups of three."""

    decimal: str
    group: str


CONVENTIONS = {
    "sl": Convention(decimal=",", group="."),
    "en": Convention(decimal=".", group=","),
}


def convention(language: str | None) -> Convention:
    """The convention of a language code such as "sl" or "en-gb"; English for any other."""
    code = (language or "en").split("-")[0].lower()
    return CONVENTIONS.get(code, CONVENTIONS["en"])


def _other(language: str | None) -> str:
    return "en" if convention(language) == CONVENTIONS["sl"] else "sl"


class NumberError(ValueError):
    """A text that is not a number as the page's language writes it.

    `code` is "invalid", "other_language" or "misplaced" (see the module's docstring);
    `text` is what was typed; `suggestion`, for "other_language", the same number written the
    page's way.
    """

    def __init__(self, code: str, text: str, suggestion: str = "") -> None:
        super().__init__(f"{text!r} is not a number ({code})")
        self.code = code
        self.text = text
        self.suggestion = suggestion


def _read(body: str, conv: Convention) -> tuple[Decimal, bool, int] | None:
    """`body` (no sign, spaces made plain) read in `conv`: (value, grouped?, decimals), or None
    when it does not follow `conv`."""
    if body.count(conv.decimal) > 1:
        return None
    whole, mark, fraction = body.partition(conv.decimal)
    if mark and (not fraction or not set(fraction) <= DIGITS):
        return None
    if not whole and not mark:
        return None
    separators = {ch for ch in whole if ch not in DIGITS}
    grouped = bool(separators)
    if len(separators) > 1:
        return None  # a point and a space (or a comma and a space) mixed as group marks
    if grouped:
        (separator,) = separators
        groups = whole.split(separator)
        first, rest = groups[0], groups[1:]
        if not 1 <= len(first) <= 3 or (first[0] == "0"):
            return None
        if any(len(group) != 3 for group in rest):
            return None
        whole = "".join(groups)
    digits = (whole or "0") + ("." + fraction if mark else "")
    return Decimal(digits), grouped, len(fraction)


def parse_number(text: str, language: str | None) -> Decimal:
    """The number `text` holds, read as `language` writes numbers; `NumberError` otherwise."""
    conv = convention(language)
    body = text.strip()
    negative = False
    if body[:1] in MINUS or body[:1] == "+":
        negative = body[0] in MINUS
        body = body[1:]
    body = "".join(" " if ch in SPACES else ch for ch in body)
    if not body or not set(body) <= DIGITS | {".", ",", " "} or not set(body) & DIGITS:
        raise NumberError("invalid", text)
    read = _read(body, conv)
    if read is not None:
        value = read[0]
        return -value if negative else value
    other_language = _other(language)
    elsewhere = _read(body, convention(other_language))
    if elsewhere is not None:
        value, grouped, decimals = elsewhere
        suggestion = format_number(
            -value if negative else value, language, places=decimals, grouping=grouped
        )
        raise NumberError("other_language", text, suggestion)
    raise NumberError("misplaced", text)


def format_number(
    value: Decimal | int, language: str | None, places: int | None = None, grouping: bool = True
) -> str:
    """`value` written as `language` writes numbers: `1.234,50` (sl), `1,234.50` (en).

    `places` rounds (half to even) or pads to that many decimals; None keeps the value's own.
    `grouping` puts the group mark between groups of three digits of the whole part.
    """
    conv = convention(language)
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    text = format(number, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _mark, fraction = text.partition(".")
    if grouping and len(whole) > 3:
        head = len(whole) % 3 or 3
        parts = [whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)]
        whole = conv.group.join(parts)
    if sign and not (set(whole + fraction) - {"0"}):
        sign = ""  # -0 and -0.00 are written without a sign
    return sign + whole + (conv.decimal + fraction if fraction else "")
