"""Plain words for the finder's codes (kinds of mechanism)."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

KIND_LABELS: dict[str, Promise] = {
    "microloan": _("Microloan"),
    "loan": _("Loan"),
    "guarantee": _("Guarantee"),
    "grant": _("Grant"),
    "equity": _("Equity investment"),
    "savings_club": _("Citizens' savings club"),
    "crowdfunding": _("Crowdfunding"),
    "advice": _("Advice and mentoring"),
}


@register.filter
def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))
