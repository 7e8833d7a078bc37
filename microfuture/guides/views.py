"""The guides' pages (`../shared/specs/guides.md` §1-§3): the index by the people's questions,
a guide (with its PDF and a print view), and the glossary. HTTP only: the selectors read, the
counts service counts.

The page's chrome is in the reader's language (sl or en); a guide's text may be asked in any
language it has with `?lang=<code>`. Reading a published guide's page counts one read for the
day, and one referral when the finder's link says where the reader came from (`?from=`);
nothing about the reader is kept. The print view, the PDF and the calculator's answers (the
same page asked again with the reader's figures) are not counted again.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from microfuture.guides import calculator, selectors, services_counts
from microfuture.guides.models import Guide


def _page_lang() -> str:
    return "sl" if (translation.get_language() or "en").startswith("sl") else "en"


def _text_lang(request: HttpRequest, guide: Guide, page_lang: str) -> str:
    """The language the guide's text is shown in: `?lang=` when the guide has a text in it
    (404 otherwise), else the page's."""
    asked = request.GET.get("lang", "").strip()
    if not asked:
        return page_lang
    if not any(t.language == asked for t in guide.texts.all()):
        raise Http404("This guide has no text in that language.")
    return asked


def _calculator(guide: Guide, request: HttpRequest, lang: str) -> dict[str, Any] | None:
    """The "what it costs me" calculator's context on the guides that have it, else None."""
    if guide.slug not in calculator.CALCULATOR_GUIDES:
        return None
    found: dict[str, Any] = calculator.calculator_context(request.GET, lang)
    return found


def _guide_context(request: HttpRequest, slug: str) -> dict[str, Any]:
    guide = selectors.guide_for(slug, user=request.user)
    page_lang = _page_lang()
    lang = _text_lang(request, guide, page_lang)
    page = selectors.guide_page(guide, lang=lang, page_lang=page_lang,
                                today=timezone.localdate())
    context: dict[str, Any] = {
        "guide": guide, "page": page, "text": page.text, "lang": page_lang,
        "text_lang": page.text.language,
        "providers": selectors.providers_of_kind(guide.kind, page_lang) if guide.kind else [],
        "related": [] if guide.kind else selectors.related_guides(guide, page_lang),
        "lang_query": f"?lang={lang}" if lang != page_lang else "",
    }
    return context


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guides/index.html", {
        "index": selectors.guide_index(_page_lang()), "lang": _page_lang(),
    })


@require_GET
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    context = _guide_context(request, slug)
    printing = request.GET.get("print") == "1"
    calculator = None if printing else _calculator(context["guide"], request, context["lang"])
    computing = False
    if calculator is not None:
        # The calculator's own keys (`calculator`) first, so the page's never change meaning.
        context = {**calculator, **context}
        computing = bool(calculator.get("calculator", {}).get("sent"))
    context["printing"] = printing
    response = render(request, "guides/guide.html", context)
    # One read per visit: the print view and the calculator's answers are the same reader.
    if context["guide"].published and not printing and not computing:
        services_counts.guide_view_record(guide=context["guide"], day=timezone.localdate(),
                                          source=request.GET.get("from", ""))
    return response


@require_GET
def guide_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    from weasyprint import HTML

    context = _guide_context(request, slug)
    context["pdf"] = True
    context["today"] = timezone.localdate()
    context["page_url"] = request.build_absolute_uri(context["guide"].get_absolute_url())
    html = render_to_string("guides/guide_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{context["guide"].slug}.pdf"'
    return response


@require_GET
def glossary(request: HttpRequest) -> HttpResponse:
    entries = selectors.glossary_entries(_page_lang())
    return render(request, "guides/glossary.html", {
        "entries": entries, "letters": selectors.letters(entries), "lang": _page_lang(),
    })
