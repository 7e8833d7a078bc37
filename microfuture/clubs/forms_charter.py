"""Forms of the charter, roles and payments pages: parse input before any service runs.

Numbers are typed in the reader's language (`25,50` on a Slovenian page): `NumberField`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.core import to_cents
from microfuture.clubs.decisions import CHARTER_RULES
from microfuture.clubs.forms import MoneyField
from microfuture.clubs.models import Club, Member
from microfuture.kernel.fields import NumberField
from microfuture.kernel.money import from_cents
from microfuture.regions import REGION_CHOICES


class CharterRulesForm(forms.Form):
    """The charter's rules, with the values in force as initial values. Only the values that
    differ from the charter in force make up the proposed change."""

    decision_rule = forms.ChoiceField(
        label=CHARTER_RULES["decision_rule"], choices=Club.DecisionRule.choices
    )
    quorum_percent = NumberField(
        whole=True, label=CHARTER_RULES["quorum_percent"], min_value=1, max_value=100,
        help_text=_("A quorum under half of the members is adopted only by a unanimous vote; a "
                    "quorum of zero is not possible."),
    )
    max_enterprise_share_percent = NumberField(
        whole=True, label=CHARTER_RULES["max_enterprise_share_percent"], min_value=1,
        max_value=100,
    )
    max_stake_percent = NumberField(
        whole=True, label=CHARTER_RULES["max_stake_percent"], min_value=1, max_value=100,
    )
    monthly_pledge = MoneyField(label=CHARTER_RULES["monthly_pledge_cents"])
    second_officer_above = MoneyField(
        label=CHARTER_RULES["second_officer_above_cents"],
        help_text=_("Investments and exit payouts above this amount wait for a second "
                    "officer (the treasurer or the manager) to confirm them."),
    )
    open_books = forms.BooleanField(label=CHARTER_RULES["open_books"], required=False)
    secret_ballot = forms.BooleanField(label=CHARTER_RULES["secret_ballot"], required=False)
    manager_appoints_officers = forms.BooleanField(
        label=CHARTER_RULES["manager_appoints_officers"], required=False
    )
    summary = forms.CharField(
        label=_("Why the change (for the members)"), required=False, widget=forms.Textarea
    )

    @staticmethod
    def initial_for(club: Club) -> dict[str, Any]:
        return {
            "decision_rule": club.decision_rule, "quorum_percent": club.quorum_percent,
            "max_enterprise_share_percent": club.max_enterprise_share_percent,
            "max_stake_percent": club.max_stake_percent,
            "monthly_pledge": from_cents(club.monthly_pledge_cents),
            "second_officer_above": from_cents(club.second_officer_above_cents),
            "open_books": club.open_books, "secret_ballot": club.secret_ballot,
            "manager_appoints_officers": club.manager_appoints_officers,
        }

    def rules(self) -> dict[str, Any]:
        """Every rule as the charter stores it (cents for money)."""
        data = self.cleaned_data
        return {
            "decision_rule": data["decision_rule"],
            "quorum_percent": int(data["quorum_percent"]),
            "max_enterprise_share_percent": int(data["max_enterprise_share_percent"]),
            "max_stake_percent": int(data["max_stake_percent"]),
            "monthly_pledge_cents": to_cents(data["monthly_pledge"]),
            "second_officer_above_cents": to_cents(data["second_officer_above"]),
            "open_books": bool(data["open_books"]),
            "secret_ballot": bool(data["secret_ballot"]),
            "manager_appoints_officers": bool(data["manager_appoints_officers"]),
        }


class ParticularsForm(forms.Form):
    """How the club presents itself: the officers keep it up to date without a vote."""

    region = forms.ChoiceField(label=_("Region"), choices=REGION_CHOICES)
    other_regions = forms.MultipleChoiceField(
        label=_("Other regions the club also covers"), choices=REGION_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a club whose members live across a regional border (Litija's, say, "
                    "in Zasavska and Osrednjeslovenska): coordinators of these regions see it "
                    "too, and the finder offers it there."))
    open_to_projects = forms.BooleanField(label=_("Open to new projects"), required=False)
    description = forms.CharField(
        label=_("What the club looks for"), required=False, widget=forms.Textarea
    )
    contact_email = forms.EmailField(label=_("Club contact e-mail"), required=False)


class MemberWithRoleField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_role_display()})"


class RoleChangeForm(forms.Form):
    member = MemberWithRoleField(label=_("Member"), queryset=Member.objects.none())
    role = forms.ChoiceField(label=_("New role"), choices=Member.Role.choices)
    summary = forms.CharField(
        label=_("Why (for the members)"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, club: Club, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Member.objects.filter(
            club=club, joined_on__isnull=False, exited_on__isnull=True
        ).order_by("name")


class PaymentDecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (if you cancel)"), max_length=300, required=False)
