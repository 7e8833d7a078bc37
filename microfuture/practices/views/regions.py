"""Region profiles: the list, a new one, a region's answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from microfuture.practices import permissions, selectors, services
from microfuture.practices.forms import RegionAnswersForm, RegionProfileForm
from microfuture.practices.models import FactorAnswer, RegionProfile, SuccessFactor
from microfuture.practices.templatetags.practice_labels import reader_language, region_label
from microfuture.practices.views.common import posted, require


@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    regions = RegionProfile.objects.all()
    total = SuccessFactor.objects.count()
    answered = {
        row["region"]: row["n"] for row in
        FactorAnswer.objects.exclude(answer=FactorAnswer.Answer.UNKNOWN)
        .values("region").annotate(n=Count("id"))
    }
    return render(request, "practices/region_list.html", {
        "regions": [(r, region_label(r.code, r.name), answered.get(r.pk, 0))
                    for r in regions], "total": total,
        "editor": permissions.can_edit_regions(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def region_new(request: HttpRequest) -> HttpResponse:
    """A curator creates a region profile (the same right as editing profiles); its answers
    are given on its own page, and until then it inherits its country's."""
    require(permissions.can_edit_regions(request.user))
    form = RegionProfileForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            region = services.region_profile_create(
                code=form.cleaned_data["code"], name=form.cleaned_data["name"],
                actor=request.user)
        except services.PracticeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The region profile is created (region: %(region)s). "
                                        "Give its answers below.")
                             % {"region": region_label(region.code, region.name)})
            return redirect("practices:region", code=region.code)
    return render(request, "practices/region_new.html", {"form": form, "form_list": [form]},
                  status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def region_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(RegionProfile, code=code)
    editor = permissions.can_edit_regions(request.user)
    factors = list(SuccessFactor.objects.all())
    rows = list(region.answers.select_related("factor"))
    current = {a.factor.key: (a.answer, a.note, a.note_sl) for a in rows}
    form = RegionAnswersForm(posted(request), factors=factors, current=current)
    if request.method == "POST":
        require(editor)
        if form.is_valid():
            changed = 0
            try:
                for factor in factors:
                    answer = form.cleaned_data[f"answer_{factor.key}"]
                    note = form.cleaned_data[f"note_{factor.key}"].strip()
                    note_sl = form.cleaned_data[f"note_sl_{factor.key}"].strip()
                    if current.get(factor.key, ("unknown", "", "")) != (answer, note, note_sl):
                        services.region_answer_set(region=region, factor=factor, answer=answer,
                                                   note=note, note_sl=note_sl,
                                                   actor=request.user)
                        changed += 1
            except services.PracticeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The answers are saved (region: %(region)s; "
                                            "%(n)s changed).")
                                 % {"region": region_label(region.code, region.name),
                                    "n": changed})
                return redirect("practices:region", code=region.code)
    return render(request, "practices/region_edit.html", {
        "region": region, "form": form, "editor": editor, "form_list": [form],
        "region_name": region_label(region.code, region.name),
        "notes_shown": {a.factor.key: selectors.note_in(a, reader_language()) for a in rows},
        # The country's answers this region inherits (factors it leaves unknown).
        "inherited": {key: a for key, a in
                      selectors.region_answers(region, reader_language()).items()
                      if a.inherited_from},
        "curator_notes": selectors.curator_notes(region)
        if permissions.can_read_curator_notes(request.user) else {},
    }, status=400 if request.method == "POST" else 200)
