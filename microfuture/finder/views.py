"""The finder's pages: the questionnaire, the result page and its PDF (HTTP only).

No account is needed and nothing about the person is stored: the answers live in the
address of the page, which is also the share link. Only anonymous counts are kept (which
mechanisms were shown, which criteria failed), for the impact dashboards.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from microfuture.accounts.permissions import is_curator
from microfuture.finder import matching, services
from microfuture.finder.answers import answer_lines
from microfuture.finder.forms import STEPS, ProfileForm
from microfuture.finder.where import where_map

LAST_STEP = max(STEPS)


def _query(answers: dict[str, Any]) -> str:
    return urlencode(answers, doseq=True)


def _step(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("step", "1")), 1), LAST_STEP)
    except ValueError:
        return 1


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """One step of the questionnaire; the other steps' answers ride along as hidden fields."""
    step = _step(request)
    submitted = "go" in request.GET
    form = ProfileForm(request.GET if request.GET else None)
    if submitted and form.is_valid():
        go = request.GET["go"]
        answers = form.answered()
        if go == "results" or (go == "next" and step == LAST_STEP):
            return redirect(f"{reverse('finder:results')}?{_query(answers)}")
        step = step + 1 if go == "next" else max(step - 1, 1)
        form = ProfileForm(initial=answers)
        carried = answers
    else:
        if submitted:  # show the first step that holds an error
            step = next(
                (n for n, names in STEPS.items() if any(f in form.errors for f in names)), step
            )
        carried = form.answered() if form.is_bound and form.is_valid() else {}
        if form.is_bound and not form.is_valid():
            carried = {k: v for k, v in request.GET.lists() if k not in ("go", "step")}
    visible = STEPS[step]
    hidden = [
        (name, value)
        for name, values in carried.items()
        if name not in visible
        for value in (values if isinstance(values, list) else [values])
    ]
    return render(request, "finder/start.html", {
        "form": form, "step": step, "steps": LAST_STEP, "visible": visible, "hidden": hidden,
    })


def _result(request: HttpRequest) -> tuple[ProfileForm, dict[str, Any] | None]:
    form = ProfileForm(request.GET)
    if not form.is_valid():
        return form, None
    lang = (translation.get_language() or "en").split("-")[0]
    profile = {**form.profile_data(), "lang": "sl" if lang == "sl" else "en"}
    return form, matching.finder_result(profile, today=timezone.localdate())


def _fix_answers(request: HttpRequest, form: ProfileForm) -> HttpResponse:
    """Answers that cannot be read (an edited link): show the step that holds the problem."""
    step = next((n for n, names in STEPS.items() if any(f in form.errors for f in names)), 1)
    hidden = [(k, v) for k, values in request.GET.lists() if k not in STEPS[step]
              and k not in ("go", "step") for v in values]
    return render(request, "finder/start.html", {
        "form": form, "step": step, "steps": LAST_STEP, "visible": STEPS[step], "hidden": hidden,
    }, status=400)


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form, result = _result(request)
    if result is None:
        return _fix_answers(request, form)
    services.usage_record(
        result_groups=matching.shown_groups(result), failed_criteria=matching.failed(result),
        day=timezone.localdate(), profile=result["profile"],
    )
    share = request.build_absolute_uri(f"{reverse('finder:results')}?{_query(form.answered())}")
    return render(request, "finder/results.html", {
        "result": result, "share_link": share, "answers": form.answered(),
        "query": _query(form.answered()), "answer_lines": answer_lines(form),
        # Curators' notes on a mechanism are for the catalogue's editors, never visitors.
        "curator": is_curator(request.user),
        "where": where_map(form.answered()),
        # The clubs' card lists its first clubs until the reader asks for all of them.
        "all_clubs": request.GET.get("clubs") == "all",
    })


@require_GET
def results_pdf(request: HttpRequest) -> HttpResponse:
    from weasyprint import HTML

    form, result = _result(request)
    if result is None:
        return _fix_answers(request, form)
    html = render_to_string("finder/results_pdf.html", {
        "result": result, "answer_lines": answer_lines(form), "pdf": True,
        # The guides' addresses are printed whole: a PDF's reader cannot always click.
        "site": request.build_absolute_uri("/").rstrip("/"),
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="finance-finder.pdf"'
    return response
