"""A practice's revisions: the list, what changed in one, restoring one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from microfuture.practices import permissions, revision_text, selectors, services
from microfuture.practices.models import Practice, Revision
from microfuture.practices.views.common import require, visible_practice


def _revision_practice(request: HttpRequest, slug: str) -> Practice:
    practice = visible_practice(request, slug)
    require(permissions.can_edit(request.user, practice)
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
    require(permissions.can_restore(request.user, practice))
    revision = get_object_or_404(Revision, practice=practice, number=number)
    try:
        services.practice_restore(practice=practice, revision=revision, actor=request.user)
    except services.PracticeError as exc:
        messages.error(request, str(exc))
        return redirect("practices:revision", slug=practice.slug, number=number)
    messages.success(request, _("Revision %(number)s is restored.") % {"number": number})
    return redirect("practices:detail", slug=practice.slug)
