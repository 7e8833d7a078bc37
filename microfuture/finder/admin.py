"""The finance catalogue in the admin, for curators.

Curators (a `RoleGrant` with the curator role) may view, add, change and delete providers and
mechanisms here. The admin site itself lets in only accounts with `is_staff`, so a curator's
account needs that flag too. The mechanism form checks its values with the same rules as the
catalogue import (`catalogue.read_catalogue`), and saves through the services.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from microfuture.accounts.permissions import is_curator
from microfuture.finder import mechanism as values
from microfuture.finder.catalogue import read_catalogue
from microfuture.finder.models import (
    ENTITY_TYPE_CHOICES,
    KIND_CHOICES,
    PURPOSE_CHOICES,
    SECTOR_CHOICES,
    TARGET_GROUP_CHOICES,
    CriterionFailed,
    Mechanism,
    MechanismShown,
    Provider,
    SourceCheck,
)
from microfuture.finder.selectors import mechanism_from_row
from microfuture.finder.services import catalogue_row_delete, catalogue_row_save
from microfuture.kernel.fields import NumberField
from microfuture.numbers import format_number
from microfuture.regions import REGIONS


class CuratorPermissions:
    """Curators may do everything with the catalogue (the site still requires is_staff)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_curator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_curator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)


@admin.register(Provider)
class ProviderAdmin(CuratorPermissions, admin.ModelAdmin[Provider]):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("slug", "name_sl", "name_en", "kind", "country")
    list_filter = ("kind", "country")
    search_fields = ("slug", "name_sl", "name_en", "contact")
    fieldsets = (
        (None, {"fields": ("slug", ("name_sl", "name_en"), "kind", "country")}),
        (_("Contact"), {"fields": ("website", "contact")}),
    )

    def save_model(self, request: HttpRequest, obj: Provider, form: Any, change: bool) -> None:
        catalogue_row_save(row=obj, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: Provider) -> None:
        catalogue_row_delete(row=obj, actor=request.user)


# The mechanism form ---------------------------------------------------------------------

_PLACE = re.compile(r"^mechanisms\[0\](?: \([^)]*\))?\.([a-z_]+)")


def _codes(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\s]+", text or "") if part.strip()]


