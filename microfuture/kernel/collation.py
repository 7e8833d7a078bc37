"""Sorting words the Slovenian way: a b c č ć d đ e … s š t … z ž, case-insensitive.

Pure and in the shared kernel: every app that sorts names for a reader sorts with
`slovenian_key`, or with `name_key` when the reader's language decides (the finder, the
library's search, the guides, the network's lists and the municipalities table).
"""

from __future__ import annotations

import unicodedata

_SL_ALPHABET = "abcčćdđefghijklmnopqrsštuvwxyzž"


def _sl_table() -> dict[int, int | None]:
    """A translation that turns case-folded text into text whose code-point order is the
    Slovenian order: letters of the alphabet go to private-use code points in alphabet
    order (above digits and punctuation, which keep theirs); other Latin letters with a
    diacritic go to their base letter (é as e); loose accent marks are dropped."""
    table: dict[int, int | None] = {ord(c): 0xE000 + 2 * i for i, c in enumerate(_SL_ALPHABET)}
    for code in range(0xC0, 0x250):
        c = chr(code).casefold()
        if len(c) != 1 or ord(c) in table or not c.isalpha():
            continue
        base = unicodedata.normalize("NFD", c)[0]
        if ord(base) in table and base != c:
            table[code] = table[ord(base)]
    for code in range(0x300, 0x370):
        table[code] = None
    return table


_SL_TABLE = _sl_table()


def slovenian_key(name: str) -> tuple[str, str, str]:
    """Sort key for Slovenian: a b c č ć d đ e … s š t … z ž, case-insensitive.

    Letters outside the alphabet sort with their base letter (é as e); ties are broken by
    the case-folded text, then the text itself, so the order is total and deterministic.
    """
    folded = unicodedata.normalize("NFC", name).casefold()
    return folded.translate(_SL_TABLE), folded, name



def name_key(name: str, lang: str) -> tuple[str, ...]:
    """Sort key of a name for a reader of `lang`: the Slovenian order for "sl", else
    case-insensitive code-point order (ties broken by the name itself)."""
    return slovenian_key(name) if lang == "sl" else (name.casefold(), name)
