"""Forms of the treasurer's pages: one money event, the monthly collection, the journal file.

Forms only parse and check input (amounts to the cent, names among the club's known ones);
whether the event is allowed (cash, what is owed, dates) is the money core's decision, made
when the service records it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.core import Event, from_cents
from microfuture.clubs.forms import MoneyField
from microfuture.clubs.models import Member, Proposal
from microfuture.kernel.fields import NumberField
from microfuture.numbers import NumberError, parse_number

#: Amount rules per event type: "positive" (> 0), "zero_ok" (≥ 0), "optional" (≥ 0 or empty).
AMOUNT_RULE = {
    "contribution": "positive",
    "investment": "positive",
    "repayment": "positive",
    "income": "positive",
    "expense": "positive",
    "valuation": "zero_ok",
    "sale": "zero_ok",
    "exit": "optional",
}

AMOUNT_LABELS = {
    "contribution": _("Amount paid in"),
    "investment": _("Amount invested"),
    "repayment": _("Amount repaid"),
    "income": _("Amount received"),
    "expense": _("Amount paid"),
    "valuation": _("New value of the holding"),
    "sale": _("Proceeds of the sale"),
    "exit": _("Agreed payout (optional)"),
}

#: Types whose member is chosen among the active members (a join names a new one).
MEMBER_TYPES = ("contribution", "exit")
#: Types about an enterprise's holding.
ENTERPRISE_TYPES = ("investment", "repayment", "income", "valuation", "sale", "write_off")
#: Types about an existing holding, whose instrument may be left empty (spec §4).
HOLDING_TYPES = ("repayment", "valuation", "sale", "write_off")

METHOD_CHOICES = [
    ("annuity", _("Annuity (level payments)")),
    ("linear", _("Linear (level principal)")),
]


def _date_field(label: Any = None, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label or _("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


def _check_amount(value: Decimal | None, rule: str) -> Decimal | None:
    if value is None:
        if rule == "optional":
            return None
        raise forms.ValidationError(_("Enter the amount."), code="required")
    if value < 0:
        raise forms.ValidationError(_("The amount cannot be negative."), code="negative")
    if rule == "positive" and value == 0:
        raise forms.ValidationError(_("The amount must be more than zero."), code="zero")
    return value


def _is_zero(text: str) -> bool:
    """Whether a box holds nothing or zero, written either language's way (0, 0,00, 0.00)."""
    for language in ("sl", "en"):
        try:
            if not text.strip() or parse_number(text, language) == 0:
                return True
        except NumberError:
            continue
    return False


def _amount_field(event_type: str, currency: str) -> MoneyField:
    help_text: Any = ""
    if event_type == "exit":
        help_text = _(
            "Leave it empty to pay the member's value on that date. An amount agreed under "
            "the statutes (for example contributions at par) overrides it."
        )
    return MoneyField(
        label=f"{AMOUNT_LABELS[event_type]} ({currency})",
        required=False,  # emptiness is judged in clean_amount
        min_value=None,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "max_decimal_places": _("Enter the amount to the cent: at most two decimals."),
            "invalid": _("Enter an amount such as 25 or 25.50."),
        },
    )


