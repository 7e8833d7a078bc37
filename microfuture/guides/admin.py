"""The guides and the glossary in the admin, for curators (`accounts.permissions.is_curator`;
the admin site itself also needs `is_staff`).

A guide's words change only through revisions, with four eyes: a curator proposes a text in
one language ("Add guide revision"), previews it exactly as the page will show it (computed
worked examples, glossary words marked), and another curator applies or declines it. A
revision is never edited. Any language code Django knows may be proposed, so a curator adds a
third language without code. Every write goes through `guides.services`.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from microfuture.accounts.permissions import is_curator
from microfuture.guides import services
from microfuture.guides import text as markup
from microfuture.guides.forms import (
    GlossaryTermForm,
    GlossaryTextForm,
    GuideFactsForm,
    RevisionProposeForm,
)
from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideRevision, GuideText


class CuratorsOnly:
    """Curators (and administrators) read the guides here; what they may write is decided by
    each admin below and, again, by the services."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_curator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_curator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- how a text reads on its page ------------------------------------------------------------


def rendered(language: str, summary: str, body: str) -> dict[str, Any]:
    """The summary and body as the guide's page shows them (the same resolver and glossary
    marker as `selectors.guide_page`); a text the engine cannot show gives its problem."""
    from microfuture.guides import selectors

    mark = selectors._marker(language)
    try:
        summary_html = markup.inline_html(summary, mark)
        body_html = markup.to_html(markup.parse(body), language, selectors.resolver(), mark)
    except markup.GuideTextError as error:
        return {"summary_html": "", "body_html": "", "problem": str(error)}
    # text.py built both escaped; marking them safe only stops a second escaping.
    return {"summary_html": mark_safe(summary_html), "body_html": mark_safe(body_html),
            "problem": ""}


def _words(title: str, summary: str, body: str) -> list[str]:
    return [f"# {title}", "", *summary.splitlines(), "", *body.splitlines()]


def line_diff(before: tuple[str, str, str] | None, after: tuple[str, str, str]) -> list[str]:
    """What changed, line by line (`+ ` added, `- ` removed; a new text is all added)."""
    old = _words(*before) if before else []
    lines = difflib.unified_diff(old, _words(*after), lineterm="", n=1)
    return [line for line in lines if not line.startswith(("---", "+++"))]


def _before(revision: GuideRevision) -> tuple[str, str, str] | None:
    """The text a revision changes: the live one for a proposal, else the applied revision
    before it in the same language."""
    if revision.state == GuideRevision.State.PROPOSED:
        live = GuideText.objects.filter(guide_id=revision.guide_id,
                                        language=revision.language).first()
        return (live.title, live.summary, live.body) if live else None
    previous = (GuideRevision.objects
                .filter(guide_id=revision.guide_id, language=revision.language,
                        state=GuideRevision.State.APPLIED, made_at__lte=revision.made_at)
                .exclude(pk=revision.pk).exclude(made_at=revision.made_at, pk__gt=revision.pk)
                .order_by("-made_at", "-pk").first())
    return (previous.title, previous.summary, previous.body) if previous else None


# --- guides ----------------------------------------------------------------------------------


