"""A vote's decision and a proposal's changes in the reader's language (`clubs.decisions`)."""

from __future__ import annotations

from django import template

from microfuture.clubs.decisions import change_lines, decision_text, rule_label
from microfuture.clubs.models import Proposal

register = template.Library()


@register.filter(name="decision_text")
def decision_text_filter(proposal: Proposal) -> str:
    return decision_text(proposal)


@register.filter(name="change_lines")
def change_lines_filter(proposal: Proposal) -> list[tuple[str, str]]:
    return change_lines(proposal)


@register.filter(name="rule_label")
def rule_label_filter(code: str) -> str:
    return rule_label(code)
