"""Reads of the guides and the glossary: the index by the people's questions, one guide's page
in a language, the providers of a kind, the glossary with the guides using each term, the
guides' words as plain text for the API, and the anonymous counts over a period for impact
(`../shared/specs/guides.md` §1-§4).

Texts come in any language code; Slovenian and English are the page languages. A guide's text
in the reader's language is shown when it exists, else the other required one, else any.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Sum
from django.http import Http404

from microfuture.accounts.permissions import is_curator
from microfuture.finder.mechanism import KIND_ORDER
from microfuture.finder.models import Mechanism
from microfuture.guides import text as markup
from microfuture.guides.examples import resolve
from microfuture.guides.glossary import marker, term_index
from microfuture.guides.models import (
    QUESTIONS,
    REQUIRED_LANGUAGES,
    GlossaryTerm,
    GlossaryText,
    Guide,
    GuideReferral,
    GuideText,
    GuideView,
)
from microfuture.kernel.collation import slovenian_key

#: A guide older than this many months may be out of date (spec §1).
STALE_MONTHS = 12


def resolver() -> markup.Resolver:
    """The directive resolver the pages and the API compute worked examples with."""
    return resolve


def page_marker(lang: str) -> markup.Marker:
    """A fresh first-use glossary marker for one page's text in `lang`."""
    return marker(lang)


#: The name the admin's preview first used (kept so it keeps working; prefer page_marker).
_marker = page_marker


def text_html(language: str, summary: str, body: str) -> tuple[str, str]:
    """A guide text's summary and body as its page shows them: one glossary marker for both
    (a term is marked on its first use on the page), worked examples computed. Raises
    GuideTextError for a directive the engine cannot compute."""
    mark = page_marker(language)
    return (markup.inline_html(summary, mark),
            markup.to_html(markup.parse(body), language, resolve, mark))


# --- the guides -------------------------------------------------------------------------------


def published_guides() -> Any:
    """Published guides with their texts, in their order (position, slug)."""
    return Guide.objects.filter(published=True).prefetch_related(
        Prefetch("texts", queryset=GuideText.objects.order_by("language")))


def text_in(guide: Guide, lang: str) -> GuideText | None:
    """The guide's text in `lang`, else in a required language, else any (texts prefetched)."""
    texts = {t.language: t for t in guide.texts.all()}
    for code in (lang, *REQUIRED_LANGUAGES):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()), None)


@dataclass(frozen=True)
class GuideCard:
    """A guide as a link in a list: its title and summary in the reader's language."""

    slug: str
    kind: str | None
    title: str
    summary: str
    language: str
    url: str


def card(guide: Guide, lang: str) -> GuideCard:
    shown = text_in(guide, lang)
    return GuideCard(slug=guide.slug, kind=guide.kind, title=shown.title if shown else guide.slug,
                     summary=shown.summary if shown else "",
                     language=shown.language if shown else lang, url=guide.get_absolute_url())


@dataclass(frozen=True)
class QuestionGroup:
    key: str
    label: str
    guides: list[GuideCard]


@dataclass(frozen=True)
class GuideIndex:
    questions: list[QuestionGroup]
    kind_guides: list[GuideCard]
    task_guides: list[GuideCard]


def guide_index(lang: str) -> GuideIndex:
    """The index page (spec §3): the people's questions with their guides (a guide may answer
    several), then every guide: those of a finder kind in the finder's kind order, then the
    task guides."""
    guides = list(published_guides())
    cards = {g.slug: card(g, lang) for g in guides}
    questions = [
        QuestionGroup(key=key, label=str(label),
                      guides=[cards[g.slug] for g in guides if key in (g.questions or [])])
        for key, label in QUESTIONS
    ]
    order = {kind: n for n, kind in enumerate(KIND_ORDER)}
    kinds = sorted((g for g in guides if g.kind), key=lambda g: order.get(g.kind or "", 99))
    return GuideIndex(
        questions=questions,
        kind_guides=[cards[g.slug] for g in kinds],
        task_guides=[cards[g.slug] for g in guides if not g.kind],
    )


def guide_for(slug: str, *, user: Any) -> Guide:
    """The guide a reader may see: published, or any to a curator; 404 otherwise."""
    guide = (Guide.objects.filter(slug=slug)
             .prefetch_related(Prefetch("texts", queryset=GuideText.objects.order_by("language")))
             .first())
    if guide is None or not (guide.published or is_curator(user)):
        raise Http404("No such guide.")
    return guide


