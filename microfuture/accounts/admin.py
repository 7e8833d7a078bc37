from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from microfuture.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [RoleGrantInline]
    list_display = ("username", "email", "full_name", "is_staff", "is_superuser")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Microfuture", {"fields": ("full_name",)}))
