"""Pages of the good-practice library (HTTP only): search and facets, a practice, compare,
the map, transferability to a region, editing with revisions, the workflow, region profiles
and practitioner interviews (spec: shared/specs/good-practices.md).

Who may see and do what is asked of `permissions` and again by the services; a record the
person may not see is a 404 (from `selectors.practice_for`), an action they may not take a 403.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microfuture.maps import europe_nuts
from microfuture.practices import mapping, permissions, revision_text, selectors, services
from microfuture.practices import search as practice_search
from microfuture.practices.forms import (
    FactorWeightsForm,
    IndicatorFormSet,
    InterviewForm,
    PracticeForm,
    RegionAnswersForm,
    RegionProfileForm,
    SendBackForm,
    ValidateForm,
)
from microfuture.practices.models import (
    FactorAnswer,
    Interview,
    Practice,
    QuestionSet,
    RegionProfile,
    Revision,
    SuccessFactor,
)
from microfuture.practices.templatetags.practice_labels import (
    COUNTRY_NAMES,
    KIND_LABELS,
    TARGET_GROUP_LABELS,
    WEIGHT_LABELS,
    in_language,
    reader_language,
    region_label,
    unit_label,
)
from microfuture.regions import region_name as nuts_region_name

PER_PAGE = 20
COMPARE_MIN, COMPARE_MAX = 2, 4
RUNNING_VALUES = {"running": True, "ended": False}


def posted(request: HttpRequest) -> Any:
    """The POST data, or None on GET (so an empty POST still shows the form's errors)."""
    return request.POST if request.method == "POST" else None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _practice(request: HttpRequest, slug: str) -> Practice:
    """The practice if the person may see it; a 404 otherwise (drafts stay unknown)."""
    return selectors.practice_for(request.user, slug)


def _region_choices() -> list[tuple[str, str]]:
    out = []
    for region in selectors.region_profiles():
        code = region["code"] if isinstance(region, dict) else region.code
        name = region["name"] if isinstance(region, dict) else region.name
        out.append((str(code), region_label(str(code), str(name))))
    return out


def _factor_rows(practice: Practice) -> list[dict[str, Any]]:
    return [
        {"key": pf.factor.key, "name": in_language(pf.factor, "name") or pf.factor.key,
         "category": pf.factor.category, "weight": pf.weight}
        for pf in practice.practice_factors.select_related("factor")
    ]


# ----------------------------------------------------------------------------- list, search

FACETS = ("country", "kind", "target_group", "status", "running")
FACET_LEGENDS = {
    "country": gettext_lazy("Country"),
    "kind": gettext_lazy("Kind of mechanism"),
    "target_group": gettext_lazy("Target group"),
    "status": gettext_lazy("Status"),
    "running": gettext_lazy("Running or ended"),
}


def _running_count(counts: dict[Any, int], value: bool) -> int:
    names = ("running", "true", "True", "1", "yes") if value else (
        "ended", "false", "False", "0", "no")
    for key, count in counts.items():
        if key is value or str(key) in names:
            return int(count)
    return 0


def _facet_groups(facets: dict[str, dict[Any, int]], chosen: dict[str, str],
                  editor: bool) -> list[dict[str, Any]]:
    groups = []
    for name in FACETS:
        if name == "status" and not editor:
            continue
        counts = facets.get(name) or {}
        if name == "running":
            options = [("running", _("Running"), _running_count(counts, True)),
                       ("ended", _("Ended"), _running_count(counts, False))]
        else:
            labels: dict[str, Any] = {
                "country": COUNTRY_NAMES, "kind": KIND_LABELS,
                "target_group": TARGET_GROUP_LABELS,
                "status": dict(Practice.Status.choices),
            }[name]
            values = {str(k): int(v) for k, v in counts.items()}
            if chosen.get(name) and chosen[name] not in values:
                values[chosen[name]] = 0
            options = sorted(
                ((value, str(labels.get(value, value)), count)
                 for value, count in values.items()),
                key=lambda o: (-o[2], o[1]))
        groups.append({"name": name, "legend": FACET_LEGENDS[name], "options": options,
                       "chosen": chosen.get(name, "")})
    return groups


def _page_links(request: HttpRequest, page: int, pages: int) -> list[dict[str, Any]]:
    base = [(k, v) for k, values in request.GET.lists() if k != "page" for v in values]
    links: list[dict[str, Any]] = []
    for number in range(1, pages + 1):
        if pages > 9 and abs(number - page) > 2 and number not in (1, pages):
            if links and links[-1]["number"] is not None:
                links.append({"number": None, "url": "", "current": False})
            continue
        links.append({"number": number, "current": number == page,
                      "url": "?" + urlencode([*base, ("page", str(number))])})
    return links


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    editor = permissions.is_editor(request.user)
    chosen = {name: request.GET.get(name, "").strip() for name in FACETS}
    if not editor:
        chosen["status"] = ""
    q = request.GET.get("q", "").strip()[:200]
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    result = practice_search.search(
        user=request.user, q=q, country=chosen["country"], kind=chosen["kind"],
        target_group=chosen["target_group"], status=chosen["status"],
        running=RUNNING_VALUES.get(chosen["running"]), page=page, per_page=PER_PAGE,
        lang=reader_language(),
    )
    pages = max(math.ceil(result.count / PER_PAGE), 1)
    links = _page_links(request, page, pages) if pages > 1 else []
    return render(request, "practices/practice_list.html", {
        "q": q, "hits": result.results, "count": result.count, "page": page, "pages": pages,
        "page_links": links,
        "prev_url": next((x["url"] for x in links if x["number"] == page - 1), ""),
        "next_url": next((x["url"] for x in links if x["number"] == page + 1), ""),
        "facet_groups": _facet_groups(result.facets or {}, chosen, editor),
        "filtered": bool(q or any(chosen.values())),
    })


# ----------------------------------------------------------------------------- one practice

@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug)
    user = request.user
    can_edit = permissions.can_edit(user, practice)
    editor = permissions.is_editor(user)
    by_weight: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in _factor_rows(practice):
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
        "regions": _region_choices(),
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


