"""The club's mentoring page: funded enterprises, their mentors, the session log, their news."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.clubs import permissions
from microfuture.clubs.forms_governance import MentorAssignForm, SessionForm
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club, EnterpriseUpdate, MentoringSession, Mentorship
from microfuture.clubs.services import mentoring as service
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.views.club import club_context, get_club


def _loggable(request: HttpRequest, club: Club, can_run: bool) -> QuerySet[Mentorship]:
    """Mentorships the person may log sessions for: all for officers, their own otherwise."""
    rows = Mentorship.objects.filter(club=club).select_related("enterprise", "mentor")
    if can_run:
        return rows
    return rows.filter(Q(mentor__user=request.user) & Q(mentor__exited_on__isnull=True))


@require_http_methods(["GET", "POST"])
def mentoring(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    can_run = permissions.can_run_governance(request.user, club)
    funded = service.funded_enterprises(club)
    loggable = _loggable(request, club, can_run)
    action = request.POST.get("action") if request.method == "POST" else None
    today = timezone.localdate()
    assign_form = MentorAssignForm(
        request.POST if action == "assign" else None, club=club, enterprises=funded,
        prefix="assign", initial={"since": today},
    )
    session_form = SessionForm(
        request.POST if action == "session" else None, mentorships=loggable, prefix="session",
        initial={"date": today},
    )
    if action == "assign":
        permissions.require(can_run, _("Only the club's officers can name mentors."))
        if assign_form.is_valid():
            data = assign_form.cleaned_data
            try:
                service.mentor_assign(
                    club=club, enterprise=data["enterprise"], mentor=data["mentor"],
                    actor=request.user, since=data["since"],
                )
            except ClubError as exc:
                assign_form.add_error(None, localized(exc))
            else:
                messages.success(request, _("The mentor is named."))
                return redirect("clubs:mentoring", slug=club.slug)
    elif action == "session":
        permissions.require(
            loggable.exists(), _("Only mentors and the club's officers can log sessions.")
        )
        if session_form.is_valid():
            data = session_form.cleaned_data
            try:
                service.mentoring_log(
                    mentorship=data["mentorship"], actor=request.user, on=data["date"],
                    minutes=data["minutes"], topic=data["topic"], notes=data["notes"],
                )
            except ClubError as exc:
                session_form.add_error(None, localized(exc))
            else:
                messages.success(request, _("The session is logged."))
                return redirect("clubs:mentoring", slug=club.slug)
    elif action is not None:
        permissions.require(False)
    mentorships = list(
        Mentorship.objects.filter(club=club).select_related("mentor", "enterprise")
    )
    sessions = list(
        MentoringSession.objects.filter(mentorship__club=club)
        .select_related("mentorship__mentor", "mentorship__enterprise")
        .order_by("-date", "-pk")
    )
    updates = list(
        EnterpriseUpdate.objects.filter(enterprise__in=funded).order_by("-date", "-pk")
    )
    rows = [
        {
            "enterprise": ent,
            "mentors": [m.mentor for m in mentorships if m.enterprise_id == ent.pk],
            "sessions": [s for s in sessions if s.mentorship.enterprise_id == ent.pk],
            "updates": [u for u in updates if u.enterprise_id == ent.pk][:5],
        }
        for ent in funded
    ]
    return render(request, "clubs/mentoring/mentoring.html", club_context(
        request, club, rows=rows, assign_form=assign_form, session_form=session_form,
        can_assign=can_run and bool(funded), can_log=loggable.exists(),
    ))
