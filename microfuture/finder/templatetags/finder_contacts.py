"""Whom to contact about a mechanism, as readable links (result page and PDF).

A contact is never shown as a raw address: an e-mail address becomes a `mailto:` link named
after the organisation (the provider, or the club), a web address a link that says which site
it leads to, a path of this site a link that says what it is for. A name stays a name, a
telephone number becomes a `tel:` link. The PDF also prints the e-mail address after the
link, for an adviser reading it on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.utils.translation import gettext as _

from microfuture.finder.mechanism import Mechanism

register = template.Library()

_EMAIL = re.compile(r"^(?:mailto:)?([^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/.-]{5,}$")
_SEPARATORS = re.compile(r"\s+·\s+|;|\n")


@dataclass(frozen=True)
class Contact:
    text: str
    href: str = ""
    address: str = ""  # an e-mail address, printed after the link in the PDF


def _site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _web_link(url: str) -> Contact:
    return Contact(text=_("Details on %(site)s") % {"site": _site(url)}, href=url)


def _part(part: str, organisation: str) -> Contact:
    email = _EMAIL.match(part)
    if email:
        return Contact(text=organisation, href=f"mailto:{email.group(1)}",
                       address=email.group(1))
    if part.lower().startswith(("http://", "https://")):
        return _web_link(part)
    if part.lower().startswith("www."):
        return _web_link(f"https://{part}")
    if part.startswith("/"):
        return Contact(text=_("More on Microfuture Hub"), href=part)
    if _PHONE.match(part):
        return Contact(text=part, href="tel:" + re.sub(r"[^0-9+]", "", part))
    return Contact(text=part)


@register.filter
def contacts(mechanism: Mechanism, lang: str) -> list[Contact]:
    """The mechanism's contact and its web page, each as a readable (linked) contact."""
    club = mechanism.kind == "savings_club"
    organisation = (mechanism.name.get(lang) if club else mechanism.provider_name.get(lang)
                    ) or mechanism.name.get(lang)
    found = [_part(p.strip(), organisation)
             for p in _SEPARATORS.split(mechanism.contact or "") if p.strip()]
    if mechanism.url.startswith("/"):
        found.append(Contact(
            text=_("Apply to the club") if club
            else _("More on Microfuture Hub"),
            href=mechanism.url,
        ))
    elif mechanism.url:
        found.append(_web_link(mechanism.url))
    return found
