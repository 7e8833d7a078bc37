from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from microfuture.accounts.models import Consent, RoleGrant, User


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [RoleGrantInline]
    list_display = ("username", "email", "full_name", "is_staff", "is_superuser")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Microfuture", {"fields": ("full_name",)}))


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin[Consent]):
    """Read-only: a consent is what the person agreed to, never edited afterwards."""

    list_display = ("user", "document", "version", "given_at")
    list_filter = ("document", "version")
    search_fields = ("user__username", "user__email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Consent | None = None) -> bool:
        return False
