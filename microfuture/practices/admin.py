"""The good-practice library in the admin, for editors (curators and administrators).

The record itself is edited on the library's pages, where every change writes a revision;
here editors look at records and revisions, and keep the shared vocabulary of success
factors and the region profiles. Writes go through the services. The admin site lets in
only accounts with `is_staff`, so an editor's account needs that flag too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import BaseFormSet
from django.http import HttpRequest

from microfuture.practices import services
from microfuture.practices.models import (
    FactorAnswer,
    Interview,
    Practice,
    RegionProfile,
    Revision,
    SuccessFactor,
)
from microfuture.practices.permissions import is_editor


class EditorPermissions:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnly(EditorPermissions):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SuccessFactor)
class SuccessFactorAdmin(EditorPermissions, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("key", "name_en", "name_sl", "category", "kind")
    list_filter = ("category", "kind")
    search_fields = ("key", "name_en", "name_sl")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("key",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: SuccessFactor, form: Any,
                   change: bool) -> None:
        saved = services.factor_upsert(key=obj.key, category=obj.category, name_sl=obj.name_sl,
                                       name_en=obj.name_en, kind=obj.kind, actor=request.user)
        obj.pk = saved.pk


class FactorAnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = FactorAnswer
    extra = 0
    fields = ("factor", "answer", "note", "curator_note")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)


@admin.register(RegionProfile)
class RegionProfileAdmin(EditorPermissions, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "updated_at")
    inlines = [FactorAnswerInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: BaseFormSet[Any],
                     change: bool) -> None:
        for row in formset.save(commit=False):  # type: ignore[attr-defined]
            services.region_answer_set(region=row.region, factor=row.factor, answer=row.answer,
                                       note=row.note, curator_note=row.curator_note,
                                       actor=request.user)
        for row in formset.deleted_objects:  # type: ignore[attr-defined]
            row.delete()


@admin.register(Practice)
class PracticeAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("slug", "title_en", "country", "status", "updated_at")
    list_filter = ("status", "country")
    search_fields = ("slug", "title_en", "title_sl")


@admin.register(Revision)
class RevisionAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("practice", "number", "author", "note", "created_at")
    list_filter = ("practice",)


@admin.register(Interview)
class InterviewAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("question_set", "interviewee_role", "organisation", "held_on")
