"""`{% glossed text %}`: plain text with the glossary's terms linked on their first use on the
page (`guides/glossary.py`).

One marker per page, kept on the request, so that several `{% glossed %}` on a page (finder
cards, a summary, a help text) link each term only where it first appears. Without a request
(an e-mail, a PDF made outside a view) each call starts a fresh marker.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from microfuture.guides.glossary import Marker, marker

register = template.Library()

_ATTR = "_guides_glossary_markers"


def page_marker(request: Any, lang: str) -> Marker:
    """The page's marker for `lang` (made on first use, then kept on the request)."""
    if request is None:
        return marker(lang)
    markers: dict[str, Marker] | None = getattr(request, _ATTR, None)
    if markers is None:
        markers = {}
        setattr(request, _ATTR, markers)
    if lang not in markers:
        markers[lang] = marker(lang)
    return markers[lang]


@register.simple_tag(takes_context=True)
def glossed(context: template.Context, text: Any) -> SafeString:
    """The text, escaped, with the first use on the page of each glossary term linked."""
    if text is None or text == "":
        return mark_safe("")
    lang = (get_language() or "en").split("-")[0]
    return mark_safe(page_marker(context.get("request"), lang)(str(text)))
