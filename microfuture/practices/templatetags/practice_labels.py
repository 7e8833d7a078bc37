"""Plain words and the reader's language for the good-practice pages.

`practice|tr:"title"` gives the text in the request language, falling back to the other one;
the other filters turn the library's codes (countries, kinds, target groups, weights,
answers) into words.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from microfuture.finder.models import TARGET_GROUP_CHOICES
from microfuture.finder.templatetags.finder_labels import KIND_LABELS
from microfuture.regions import OTHER_REGIONS, REGIONS

__all__ = [
    "ANSWER_LABELS", "CATEGORY_LABELS", "COUNTRY_NAMES", "IN_LANGUAGE", "KIND_LABELS",
    "STATUS_LABELS", "TARGET_GROUP_LABELS", "WEIGHT_LABELS", "in_language", "in_language_label",
    "reader_language", "region_label", "register", "unit_label",
]

register = template.Library()

COUNTRY_NAMES: dict[str, Promise] = {
    "AT": _("Austria"), "BE": _("Belgium"), "BG": _("Bulgaria"), "HR": _("Croatia"),
    "CY": _("Cyprus"), "CZ": _("Czechia"), "DK": _("Denmark"), "EE": _("Estonia"),
    "FI": _("Finland"), "FR": _("France"), "DE": _("Germany"), "GR": _("Greece"),
    "HU": _("Hungary"), "IE": _("Ireland"), "IT": _("Italy"), "LV": _("Latvia"),
    "LT": _("Lithuania"), "LU": _("Luxembourg"), "MT": _("Malta"), "NL": _("Netherlands"),
    "PL": _("Poland"), "PT": _("Portugal"), "RO": _("Romania"), "SK": _("Slovakia"),
    "SI": _("Slovenia"), "ES": _("Spain"), "SE": _("Sweden"), "NO": _("Norway"),
    "CH": _("Switzerland"), "GB": _("United Kingdom"), "IS": _("Iceland"),
    "RS": _("Serbia"), "BA": _("Bosnia and Herzegovina"), "ME": _("Montenegro"),
    "MK": _("North Macedonia"), "AL": _("Albania"), "UA": _("Ukraine"),
}
TARGET_GROUP_LABELS: dict[str, Any] = dict(TARGET_GROUP_CHOICES)
WEIGHT_LABELS: dict[int, Promise] = {3: _("essential"), 2: _("important"), 1: _("helps")}
ANSWER_LABELS: dict[str, Promise] = {
    "present": _("present"), "partial": _("partial"), "absent": _("absent"),
    "unknown": _("unknown"),
}
STATUS_LABELS: dict[str, Promise] = {
    "draft": _("Draft"), "submitted": _("Submitted"), "approved": _("Approved"),
    "validated": _("Validated"), "running": _("Running"), "ended": _("Ended"),
}
CATEGORY_LABELS: dict[str, Promise] = {
    "legal": _("Legal"), "fiscal": _("Fiscal"), "financial": _("Financial"),
    "institutional": _("Institutional"), "social": _("Social"), "skills": _("Skills"),
}


# Each column of a bilingual text is labelled by its language: "Naslov (slovensko)".
IN_LANGUAGE: dict[str, Promise] = {
    "sl": _("%(field)s (in Slovenian)"), "en": _("%(field)s (in English)"),
}


def in_language_label(label: Any, lang: str) -> str:
    return str(IN_LANGUAGE[lang]) % {"field": label}


# Units of a figure that are words: shown in the reader's language (symbols such as EUR or %
# stay as given). A figure stores the code ("count"), never the word of one language.
UNIT_LABELS: dict[str, Promise] = {
    "count": pgettext_lazy("unit of a figure", "count"),
    # xgettext:no-python-format
    "% of capital": pgettext_lazy("unit of a figure", "% of capital"),
    "people": pgettext_lazy("unit of a figure", "people"),
    "years": pgettext_lazy("unit of a figure", "years"),
}


def unit_label(unit: str) -> str:
    return str(UNIT_LABELS.get((unit or "").strip(), unit or ""))


def reader_language() -> str:
    return "sl" if (translation.get_language() or "en").startswith("sl") else "en"


def in_language(obj: Any, field: str, lang: str | None = None) -> str:
    """`obj.<field>_<lang>`, or the other language's text when that one is empty."""
    lang = lang or reader_language()
    other = "en" if lang == "sl" else "sl"
    if isinstance(obj, dict):
        first, second = obj.get(f"{field}_{lang}"), obj.get(f"{field}_{other}")
    else:
        first, second = getattr(obj, f"{field}_{lang}", ""), getattr(obj, f"{field}_{other}", "")
    return str(first or second or "")


@register.filter
def tr(obj: Any, field: str) -> str:
    return in_language(obj, field)


@register.filter
def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def region_label(code: str, stored_name: str = "") -> str:
    """A region's name for a page, never its bare code: a country by its translated name
    (SI is "Slovenija" on Slovenian pages), Slovenia's regions and known NUTS regions by
    their proper names, otherwise the name stored with it; the code only as a last resort."""
    code = (code or "").strip()
    if code in REGIONS:
        return REGIONS[code]
    if code in COUNTRY_NAMES:
        return str(COUNTRY_NAMES[code])
    return OTHER_REGIONS.get(code) or stored_name or code


@register.filter
def region_name(code: str, stored_name: str = "") -> str:
    return region_label(code, stored_name)


@register.filter
def unit_name(unit: str) -> str:
    return unit_label(unit)


@register.filter
def kind_name(code: str) -> str:
    return str(KIND_LABELS.get(code, code))


@register.filter
def target_group_name(code: str) -> str:
    return str(TARGET_GROUP_LABELS.get(code, code))


@register.filter
def weight_name(weight: Any) -> str:
    try:
        return str(WEIGHT_LABELS.get(int(weight), weight))
    except (TypeError, ValueError):
        return str(weight)


@register.filter
def answer_name(code: str) -> str:
    return str(ANSWER_LABELS.get(code or "unknown", code))


@register.filter
def status_name(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@register.filter
def category_name(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))


@register.filter
def facet_label(code: str, facet: str) -> str:
    """The words for a facet value: `code|facet_label:"country"`."""
    table: dict[str, Any] = {
        "country": COUNTRY_NAMES, "kind": KIND_LABELS, "target_group": TARGET_GROUP_LABELS,
        "status": STATUS_LABELS, "running": STATUS_LABELS,
    }.get(facet, {})
    return str(table.get(str(code), code))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`mapping|get_item:key`: a value of a dict by key, or "" when there is none."""
    return mapping.get(key, "") if isinstance(mapping, dict) else ""
