"""The treasurer's pages: statements (page, PDF, JSON), recording money events, the monthly
collection, pledges, the journal file and the journal of recorded events with reversals.

HTTP only: each view checks permissions on the server, parses input with a form, and calls a
service (writes) or a selector (reads). A `ClubError` from a service is the money core
refusing; it is shown in the reader's language (`clubs.messages.localized`), and nothing was
stored.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from microfuture.clubs import books, permissions, selectors, selectors_treasurer, services
from microfuture.clubs.core import EVENT_TYPES, Event, format_journal, from_cents
from microfuture.clubs.core.book import ACCOUNT_CASH
from microfuture.clubs.forms_money import (
    CollectionForm,
    EventForm,
    JournalUploadForm,
    ReverseForm,
    StatementDateForm,
    default_collection_prefix,
)
from microfuture.clubs.labels import (
    HOLDING_STATUS_LABELS,
    INSTRUMENT_LABELS,
    MEMBER_STATUS_LABELS,
)
from microfuture.clubs.lookup import club_known_to
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club, ClubEvent, Member, PaymentApproval, Proposal
from microfuture.clubs.services import payments
from microfuture.clubs.views.club import club_context, get_club
from microfuture.kernel.money import format_money
from microfuture.ledger.selectors import account_balances

#: What each event type does to the club's money, in plain words (shown before submitting).
EVENT_EFFECTS = {
    "join": gettext_lazy(
        "A new member enters the club on that date and may contribute from then on. "
        "No money moves."
    ),
    "contribution": gettext_lazy(
        "The club's cash goes up by the amount and the member's share grows: under the units "
        "policy the payment buys units at the club's current unit value."
    ),
    "investment": gettext_lazy(
        "The club's cash goes down by the amount; a holding is opened at cost."
    ),
    "repayment": gettext_lazy(
        "The club's cash goes up by the amount. For a loan it pays the earliest unpaid "
        "instalment first, its interest then its principal; for an advance, principal only. "
        "Paying more than is owed is refused."
    ),
    "income": gettext_lazy(
        "The club's cash goes up by the amount (a dividend, interest or other income), and so "
        "does its net asset value."
    ),
    "expense": gettext_lazy(
        "The club's cash goes down by the amount (bank fees and other costs), and so does its "
        "net asset value."
    ),
    "valuation": gettext_lazy(
        "The holding is carried at the new value from that date; the difference from its cost "
        "is an unrealised gain or loss. The cash does not change."
    ),
    "sale": gettext_lazy(
        "The holding is closed and the proceeds go into the club's cash; proceeds minus what "
        "the holding stood at is a realised gain or loss."
    ),
    "write_off": gettext_lazy(
        "The holding is closed at zero and what it stood at becomes a realised loss. "
        "The cash does not change."
    ),
    "exit": gettext_lazy(
        "The member leaves and is paid from the club's cash: their value on that date, or the "
        "agreed amount if you enter one (the difference stays with the other members)."
    ),
    "dissolve": gettext_lazy(
        "Only when no holding is open: all the club's cash is shared out to the members still "
        "in the club, to the cent, and the club is closed. Nothing can be recorded after it."
    ),
}

EVENT_TITLES = dict(ClubEvent.Type.choices)


def _posted(request: HttpRequest) -> Any:
    """The POST data, or None on GET (an empty POST still binds the form and shows errors)."""
    return request.POST if request.method == "POST" else None


def _require_money(request: HttpRequest, club: Club) -> None:
    permissions.require(
        permissions.can_record_money(request.user, club),
        _("Only the club's treasurer or manager can record money."),
    )


def _statement_date(request: HttpRequest) -> tuple[StatementDateForm, date | None]:
    """The `?date=` of a statement (None = today); an invalid date leaves errors in the form."""
    form = StatementDateForm(
        request.GET if "date" in request.GET else None, initial={"date": selectors.today()}
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["date"]
    return form, None


def _labelled(stmt: dict[str, Any]) -> dict[str, Any]:
    """A copy of a statement with display labels for instruments and statuses."""
    shown = dict(stmt)
    shown["holdings"] = [
        {**h, "instrument_label": INSTRUMENT_LABELS.get(h["instrument"], h["instrument"]),
         "status_label": HOLDING_STATUS_LABELS.get(h["status"], h["status"])}
        for h in stmt["holdings"]
    ]
    shown["members"] = [
        {**m, "status_label": MEMBER_STATUS_LABELS.get(m["status"], m["status"])}
        for m in stmt["members"]
    ]
    paid_out = sum((Decimal(m["paid_out"]) for m in stmt["members"]), Decimal(0))
    shown["paid_out_total"] = str(paid_out)
    # The club's stage on the statement's date, not today's (selectors.club_statement).
    shown["status_label"] = Club.Status(stmt["status"]).label
    return shown


def _pdf(html: str, request: HttpRequest, filename: str) -> HttpResponse:
    from weasyprint import HTML  # imported here: slow to load, needed only for PDFs

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The PDF templates are self-contained; never let a template reach the network.
        raise ValueError(f"refusing to fetch {url}")

    pdf = HTML(string=html, url_fetcher=no_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Statements ---------------------------------------------------------------------------------


@require_GET
def statement(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    date_form, as_of = _statement_date(request)
    stmt = selectors.club_statement(club, as_of=as_of)
    # Totals come from every member; the member lines only for those the reader may see.
    scope = permissions.figure_scope(request.user, club)
    member_ids = dict(Member.objects.filter(club=club).values_list("name", "pk"))
    shown = selectors.statement_seen_by(_labelled(stmt), scope)
    for row in shown["members"]:
        row["link_pk"] = member_ids.get(row["name"])
    return render(request, "clubs/treasurer/statement.html", club_context(
        request, club, stmt=shown, date_form=date_form, query=f"?date={stmt['date']}",
        day=date.fromisoformat(stmt["date"]),
        private_members=len(stmt["members"]) - len(shown["members"]),
    ))


@require_GET
def statement_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    date_form, as_of = _statement_date(request)
    if date_form.errors:
        return HttpResponseBadRequest(_("The date is not valid; write it YYYY-MM-DD."))
    stmt = selectors.club_statement(club, as_of=as_of)
    shown = selectors.statement_seen_by(
        _labelled(stmt), permissions.figure_scope(request.user, club)
    )
    html = render_to_string(
        "clubs/statement_pdf.html",
        {"club": club, "stmt": shown, "day": date.fromisoformat(stmt["date"]),
         "private_members": len(stmt["members"]) - len(shown["members"])},
        request=request,
    )
    return _pdf(html, request, f"{club.slug}-statement-{stmt['date']}.pdf")


@require_GET
def statement_json(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    date_form, as_of = _statement_date(request)
    if date_form.errors:
        return JsonResponse({"error": _("The date is not valid; write it YYYY-MM-DD.")}, status=400)
    stmt = selectors.statement_seen_by(
        selectors.club_statement(club, as_of=as_of), permissions.figure_scope(request.user, club)
    )
    return HttpResponse(
        json.dumps(stmt, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


def _member_for_statement(
    request: HttpRequest, slug: str, member_id: int
) -> tuple[Club, Member, bool]:
    """The club and the member whose statement is asked for, if the reader may read it
    (`permissions.member_figures_access`): a former member still reads their own. A read in
    the audit role is written to the club's audit log before anything is shown."""
    club = club_known_to(request.user, slug)
    member = get_object_or_404(Member, club=club, pk=member_id)
    access = permissions.member_figures_access(request.user, club, member)
    permissions.require(access != "denied", _("Members see only their own statement."))
    if access == "audit":
        services.figures_read_for_audit(
            club=club, reader=request.user, what="member_statement", member=member
        )
    return club, member, access == "audit"


