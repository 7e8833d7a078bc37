"""Every write of a curator to the guides and the glossary.

Four eyes (CONVENTIONS: "the author of a record is never its approver"): a curator proposes a
guide's text in one language (`propose_text`, a `GuideRevision` in state `proposed`); another
curator applies it (`apply_revision`: the live `GuideText` takes it) or declines it. A guide is
published by a curator other than the last one to propose any of its texts. Any language code
Django knows may be proposed, so curators add a third language (e.g. `uk`) without code.

The glossary is edited directly by a curator, through here too (`glossary_text_save`).
Who is a curator is `accounts.permissions.is_curator` (administrators included). Refusals are a
`GuideError` with a plain, translated message.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.accounts.permissions import is_curator
from microfuture.guides.models import (
    REQUIRED_LANGUAGES,
    GlossaryTerm,
    GlossaryText,
    Guide,
    GuideRevision,
    GuideText,
)
from microfuture.guides.seed import language_known, text_problems


class GuideError(ValueError):
    """A curator's change the rules refuse; the message says why, in the reader's language."""


def _curator(by: Any) -> None:
    if by is None or not is_curator(by):
        raise GuideError(_("Only a curator may change the guides and the glossary."))


def _language(code: str) -> str:
    code = (code or "").strip().lower()
    if not language_known(code):
        raise GuideError(_("“%(code)s” is not a language code (for example sl, en, uk).")
                         % {"code": code})
    return code


def judge_text(title: str, summary: str, body: str) -> tuple[str, str, str]:
    title, summary, body = (title or "").strip(), (summary or "").strip(), (body or "").strip()
    problems: list[str] = []
    if not title:
        problems.append(_("The title is missing."))
    elif len(title) > GuideText._meta.get_field("title").max_length:  # type: ignore[operator]
        problems.append(_("The title is too long."))
    if not summary:
        problems.append(_("The summary is missing."))
    if not body:
        problems.append(_("The text is missing."))
    problems += [message for _where, message in text_problems(summary + "\n\n" + body)]
    if problems:
        raise GuideError(" ".join(problems))
    return title, summary, body


@transaction.atomic
def propose_text(guide: Guide, language: str, title: str, summary: str, body: str, *,
                 by: Any, note: str = "") -> GuideRevision:
    """A curator proposes a guide's text in one language; another curator applies it."""
    _curator(by)
    code = _language(language)
    title, summary, body = judge_text(title, summary, body)
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    return GuideRevision.objects.create(
        guide=locked, language=code, title=title, summary=summary, body=body,
        checked_on=locked.checked_on, sources=locked.sources, made_by=by,
        note=(note or "").strip()[:200], state=GuideRevision.State.PROPOSED)


def _decidable(revision: GuideRevision, by: Any) -> GuideRevision:
    _curator(by)
    locked = GuideRevision.objects.select_for_update().get(pk=revision.pk)
    if locked.state != GuideRevision.State.PROPOSED:
        raise GuideError(_("This revision was already decided (%(state)s).")
                         % {"state": locked.get_state_display()})
    return locked


@transaction.atomic
def apply_revision(revision: GuideRevision, *, by: Any) -> GuideText:
    """Another curator applies a proposed text: the guide's live text in that language takes
    it (created if the language is new)."""
    # Lock the guide, then the revision, then check: two curators clicking at once apply once.
    Guide.objects.select_for_update().get(pk=revision.guide_id)
    locked = _decidable(revision, by)
    if locked.made_by_id is not None and locked.made_by_id == by.pk:
        raise GuideError(_("Four eyes: another curator must apply the text you proposed."))
    text, _created = GuideText.objects.update_or_create(
        guide_id=locked.guide_id, language=locked.language,
        defaults={"title": locked.title, "summary": locked.summary, "body": locked.body})
    locked.state = GuideRevision.State.APPLIED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    revision.refresh_from_db()
    return text


@transaction.atomic
def decline_revision(revision: GuideRevision, *, by: Any) -> GuideRevision:
    """A curator declines a proposed text (its author may withdraw it): nothing live changes."""
    locked = _decidable(revision, by)
    locked.state = GuideRevision.State.DECLINED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    revision.refresh_from_db()
    return locked


def _last_proposers(guide: Guide) -> set[int]:
    """The accounts that proposed the live text of each of the guide's languages."""
    found: set[int] = set()
    for code in guide.texts.values_list("language", flat=True):
        last = (GuideRevision.objects.filter(guide=guide, language=code,
                                             state=GuideRevision.State.APPLIED)
                .order_by("-decided_at", "-pk").values_list("made_by_id", flat=True).first())
        if last is not None:
            found.add(last)
    return found