class EventForm(forms.Form):
    """One money event of a given type; the fields are those spec §4 lists for the type."""

    def __init__(
        self,
        *args: Any,
        event_type: str,
        currency: str,
        members: Sequence[str] = (),
        enterprises: Sequence[str] = (),
        instruments: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        self.fields["date"] = _date_field(
            help_text=_("Events are kept in date order: not before the club's last event.")
        )
        if event_type == "join":
            self.fields["member"] = forms.CharField(
                label=_("Name in the club's books"), max_length=150,
                help_text=_("A former member who comes back needs a different name."),
            )
        elif event_type in MEMBER_TYPES:
            self.fields["member"] = forms.ChoiceField(
                label=_("Member"),
                choices=[("", _("Choose a member"))] + [(m, m) for m in members],
                error_messages={
                    "invalid_choice": _(
                        "%(value)s is not a member of the club who can do this."
                    ),
                    "required": _("Choose the member."),
                },
            )
        if event_type in ENTERPRISE_TYPES and event_type != "investment":
            optional = event_type == "income"
            self.fields["enterprise"] = forms.ChoiceField(
                label=_("Enterprise (optional)") if optional else _("Enterprise"),
                required=not optional,
                choices=[("", _("None") if optional else _("Choose an enterprise"))]
                + [(e, e) for e in enterprises],
                error_messages={
                    "invalid_choice": _(
                        "The club has no open holding in %(value)s that this applies to."
                    ),
                    "required": _("Choose the enterprise."),
                },
            )
        if event_type in HOLDING_TYPES:
            labels = dict(Proposal.Instrument.choices)
            self.fields["instrument"] = forms.ChoiceField(
                label=_("Instrument (optional)"), required=False,
                choices=[("", _("Its only open holding"))]
                + [(i, labels.get(i, i)) for i in instruments],
                help_text=_("Needed only when the club holds more than one instrument in it."),
            )
        if event_type in AMOUNT_RULE:
            self.fields["amount"] = _amount_field(event_type, currency)
        if event_type == "dissolve":
            self.fields["confirm"] = forms.BooleanField(
                label=_("I confirm that the members decided to wind up the club"),
                error_messages={"required": _("Confirm that the members decided it.")},
            )
        self.fields["reference"] = forms.CharField(
            label=_("Reference (optional)"), max_length=100, required=False,
            help_text=_("A bank reference or receipt number. Each may be used once in the club."),
        )
        self.fields["note"] = forms.CharField(
            label=_("Note (optional)"), max_length=500, required=False
        )

    def clean_amount(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("amount")
        return _check_amount(value, AMOUNT_RULE[self.event_type])

    def to_event(self) -> Event:
        data = self.cleaned_data
        return Event(
            date=data["date"],
            type=self.event_type,
            member=data.get("member", ""),
            enterprise=data.get("enterprise", ""),
            instrument=data.get("instrument") or None,
            amount=data.get("amount"),
            reference=data.get("reference", ""),
            note=data.get("note", ""),
        )


class InvestmentForm(forms.Form):
    """An investment with the loan terms of spec §4–§5, for funding an approved proposal.

    The treasurer's event pages do not record investments directly (an investment comes
    from an approved proposal); this form is for the page that funds one.
    """

    date = _date_field(_("Disbursed on"))
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Proposal.Instrument.choices)
    amount = MoneyField(label=_("Amount invested"), required=False)
    rate = NumberField(
        label=_("Annual interest rate (%)"), required=False, min_value=Decimal(0),
        max_digits=8, decimal_places=4, help_text=_("Loans only. 0 is allowed."),
    )
    term = NumberField(
        whole=True, label=_("Term (monthly instalments)"), required=False, min_value=1,
        max_value=600, help_text=_("Loans only."),
    )
    grace = NumberField(
        whole=True, label=_("Grace (interest-only months at the start)"), required=False,
        min_value=0,
        help_text=_("Loans only. Fewer than the term."),
    )
    method = forms.ChoiceField(
        label=_("Repayment method"), choices=[("", "–"), *METHOD_CHOICES], required=False,
        help_text=_("Loans only. Annuity if not chosen."),
    )
    first_due = forms.DateField(
        label=_("First instalment due on (optional)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Loans only. Otherwise one month after the disbursement."),
    )
    reference = forms.CharField(label=_("Reference (optional)"), max_length=100, required=False)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def clean_amount(self) -> Decimal | None:
        return _check_amount(self.cleaned_data.get("amount"), "positive")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        loan_fields = ("rate", "term", "grace", "method", "first_due")
        if data.get("instrument") == "loan":
            for name in ("rate", "term"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("A loan needs a rate and a term."))
            term, grace = data.get("term"), data.get("grace")
            if term is not None and grace is not None and grace >= term:
                self.add_error("grace", _("The grace period must be shorter than the term."))
            first_due, when = data.get("first_due"), data.get("date")
            if first_due is not None and when is not None and first_due <= when:
                self.add_error("first_due", _("The first due date comes after the disbursement."))
        elif data.get("instrument"):
            for name in loan_fields:
                if data.get(name) not in (None, ""):
                    self.add_error(name, _("Only a loan has this; leave it empty."))
        return data

    def to_event(self, *, enterprise: str) -> Event:
        data = self.cleaned_data
        loan = data["instrument"] == "loan"
        return Event(
            date=data["date"], type="investment", enterprise=enterprise,
            instrument=data["instrument"], amount=data["amount"],
            rate=data.get("rate") if loan else None,
            term=data.get("term") if loan else None,
            grace=data.get("grace") if loan else None,
            method=(data.get("method") or None) if loan else None,
            first_due=data.get("first_due") if loan else None,
            reference=data.get("reference", ""), note=data.get("note", ""),
        )


class CollectionForm(forms.Form):
    """The monthly collection sheet: one amount per active member, one date for the sheet."""

    date = _date_field(_("Date of the collection"))
    reference_prefix = forms.CharField(
        label=_("Reference prefix (optional)"), max_length=40, required=False,
        help_text=_(
            "Each contribution gets the reference “prefix-name”, so the same sheet cannot be "
            "recorded twice. Leave it empty to record without references."
        ),
    )

    def __init__(
        self, *args: Any, members: Sequence[Member], currency: str,
        former: dict[str, str] | None = None, **kwargs: Any,
    ) -> None:
        """`members` are the sheet's rows; `former` maps field names of other members of the
        club (not active any more) to their names, to refuse a sheet sent with them."""
        super().__init__(*args, **kwargs)
        self.members = list(members)
        self.former = former or {}
        for member in self.members:
            self.fields[self.amount_name(member)] = MoneyField(
                label=_("Amount from %(name)s (%(currency)s)")
                % {"name": member.name, "currency": currency},
                required=False, min_value=None,
                initial=from_cents(member.monthly_pledge_cents),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                error_messages={
                    "max_decimal_places": _("Enter the amount to the cent: at most two decimals."),
                    "invalid": _("Enter an amount such as 25 or 25.50."),
                },
            )

    @staticmethod
    def amount_name(member: Member) -> str:
        return f"amount-{member.pk}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for member in self.members:
            name = self.amount_name(member)
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("The amount cannot be negative."))
        for name, who in self.former.items():
            if not _is_zero(self.data.get(name, "")):
                self.add_error(None, _(
                    "%(name)s is no longer an active member of the club; reload the sheet."
                ) % {"name": who})
        if not self.errors and not any(e for _m, e in self.amounts()):
            raise forms.ValidationError(_("Enter at least one amount above zero."))
        return data

    def rows(self) -> Iterator[tuple[Member, forms.BoundField]]:
        for member in self.members:
            yield member, self[self.amount_name(member)]

    def amounts(self) -> list[tuple[Member, Decimal]]:
        """(member, amount) for every row with an amount above zero, in sheet order."""
        out = []
        for member in self.members:
            value = self.cleaned_data.get(self.amount_name(member))
            if value:
                out.append((member, value))
        return out

    def reference_for(self, member: Member) -> str:
        prefix = self.cleaned_data.get("reference_prefix", "")
        return f"{prefix}-{member.name}" if prefix else ""


def default_collection_prefix(on: date) -> str:
    return f"col-{on:%Y-%m}"


def import_limit_mb() -> str:
    """The import limit (settings.IMPORT_MAX_BYTES) in megabytes as people write it: 5, 0.5."""
    return format((Decimal(settings.IMPORT_MAX_BYTES) / (1024 * 1024)).normalize(), "f")


def _limit_text() -> str:
    return gettext("A file of at most %(mb)s MB is accepted.") % {"mb": import_limit_mb()}


class JournalUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Journal file (CSV, UTF-8)"),
        help_text=format_lazy("{} {}", _(
            "Columns: date, type, member, enterprise, instrument, amount, rate, term, grace, "
            "method, first_due, reference, note. Rows whose reference the club already has are "
            "skipped."
        ), lazy(_limit_text, str)()),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            # The view answers 413 for this code.
            raise forms.ValidationError(
                gettext("The file is larger than %(mb)s MB, the most an import accepts: "
                        "nothing was imported.") % {"mb": import_limit_mb()},
                code="too_large")
        return upload


class ReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this event reversed?"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the reversal in the journal and the audit log."),
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the event is reversed."))
        return reason


class StatementDateForm(forms.Form):
    date = forms.DateField(
        label=_("Statement on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
