"""Proposing a practice and editing one (the record, its indicators, its factors)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.practices import permissions, services
from microfuture.practices.forms import FactorWeightsForm, IndicatorFormSet, PracticeForm
from microfuture.practices.models import Practice, SuccessFactor
from microfuture.practices.views.common import posted, require, visible_practice


def _initial(practice: Practice) -> dict[str, Any]:
    fields = [f.name for f in Practice._meta.get_fields() if hasattr(f, "attname")]
    data = {name: getattr(practice, name) for name in fields}
    data["sources"] = "\n".join(practice.sources or [])
    data["contacts"] = "\n".join(practice.contacts or [])
    return data


def _practice_data(form: PracticeForm, indicators: Any, weights: FactorWeightsForm
                   ) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    if not data.get("slug"):
        data.pop("slug", None)
    data["indicators"] = [
        {k: f.cleaned_data.get(k) for k in ("name_sl", "name_en", "value", "unit", "year")}
        for f in indicators.forms if f.filled()
    ]
    data["success_factors"] = weights.chosen()
    return data


def _edit(request: HttpRequest, practice: Practice | None) -> HttpResponse:
    factors = list(SuccessFactor.objects.all())
    if practice is None:
        initial: dict[str, Any] = {}
        indicator_initial: list[dict[str, Any]] = []
        weight_initial: dict[str, str] = {}
    else:
        initial = _initial(practice)
        indicator_initial = [
            {"name_sl": i.name_sl, "name_en": i.name_en, "value": i.value, "unit": i.unit,
             "year": i.year} for i in practice.indicators.all()
        ]
        weight_initial = {f"w_{pf.factor.key}": str(pf.weight)
                          for pf in practice.practice_factors.select_related("factor")}
    data = posted(request)
    form = PracticeForm(data, initial=initial,
                        curator=permissions.can_read_curator_notes(request.user))
    if practice is not None:
        form.fields["slug"].disabled = True
    indicators = IndicatorFormSet(data, initial=indicator_initial, prefix="ind")
    weights = FactorWeightsForm(data, initial=weight_initial, factors=factors, prefix="sf")
    if request.method == "POST":
        valid = [form.is_valid(), indicators.is_valid(), weights.is_valid()]
        if all(valid):
            try:
                saved = services.practice_save(
                    practice=practice, data=_practice_data(form, indicators, weights),
                    actor=request.user)
            except services.PracticeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The practice is saved.") if practice else
                                 _("The practice is saved as a draft."))
                return redirect("practices:detail", slug=saved.slug)
    return render(request, "practices/practice_form.html", {
        "practice": practice, "form": form, "indicators": indicators, "weights": weights,
        "form_list": [form, weights, *indicators.forms],
        "has_errors": bool(form.errors or weights.errors or indicators.total_error_count()),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def practice_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = visible_practice(request, slug)
    require(permissions.can_edit(request.user, practice))
    return _edit(request, practice)