@require_GET
def member_statement(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    club, member, audit_read = _member_for_statement(request, slug, member_id)
    date_form, as_of = _statement_date(request)
    data = selectors.member_statement(club, member, as_of=as_of)
    return render(request, "clubs/treasurer/member_statement.html", club_context(
        request, club, member=member, mine=data["member"], stmt=data["club"],
        events=data["events"], date_form=date_form, query=f"?date={data['club']['date']}",
        day=date.fromisoformat(data["club"]["date"]), audit_read=audit_read,
    ))


@require_GET
def member_statement_pdf(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    club, member, audit_read = _member_for_statement(request, slug, member_id)
    date_form, as_of = _statement_date(request)
    if date_form.errors:
        return HttpResponseBadRequest(_("The date is not valid; write it YYYY-MM-DD."))
    data = selectors.member_statement(club, member, as_of=as_of)
    html = render_to_string("clubs/member_statement_pdf.html", {
        "club": club, "member": member, "mine": data["member"], "stmt": data["club"],
        "events": data["events"], "day": date.fromisoformat(data["club"]["date"]),
        "audit_read": audit_read,
    }, request=request)
    return _pdf(html, request, f"{club.slug}-{member.pk}-statement-{data['club']['date']}.pdf")


# Recording events ---------------------------------------------------------------------------


@require_GET
def record(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    _require_money(request, club)
    types = [
        {"type": t, "title": EVENT_TITLES[t], "effect": EVENT_EFFECTS[t]} for t in EVENT_TYPES
    ]
    book = books.load_book(club)
    return render(request, "clubs/treasurer/record.html", club_context(
        request, club, types=types, cash=book.cash(),
        pending_payments=PaymentApproval.objects.filter(
            club=club, status=PaymentApproval.Status.PENDING
        ).count(),
    ))


def _success_message(event: Event, currency: str, cash_after: Decimal) -> str:
    language = get_language()
    amount = format_money(event.amount, currency, language) if event.amount is not None else ""
    day = formats.date_format(event.date, "SHORT_DATE_FORMAT")
    who = event.member or event.enterprise
    texts = {
        "join": _("%(who)s joined the club on %(day)s."),
        "contribution": _(
            "Recorded: %(who)s paid in %(amount)s on %(day)s. The club's cash went up by "
            "%(amount)s and %(who)s's share grew."
        ),
        "repayment": _(
            "Recorded: %(who)s repaid %(amount)s on %(day)s. The club's cash went up by "
            "%(amount)s."
        ),
        "income": _(
            "Recorded: income of %(amount)s on %(day)s. The club's cash went up by %(amount)s."
        ),
        "expense": _(
            "Recorded: an expense of %(amount)s on %(day)s. The club's cash went down by "
            "%(amount)s."
        ),
        "valuation": _(
            "Recorded: the holding in %(who)s is valued at %(amount)s from %(day)s. "
            "The cash did not change."
        ),
        "sale": _(
            "Recorded: the holding in %(who)s was sold for %(amount)s on %(day)s and is closed. "
            "The club's cash went up by %(amount)s."
        ),
        "write_off": _(
            "Recorded: the holding in %(who)s was written off on %(day)s and is closed. "
            "The cash did not change."
        ),
        "exit": _("Recorded: %(who)s left the club on %(day)s and was paid out."),
        "dissolve": _(
            "Recorded: the club was dissolved on %(day)s and its cash shared out among the "
            "members."
        ),
    }
    text = texts[event.type] % {"who": who, "amount": amount, "day": day}
    return text + " " + _("The club's cash is now %(cash)s.") % {
        "cash": format_money(cash_after, currency, get_language())
    }


@require_http_methods(["GET", "POST"])
def record_event(request: HttpRequest, slug: str, event_type: str) -> HttpResponse:
    club = get_club(request, slug)
    if event_type not in EVENT_TYPES:
        raise Http404
    _require_money(request, club)
    context = {
        "event_type": event_type, "title": EVENT_TITLES[event_type],
        "effect": EVENT_EFFECTS[event_type],
    }
    if event_type == "investment":
        # An investment comes from an approved proposal (voted by the members), never from a
        # free-standing form.
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        approved = Proposal.objects.filter(
            club=club, status=Proposal.Status.APPROVED, kind=Proposal.Kind.FUNDING
        )
        return render(request, "clubs/treasurer/record_investment.html", club_context(
            request, club, approved=approved.select_related("enterprise"), **context,
        ))
    refusal: services.ClubError | None = None
    if request.method == "POST":
        # One replay of the club's history per recorded event: the service's, under the
        # club's lock. The form is checked first against every name the club has stored (no
        # replay); the core refuses what that lets through, and a refused form is checked
        # again below against the names the book offers, as the page shows them.
        stored = selectors_treasurer.stored_names(club, event_type)
        loose = EventForm(
            request.POST, event_type=event_type, currency=club.currency,
            members=stored.members, enterprises=stored.enterprises,
            instruments=stored.instruments,
        )
        if loose.is_valid():
            event = loose.to_event()
            try:
                if event.type == "exit":  # a large payout waits for a second officer
                    done = payments.club_record_exit(club=club, event=event, actor=request.user)
                    if isinstance(done, PaymentApproval):
                        messages.success(request, _(
                            "The payout is above the charter's threshold: it waits for "
                            "another treasurer or manager to confirm it. Nothing is recorded "
                            "yet."
                        ))
                        return redirect("clubs:payments", slug=club.slug)
                else:
                    services.club_record_event(club=club, event=event, recorded_by=request.user)
            except services.ClubError as exc:
                refusal = exc
            else:
                # The cash after it from the ledger's legs (one sum), not a second replay.
                cash = from_cents(account_balances(club.ledger).get(ACCOUNT_CASH, 0))
                messages.success(request, _success_message(event, club.currency, cash))
                return redirect("clubs:record_event", slug=club.slug, event_type=event_type)
    book = books.load_book(club)
    names = selectors_treasurer.known_names(club, event_type, book=book)
    form = EventForm(
        _posted(request), event_type=event_type, currency=club.currency,
        members=names.members, enterprises=names.enterprises, instruments=names.instruments,
    )
    if refusal is not None and form.is_valid():
        form.add_error(None, localized(refusal))
    return render(request, "clubs/treasurer/record_event.html", club_context(
        request, club, form=form, cash=book.cash(), last_date=book.last_date, **context,
    ))


# The monthly collection ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def collection(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    _require_money(request, club)
    members = list(selectors_treasurer.active_members(club))
    today = selectors.today()
    former = {
        CollectionForm.amount_name(m): m.name
        for m in Member.objects.filter(club=club).exclude(pk__in=[m.pk for m in members])
    }
    form = CollectionForm(
        _posted(request), members=members, currency=club.currency, former=former,
        initial={"date": today, "reference_prefix": default_collection_prefix(today)},
    )
    if request.method == "POST" and form.is_valid():
        rows = form.amounts()
        events = [
            Event(date=form.cleaned_data["date"], type="contribution", member=m.name,
                  amount=amount, reference=form.reference_for(m))
            for m, amount in rows
        ]
        refused = False
        long_refs = [m for m, _a in rows if len(form.reference_for(m)) > 100]
        for m in long_refs:
            form.add_error(CollectionForm.amount_name(m), _(
                "The reference for %(name)s would be longer than 100 characters; shorten the "
                "prefix."
            ) % {"name": m.name})
            refused = True
        used = selectors_treasurer.used_references(club, [e.reference for e in events])
        if not refused and used:
            form.add_error(None, _(
                "This collection is already recorded: the club has contributions with the "
                "references %(refs)s. Nothing was recorded again. To record another "
                "collection, use another reference prefix."
            ) % {"refs": ", ".join(used)})
            refused = True
        if not refused:
            for (m, _a), problem in zip(
                rows, selectors_treasurer.event_problems(club, events), strict=True
            ):
                if problem:
                    form.add_error(
                        CollectionForm.amount_name(m), f"{m.name}: {localized(problem)}"
                    )
                    refused = True
        if refused:
            form.add_error(None, _("Nothing was recorded. Correct the rows and submit again."))
        else:
            try:
                services.club_record_events(club=club, events=events, recorded_by=request.user)
            except services.ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                total = sum((a for _m, a in rows), Decimal(0))
                messages.success(request, _(
                    "Recorded %(count)s contributions on %(day)s, %(total)s in all. The club's "
                    "cash went up by %(total)s."
                ) % {
                    "count": len(events),
                    "day": formats.date_format(form.cleaned_data["date"], "SHORT_DATE_FORMAT"),
                    "total": format_money(total, club.currency, get_language()),
                })
                return redirect("clubs:collection", slug=club.slug)
    # The sheet lists every active member's pledge: an administrator sees it in the audit role.
    if permissions.all_figures_access(request.user, club) == "audit":
        services.figures_read_for_audit(club=club, reader=request.user, what="collection_sheet")
    return render(request, "clubs/treasurer/collection.html", club_context(
        request, club, form=form,
    ))


@require_GET
def pledges(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    access = permissions.all_figures_access(request.user, club)
    permissions.require(
        access != "denied",
        _("Only the club's officers see everyone's pledges, and every member when the club "
          "has open books."),
    )
    if access == "audit":
        services.figures_read_for_audit(club=club, reader=request.user, what="pledges")
    lines = selectors.pledge_status(club)
    behind = [line for line in lines if line.behind > 0]
    return render(request, "clubs/treasurer/pledges.html", club_context(
        request, club, behind=behind, up_to_date=len(lines) - len(behind),
        today=selectors.today(),
    ))


# The journal file ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def journal(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    _require_money(request, club)
    form = JournalUploadForm(
        _posted(request), request.FILES if request.method == "POST" else None
    )
    import_errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        outcome = services.club_import_journal(club=club, text=data, recorded_by=request.user)
        if outcome.ok:
            messages.success(request, _(
                "The journal is imported: %(imported)s events recorded, %(skipped)s rows "
                "skipped because they were already imported."
            ) % {"imported": outcome.imported, "skipped": outcome.skipped})
            return redirect("clubs:journal", slug=club.slug)
        import_errors = [
            {"line": error.line, "message": localized(error)} for error in outcome.errors
        ]
    # A file over the limit is answered 413 (Payload Too Large), with the page and its reason.
    too_large = request.method == "POST" and form.has_error("file", code="too_large")
    return render(request, "clubs/treasurer/journal.html", club_context(
        request, club, form=form, import_errors=import_errors,
    ), status=413 if too_large else 200)


@require_GET
def journal_export(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    access = permissions.journal_file_access(request.user, club)
    permissions.require(access != "denied", _(
        "The journal file holds every member's amounts: only the club's officers download it, "
        "and every member when the club has open books."
    ))
    if access == "audit":
        services.figures_read_for_audit(club=club, reader=request.user, what="journal_file")
    text = format_journal(books.effective_events(club))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{club.slug}-journal.csv"'
    return response


# Recorded events and reversals --------------------------------------------------------------


@require_GET
def events(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    scope = permissions.figure_scope(request.user, club)
    rows = selectors.events_seen_by(selectors_treasurer.journal_rows(club), scope)
    paginator = Paginator(rows, 100)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "clubs/treasurer/events.html", club_context(
        request, club, page=page, all_figures=scope.everyone,
        can_export_journal=permissions.journal_file_access(request.user, club) != "denied",
    ))


@require_http_methods(["GET", "POST"])
def reverse_event(request: HttpRequest, slug: str, seq: int) -> HttpResponse:
    club = get_club(request, slug)
    _require_money(request, club)
    event = get_object_or_404(ClubEvent.objects.select_related("reversal"), club=club, seq=seq)
    form = ReverseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.club_reverse_event(
                club=club, event=event, reason=form.cleaned_data["reason"],
                reversed_by=request.user,
            )
        except services.ClubError as exc:
            form.add_error(None, localized(exc))
        else:
            messages.success(request, _(
                "Event %(seq)s is reversed: it no longer counts in any figure. A reversing entry "
                "with your reason is in the ledger."
            ) % {"seq": event.seq})
            return redirect(reverse("clubs:events", args=[club.slug]) + _page_of(club, event))
    return render(request, "clubs/treasurer/reverse_event.html", club_context(
        request, club, event=event, form=form,
        already=hasattr(event, "reversal"),
    ))


def _page_of(club: Club, event: ClubEvent) -> str:
    before = ClubEvent.objects.filter(club=club, seq__lt=event.seq).count()
    page = before // 100 + 1
    return f"?page={page}#event-{event.seq}" if page > 1 else f"#event-{event.seq}"
