"""The catalogue's own pages (HTTP only): the public list, a product with its calls, and the
curators' review list (spec finance-finder §5)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from microfuture.accounts.permissions import is_curator
from microfuture.finder import selectors
from microfuture.finder.mechanism import KINDS

PER_PAGE = 50


def _lang() -> str:
    return "sl" if (translation.get_language() or "en").startswith("sl") else "en"


def _on(request: HttpRequest) -> date:
    """The page's date: `?on=YYYY-MM-DD` (to see what a page said or will say), else today."""
    text = request.GET.get("on", "")
    try:
        return date.fromisoformat(text) if len(text) == 10 else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@require_GET
def mechanism_list(request: HttpRequest) -> HttpResponse:
    on = _on(request)
    listing = selectors.catalogue_listing(on=on, lang=_lang())
    # `?kind=` shows one kind only (a guide's "where to go next"); an unknown kind shows all.
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""
    if kind:
        listing = [item for item in listing if item.mechanism.kind == kind]
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "finder/mechanism_list.html", {
        "page": page, "on": on, "lang": _lang(), "total": len(listing),
        "curator": is_curator(request.user), "kind": kind,
        "kind_query": f"kind={kind}&" if kind else "",
    })


@require_GET
def mechanism_page(request: HttpRequest, slug: str) -> HttpResponse:
    on = _on(request)
    product = selectors.catalogue_product(slug, on=on)
    if product is None:
        raise Http404
    view = product.view
    highlighted = next((m for m in view.calls if m.slug == product.highlighted), None)
    return render(request, "finder/mechanism_page.html", {
        "view": view, "m": view.main, "highlighted": highlighted, "on": on, "lang": _lang(),
        "others": [*view.standing, *view.open_calls, *view.upcoming],
    })


@login_required
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    if not is_curator(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    return render(request, "finder/review.html", {
        "review": selectors.catalogue_review(today=today), "today": today,
    })
