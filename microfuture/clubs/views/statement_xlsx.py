"""The club statement as an XLSX download: the figures of the statement page and PDF.

Read like the page: whoever reads the club (`views.club.get_club`), with the member lines
the reader may see (`permissions.figure_scope`, `selectors.statement_seen_by`).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microfuture.clubs import permissions, selectors
from microfuture.clubs.forms_money import StatementDateForm
from microfuture.clubs.views.club import get_club
from microfuture.clubs.xlsx import CONTENT_TYPE, statement_xlsx


@require_GET
def statement_xlsx_download(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    form = StatementDateForm(request.GET if "date" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("The date is not valid; write it YYYY-MM-DD."))
    as_of = form.cleaned_data["date"] if form.is_bound else None
    stmt = selectors.club_statement(club, as_of=as_of)
    # Totals come from every member; the member lines only for those the reader may see.
    shown = selectors.statement_seen_by(stmt, permissions.figure_scope(request.user, club))
    paid_out = sum((Decimal(m["paid_out"]) for m in stmt["members"]), Decimal(0))
    body = statement_xlsx(
        club_name=club.name, stmt=shown, paid_out_total=paid_out,
        private_members=len(stmt["members"]) - len(shown["members"]),
    )
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{club.slug}-statement-{stmt["date"]}.xlsx"'
    )
    return response
