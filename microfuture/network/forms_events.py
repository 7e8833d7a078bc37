"""Forms of awareness events and the road to a club."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.kernel.fields import NumberField
from microfuture.municipalities import MUNICIPALITY_CHOICES
from microfuture.network.models import ClubInterest, Meeting, Registration
from microfuture.regions import REGIONS


class RegistrationForm(forms.Form):
    """Name and e-mail, nothing else; the consent box is labelled with the consent itself."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(label="", required=True, error_messages={
        "required": _("Tick the box to agree, or we cannot register you."),
    })

    def __init__(self, *args: Any, consent_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class InterestForm(RegistrationForm):
    municipality = forms.ChoiceField(
        label=_("Your municipality"), choices=[("", "—"), *MUNICIPALITY_CHOICES],
        help_text=_("Clubs meet in person: we gather people who live near each other."),
    )
    note = forms.CharField(
        label=_("Anything you would like to add (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example whether you would like to start a club or join one."),
    )

    field_order = ["name", "email", "municipality", "note", "consent"]


class InviteForm(forms.Form):
    """Coordinators choose an info session and whom to invite: whole municipalities or
    single people."""

    meeting = forms.ModelChoiceField(
        label=_("Info session"), queryset=Meeting.objects.none(), empty_label=None,
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Everyone in these municipalities"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Or these people"), required=False, queryset=ClubInterest.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, sessions: Any, municipalities: list[tuple[str, str]],
                 people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting_field: Any = self.fields["meeting"]
        meeting_field.queryset = sessions
        self.fields["municipalities"].choices = municipalities  # type: ignore[attr-defined]
        people_field: Any = self.fields["people"]
        people_field.queryset = people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("municipalities") and not data.get("people"):
            raise forms.ValidationError(_("Choose the municipalities or the people to invite."))
        return data


class FoundingForm(forms.Form):
    """The club founded at a founding meeting: its founder, name, monthly pledge, and the
    people who came."""

    founder_email = forms.EmailField(
        label=_("The founder's e-mail address"),
        help_text=_("The founder manages the club. They must have signed up on the platform "
                    "with this address."),
    )
    founder_name = forms.CharField(
        label=_("The founder's name in the club's books"), max_length=200, required=False,
        help_text=_("Leave empty to use the name of their account."),
    )
    club_name = forms.CharField(label=_("The club's name"), max_length=200)
    region = forms.ChoiceField(label=_("Region"))
    monthly_pledge = NumberField(
        label=_("Monthly pledge of each member (EUR)"), min_value=0, max_value=100000,
        decimal_places=2, shown_places=2,
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Founders from the interest list"), required=False,
        queryset=ClubInterest.objects.none(), widget=forms.CheckboxSelectMultiple,
    )
    registrations = forms.ModelMultipleChoiceField(
        label=_("Founders from the meeting's registrations"), required=False,
        queryset=Registration.objects.none(), widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, regions: set[str], interests: list[ClubInterest],
                 registrations: list[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            (code, name) for code, name in REGIONS.items() if code in regions]
        interest_field: Any = self.fields["interests"]
        interest_field.queryset = ClubInterest.objects.filter(pk__in=[i.pk for i in interests])
        interest_field.label_from_instance = lambda i: f"{i.name} ({i.email})"
        registration_field: Any = self.fields["registrations"]
        registration_field.queryset = Registration.objects.filter(
            pk__in=[r.pk for r in registrations])
        registration_field.label_from_instance = lambda r: f"{r.name} ({r.email})"
