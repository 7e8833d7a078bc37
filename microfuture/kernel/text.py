"""One bilingual text: the same words in Slovenian and in English.

Pure (no Django, no I/O). The catalogue, the finder's answers, the practices and the data
files carry their texts as a `Bilingual`; a page shows `text.get(language)`. Not to be mixed
up with the clubs core's `Text`, which is one English message template with parameters that
the edge translates.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Bilingual"]


@dataclass(frozen=True)
class Bilingual:
    """A text in Slovenian and English; either may be empty (the other is shown then)."""

    sl: str = ""
    en: str = ""

    def get(self, lang: str) -> str:
        first, second = (self.sl, self.en) if lang == "sl" else (self.en, self.sl)
        return first or second

    def __bool__(self) -> bool:
        return bool(self.sl or self.en)
