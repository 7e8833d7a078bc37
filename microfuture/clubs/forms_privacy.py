"""The member's own consents (docs/privacy.md), set on their membership page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ConsentsForm(forms.Form):
    name_public = forms.BooleanField(
        label=_("My name may be shown publicly as the club's contact"), required=False,
        help_text=_(
            "Only if you are the club's manager: the finance finder then shows your name to "
            "entrepreneurs. Without it, it shows the club's contact address."
        ),
    )
    coordinator_may_read = forms.BooleanField(
        label=_("The regional coordinator may read my personal statement"), required=False,
        help_text=_(
            "Coordinators see the club's totals. With your consent they may also open your "
            "own statement: what you paid in, your share and its value."
        ),
    )