@transaction.atomic
def publish_guide(guide: Guide, *, by: Any) -> Guide:
    """Publish a guide: it needs its Slovenian and English texts, and a curator who did not
    propose the live text of any of its languages."""
    _curator(by)
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    have = set(locked.texts.values_list("language", flat=True))
    missing = [code for code in REQUIRED_LANGUAGES if code not in have]
    if missing:
        raise GuideError(_("A guide is published only with its Slovenian and English texts; "
                           "missing: %(codes)s.") % {"codes": ", ".join(missing)})
    if by.pk in _last_proposers(locked):
        raise GuideError(_("Four eyes: a curator who did not write its texts publishes the "
                           "guide."))
    if not locked.published:
        locked.published = True
        locked.published_by = by
        locked.published_at = timezone.now()
        locked.save(update_fields=["published", "published_by", "published_at", "updated_at"])
    guide.refresh_from_db()
    return locked


@transaction.atomic
def unpublish_guide(guide: Guide, *, by: Any) -> Guide:
    """Take a guide off the public pages (its texts and history stay)."""
    _curator(by)
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    if locked.published:
        locked.published = False
        locked.save(update_fields=["published", "updated_at"])
    guide.refresh_from_db()
    return locked


def clean_sources(sources: Any) -> list[dict[str, str]]:
    if not isinstance(sources, list | tuple) or not sources:
        raise GuideError(_("A guide needs at least one source."))
    clean: list[dict[str, str]] = []
    for item in sources:
        title = str((item or {}).get("title") or "").strip() if isinstance(item, dict) else ""
        url = str((item or {}).get("url") or "").strip() if isinstance(item, dict) else ""
        if not title or not url:
            raise GuideError(_("Every source needs a title and a web address."))
        if not url.startswith("https://") or len(url) <= len("https://") or " " in url:
            raise GuideError(_("A source's address must start with https:// (%(url)s).")
                             % {"url": url})
        clean.append({"title": title, "url": url})
    return clean


@transaction.atomic
def update_facts(guide: Guide, checked_on: date, sources: Any, *, by: Any,
                 note: str = "") -> Guide:
    """A curator records the day the guide's facts were checked and their sources. The history
    keeps it: one applied revision per language, with the unchanged words and the new facts."""
    _curator(by)
    if not isinstance(checked_on, date):
        raise GuideError(_("Give the day the facts were checked."))
    if checked_on > timezone.localdate():
        raise GuideError(_("The day the facts were checked cannot be in the future."))
    clean = clean_sources(sources)
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    locked.checked_on = checked_on
    locked.sources = clean
    locked.save(update_fields=["checked_on", "sources", "updated_at"])
    now = timezone.now()
    text_note = (note or "").strip() or _("facts checked on %(day)s; %(n)s source(s)") % {
        "day": checked_on.isoformat(), "n": len(clean)}
    for text in locked.texts.all():
        GuideRevision.objects.create(
            guide=locked, language=text.language, title=text.title, summary=text.summary,
            body=text.body, checked_on=checked_on, sources=clean, made_by=by,
            note=text_note[:200], state=GuideRevision.State.APPLIED, decided_at=now)
    guide.refresh_from_db()
    return locked


# --- the glossary ------------------------------------------------------------------------


@transaction.atomic
def glossary_text_save(term: GlossaryTerm, language: str, *, name: str, definition: str,
                       abbr: str = "", forms: list[str] | None = None, example: str = "",
                       by: Any) -> GlossaryText:
    """A curator writes a term's text in one language (created if the language is new)."""
    _curator(by)
    code = _language(language)
    name, definition = (name or "").strip(), (definition or "").strip()
    if not name or not definition:
        raise GuideError(_("A glossary term needs its name and its definition."))
    words = [f.strip().lower() if f.strip() != f.strip().upper() else f.strip()
             for f in (forms or []) if f and f.strip()]
    if name.lower() not in (w.lower() for w in words):
        words.insert(0, name.lower())
    locked = GlossaryTerm.objects.select_for_update().get(pk=term.pk)
    text, _created = GlossaryText.objects.update_or_create(
        term=locked, language=code,
        defaults={"name": name, "abbr": (abbr or "").strip(), "forms": words,
                  "definition": definition, "example": (example or "").strip()})
    locked.save(update_fields=["updated_at"])
    return text


@transaction.atomic
def glossary_term_save(slug: str, *, sources: Any = (), by: Any) -> GlossaryTerm:
    """A curator creates a glossary term (or changes its sources)."""
    _curator(by)
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_slug

    slug = (slug or "").strip().lower()
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise GuideError(_("The term's name in the address may hold only lower-case letters, "
                           "digits and hyphens.")) from error
    clean = clean_sources(list(sources)) if sources else []
    term, _created = GlossaryTerm.objects.update_or_create(slug=slug,
                                                           defaults={"sources": clean})
    return term
