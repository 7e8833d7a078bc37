"""`{% optional_static path as name %}`: a static file's URL, or "" when it cannot be had.

The error pages use it so that they still answer when the collected static files or their
manifest are missing (ManifestStaticFilesStorage raises ValueError then): the page loses
its style, not its answer.
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def optional_static(path: str) -> str:
    try:
        return static(path)
    except Exception:  # a missing manifest or file: the page is served unstyled
        return ""