class MechanismForm(forms.ModelForm[Mechanism]):
    url = forms.URLField(label=_("web page"), required=False, assume_scheme="https",
                         max_length=Mechanism._meta.get_field("url").max_length)
    amount_min = NumberField(label=_("smallest amount (EUR)"), required=False,
                             min_value=Decimal(0), decimal_places=2, max_digits=15)
    amount_max = NumberField(label=_("largest amount (EUR)"), required=False,
                             min_value=Decimal(0), decimal_places=2, max_digits=15)
    # Stored as the catalogue's plain text ("1.5"), typed the reader's way ("1,5").
    employees_min = NumberField(label=_("fewest employees (FTE)"), required=False,
                                min_value=Decimal(0), max_digits=8, decimal_places=2)
    employees_max = NumberField(label=_("most employees (FTE)"), required=False,
                                min_value=Decimal(0), max_digits=8, decimal_places=2)
    countries = forms.CharField(
        label=_("countries"), required=False,
        help_text=_("ISO codes separated by commas, e.g. SI, HR; empty means any country."))
    regions = forms.CharField(
        label=_("regions"), required=False,
        help_text=_("NUTS-3 codes separated by commas, e.g. SI032, SI037; empty means the "
                    "whole country. Slovenia: ") + ", ".join(
                        f"{code} {name}" for code, name in REGIONS.items()))
    municipalities = forms.CharField(
        label=_("municipalities"), required=False,
        help_text=_("Official three-digit municipality codes separated by commas, e.g. 034, "
                    "060; empty means any municipality. Use it for schemes tied to "
                    "municipalities (municipal grants, border problem areas)."))
    entity_types = forms.MultipleChoiceField(
        label=_("legal forms"), required=False, choices=ENTITY_TYPE_CHOICES,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked means any."))
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"), required=False, choices=TARGET_GROUP_CHOICES,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked means open to all."))
    purposes = forms.MultipleChoiceField(
        label=_("purposes"), required=False, choices=PURPOSE_CHOICES,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked means any."))
    excluded_sectors = forms.MultipleChoiceField(
        label=_("excluded sectors (NACE)"), required=False, choices=SECTOR_CHOICES,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Mechanism
        fields = (  # the amounts are edited in euros (amount_min, amount_max) above
            "slug", "provider", "kind", "active", "name_sl", "name_en", "summary_sl",
            "summary_en", "how_to_apply_sl", "how_to_apply_en", "url", "contact", "rate_sl",
            "rate_en", "term_months_max", "grace_months_max", "collateral_sl", "collateral_en",
            "own_share_pct", "countries", "regions", "entity_types",
            "requires_social_enterprise_status", "employees_min", "employees_max",
            "age_months_min", "age_months_max", "founded_before", "target_groups", "purposes",
            "credit_rating_min", "excluded_sectors", "open_from", "open_until",
            "open_until_estimated", "standing", "product", "municipalities",
            "requires_no_tax_debts", "de_minimis", "verified_on", "uncertain_sl",
            "uncertain_en", "sources")
        help_texts = {
            "sources": _("One web address a line: the call text or the product page this "
                         "entry was checked against. The daily check reports addresses that "
                         "stop answering."),
            "verified_on": _("The day you last checked this entry against its sources. After "
                             "12 months the finder tells applicants to confirm with the "
                             "provider, and the entry appears on the review list."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        row = self.instance
        if row.pk is not None:
            for name in ("amount_min", "amount_max"):
                cents = getattr(row, f"{name}_cents")
                self.initial[name] = None if cents is None else Decimal(cents).scaleb(-2)
            for name in ("employees_min", "employees_max"):
                text = getattr(row, name)
                self.initial[name] = Decimal(text) if text else None
            self.initial["countries"] = ", ".join(row.countries)
            self.initial["regions"] = ", ".join(row.regions)
            self.initial["municipalities"] = ", ".join(row.municipalities)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("employees_min", "employees_max"):  # the row keeps the plain text
            if name in data:
                value = data[name]
                data[name] = "" if value is None else format_number(value, "en", grouping=False)
        data["countries"] = _codes(data.get("countries", ""))
        data["regions"] = _codes(data.get("regions", ""))
        data["municipalities"] = _codes(data.get("municipalities", ""))
        provider = data.get("provider")
        if self.errors or provider is None:
            return data
        # The same rules as the import: write the mechanism as a one-item catalogue and read it.
        item: dict[str, Any] = {"slug": data.get("slug"), "provider": provider.slug}
        for name in ("name", "summary", "how_to_apply", "rate", "collateral", "uncertain"):
            item[name] = {"sl": data.get(f"{name}_sl", ""), "en": data.get(f"{name}_en", "")}
        for name, value in data.items():
            if name in item or name.endswith(("_sl", "_en")) or name == "sources":
                continue
            if value in (None, "", []):
                continue
            item[name] = (str(value) if isinstance(value, Decimal)
                          else value.isoformat() if isinstance(value, date) else value)
        item["sources"] = [line.strip() for line in (data.get("sources") or "").splitlines()
                           if line.strip()]
        text = json.dumps({"mechanisms": [item]})
        result = read_catalogue(text, filename="form.json", known_providers={provider.slug})
        for error in result.errors:
            match = _PLACE.match(error.place)
            where: str | None = match.group(1) if match else None
            if where in ("name", "summary", "how_to_apply", "rate", "collateral", "uncertain"):
                where = f"{where}_en"
            self.add_error(where if where in self.fields else None, error.message)
        return data

    def save(self, commit: bool = True) -> Mechanism:
        row = super().save(commit=False)
        for name in ("amount_min", "amount_max"):
            amount = self.cleaned_data.get(name)
            setattr(row, f"{name}_cents", None if amount is None else int(amount.scaleb(2)))
        for name in ("countries", "regions", "municipalities", "entity_types", "target_groups",
                     "purposes", "excluded_sectors"):
            setattr(row, name, list(self.cleaned_data.get(name) or []))
        if commit:
            row.save()
        return row


@admin.register(Mechanism)
class MechanismAdmin(CuratorPermissions, admin.ModelAdmin[Mechanism]):
    form = MechanismForm
    change_form_template = "finder/admin/mechanism_change_form.html"
    list_display = ("slug", "name_sl", "name_en", "kind", "provider", "open_until",
                    "verified_on", "active", "preview_link")
    list_filter = ("kind", "provider", "active", "standing")
    search_fields = ("slug", "name_sl", "name_en", "summary_sl", "summary_en",
                     "provider__name_sl", "provider__name_en")
    list_select_related = ("provider",)
    actions = ["preview_selected"]
    fieldsets = (
        (None, {"fields": ("slug", "provider", "kind", "active", ("name_sl", "name_en"),
                           ("summary_sl", "summary_en"), ("how_to_apply_sl", "how_to_apply_en"),
                           "url", "contact")}),
        (_("Terms"), {"fields": (("amount_min", "amount_max"), ("rate_sl", "rate_en"),
                                 ("term_months_max", "grace_months_max"),
                                 ("collateral_sl", "collateral_en"), "own_share_pct")}),
        (_("Who it is for"), {"fields": (
            "countries", "regions", "entity_types", "requires_social_enterprise_status",
            "municipalities", ("employees_min", "employees_max"),
            ("age_months_min", "age_months_max"), "founded_before", "target_groups",
            "purposes", "credit_rating_min", "excluded_sectors", "requires_no_tax_debts",
            "de_minimis")}),
        (_("Product and call window"), {
            "fields": ("standing", "product", ("open_from", "open_until"),
                       "open_until_estimated"),
            "description": _("A standing product is always on offer. A call opens and closes: "
                             "untick “standing product”, give its closing date (or your best "
                             "estimate, ticked as such) and the product slug its yearly calls "
                             "share, so the public page shows the current call and the past "
                             "ones as history.")}),
        (_("Sources, last check and curators' notes"), {
            "fields": ("sources", "verified_on", ("uncertain_sl", "uncertain_en")),
            "description": _("Curators' notes are never shown to visitors: they read "
                             "“confirm with the provider before applying” instead.")}),
    )

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Mechanism) -> str:
        url = reverse("admin:finder_mechanism_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _t("Preview"))

    @admin.action(description=_("Preview how the selected mechanism reads to an applicant"))
    def preview_selected(self, request: HttpRequest,
                         queryset: QuerySet[Mechanism]) -> HttpResponse | None:
        first = queryset.order_by("slug").first()
        if first is None:
            return None
        if queryset.count() > 1:
            self.message_user(request, _t("Showing the first selected mechanism only."),
                              messages.INFO)
        return HttpResponseRedirect(reverse("admin:finder_mechanism_preview", args=[first.pk]))

    def get_urls(self) -> list[URLPattern]:
        own = [path("<int:object_id>/preview/", self.admin_site.admin_view(self.preview_view),
                    name="finder_mechanism_preview")]
        return own + super().get_urls()

    def preview_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        row = get_object_or_404(Mechanism.objects.select_related("provider"), pk=object_id)
        if not self.has_view_permission(request, row):
            raise PermissionDenied
        mechanism = mechanism_from_row(row)
        readings = []
        for lang, label in (("sl", "Slovenščina"), ("en", "English")):
            with translation.override(lang):
                readings.append({"lang": lang, "label": label,
                                 **applicant_reading(mechanism, lang)})
        context = {
            **self.admin_site.each_context(request),
            "title": _t("Preview: %(name)s") % {"name": str(row)},
            "opts": self.opts,
            "original": row,
            "readings": readings,
            "sources": row.source_list(),
            "active": row.active,
        }
        return TemplateResponse(request, "finder/admin/mechanism_preview.html", context)

    def save_model(self, request: HttpRequest, obj: Mechanism, form: Any, change: bool) -> None:
        catalogue_row_save(row=obj, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: Mechanism) -> None:
        catalogue_row_delete(row=obj, actor=request.user)


class UsageCountAdmin(admin.ModelAdmin[Any]):
    """Anonymous counts: curators read them; only the finder writes them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_curator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_curator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MechanismShown)
class MechanismShownAdmin(UsageCountAdmin):
    list_display = ("day", "mechanism", "group", "count")
    list_filter = ("group", "day")
    search_fields = ("mechanism",)
    date_hierarchy = "day"


@admin.register(CriterionFailed)
class CriterionFailedAdmin(UsageCountAdmin):
    list_display = ("day", "criterion", "count")
    list_filter = ("criterion",)
    date_hierarchy = "day"


@admin.register(SourceCheck)
class SourceCheckAdmin(UsageCountAdmin):
    """What `check_catalogue` last found at each source address (read only)."""

    list_display = ("url", "checked_on", "ok", "status", "error")
    list_filter = ("ok", "checked_on")
    search_fields = ("url",)


# How a mechanism reads to an applicant ------------------------------------------------


def _money(amount: Decimal, lang: str) -> str:
    digits = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount, decimal_pos=digits, use_l10n=True, force_grouping=True)
    return f"{text} €" if lang == "sl" else f"€{text}"


def _amounts(m: values.Mechanism, lang: str) -> str:
    low, high = m.amount_min, m.amount_max
    if low is not None and high is not None:
        return _t("from %(low)s to %(high)s") % {"low": _money(low, lang),
                                                 "high": _money(high, lang)}
    if low is not None:
        return _t("at least %(low)s") % {"low": _money(low, lang)}
    if high is not None:
        return _t("up to %(high)s") % {"high": _money(high, lang)}
    return ""


def _labels(codes: tuple[str, ...], choices: list[tuple[str, Any]]) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(code, code)) for code in codes)


def _day(value: date | None) -> str:
    return "" if value is None else date_format(value, "SHORT_DATE_FORMAT")


def applicant_reading(m: values.Mechanism, lang: str) -> dict[str, Any]:
    """What the applicant reads, as (label, text) rows, in the active language."""
    terms: list[tuple[str, str]] = []
    if amounts := _amounts(m, lang):
        terms.append((_t("Amount"), amounts))
    if m.rate:
        terms.append((_t("Interest rate"), m.rate.get(lang)))
    if m.term_months_max is not None:
        terms.append((_t("Longest term"), _t("%(n)s months") % {"n": m.term_months_max}))
    if m.grace_months_max is not None:
        terms.append((_t("Grace period"), _t("up to %(n)s months") % {"n": m.grace_months_max}))
    if m.collateral:
        terms.append((_t("Collateral"), m.collateral.get(lang)))
    if m.own_share_pct is not None:
        terms.append((_t("Your own share"), f"{m.own_share_pct} %"))

    who: list[tuple[str, str]] = []
    if m.countries:
        who.append((_t("Countries"), ", ".join(m.countries)))
    if m.regions:
        who.append((_t("Regions"), ", ".join(f"{REGIONS.get(c, c)}" for c in m.regions)))
    if m.entity_types:
        who.append((_t("Legal forms"), _labels(m.entity_types, ENTITY_TYPE_CHOICES)))
    if m.requires_social_enterprise_status:
        who.append((_t("Status"), _t("Registered social enterprise only")))
    if m.employees_min is not None or m.employees_max is not None:
        parts = []
        if m.employees_min is not None:
            parts.append(_t("at least %(n)s") % {"n": m.employees_min})
        if m.employees_max is not None:
            parts.append(_t("at most %(n)s") % {"n": m.employees_max})
        who.append((_t("Full-time employees"), ", ".join(parts)))
    if m.age_months_min is not None or m.age_months_max is not None:
        parts = []
        if m.age_months_min is not None:
            parts.append(_t("at least %(n)s months") % {"n": m.age_months_min})
        if m.age_months_max is not None:
            parts.append(_t("at most %(n)s months") % {"n": m.age_months_max})
        who.append((_t("Time since registration"), ", ".join(parts)))
    if m.founded_before is not None:
        who.append((_t("Founded before"), _day(m.founded_before)))
    if m.target_groups:
        who.append((_t("For"), _labels(m.target_groups, TARGET_GROUP_CHOICES)))
    if m.purposes:
        who.append((_t("For what"), _labels(m.purposes, PURPOSE_CHOICES)))
    if m.credit_rating_min:
        who.append((_t("Credit rating"), _t("%(rating)s or better") % {
            "rating": m.credit_rating_min}))
    if m.excluded_sectors:
        who.append((_t("Not for sectors (NACE)"), ", ".join(m.excluded_sectors)))
    if not who:
        who.append((_t("Who"), _t("Open to everyone")))

    if m.open_from and m.open_until:
        window = _t("from %(start)s to %(end)s") % {"start": _day(m.open_from),
                                                    "end": _day(m.open_until)}
    elif m.open_until:
        window = _t("until %(end)s") % {"end": _day(m.open_until)}
    elif m.open_from:
        window = _t("from %(start)s") % {"start": _day(m.open_from)}
    else:
        window = _t("Always open")
    return {
        "name": m.name.get(lang),
        "provider": m.provider_name.get(lang),
        "kind": str(dict(KIND_CHOICES).get(m.kind, m.kind)),
        "summary": m.summary.get(lang),
        "how_to_apply": m.how_to_apply.get(lang),
        "terms": terms,
        "who": who,
        "window": window,
        "contact": m.contact,
        "url": m.url,
        "uncertain": m.uncertain.get(lang),
    }
