"""Forms of the governance, mentoring and enterprise pages: parse input before any service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from microfuture.clubs import legal_form as law
from microfuture.clubs.forms import MoneyField
from microfuture.clubs.legal_form import LegalForm
from microfuture.clubs.models import Club, Enterprise, Meeting, Member, Mentorship, Proposal, Vote
from microfuture.kernel.fields import NumberField
from microfuture.regions import REGION_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class MembersField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class MeetingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        day = formats.date_format(timezone.localtime(obj.starts_at), "SHORT_DATE_FORMAT")
        return f"{obj.title} ({day})"


class MentorshipChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.enterprise.name} – {obj.mentor.name}"


# Meetings ---------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea)


class AttendanceForm(forms.Form):
    present = MembersField(
        label=_("Members present"), queryset=Member.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, club: Club, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, MembersField)
        field.queryset = Member.objects.filter(club=club, joined_on__isnull=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea)


# Proposals --------------------------------------------------------------------------------


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What the money is for"), widget=forms.Textarea)
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Proposal.Instrument.choices)
    amount = MoneyField(label=_("Amount"), min_value=Decimal("0.01"))
    rate = NumberField(
        label=_("Annual interest rate (%)"), required=False, min_value=Decimal(0),
        max_value=Decimal(100), max_digits=6, decimal_places=3,
        help_text=_("Loans only. 0 is allowed."),
    )
    term = NumberField(
        whole=True, label=_("Term (months)"), required=False, min_value=1, max_value=360,
        help_text=_("Loans only: the number of monthly instalments."),
    )
    grace = NumberField(
        whole=True, label=_("Grace (months of interest only)"), required=False, min_value=0,
        max_value=359,
    )
    method = forms.ChoiceField(
        label=_("Repayment method"), required=False,
        choices=[("annuity", _("Annuity (equal payments)")),
                 ("linear", _("Linear (equal principal)"))],
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("instrument") == Proposal.Instrument.LOAN:
            if data.get("rate") is None:
                self.add_error("rate", _("A loan needs an interest rate."))
            if data.get("term") is None:
                self.add_error("term", _("A loan needs a term."))
            grace, term = data.get("grace"), data.get("term")
            if grace is not None and term is not None and grace >= term:
                self.add_error("grace", _("The grace period must be shorter than the term."))
        return data

    def proposal_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"], "summary": data["summary"],
            "instrument": data["instrument"], "amount": data["amount"],
            "rate": data.get("rate"), "term": data.get("term"), "grace": data.get("grace"),
            "method": data.get("method") or None,
        }


class ClubProposalForm(ProposalForm):
    """A governance role files a proposal on an enterprise's behalf."""

    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"), queryset=Enterprise.objects.all()
    )
    field_order = ["enterprise"]


