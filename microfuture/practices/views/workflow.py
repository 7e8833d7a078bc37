"""The review workflow's steps: submit, approve, send back, validate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microfuture.practices import permissions, services
from microfuture.practices.forms import SendBackForm, ValidateForm
from microfuture.practices.views.common import require, visible_practice


def _workflow(request: HttpRequest, slug: str, allowed: Any, action: Any, done: str,
              form: Any = None) -> HttpResponse:
    practice = visible_practice(request, slug)
    require(bool(allowed(request.user, practice)))
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
