"""Forms of the action plan: the plan's filters, a new item, a status change with a note, and
what an item led to (one list of records grouped by kind, so no script is needed)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.network.models import (
    ActionItem,
    Decision,
    Initiative,
    Language,
    Meeting,
    Organisation,
    Outcome,
    Person,
)
from microfuture.network.templatetags.network_text import local_text
from microfuture.practices.models import Interview, Practice
from microfuture.regions import REGIONS

ALL = "all"
CLOSED = "closed"


class PlanFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Open or in progress")), *ActionItem.Status.choices,
                 (CLOSED, _("Done or dropped")), (ALL, _("Any status"))],
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, owners: list[tuple[str, str]], regions: list[str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("Any owner")), *owners]
        cast(forms.ChoiceField, self.fields["region"]).choices = [("", _("Any region")),
                                         *((code, REGIONS.get(code, code)) for code in regions)]

    def statuses(self) -> list[str]:
        status = self.cleaned_data.get("status") or ""
        if status == ALL:
            return list(ActionItem.Status.values)
        if status == CLOSED:
            return list(ActionItem.CLOSED)
        if status:
            return [status]
        return [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ActionItem.Status.choices)
    note = forms.CharField(label=_("Note (what happened)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


def _title(obj: Any, field: str) -> str:
    return local_text(obj, field)[0]


def outcome_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every record an item may lead to, grouped by kind; values are `<kind>:<id>`."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def add(kind: str, rows: list[tuple[int, str]]) -> None:
        if rows:
            label = str(Outcome.Kind(kind).label)
            groups.append((label, [(f"{kind}:{pk}", text) for pk, text in rows]))

    add("practice", [(p.pk, _title(p, "title") or p.slug)
                     for p in Practice.objects.order_by("slug")])
    add("interview", [
        (i.pk, f"{i.interviewee_role} ({i.held_on.isoformat()}), "
               f"{_title(i.question_set.practice, 'title')}")
        for i in Interview.objects.select_related("question_set__practice")
        .order_by("-held_on", "id")])
    add("club", [(c.pk, c.name) for c in Club.objects.order_by("name")])
    add("mechanism", [(m.pk, _title(m, "name") or m.slug)
                      for m in Mechanism.objects.filter(active=True).order_by("slug")])
    add("meeting", [(m.pk, f"{_title(m, 'title')} ({timezone.localdate(m.starts_at).isoformat()})")
                    for m in Meeting.objects.order_by("-starts_at", "-id")])
    add("initiative", [(i.pk, _title(i, "title")) for i in Initiative.objects.all()])
    return groups


class OutcomeForm(forms.Form):
    record = forms.ChoiceField(label=_("What it led to"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["record"]).choices = [
            ("", _("Choose a record")), *outcome_choices()]

    def kind_and_record(self) -> tuple[str, Model | None]:
        kind, _sep, pk = self.cleaned_data["record"].partition(":")
        model: type[Model] = {
            "practice": Practice, "interview": Interview, "club": Club,
            "mechanism": Mechanism, "meeting": Meeting, "initiative": Initiative,
        }[kind]
        return kind, model._default_manager.filter(pk=int(pk)).first()


def owner_options() -> list[tuple[str, list[tuple[str, str]]]]:
    """Organisations and people who may own an item (staff choose: they see everyone)."""
    orgs = [(f"o{o.pk}", o.name) for o in Organisation.objects.order_by("name")]
    people = [(f"p{p.pk}", f"{p.name} ({p.organisation.name})" if p.organisation else p.name)
              for p in Person.objects.filter(erased_at__isnull=True)
              .select_related("organisation").order_by("name", "id")]
    return [(str(_("Organisations")), orgs), (str(_("People")), people)]


class ItemForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=300)
    details = forms.CharField(label=_("Details"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ChoiceField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), localize=True,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                             input_formats=["%Y-%m-%d", "%d. %m. %Y", "%d.%m.%Y"])
    meeting = forms.ModelChoiceField(label=_("Meeting it came from"), required=False,
                                     queryset=Meeting.objects.all())
    decision = forms.ModelChoiceField(label=_("Decision it came from"), required=False,
                                      queryset=Decision.objects.select_related("meeting"))
    initiative = forms.ModelChoiceField(label=_("Joint initiative"), required=False,
                                        queryset=Initiative.objects.all())
    language = forms.ChoiceField(label=_("Language of the text"), choices=Language.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", _("Choose the owner")), *owner_options()]
        self.fields["meeting"].label_from_instance = (  # type: ignore[attr-defined]
            lambda m: f"{_title(m, 'title')} ({timezone.localdate(m.starts_at).isoformat()})")
        self.fields["decision"].label_from_instance = (  # type: ignore[attr-defined]
            lambda d: f"{_title(d.meeting, 'title')}: {d.text[:80]}")
        self.fields["initiative"].label_from_instance = (  # type: ignore[attr-defined]
            lambda i: _title(i, "title"))

    def owner_records(self) -> tuple[Person | None, Organisation | None]:
        key = self.cleaned_data["owner"]
        if key.startswith("p"):
            return Person.objects.filter(pk=int(key[1:])).first(), None
        return None, Organisation.objects.filter(pk=int(key[1:])).first()
