"""One practice's page."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from microfuture.practices import permissions
from microfuture.practices.forms import SendBackForm, ValidateForm
from microfuture.practices.models import Interview, Practice
from microfuture.practices.templatetags.practice_labels import WEIGHT_LABELS, in_language
from microfuture.practices.views.common import factor_rows, region_choices, visible_practice


@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = visible_practice(request, slug)
    user = request.user
    can_edit = permissions.can_edit(user, practice)
    editor = permissions.is_editor(user)
    by_weight: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in factor_rows(practice):
        by_weight[row["weight"]].append(row)
    interviews = (
        Interview.objects.filter(question_set__practice=practice, consent_given=True)
        .prefetch_related("answers__question", "answers__factors").order_by("-held_on")
    )
    return render(request, "practices/practice_detail.html", {
        "practice": practice,
        "indicators": practice.indicators.all(),
        "factor_groups": [(WEIGHT_LABELS[w], by_weight[w]) for w in (3, 2, 1) if by_weight[w]],
        "interviews": interviews,
        "regions": region_choices(),
        "can_edit": can_edit,
        "can_see_revisions": can_edit or editor,
        "can_submit": permissions.can_submit(user, practice),
        "can_approve": permissions.can_approve(user, practice),
        "four_eyes": editor and practice.status == Practice.Status.SUBMITTED
        and permissions.wrote_it(user, practice),
        "needs_sources": practice.status == Practice.Status.SUBMITTED
        and not permissions.has_sources(practice),
        "curator": permissions.can_read_curator_notes(user),
        "can_send_back": permissions.can_send_back(user, practice),
        "can_validate": permissions.can_validate(user, practice),
        "can_interview": permissions.can_manage_insights(user, practice),
        "send_back_form": SendBackForm(),
        "validate_form": ValidateForm(initial={"opinion_sl": practice.expert_opinion_sl,
                                               "opinion_en": practice.expert_opinion_en}),
        "expert_opinion": in_language(practice, "expert_opinion"),
    })