class ApplyForm(ProposalForm):
    """An entrepreneur applies to a club open to projects."""

    club = forms.ModelChoiceField(label=_("Club"), queryset=Club.objects.none())
    field_order = ["club"]

    def __init__(self, *args: Any, clubs: QuerySet[Club], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["club"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = clubs


class DueDiligenceForm(forms.Form):
    notes = forms.CharField(
        label=_("Due-diligence notes"), widget=forms.Textarea,
        help_text=_("What the club checked: the business, the figures, the founder's profile."),
    )


class OpenVoteForm(forms.Form):
    how = forms.ChoiceField(
        label=_("How the club votes"), widget=forms.RadioSelect,
        choices=[("online", _("Online, until a deadline")), ("meeting", _("At a meeting"))],
        initial="online",
    )
    deadline = forms.DateTimeField(
        label=_("Online vote until"), required=False, widget=DATETIME,
        input_formats=DATETIME_FORMATS,
    )
    meeting = MeetingChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args: Any, club: Club, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(club=club).order_by("-starts_at")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("how") == "meeting" and not data.get("meeting"):
            self.add_error("meeting", _("Choose the meeting."))
        if data.get("how") == "online" and not data.get("deadline"):
            self.add_error("deadline", _("Give the deadline of the online vote."))
        return data


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("My vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )


class InvestForm(forms.Form):
    on = forms.DateField(label=_("Paid out on"), widget=DATE)
    first_due = forms.DateField(
        label=_("First instalment due (loans, optional)"), required=False, widget=DATE,
        help_text=_("Leave empty for one month after the payment."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=300, required=False)


# Mentoring --------------------------------------------------------------------------------


class MentorAssignForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none())
    mentor = MemberChoiceField(label=_("Mentor"), queryset=Member.objects.none())
    since = forms.DateField(label=_("Since"), widget=DATE)

    def __init__(
        self, *args: Any, club: Club, enterprises: list[Enterprise], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        ent = self.fields["enterprise"]
        mentor = self.fields["mentor"]
        assert isinstance(ent, forms.ModelChoiceField)
        assert isinstance(mentor, forms.ModelChoiceField)
        ent.queryset = Enterprise.objects.filter(pk__in=[e.pk for e in enterprises])
        mentor.queryset = Member.objects.filter(
            club=club, joined_on__isnull=False, exited_on__isnull=True
        )


class SessionForm(forms.Form):
    mentorship = MentorshipChoiceField(
        label=_("Enterprise and mentor"), queryset=Mentorship.objects.none()
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    duration = NumberField(
        label=_("Duration"), min_value=Decimal("0.01"), max_digits=6, decimal_places=2
    )
    unit = forms.ChoiceField(
        label=_("Duration in"), choices=[("minutes", _("minutes")), ("hours", _("hours"))],
        initial="minutes",
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, mentorships: QuerySet[Mentorship], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentorship"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mentorships

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        duration, unit = data.get("duration"), data.get("unit")
        if duration is not None and unit:
            minutes = duration * 60 if unit == "hours" else duration
            if minutes != minutes.to_integral_value():
                self.add_error("duration", _("Give a whole number of minutes."))
            else:
                data["minutes"] = int(minutes)
        return data


class EnterpriseUpdateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    jobs = NumberField(
        whole=True, label=_("Jobs (full-time equivalent)"), required=False, min_value=0,
        max_value=100000,
    )
    turnover = MoneyField(label=_("Turnover over the last twelve months"), required=False)
    milestone = forms.CharField(label=_("Milestone or news"), required=False,
                                widget=forms.Textarea)


# Enterprises ------------------------------------------------------------------------------


class EnterpriseForm(forms.Form):
    name = forms.CharField(label=_("Name of the enterprise"), max_length=150)
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", "—"), *LegalForm.choices],
        help_text=_("As registered with AJPES or the court. The social-enterprise status "
                    "(so.p.) is not a legal form: tick it below."),
    )
    social_enterprise = forms.BooleanField(
        label=_("Registered social enterprise (so.p.)"), required=False,
        help_text=_("Only if the enterprise holds the status under the Social "
                    "Entrepreneurship Act (ZSocP). A sole trader (s.p.) cannot hold it."),
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "—"), *REGION_CHOICES],
        help_text=_("The region's coordinator hears of your enterprise and can help you."),
    )
    description = forms.CharField(
        label=_("What the enterprise does"), required=False, widget=forms.Textarea
    )
    share_capital = MoneyField(
        label=_("Share capital (optional)"), required=False, min_value=Decimal("0.01"),
        help_text=_("Clubs need it before they can take shares."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        form = data.get("legal_form", "")
        problem = law.status_problem(
            legal_form=form, social_enterprise=bool(data.get("social_enterprise"))
        )
        if problem:
            self.add_error("social_enterprise", problem)
        problem = law.share_capital_problem(
            legal_form=form, has_share_capital=data.get("share_capital") is not None
        )
        if problem:
            self.add_error("share_capital", problem)
        return data


class EnterpriseDetailsForm(EnterpriseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["name"]
        del self.fields["region"]
