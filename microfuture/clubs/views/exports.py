"""The club's downloads for people who keep their own books: the ledger as a Beancount file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microfuture.clubs import permissions, selectors, services
from microfuture.clubs.forms_money import StatementDateForm
from microfuture.clubs.selectors_beancount import club_beancount
from microfuture.clubs.views.club import get_club


@require_GET
def beancount_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The club's ledger up to `?date=` (default today) as a Beancount file.

    It holds every member's amounts, so it goes where the journal file goes
    (`permissions.journal_file_access`), and a platform administrator's read is audited.
    """
    club = get_club(request, slug)
    access = permissions.journal_file_access(request.user, club)
    permissions.require(access != "denied", _(
        "The Beancount file holds every member's amounts: only the club's officers download "
        "it, and every member when the club has open books."
    ))
    form = StatementDateForm(request.GET if "date" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("The date is not valid; write it YYYY-MM-DD."))
    as_of = (form.cleaned_data.get("date") if form.is_bound else None) or selectors.today()
    if access == "audit":
        services.figures_read_for_audit(club=club, reader=request.user, what="journal_file")
    response = HttpResponse(
        club_beancount(club, as_of=as_of), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{club.slug}-{as_of.isoformat()}.beancount"'
    )
    return response