def is_stale(checked_on: date, *, today: date) -> bool:
    """Whether a guide checked on `checked_on` was checked more than 12 months before today."""
    year, month = today.year, today.month - STALE_MONTHS
    while month < 1:
        year, month = year - 1, month + 12
    # The same day of the month a year ago (the last day when that month is shorter).
    day = today.day
    while True:
        try:
            limit = date(year, month, day)
            break
        except ValueError:
            day -= 1
    return checked_on < limit


@dataclass(frozen=True)
class GuidePage:
    guide: Guide
    text: GuideText
    summary_html: str
    body_html: str
    stale: bool
    #: (language code, its name in that language, the link) for the guide's other texts.
    other_languages: list[tuple[str, str, str]]


def _language_name(code: str) -> str:
    from django.utils.translation import get_language_info

    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


def guide_page(guide: Guide, *, lang: str, page_lang: str, today: date) -> GuidePage:
    """The guide's text in `lang` as HTML (the summary and body share one glossary marker, so
    a term is marked on its first use on the page)."""
    texts = {t.language: t for t in guide.texts.all()}
    shown = texts.get(lang) or text_in(guide, page_lang)
    if shown is None:
        raise Http404("This guide has no text yet.")
    summary_html, body_html = text_html(shown.language, shown.summary, shown.body)
    others = []
    for code in sorted(texts, key=lambda c: (c not in REQUIRED_LANGUAGES, c)):
        if code == shown.language:
            continue
        link = guide.get_absolute_url() if code == page_lang else (
            f"{guide.get_absolute_url()}?lang={code}")
        others.append((code, _language_name(code), link))
    return GuidePage(guide=guide, text=shown, summary_html=summary_html, body_html=body_html,
                     stale=is_stale(guide.checked_on, today=today), other_languages=others)


@dataclass(frozen=True)
class Offer:
    """A provider of the catalogue and its active mechanisms of one kind: (name, page slug)."""

    provider: str
    mechanisms: list[tuple[str, str]] = field(default_factory=list)


def providers_of_kind(kind: str, lang: str) -> list[Offer]:
    """The providers of the catalogue with an active mechanism of `kind`, by name; a product's
    calls are one entry, linked by the product's slug (`/finder/mechanisms/<slug>/`)."""
    offers: dict[str, Offer] = {}
    seen: set[str] = set()
    rows = Mechanism.objects.filter(kind=kind, active=True).select_related("provider")
    for m in rows.order_by("provider__slug", "product", "slug"):
        key = m.product or m.slug
        if key in seen:
            continue
        seen.add(key)
        p = m.provider
        pname = (p.name_sl or p.name_en) if lang == "sl" else (p.name_en or p.name_sl)
        name = (m.name_sl or m.name_en) if lang == "sl" else (m.name_en or m.name_sl)
        offers.setdefault(p.slug, Offer(provider=pname or p.slug)).mechanisms.append((name, key))
    return sorted(offers.values(), key=lambda o: slovenian_key(o.provider))


def related_guides(guide: Guide, lang: str) -> list[GuideCard]:
    """Published guides answering one of the same questions, in their order."""
    asked = set(guide.questions or [])
    return [card(g, lang) for g in published_guides().exclude(pk=guide.pk)
            if asked & set(g.questions or [])]


def guide_plain(guide: Guide, lang: str) -> str:
    """The guide's words in `lang` as plain text (spec §4): the summary, then every block of
    the body, separated by blank lines; "" when it has no text in that language."""
    texts = {t.language: t for t in guide.texts.all()}
    shown = texts.get(lang)
    if shown is None:
        return ""
    blocks = [markup.Block("p", shown.summary), *markup.parse(shown.body)]
    return markup.to_plain(blocks, lang, resolve)


def guide_title(guide: Guide, lang: str) -> str:
    texts = {t.language: t for t in guide.texts.all()}
    return texts[lang].title if lang in texts else ""


# --- the glossary -----------------------------------------------------------------------------


def _guide_words(text: GuideText) -> str:
    body = markup.DIRECTIVE.sub(" ", text.body)
    return "\n".join((text.title, text.summary, markup.inline_plain(body)))


def _terms_used(words: str, lang: str) -> set[str]:
    """The slugs of the glossary terms a text in `lang` uses, found as the pages mark them
    (`guides/glossary.py`: a term's forms in any case, its abbreviation as written)."""
    index = term_index(lang)
    if index.pattern is None:
        return set()
    used = set()
    for m in index.pattern.finditer(words):
        found = m.group(0)
        entry = index.abbrs.get(found) or index.forms.get(" ".join(found.lower().split()))
        if entry is not None:
            used.add(entry.slug)
    return used