# ----------------------------------------------------------------------------- compare

def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):  # the page's one date format (docs/formats.md)
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _compare_rows(practices: list[Practice]) -> list[tuple[str, list[Any]]]:
    def each(fn: Any) -> list[Any]:
        return [fn(p) for p in practices]

    def factors(p: Practice) -> str:
        return "; ".join(f"{r['name']} ({WEIGHT_LABELS[r['weight']]})" for r in _factor_rows(p))

    def indicators(p: Practice) -> str:
        return "; ".join(
            f"{in_language(i, 'name')}: {i.value} {unit_label(i.unit)}".strip()
            + (f" ({i.year})" if i.year else "") for i in p.indicators.all())

    rows: list[tuple[str, list[Any]]] = [
        (_("Summary"), each(lambda p: in_language(p, "summary"))),
        (_("Country"), each(lambda p: str(COUNTRY_NAMES.get(p.country, p.country)))),
        (_("Region"), each(lambda p: region_label(p.region) if p.region else "")),
        (_("City"), each(lambda p: p.city)),
        (_("Main institution"), each(lambda p: p.main_institution)),
        (_("Started on"), each(lambda p: p.started_on)),
        (_("Ended on"), each(lambda p: p.ended_on or _("still running"))),
        (_("Kinds of mechanism"), each(
            lambda p: [str(KIND_LABELS.get(k, k)) for k in p.mechanism_kinds])),
        (_("Target groups"), each(
            lambda p: [str(TARGET_GROUP_LABELS.get(g, g)) for g in p.target_groups])),
        (_("Description"), each(lambda p: in_language(p, "description"))),
        (_("Resources needed"), each(lambda p: in_language(p, "resources_needed"))),
        (_("Evidence of success"), each(lambda p: in_language(p, "evidence"))),
        (_("Figures"), each(indicators)),
        (_("Difficulties encountered"), each(lambda p: in_language(p, "difficulties"))),
        (_("Potential for transfer"), each(lambda p: in_language(p, "transfer_potential"))),
        (_("Success factors"), each(factors)),
        (_("Lessons from failures"), each(lambda p: in_language(p, "lessons"))),
        (_("Status"), each(lambda p: p.get_status_display())),
        (_("Expert opinion"), each(lambda p: in_language(p, "expert_opinion"))),
    ]
    return [(label, [_text(v) for v in values]) for label, values in rows]


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    slugs = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
    if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
        return render(request, "practices/compare.html", {
            "refused": True, "picked": len(slugs),
            "back": reverse("practices:list"),
        }, status=400)
    practices = [_practice(request, slug) for slug in slugs]
    return render(request, "practices/compare.html", {
        "practices": practices, "rows": _compare_rows(practices),
    })


