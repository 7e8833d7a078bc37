"""A record's bilingual text in the reader's language (`{{ meeting|local:"title" }}`), falling
back to the other language when one is empty, with the language it is in for `lang=`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


def local_text(obj: Any, field: str, language: str | None = None) -> tuple[str, str]:
    """(text, language code) of `obj.<field>_sl` / `obj.<field>_en` for the reader."""
    first = "en" if (language or get_language() or "sl").startswith("en") else "sl"
    second = "sl" if first == "en" else "en"
    for code in (first, second):
        text = getattr(obj, f"{field}_{code}", "") or ""
        if text:
            return text, code
    return "", first


@register.filter
def local(obj: Any, field: str) -> str:
    return local_text(obj, field)[0]


@register.filter
def local_lang(obj: Any, field: str) -> str:
    return local_text(obj, field)[1]