class GuideTextInline(admin.StackedInline[GuideText, Guide]):
    model = GuideText
    extra = 0
    can_delete = False
    fields = ("language", "title", "summary", "updated_at")
    readonly_fields = fields
    verbose_name_plural = _("live texts (change them by proposing a revision)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)


@admin.register(Guide)
class GuideAdmin(CuratorsOnly, admin.ModelAdmin[Guide]):
    form = GuideFactsForm
    list_display = ("slug", "kind", "published", "checked_on", "languages", "history_link")
    list_filter = ("published", "kind")
    search_fields = ("slug", "texts__title")
    inlines = [GuideTextInline]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ("slug", "kind", "questions", "position", "published", "published_by",
                       "published_at", "history_link")
    fields = ("slug", "kind", "questions", "position", "checked_on", "sources", "published",
              "published_by", "published_at", "history_link")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # A new guide comes from the repository's files (seed_guides); its words from revisions.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Guide]:
        return super().get_queryset(request).prefetch_related("texts")

    @admin.display(description=_("languages"))
    def languages(self, obj: Guide) -> str:
        return ", ".join(sorted(t.language for t in obj.texts.all()))

    @admin.display(description=_("revisions"))
    def history_link(self, obj: Guide) -> str:
        if obj.pk is None:
            return ""
        return format_html('<a href="{}">{}</a>',
                           reverse("admin:guides_guide_history_by_language", args=[obj.pk]),
                           _t("Revisions by language"))

    def save_model(self, request: HttpRequest, obj: Guide, form: Any, change: bool) -> None:
        if change and form.has_changed():
            services.update_facts(obj, form.cleaned_data["checked_on"],
                                  form.cleaned_data["sources"], by=request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:  # the live texts are read-only here: nothing to save
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _each(self, request: HttpRequest, queryset: QuerySet[Guide], write: Any,
              done: str) -> None:
        for guide in queryset.order_by("position", "slug"):
            try:
                write(guide, by=request.user)
            except services.GuideError as error:
                self.message_user(request, f"{guide.slug}: {error}", messages.ERROR)
            else:
                self.message_user(request, done % {"slug": guide.slug}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected guides"))
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        self._each(request, queryset, services.publish_guide, _t("%(slug)s: published."))

    @admin.action(description=_("Take the selected guides off the public pages"))
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        self._each(request, queryset, services.unpublish_guide, _t("%(slug)s: unpublished."))

    def get_urls(self) -> list[URLPattern]:
        own = [path("<int:object_id>/revisions/",
                    self.admin_site.admin_view(self.revisions_view),
                    name="guides_guide_history_by_language")]
        return own + super().get_urls()

    def revisions_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = get_object_or_404(Guide, pk=object_id)
        if not self.has_view_permission(request, guide):
            raise PermissionDenied
        revisions = list(GuideRevision.objects.filter(guide=guide)
                         .select_related("made_by", "decided_by")
                         .order_by("language", "made_at", "pk"))
        by_language: dict[str, list[dict[str, Any]]] = {}
        applied: dict[str, tuple[str, str, str]] = {}
        for r in revisions:
            words = (r.title, r.summary, r.body)
            by_language.setdefault(r.language, []).append(
                {"revision": r, "diff": line_diff(applied.get(r.language), words)})
            if r.state == GuideRevision.State.APPLIED:
                applied[r.language] = words
        languages = [(code, list(reversed(items))) for code, items in sorted(
            by_language.items(), key=lambda kv: (kv[0] not in ("sl", "en"), kv[0]))]
        context = {
            **self.admin_site.each_context(request),
            "title": _t("Revisions of the guide %(slug)s") % {"slug": guide.slug},
            "opts": self.opts, "original": guide, "languages": languages,
        }
        return TemplateResponse(request, "admin/guides/guide/revisions.html", context)


# --- revisions: propose, preview, apply or decline --------------------------------------------


@admin.register(GuideRevision)
class GuideRevisionAdmin(CuratorsOnly, admin.ModelAdmin[GuideRevision]):
    form = RevisionProposeForm
    change_form_template = "admin/guides/guiderevision/change_form.html"
    list_display = ("guide", "language", "state", "made_by", "made_at", "decided_by", "note")
    list_filter = ("state", "language", "guide")
    search_fields = ("guide__slug", "title", "note")
    list_select_related = ("guide", "made_by", "decided_by")
    actions = ["apply_selected", "decline_selected"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a revision is never edited: propose another one

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        guide_id, language = request.GET.get("guide"), request.GET.get("language")
        if guide_id and language:  # "propose a change" from a text: start from its live words
            live = GuideText.objects.filter(guide_id=guide_id, language=language).first()
            if live is not None:
                initial.update(title=live.title, summary=live.summary, body=live.body)
        return initial

    def save_model(self, request: HttpRequest, obj: GuideRevision, form: Any,
                   change: bool) -> None:
        data = form.cleaned_data
        saved = services.propose_text(data["guide"], data["language"], data["title"],
                                      data["summary"], data["body"], by=request.user,
                                      note=data.get("note") or "")
        for f in GuideRevision._meta.concrete_fields:
            setattr(obj, f.attname, getattr(saved, f.attname))

    def response_add(self, request: HttpRequest, obj: GuideRevision,
                     post_url_continue: str | None = None) -> HttpResponse:
        # To the proposal's own page: its preview, and the buttons another curator uses.
        self.message_user(request, _t("Proposed. Another curator applies or declines it."),
                          messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:guides_guiderevision_change", args=[obj.pk]))

    def render_change_form(self, request: HttpRequest, context: dict[str, Any],
                           add: bool = False, change: bool = False, form_url: str = "",
                           obj: GuideRevision | None = None) -> HttpResponse:
        if obj is not None:
            context.update(
                preview=rendered(obj.language, obj.summary, obj.body),
                diff=line_diff(_before(obj), (obj.title, obj.summary, obj.body)),
                decidable=obj.state == GuideRevision.State.PROPOSED,
                own=obj.made_by_id is not None and obj.made_by_id == request.user.pk,
            )
        context["preview_url"] = reverse("admin:guides_guiderevision_preview")
        return super().render_change_form(request, context, add=add, change=change,
                                          form_url=form_url, obj=obj)

    def get_urls(self) -> list[URLPattern]:
        site = self.admin_site
        own = [
            path("preview/", site.admin_view(self.preview_view),
                 name="guides_guiderevision_preview"),
            path("<int:object_id>/apply/", site.admin_view(require_POST(self.apply_view)),
                 name="guides_guiderevision_apply"),
            path("<int:object_id>/decline/", site.admin_view(require_POST(self.decline_view)),
                 name="guides_guiderevision_decline"),
        ]
        return own + super().get_urls()

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """The proposal as its page will show it, before it is proposed (the add form's
        "Preview" button posts here; "Propose" posts the same words on to the add form)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RevisionProposeForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            preview = rendered(data["language"], data["summary"], data["body"])
            live = GuideText.objects.filter(guide=data["guide"], language=data["language"]).first()
            before = (live.title, live.summary, live.body) if live else None
            preview["diff"] = line_diff(before, (data["title"], data["summary"], data["body"]))
            preview["title"] = data["title"]
            preview["language"] = data["language"]
        context = {
            **self.admin_site.each_context(request),
            "title": _t("Preview of a proposed text"),
            "opts": self.opts, "form": form, "preview": preview,
            "add_url": reverse("admin:guides_guiderevision_add"),
        }
        return TemplateResponse(request, "admin/guides/guiderevision/preview.html", context)

    def _decide(self, request: HttpRequest, object_id: int, decide: Any, done: str) -> HttpResponse:
        revision = get_object_or_404(GuideRevision, pk=object_id)
        if not is_curator(request.user):
            raise PermissionDenied
        try:
            decide(revision, by=request.user)
        except services.GuideError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:guides_guiderevision_change",
                                            args=[revision.pk]))

    def apply_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return self._decide(request, object_id, services.apply_revision,
                            _t("Applied: the guide's page now shows this text."))

    def decline_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return self._decide(request, object_id, services.decline_revision,
                            _t("Declined: the guide's page is unchanged."))

    def _each(self, request: HttpRequest, queryset: QuerySet[GuideRevision], decide: Any,
              done: str) -> None:
        for revision in queryset.order_by("made_at", "pk"):
            try:
                decide(revision, by=request.user)
            except services.GuideError as error:
                self.message_user(request, f"{revision}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{revision}: {done}", messages.SUCCESS)

    @admin.action(description=_("Apply the selected proposals (not your own)"))
    def apply_selected(self, request: HttpRequest, queryset: QuerySet[GuideRevision]) -> None:
        self._each(request, queryset, services.apply_revision, _t("applied"))

    @admin.action(description=_("Decline the selected proposals"))
    def decline_selected(self, request: HttpRequest, queryset: QuerySet[GuideRevision]) -> None:
        self._each(request, queryset, services.decline_revision, _t("declined"))


# --- the glossary ----------------------------------------------------------------------------


class GlossaryTextInline(admin.StackedInline[GlossaryText, GlossaryTerm]):
    model = GlossaryText
    form = GlossaryTextForm
    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(CuratorsOnly, admin.ModelAdmin[GlossaryTerm]):
    form = GlossaryTermForm
    list_display = ("slug", "names", "updated_at")
    search_fields = ("slug", "texts__name", "texts__abbr")
    fields = ("slug", "sources")
    inlines = [GlossaryTextInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[GlossaryTerm]:
        return super().get_queryset(request).prefetch_related("texts")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("slug",) if obj is not None else ()

    @admin.display(description=_("names"))
    def names(self, obj: GlossaryTerm) -> SafeString:
        return format_html("{}", " · ".join(f"{t.language}: {t.name}" for t in obj.texts.all()))

    def save_model(self, request: HttpRequest, obj: GlossaryTerm, form: Any,
                   change: bool) -> None:
        if change and "sources" not in form.changed_data:
            return  # only its texts changed (save_formset)
        saved = services.glossary_term_save(obj.slug, sources=form.cleaned_data.get("sources"),
                                            by=request.user)
        obj.pk = saved.pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        term = form.instance
        # What the admin's history message reads (Django's own save sets these).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for each in formset.forms:
            if not each.has_changed() or not each.cleaned_data:
                continue
            data = each.cleaned_data
            new = each.instance.pk is None
            text = services.glossary_text_save(
                term, data["language"], name=data["name"], definition=data["definition"],
                abbr=data.get("abbr", ""), forms=each.forms_list(),
                example=data.get("example", ""), by=request.user)
            if new:
                formset.new_objects.append(text)
            else:
                formset.changed_objects.append((text, each.changed_data))
