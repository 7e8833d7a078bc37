"""Recording a practitioner interview (and creating the standard question set)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.practices import permissions, services
from microfuture.practices.forms import InterviewForm
from microfuture.practices.models import QuestionSet, SuccessFactor
from microfuture.practices.views.common import posted, require, visible_practice


@login_required
@require_http_methods(["GET", "POST"])
def interview_new(request: HttpRequest, slug: str) -> HttpResponse:
    practice = visible_practice(request, slug)
    require(permissions.can_manage_insights(request.user, practice))
    sets = list(QuestionSet.objects.filter(practice=practice).order_by("pk"))
    if request.method == "POST" and "create_standard_set" in request.POST:
        try:
            services.question_set_create(
                practice=practice, title=_("Practitioner interview"),
                # The generic guide of data/question_sets.yaml.
                questions=[{"sl": sl, "en": en} for sl, en in services.standard_questions()],
                actor=request.user)
        except services.PracticeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("A question set with the standard questions is "
                                        "created."))
        return redirect("practices:interview_new", slug=practice.slug)
    if not sets:
        return render(request, "practices/interview_form.html", {
            "practice": practice, "form": None, "sets": sets})
    chosen = request.POST.get("question_set") or request.GET.get("set")
    question_set = next((s for s in sets if str(s.pk) == chosen), sets[0])
    factors = [pf.factor for pf in practice.practice_factors.select_related("factor")] or list(
        SuccessFactor.objects.all())
    form = InterviewForm(posted(request), question_set=question_set, factors=factors)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interview_record(
                question_set=question_set, actor=request.user,
                interviewee_role=data["interviewee_role"], organisation=data["organisation"],
                held_on=data["held_on"], consent_given=data["consent_given"],
                consent_text=data["consent_text"], answers=form.answers())
        except services.PracticeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The interview is recorded."))
            return redirect("practices:detail", slug=practice.slug)
    return render(request, "practices/interview_form.html", {
        "practice": practice, "form": form, "sets": sets, "question_set": question_set,
        "form_list": [form],
    }, status=400 if request.method == "POST" else 200)
