"""Forms of invitations, members without an account, and people's requests to join."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.models import Club
from microfuture.regions import REGION_CHOICES


class InvitationForm(forms.Form):
    name = forms.CharField(
        label=_("Name in the club's books"), max_length=150,
        help_text=_("Shown on statements. A former member who comes back needs a different name."),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the invitation there. It works once, for 14 days."),
    )


class PaperMemberForm(forms.Form):
    """A member who keeps no account: the officers keep their figures for them."""

    name = forms.CharField(label=_("Name in the club's books"), max_length=150)
    date = forms.DateField(
        label=_("Joins on"), widget=forms.DateInput(attrs={"type": "date"}),
    )


def club_label(club: Club) -> str:
    return f"{club.name} ({club.get_region_display()})"


class JoinClubForm(forms.Form):
    region = forms.ChoiceField(label=_("Your region"), choices=REGION_CHOICES)
    club = forms.ModelChoiceField(
        label=_("A club you would like to join (optional)"), queryset=Club.objects.none(),
        required=False, empty_label=_("Any club near me"),
        help_text=_("Leave it empty and the region's coordinator will put you in touch."),
    )
    message = forms.CharField(
        label=_("A word about you (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example how much you could save a month, or how to reach you."),
    )

    def __init__(self, *args: Any, clubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["club"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = clubs
        field.label_from_instance = club_label  # type: ignore[method-assign,assignment]
