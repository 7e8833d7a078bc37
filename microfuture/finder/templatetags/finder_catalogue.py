"""How true a catalogue entry is, for the result page, its PDF and the catalogue pages.

`{% catalogue_facts mechanism on entry as facts %}` gives what a page shows under a
mechanism: whether it is a catalogue entry (a savings club comes from the platform itself and
has no catalogue page, check date or sources), whether it is stale on the answer's date (the
core's `stale` key when the answer carries it, else `freshness.is_stale`), when it was last
checked, its sources as links named after their site, and the address of its public page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.urls import reverse
from django.utils import timezone

from microfuture.finder import freshness
from microfuture.finder.mechanism import Mechanism

register = template.Library()

CLUB_PROVIDER = "microfuture-clubs"  # matching.CLUB_PROVIDER: clubs are not catalogue entries


@dataclass(frozen=True)
class Source:
    text: str
    href: str


@dataclass(frozen=True)
class Facts:
    catalogue: bool
    stale: bool
    verified_on: dt.date | None
    sources: tuple[Source, ...]
    page: str  # the public page of the mechanism's product ("" for a club)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def source_links(urls: tuple[str, ...]) -> tuple[Source, ...]:
    """Each address named after its site; a site cited twice is numbered."""
    sites = [(urlsplit(url).hostname or url).removeprefix("www.") for url in urls]
    links = []
    for index, (url, site) in enumerate(zip(urls, sites, strict=True)):
        if sites.count(site) > 1:
            site = f"{site} ({sites[:index + 1].count(site)})"
        links.append(Source(text=site, href=url))
    return tuple(links)


@register.simple_tag
def catalogue_facts(mechanism: Mechanism, on: Any = None,
                    entry: Mapping[str, Any] | None = None) -> Facts:
    if mechanism.provider == CLUB_PROVIDER:
        return Facts(catalogue=False, stale=False, verified_on=None, sources=(), page="")
    day = _day(on) or timezone.localdate()
    if entry is not None and isinstance(entry.get("stale"), bool):
        stale = bool(entry["stale"])
    else:
        stale = freshness.is_stale(mechanism.verified_on, day)
    return Facts(
        catalogue=True, stale=stale, verified_on=mechanism.verified_on,
        sources=source_links(mechanism.sources),
        page=reverse("finder:mechanism", args=[mechanism.slug]),
    )
