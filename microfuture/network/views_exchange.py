"""Pages of knowledge exchange under /network/questions/: the reader's questions, one thread,
asking the practitioners of a practice, the practitioners' answer page (a secret link, no
account) and keeping an answer as an insight (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from microfuture.network import permissions, selectors_exchange, services_exchange
from microfuture.network.errors import NetworkError
from microfuture.network.forms_exchange import AnswerForm, FollowUpForm, QuestionForm
from microfuture.network.models import ThreadMessage
from microfuture.practices.models import Practice


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def thread_list(request: HttpRequest) -> HttpResponse:
    return render(request, "network/exchange/thread_list.html", {
        "threads": selectors_exchange.threads_seen_by(request.user),
        "staff": permissions.is_staff(request.user),
    })


@require_http_methods(["GET", "POST"])
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = selectors_exchange.thread_seen_by(request.user, pk)  # 404 to anyone else
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_exchange.thread_follow_up(thread=thread, actor=request.user,
                                               text=form.cleaned_data["text"],
                                               site_url=_site(request))
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your message is sent to the practitioners."))
            return redirect("network:thread", pk=thread.pk)
    return render(request, "network/exchange/thread_detail.html", {
        "thread": thread, "thread_messages": selectors_exchange.thread_messages(thread),
        "staff": permissions.is_staff(request.user), "form": form,
        "contacts": len(selectors_exchange.contactable_people(thread.to_organisation)),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug, status__in=Practice.PUBLIC)
    organisation = selectors_exchange.contact_organisation(practice)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services_exchange.thread_ask(
                practice=practice, asker=request.user, subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"], site_url=_site(request))
        except services_exchange.NoContactOrganisation as exc:
            messages.warning(request, str(exc))
            return redirect("practices:detail", slug=practice.slug)
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your question is sent to %(organisation)s. You will "
                                        "get an e-mail when they answer.")
                             % {"organisation": thread.to_organisation.name})
            return redirect("network:thread", pk=thread.pk)
    return render(request, "network/exchange/thread_new.html", {
        "practice": practice, "organisation": organisation, "form": form,
    }, status=400 if request.method == "POST" else 200)


@never_cache  # a secret link with the thread's messages: no cache may keep it
@require_http_methods(["GET", "POST"])
def thread_answer(request: HttpRequest, token: str) -> HttpResponse:
    thread = selectors_exchange.thread_by_token(token)  # a wrong token is a 404
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_exchange.thread_answer(
                thread=thread, author_name=data["author_name"], text=data["text"],
                consent_to_keep=data["consent_to_keep"], site_url=_site(request))
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: your answer is sent."))
            return redirect("network:thread_answer", token=thread.reply_token)
    return render(request, "network/exchange/thread_answer.html", {
        "thread": thread, "thread_messages": selectors_exchange.thread_messages(thread),
        "form": form,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def thread_keep(request: HttpRequest, pk: int) -> HttpResponse:
    thread = selectors_exchange.thread_seen_by(request.user, pk)
    if not permissions.is_staff(request.user):
        raise Http404("No such page.")
    chosen = request.POST.get("message", "")
    message = get_object_or_404(ThreadMessage, pk=int(chosen) if chosen.isdigit() else 0,
                                thread=thread)
    try:
        services_exchange.thread_keep_insight(thread=thread, message=message,
                                              actor=request.user)
    except NetworkError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The answer is kept with the practice as an insight."))
    return redirect("network:thread", pk=thread.pk)