# ----------------------------------------------------------------------------- map

def _nuts_name(code: str) -> str:
    """A region's name (never its bare code): the platform's, else the NUTS file's."""
    name = nuts_region_name(code)
    if name != code:
        return name
    return next((r.name for r in europe_nuts() if r.code == code), code)


@require_GET
def practice_map(request: HttpRequest) -> HttpResponse:
    practices = list(selectors.visible_practices(request.user).order_by("country", "slug"))
    points: list[mapping.MapPoint] = []
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in practices:
        title = in_language(p, "title") or p.slug
        url = reverse("practices:detail", args=[p.slug])
        on_map = (p.latitude is not None and p.longitude is not None
                  and mapping.inside(p.latitude, p.longitude))
        if on_map:
            assert p.latitude is not None and p.longitude is not None
            points.append(mapping.MapPoint(label=title, url=url, latitude=p.latitude,
                                           longitude=p.longitude, marker=str(len(points) + 1)))
        by_country[p.country].append({"practice": p, "title": title, "url": url,
                                      "on_map": on_map,
                                      "marker": str(len(points)) if on_map else ""})
    in_region = Counter(p.region for p in practices if p.region)
    svg = mapping.build_svg(
        points, title=_("Map of the good practices"),
        description=_("Each point is a practice at its location; the same practices are "
                      "listed by country below the map. The regions (NUTS 3) where "
                      "practices are, are filled."),
        regions={code: ngettext("%(region)s: %(count)s practice",
                                "%(region)s: %(count)s practices", n)
                 % {"region": _nuts_name(code), "count": n}
                 for code, n in in_region.items()},
    )
    countries = sorted(by_country.items(),
                       key=lambda item: str(COUNTRY_NAMES.get(item[0], item[0])))
    return render(request, "practices/practice_map.html", {
        # mapping.build_svg escapes every text it puts in the drawing.
        "svg": mark_safe(svg),
        "countries": countries, "located": len(points),
    })


# ----------------------------------------------------------------------------- transferability

@require_GET
def transferability(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug)
    regions = _region_choices()
    code = request.GET.get("region", "").strip()
    if not code and regions:
        code = regions[0][0]
    result = None
    region_name = ""
    if code:
        if code not in dict(regions):
            raise Http404
        region_name = dict(regions)[code]
        result = selectors.transferability(practice, code, lang=reader_language())
        if permissions.can_read_curator_notes(request.user):
            notes = selectors.curator_notes(selectors.region_for(code))
            for row in result["factors"]:
                row["curator_note"] = notes.get(row["key"], "")
    # Preconditions make the score; the things a pilot builds are shown apart (transfer.py).
    factors = result["factors"] if result else []
    return render(request, "practices/transferability.html", {
        "practice": practice, "regions": regions, "region_code": code,
        "region_name": region_name, "result": result,
        "preconditions": [f for f in factors if f["kind"] == SuccessFactor.Kind.PRECONDITION],
        "pilot_factors": [f for f in factors if f["kind"] != SuccessFactor.Kind.PRECONDITION],
        "curator": permissions.can_read_curator_notes(request.user),
        "api_url": "/api/v1/practices/{}/transferability?{}".format(
            practice.slug, urlencode({"region": code})) if code else "",
    })