@dataclass(frozen=True)
class GlossaryEntry:
    slug: str
    name: str
    abbr: str
    definition: str
    example: str
    language: str
    letter: str
    guides: list[GuideCard]


def _letter(name: str) -> str:
    first = name.strip()[:1].upper()
    return first if first.isalpha() else "#"


def glossary_entries(lang: str) -> list[GlossaryEntry]:
    """Every term in `lang` (else in a required language), in Slovenian alphabetical order,
    each with the published guides whose text in that language uses it."""
    terms = GlossaryTerm.objects.prefetch_related("texts")
    guides = list(published_guides())
    cards = {g.slug: card(g, lang) for g in guides}
    users: dict[str, list[GuideCard]] = defaultdict(list)
    for g in guides:
        shown = text_in(g, lang)
        if shown is not None and shown.language == lang:
            for slug in _terms_used(_guide_words(shown), lang):
                users[slug].append(cards[g.slug])
    entries = []
    for term in terms:
        texts = {t.language: t for t in term.texts.all()}
        gtext = next((texts[c] for c in (lang, *REQUIRED_LANGUAGES) if c in texts), None)
        if gtext is None:
            continue
        entries.append(GlossaryEntry(
            slug=term.slug, name=gtext.name, abbr=gtext.abbr, definition=gtext.definition,
            example=gtext.example, language=gtext.language, letter=_letter(gtext.name),
            guides=users.get(term.slug, []) if gtext.language == lang else []))
    entries.sort(key=lambda e: slovenian_key(e.name))
    return entries


def letters(entries: Iterable[GlossaryEntry]) -> list[str]:
    """The first letters of the entries, in their (alphabetical) order, each once."""
    seen: list[str] = []
    for e in entries:
        if e.letter not in seen:
            seen.append(e.letter)
    return seen


def glossary_both() -> list[tuple[GlossaryTerm, dict[str, GlossaryText]]]:
    """Every term with its texts by language (for the API)."""
    return [(term, {t.language: t for t in term.texts.all()})
            for term in GlossaryTerm.objects.prefetch_related("texts")]


# --- anonymous counts, for impact -------------------------------------------------------------


@dataclass(frozen=True)
class GuideCount:
    """A guide's reads and the readers the finder sent to it over a period."""

    slug: str
    title_sl: str
    title_en: str
    views: int
    referrals: dict[str, int]

    @property
    def referred(self) -> int:
        return sum(self.referrals.values())


def guide_counts(*, start: date, end: date) -> list[GuideCount]:
    """Views and finder referrals per guide over the days after `start` up to `end`
    (`start` < day <= `end`, as the impact periods count), most read first; guides with no
    count are left out."""
    period = {"day__gt": start, "day__lte": end}
    views: dict[int, int] = dict(
        GuideView.objects.filter(**period).values_list("guide").annotate(n=Sum("count"))
        .values_list("guide", "n"))
    referrals: dict[int, dict[str, int]] = defaultdict(dict)
    for guide_id, source, n in (GuideReferral.objects.filter(**period)
                                .values_list("guide", "source").annotate(n=Sum("count"))
                                .values_list("guide", "source", "n")):
        referrals[guide_id][source] = n
    ids = set(views) | set(referrals)
    if not ids:
        return []
    guides = Guide.objects.filter(pk__in=ids).prefetch_related("texts")
    rows = [GuideCount(slug=g.slug, title_sl=guide_title(g, "sl") or g.slug,
                       title_en=guide_title(g, "en") or g.slug, views=views.get(g.pk, 0),
                       referrals={s: referrals[g.pk].get(s, 0)
                                  for s in GuideReferral.Source.values})
            for g in guides]
    rows.sort(key=lambda r: (-r.views, -r.referred, r.slug))
    return rows


def referrals_by_source(*, start: date, end: date) -> list[tuple[str, str, int]]:
    """(source, its label, readers sent) over the period, for every place of the finder."""
    found = dict(GuideReferral.objects.filter(day__gt=start, day__lte=end)
                 .values_list("source").annotate(n=Sum("count")).values_list("source", "n"))
    return [(value, str(label), found.get(value, 0))
            for value, label in GuideReferral.Source.choices]

