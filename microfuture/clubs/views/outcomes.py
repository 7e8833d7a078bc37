"""What an enterprise reports each year, and a club's volunteer time (issue 13).

The reports page is read by whoever reads the enterprise's page (its representatives, and
the members and coordinators of the clubs that work with it); everyone else gets the 404 of
an enterprise that does not exist. Its representatives and its mentors enter the reports.

The volunteer page: officers record anyone's time and see every entry, a member records and
sees their own, a coordinator of the club's region sees the totals.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.clubs import permissions
from microfuture.clubs.forms_outcomes import EnterpriseReportForm, VolunteerTimeForm
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club, Enterprise, EnterpriseReport, Member, VolunteerTime
from microfuture.clubs.services import outcomes as service
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.views.club import club_context, get_club


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _reads_enterprise(user: Any, enterprise: Enterprise) -> bool:
    """The enterprise page's rule (views/enterprise.py): its representatives, and whoever
    reads a club that applied to it or invested in it."""
    if permissions.represents(user, enterprise):
        return True
    clubs = Club.objects.filter(
        Q(proposals__enterprise=enterprise)
        | Q(events__type="investment", events__enterprise=enterprise.name)
    ).distinct()
    return any(permissions.can_view_club(user, club) for club in clubs)


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_reports(request: HttpRequest, ent_slug: str) -> HttpResponse:
    ent = get_object_or_404(Enterprise, slug=ent_slug)
    user = request.user
    if not _reads_enterprise(user, ent):
        raise Http404  # like an enterprise that does not exist (docs/security.md, "Oracles")
    may_report = permissions.may_report_for_enterprise(user, ent)
    reports = list(EnterpriseReport.objects.filter(enterprise=ent).order_by("-year"))
    today = timezone.localdate()
    form: EnterpriseReportForm | None = None
    if request.method == "POST":
        permissions.require(may_report, _("Only the enterprise's representatives or its "
                                          "mentor can report for it."))
        form = EnterpriseReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                _report, replaced = service.enterprise_report_save(
                    enterprise=ent, actor=user, year=data["year"], trading=data["trading"],
                    jobs_created=data["jobs_created"], jobs_kept=data["jobs_kept"],
                    jobs_target_groups=data["jobs_target_groups"],
                    turnover_band=data["turnover_band"],
                    leverage_bank=data["leverage_bank"], leverage_fund=data["leverage_fund"],
                    leverage_public=data["leverage_public"], note=data["note"],
                )
            except ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                messages.success(request, (
                    _("The report for %(year)s is replaced.") if replaced
                    else _("The report for %(year)s is saved.")) % {"year": data["year"]})
                return redirect("clubs:enterprise_reports", ent_slug=ent.slug)
    elif may_report:
        chosen = next((r for r in reports if str(r.year) == request.GET.get("year")), None)
        form = EnterpriseReportForm(
            initial=EnterpriseReportForm.initial_from(chosen) if chosen is not None
            else {"year": today.year - 1})
    rows = [
        {"report": r, "jobs": r.jobs_created + r.jobs_kept,
         "leverage_cents": r.leverage_bank_cents + r.leverage_fund_cents
         + r.leverage_public_cents}
        for r in reports
    ]
    return render(request, "clubs/outcomes/enterprise_reports.html", {
        "enterprise": ent, "rows": rows, "form": form, "may_report": may_report,
        "editing": request.GET.get("year") if request.method == "GET" else None,
    })


def _entries(club: Club, view: str, own: Member | None) -> QuerySet[VolunteerTime]:
    rows = VolunteerTime.objects.filter(club=club).select_related("member")
    if view == "all":
        return rows
    if view == "own" and own is not None:
        return rows.filter(member=own)
    return rows.none()


@require_http_methods(["GET", "POST"])
def volunteer_time(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    user = request.user
    view = permissions.volunteer_time_view(user, club)
    own = permissions.active_member(user, club)
    active = Member.objects.filter(club=club, joined_on__isnull=False, exited_on__isnull=True)
    if view == "all":
        choosable = active.order_by("name")
    elif own is not None:
        choosable = active.filter(pk=own.pk)
    else:
        choosable = Member.objects.none()
    may_record = club.status != Club.Status.DISSOLVED and choosable.exists()
    form = VolunteerTimeForm(
        request.POST if request.method == "POST" else None, members=choosable,
        initial={"date": timezone.localdate(), "member": own.pk if own else None},
    )
    if request.method == "POST":
        permissions.require(may_record, _("Only the club's officers record other members' "
                                          "volunteer time; a member records their own."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.volunteer_time_record(
                    club=club, member=data["member"], actor=user, on=data["date"],
                    minutes=data["minutes"], activity=data["activity"],
                )
            except ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                messages.success(request, _("The volunteer time is recorded."))
                return redirect("clubs:volunteer_time", slug=club.slug)
    entries = list(_entries(club, view, own).order_by("-date", "-pk"))
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    if view in ("all", "totals"):
        for year_, minutes in VolunteerTime.objects.filter(club=club).values_list(
                "date__year", "minutes"):
            by_year[year_][0] += minutes
            by_year[year_][1] += 1
    totals = [{"year": y, "hours": _hours(m), "entries": n}
              for y, (m, n) in sorted(by_year.items(), reverse=True)]
    rows = [{"entry": e, "hours": _hours(e.minutes)} for e in entries]
    return render(request, "clubs/outcomes/volunteer_time.html", club_context(
        request, club, rows=rows, totals=totals, view=view, form=form,
        may_record=may_record, own_hours=_hours(sum(e.minutes for e in entries))
        if view == "own" else None,
    ))