# ----------------------------------------------------------------------------- editing

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
    practice = _practice(request, slug)
    _require(permissions.can_edit(request.user, practice))
    return _edit(request, practice)


# ----------------------------------------------------------------------------- workflow

def _workflow(request: HttpRequest, slug: str, allowed: Any, action: Any, done: str,
              form: Any = None) -> HttpResponse:
    practice = _practice(request, slug)
    _require(bool(allowed(request.user, practice)))
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("practices:detail", slug=practice.slug)
    try:
        action(practice)
    except services.PracticeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("practices:detail", slug=practice.slug)


@require_POST
def practice_submit(request: HttpRequest, slug: str) -> HttpResponse:
    return _workflow(
        request, slug, permissions.can_submit,
        lambda p: services.practice_submit(practice=p, actor=request.user),
        _("The practice is submitted for review."))


@require_POST
def practice_approve(request: HttpRequest, slug: str) -> HttpResponse:
    return _workflow(
        request, slug, permissions.can_approve,
        lambda p: services.practice_approve(practice=p, actor=request.user),
        _("The practice is approved and now public."))


@require_POST
def practice_send_back(request: HttpRequest, slug: str) -> HttpResponse:
    form = SendBackForm(request.POST)
    return _workflow(
        request, slug, permissions.can_send_back,
        lambda p: services.practice_send_back(practice=p, actor=request.user,
                                              comment=form.cleaned_data["comment"]),
        _("The practice is sent back to its author with your comment."), form)


@require_POST
def practice_validate(request: HttpRequest, slug: str) -> HttpResponse:
    form = ValidateForm(request.POST)
    return _workflow(
        request, slug, permissions.can_validate,
        lambda p: services.practice_validate(
            practice=p, actor=request.user, opinion_sl=form.cleaned_data["opinion_sl"],
            opinion_en=form.cleaned_data["opinion_en"]),
        _("Your expert opinion is recorded and the practice is marked as validated."), form)


# ----------------------------------------------------------------------------- revisions

def _revision_practice(request: HttpRequest, slug: str) -> Practice:
    practice = _practice(request, slug)
    _require(permissions.can_edit(request.user, practice)
             or permissions.is_editor(request.user))
    return practice


@require_GET
def revision_list(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _revision_practice(request, slug)
    return render(request, "practices/revision_list.html", {
        "practice": practice,
        "revisions": [(r, revision_text.revision_note(r.note))
                      for r in selectors.revisions(practice)],
    })


def _snapshot(revision: Revision | None) -> dict[str, Any] | None:
    if revision is None:
        return None
    return revision.data if isinstance(revision.data, dict) else {"data": revision.data}


@require_GET
def revision_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    practice = _revision_practice(request, slug)
    revision = get_object_or_404(Revision.objects.select_related("author"),
                                 practice=practice, number=number)
    before = (Revision.objects.filter(practice=practice, number__lt=number)
              .order_by("-number").first())
    data = _snapshot(revision)
    assert data is not None
    return render(request, "practices/revision_detail.html", {
        "practice": practice, "revision": revision, "before": before,
        "note": revision_text.revision_note(revision.note),
        "changes": revision_text.changes(_snapshot(before), data),
    })


@require_POST
def revision_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    practice = _revision_practice(request, slug)
    _require(permissions.can_restore(request.user, practice))
    revision = get_object_or_404(Revision, practice=practice, number=number)
    try:
        services.practice_restore(practice=practice, revision=revision, actor=request.user)
    except services.PracticeError as exc:
        messages.error(request, str(exc))
        return redirect("practices:revision", slug=practice.slug, number=number)
    messages.success(request, _("Revision %(number)s is restored.") % {"number": number})
    return redirect("practices:detail", slug=practice.slug)


# ----------------------------------------------------------------------------- regions

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
    _require(permissions.can_edit_regions(request.user))
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
        _require(editor)
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


# ----------------------------------------------------------------------------- interviews


@login_required
@require_http_methods(["GET", "POST"])
def interview_new(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice(request, slug)
    _require(permissions.can_manage_insights(request.user, practice))
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
