"""Forms of the club pages: the charter, roles and stages. Money forms are in forms_money.py;
invitations and people's requests in forms_invitations.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.models import Club, Member
from microfuture.kernel.fields import NumberField
from microfuture.regions import REGION_CHOICES


class MoneyField(NumberField):
    """An amount in the club's currency, typed the reader's way: at most two decimals, never
    negative."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("shown_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(*args, **kwargs)


class ClubCharterForm(forms.Form):
    name = forms.CharField(label=_("Name of the club"), max_length=150)
    region = forms.ChoiceField(label=_("Region"), choices=REGION_CHOICES)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The five-year term counts from this date."),
    )
    currency = forms.CharField(label=_("Currency"), initial="EUR", max_length=3, min_length=3)
    share_policy = forms.ChoiceField(
        label=_("How members' shares are counted"), choices=Club.SharePolicy.choices,
        initial=Club.SharePolicy.UNITS,
        help_text=_(
            "Units are fair when members join late or pay unequal amounts: each payment buys "
            "units at the club's current value. Pro rata shares everything by what each paid in."
        ),
    )
    monthly_pledge = MoneyField(
        label=_("Monthly pledge per member"), initial=Decimal("25.00"),
        help_text=_("What each member promises to save every month."),
    )
    decision_rule = forms.ChoiceField(
        label=_("Decision rule for investments"), choices=Club.DecisionRule.choices
    )
    quorum_percent = NumberField(
        whole=True, label=_("Quorum (% of members who must vote)"), min_value=0, max_value=100,
        initial=50,
    )
    max_enterprise_share_percent = NumberField(
        whole=True, label=_("Largest share of the club's assets in one enterprise (%)"),
        min_value=1, max_value=100, initial=30,
    )
    max_stake_percent = NumberField(
        whole=True, label=_("Largest stake in an enterprise's capital (%)"),
        min_value=1, max_value=100, initial=33,
    )
    open_to_projects = forms.BooleanField(
        label=_("Open to new projects"), required=False, initial=True
    )
    description = forms.CharField(
        label=_("What the club looks for"), required=False, widget=forms.Textarea
    )

    def clean_currency(self) -> str:
        value: str = self.cleaned_data["currency"].strip().upper()
        if not value.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code such as EUR."))
        return value


class CharterEditForm(ClubCharterForm):
    """After founding, the name, start, currency and share policy no longer change."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "start_date", "currency", "share_policy"):
            del self.fields[name]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New stage"), choices=Club.Status.choices)
