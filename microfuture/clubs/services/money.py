"""Money writes of a club: the only code that records events and posts their ledger entries.

Every write runs in one transaction and first locks the club row (`select_for_update`), so
two treasurers recording at once cannot both spend the same cash: the second waits, then
replays the book including the first one's event. The pure core (`clubs.core`) decides
whether an event is allowed and what it posts; this module stores the event and its
balanced entry together, or nothing. Reading the books (`load_book` and the rest) is
`clubs/books.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from microfuture.clubs import legal_form as law
from microfuture.clubs import permissions
from microfuture.clubs.books import club_stage_on, event_from_row, load_book, new_book
from microfuture.clubs.chain import GENESIS, event_hash
from microfuture.clubs.core import (
    AccountingError,
    ClubBook,
    Event,
    EventRejected,
    JournalError,
    Money,
    Posting,
    Text,
    from_cents,
    parse_journal,
    to_cents,
)
from microfuture.clubs.core.book import ACCOUNT_CASH
from microfuture.clubs.core.events import event_term
from microfuture.clubs.models import (
    BookCheckpoint,
    Club,
    ClubEvent,
    ClubStage,
    Enterprise,
    EventReversal,
    Member,
    Proposal,
)
from microfuture.clubs.services.audit import audit
from microfuture.ledger.crashpoint import crash_point
from microfuture.ledger.services import EntrySpec, LegSpec, ledger_create, ledger_post_many
from microfuture.ledger.services import ledger_reverse as ledger_reverse_entry
from microfuture.regions import REGIONS


class ClubError(Exception):
    """A club rule refused the change; the message is plain and meant for the user.

    `message` is what the API and the commands show. Raised with a `Text` (an English template
    marked with `gettext_noop`, and its values: the money core's refusals and this module's
    own), the error keeps it as `text`, and a page shows it in the reader's language with
    `clubs.messages.localized`. Raised with a plain string (already translated, as the
    governance services do), it has no `text` and is shown as it is.
    """

    def __init__(self, message: str | Text) -> None:
        self.text = message if isinstance(message, Text) else None
        self.message = str(message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


# Stored rows of the core's events and their entries -------------------------------------


def _row_values(event: Event) -> dict[str, Any]:
    return {
        "date": event.date,
        "type": event.type,
        "member": event.member,
        "enterprise": event.enterprise,
        "instrument": event.instrument or "",
        "amount_cents": to_cents(event.amount) if event.amount is not None else None,
        "rate": str(event.rate) if event.rate is not None else "",
        "term": event.term,
        "grace": event.grace,
        "method": event.method or "",
        "first_due": event.first_due,
        "reference": event.reference,
        "note": event.note,
    }


def invalidate_checkpoints(
    club: Club, *, on_or_after: date, holding_seq: int | None = None
) -> None:
    """Delete the club's checkpoints an event dated `on_or_after` reaches behind (and, for a
    reversal, those holding the event `holding_seq`). Called inside the writing transaction."""
    reached = Q(as_of__gte=on_or_after)
    if holding_seq is not None:
        reached |= Q(last_seq__gte=holding_seq)
    BookCheckpoint.objects.filter(reached, club=club).delete()


def _entry_spec(event: Event, posting: Posting) -> EntrySpec:
    who = event.member or event.enterprise
    memo = " ".join(part for part in (event.type, who, event.reference) if part)
    return EntrySpec(
        date=event.date,
        memo=memo,
        legs=[
            LegSpec(leg.account, *leg.debit_credit)
            for leg in posting
        ],
    )


# Club life --------------------------------------------------------------------------------

# Words that club URLs use for other pages (/clubs/new/, /api/v1/clubs/loan-schedule, …).
RESERVED_SLUGS = {"new", "region", "enterprise", "enterprises", "region-overview",
                  "loan-schedule"}


@transaction.atomic
def club_create(
    *,
    name: str,
    region: str,
    start_date: date,
    currency: str = "EUR",
    share_policy: str = "units",
    initial_unit_value: Decimal = Decimal("10.00"),
    term_years: int = 5,
    decision_rule: str = Club.DecisionRule.MAJORITY,
    quorum_percent: int = 50,
    max_enterprise_share_percent: int = 30,
    max_stake_percent: int = 33,
    monthly_pledge: Decimal = Decimal("25.00"),
    status: str = Club.Status.FORMING,
    open_to_projects: bool = True,
    description: str = "",
    contact_email: str = "",
    created_by: Any = None,
    other_regions: Sequence[str] = (),
) -> Club:
    name = name.strip()
    if not name:
        raise ClubError(Text(gettext_noop("A club needs a name.")))
    others = club_other_regions(region=region, other_regions=other_regions)
    if Club.objects.filter(name=name).exists():
        raise ClubError(Text(gettext_noop("A club called {name!r} already exists."), name=name))
    try:
        new_book_check = ClubBook(
            policy=share_policy, currency=currency, initial_unit_value=initial_unit_value
        )
    except AccountingError as exc:
        raise ClubError(exc.text) from None
    del new_book_check
    slug = base = slugify(name)[:150] or "club"
    n = 1
    while slug in RESERVED_SLUGS or Club.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    club = Club.objects.create(
        name=name, slug=slug, region=region, currency=currency, start_date=start_date,
        term_years=term_years, share_policy=share_policy,
        initial_unit_value_cents=to_cents(initial_unit_value), decision_rule=decision_rule,
        quorum_percent=quorum_percent,
        max_enterprise_share_percent=max_enterprise_share_percent,
        max_stake_percent=max_stake_percent, monthly_pledge_cents=to_cents(monthly_pledge),
        status=status, open_to_projects=open_to_projects, description=description,
        contact_email=contact_email.strip(), ledger=ledger_create(name=name, currency=currency),
        other_regions=others,
    )
    # A club planned to start later is in its first stage from today.
    ClubStage.objects.create(club=club, status=status,
                             since=min(start_date, timezone.localdate()))
    audit(club=club, actor=created_by, action="club.created", name=name, policy=share_policy)
    return club


def club_other_regions(*, region: str, other_regions: Sequence[str]) -> list[str]:
    """The other regions a club covers, checked: Slovenian region codes, each once, never the
    club's own region (sorted, so the same set is stored the same way)."""
    others = sorted(set(other_regions))
    unknown = [code for code in others if code not in REGIONS]
    if unknown:
        raise ClubError(Text(gettext_noop("Unknown region {code!r}."), code=unknown[0]))
    if region in others:
        raise ClubError(Text(gettext_noop(
            "The club's own region cannot also be one of its other regions.")))
    return others


ALLOWED_STATUS_CHANGES = {
    Club.Status.FORMING: {Club.Status.ACTIVE},
    Club.Status.ACTIVE: {Club.Status.RENEWED, Club.Status.MANAGEMENT},
    Club.Status.RENEWED: {Club.Status.MANAGEMENT},
    Club.Status.MANAGEMENT: set(),
    Club.Status.DISSOLVED: set(),
}


@transaction.atomic
def club_set_status(*, club: Club, status: str, actor: Any, on: date | None = None) -> Club:
    """Move a club along its life: forming → active → renewed (once) → management.

    The new stage is in force from `on` (default today), which may lie in the past (a
    decision recorded late) but not before the current stage began nor in the future.
    Dissolution is a money event (`dissolve`), not a status change.
    """
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if not permissions.may_change_stage(actor, locked):
        raise ClubError(Text(gettext_noop(
            "Only the club's manager, treasurer or secretary can change its stage."
        )))
    today = timezone.localdate()
    on = on or today
    current = club_stage_on(locked, today)
    if on > today:
        raise ClubError(Text(gettext_noop("A new stage cannot begin in the future ({date})."),
                             date=on))
    if current is not None and on < current.since:
        raise ClubError(Text(
            gettext_noop("The new stage cannot begin before the current one ({date})."),
            date=current.since,
        ))
    if status not in ALLOWED_STATUS_CHANGES.get(Club.Status(locked.status), set()):
        raise ClubError(Text(
            gettext_noop("A club that is {status} cannot become {new_status}."),
            status=Club.Status(locked.status).label,
            new_status=Club.Status(status).label if status in Club.Status.values else status,
        ))
    old = locked.status
    locked.status = status
    if status == Club.Status.MANAGEMENT:
        locked.open_to_projects = False
    locked.save(update_fields=["status", "open_to_projects"])
    ClubStage.objects.create(club=locked, status=status, since=on)
    audit(club=locked, actor=actor, action="club.status", old=old, new=status,
          since=on.isoformat())
    return locked


def _lifecycle_refusal(club: Club, event: Event) -> Text | None:
    if club.status == Club.Status.MANAGEMENT and event.type in {"contribution", "investment"}:
        return Text(gettext_noop(
            "The club is in management: it takes no new savings and makes no new investments."
        ))
    if club.status == Club.Status.FORMING and event.type == "investment":
        return Text(gettext_noop("The club is still forming: activate it before it invests."))
    return None


def _legal_form_refusal(event: Event) -> Text | None:
    # Shares only exist in some legal forms: none in a sole trader, an association or a
    # foundation (clubs/legal_form.py). The journal names enterprises; a registered one is
    # checked, a name the platform does not know is the treasurer's record as given.
    if event.type != "investment" or event.instrument != "equity" or not event.enterprise:
        return None
    form = Enterprise.objects.filter(name=event.enterprise).values_list(
        "legal_form", flat=True
    ).first()
    if form not in law.WITHOUT_SHARES:
        return None
    return Text(gettext_noop(
        "{ent} is {form}, which has no shares a club could buy. Offer a loan instead."
    ), ent=event.enterprise, form=_NO_SHARES_FORM[form])


# Each as a phrase inside the refusal above.
_NO_SHARES_FORM: dict[str, Text] = {
    law.LegalForm.SP: Text(gettext_noop("a sole trader (s.p.)")),
    law.LegalForm.DRUSTVO: Text(gettext_noop("an association (društvo)")),
    law.LegalForm.USTANOVA: Text(gettext_noop("a foundation (ustanova)")),
}


def _future_refusal(event: Event, today: date) -> Text | None:
    # An event dated after today (in the site's time zone, settings.TIME_ZONE) would block
    # every entry dated today until reversed: money is recorded once it has moved.
    if event.date > today:
        return Text(gettext_noop(
            "The date {date} is after today ({today}): money is recorded once it has moved, "
            "not in advance."
        ), date=event.date, today=today)
    return None


def _refusal_of(events: Sequence[Event], index: int, refusal: Text) -> ClubError:
    """The refusal of one of several events says which one (numbered from 1)."""
    if len(events) == 1:
        return ClubError(refusal)
    return ClubError(Text(
        gettext_noop("Event {number} ({type}): {refusal}"),
        number=index + 1, type=event_term(events[index].type), refusal=refusal,
    ))


# Recording events -------------------------------------------------------------------------


@transaction.atomic
def club_record_events(
    *,
    club: Club,
    events: Sequence[Event],
    recorded_by: Any,
    proposal: Proposal | None = None,
    member_users: dict[str, Any] | None = None,
    member_roles: dict[str, str] | None = None,
    confirmed_payout_cents: int | None = None,
    history: bool = False,
) -> list[ClubEvent]:
    """Record events in order, all or nothing; raises ClubError with the first refusal.

    Who may: `permissions.may_record_events` (asked under the club's lock).

    An investment or exit paying out more than the charter's `second_officer_above_cents`
    is refused unless a second officer confirmed exactly that payout
    (`confirmed_payout_cents`, passed only by `services.payments` and the confirmed
    investment path; docs/governance.md, "Four eyes"). `history=True` records payments
    already made outside the platform (the demo's past, like a journal import) and skips it.
    """
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if not permissions.may_record_events(
        recorded_by, locked, {e.type for e in events}, history=history
    ):
        raise ClubError(Text(gettext_noop(
            "Only the club's treasurer or manager can record money."
        )))
    book = load_book(locked)
    known_refs = set(
        ClubEvent.objects.filter(club=locked).exclude(reference="").values_list(
            "reference", flat=True
        )
    )
    postings: list[Posting] = []
    today = timezone.localdate()
    for index, event in enumerate(events):
        refusal = (_lifecycle_refusal(locked, event) or _future_refusal(event, today)
                   or _legal_form_refusal(event))
        if refusal:
            raise _refusal_of(events, index, refusal)
        if event.reference and event.reference in known_refs:
            raise _refusal_of(events, index, Text(
                gettext_noop("The reference {reference!r} is already recorded."),
                reference=event.reference,
            ))
        try:
            postings.append(book.apply(event))
        except AccountingError as exc:
            raise _refusal_of(events, index, exc.text) from None
        paid = cash_paid_out(postings[-1]) if event.type in {"investment", "exit"} else 0
        if (not history and paid > locked.second_officer_above_cents
                and paid != confirmed_payout_cents):
            raise _refusal_of(events, index, Text(
                gettext_noop(
                    "Paying out {amount} is more than {limit}, so a second officer (the "
                    "treasurer or the manager) must confirm it: ask for it on the payments "
                    "page."
                ),
                amount=Money(paid), limit=Money(locked.second_officer_above_cents),
            ))
        if event.reference:
            known_refs.add(event.reference)
    first, last = _store(locked, list(events), postings, recorded_by, proposal)
    rows = list(ClubEvent.objects.filter(club=locked, seq__range=(first, last)).order_by("seq"))
    _sync_members_after(locked, rows, member_users or {}, member_roles or {})
    for row in rows:
        audit(
            club=locked, actor=recorded_by, action=f"event.{row.type}", seq=row.seq,
            date=row.date.isoformat(), member=row.member, enterprise=row.enterprise,
            amount=str(from_cents(row.amount_cents)) if row.amount_cents is not None else None,
            reference=row.reference,
        )
    crash_point("books.before_commit")  # a test hook; see ledger/crashpoint.py
    return rows


def club_record_event(
    *, club: Club, event: Event, recorded_by: Any, proposal: Proposal | None = None,
    user: Any = None, role: str | None = None, confirmed_payout_cents: int | None = None,
) -> ClubEvent:
    return club_record_events(
        club=club, events=[event], recorded_by=recorded_by, proposal=proposal,
        member_users={event.member: user} if user is not None else None,
        member_roles={event.member: role} if role else None,
        confirmed_payout_cents=confirmed_payout_cents,
    )[0]


def cash_paid_out(posting: Posting) -> int:
    """Cents leaving the club's cash in one posting (an investment or an exit payout)."""
    return sum(leg.cents for leg in posting if leg.account == ACCOUNT_CASH and leg.side == "C")


def _store(
    club: Club, events: list[Event], postings: list[Posting], recorded_by: Any,
    proposal: Proposal | None,
) -> tuple[int, int]:
    """Insert the events and their entries; return the first and last `seq` stored."""
    user = recorded_by if getattr(recorded_by, "is_authenticated", False) else None
    entry_ids = ledger_post_many(
        ledger=club.ledger,
        entries=[_entry_spec(e, p) for e, p in zip(events, postings, strict=True)],
        posted_by=user,
    )
    # The caller holds the club row's lock, so the last event read here stays the last.
    last = ClubEvent.objects.filter(club=club).order_by("-seq").values_list("seq", "hash").first()
    start = (last[0] if last else 0) + 1
    prev_hash = last[1] if last else GENESIS
    now = timezone.now()
    columns = list(_row_values(events[0]).keys()) if events else []
    table = ClubEvent._meta.db_table
    rows = []
    for i, (event, entry_id) in enumerate(zip(events, entry_ids, strict=True)):
        values = {
            "club_id": club.pk, "seq": start + i, "entry_id": entry_id,
            "recorded_by_id": getattr(user, "pk", None), "recorded_at": now,
            **_row_values(event),
        }
        # Each event is chained to the one before it (clubs/chain.py, verify_audit).
        row_hash = event_hash(prev_hash, values)
        rows.append((club.pk, start + i, entry_id, proposal.pk if proposal else None,
                     values["recorded_by_id"], now, prev_hash, row_hash,
                     *_row_values(event).values()))
        prev_hash = row_hash
    with connection.cursor() as cursor:
        # Plain INSERTs for the same reason as in ledger_post_many: large journal imports.
        cursor.executemany(
            f"INSERT INTO {table} (club_id, seq, entry_id, proposal_id, recorded_by_id, "  # noqa: S608
            f"recorded_at, prev_hash, hash, {', '.join(columns)}) "
            f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s{', %s' * len(columns)})",
            rows,
        )
    if events:
        # A checkpoint at or after the earliest new date no longer holds every event up to its
        # day (the book keeps date order, so these are at most the last month's ones).
        invalidate_checkpoints(club, on_or_after=min(e.date for e in events))
    dissolution = next((e for e in events if e.type == "dissolve"), None)
    if dissolution is not None:
        club.status = Club.Status.DISSOLVED
        club.open_to_projects = False
        club.save(update_fields=["status", "open_to_projects"])
        ClubStage.objects.create(club=club, status=Club.Status.DISSOLVED, since=dissolution.date)
    return start, start + len(events) - 1


def _sync_members_after(
    club: Club, rows: list[ClubEvent], users: dict[str, Any], roles: dict[str, str]
) -> None:
    for row in rows:
        if row.type == "join":
            member, created = Member.objects.get_or_create(
                club=club, name=row.member,
                defaults={"joined_on": row.date, "user": users.get(row.member),
                          "role": roles.get(row.member, Member.Role.MEMBER)},
            )
            if not created:
                member.joined_on = row.date
                member.exited_on = None
                member.save(update_fields=["joined_on", "exited_on"])
        elif row.type == "exit":
            Member.objects.filter(club=club, name=row.member).update(exited_on=row.date)


def _resync_members(club: Club) -> None:
    """Make every Member row agree with the book (after a reversal changed history)."""
    book = load_book(club)
    views = {m.name: m for m in book.members()}
    for member in Member.objects.filter(club=club):
        view = views.get(member.name)
        joined = view.joined if view else None
        exited = None
        if view is not None and view.status == "exited":
            exited = ClubEvent.objects.filter(
                club=club, type="exit", member=member.name, reversal__isnull=True
            ).values_list("date", flat=True).last()
        if (member.joined_on, member.exited_on) != (joined, exited):
            member.joined_on, member.exited_on = joined, exited
            member.save(update_fields=["joined_on", "exited_on"])
    if club.status == Club.Status.DISSOLVED and not book.dissolved:
        # The dissolution was reversed: the club is back in the stage it was in before it,
        # from the same day (a later row on the same date wins), so no statement shows a
        # dissolution that did not happen.
        dissolved = ClubStage.objects.filter(
            club=club, status=Club.Status.DISSOLVED).order_by("since", "id").last()
        before = ClubStage.objects.filter(club=club).exclude(
            status=Club.Status.DISSOLVED).order_by("since", "id").last()
        club.status = before.status if before else Club.Status.MANAGEMENT
        club.save(update_fields=["status"])
        ClubStage.objects.create(club=club, status=club.status,
                                 since=dissolved.since if dissolved else timezone.localdate())


def _legs(posting: Posting) -> list[tuple[str, str, int]]:
    return sorted((leg.account, leg.side, leg.cents) for leg in posting)


@transaction.atomic
def club_reverse_event(
    *, club: Club, event: ClubEvent, reason: str, reversed_by: Any, on: date | None = None
) -> EventReversal:
    """Cancel a recorded event with a reversing ledger entry, saying who and why.

    Allowed only when every later event would post exactly the same entry without it
    (otherwise later figures, such as units bought after it, would silently change): the
    message then says which later event depends on it, to be reversed first.
    """
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if not permissions.may_record_money(reversed_by, locked):
        raise ClubError(Text(gettext_noop(
            "Only the club's treasurer or manager can record money."
        )))
    if event.club_id != locked.pk:
        raise ClubError(Text(gettext_noop("That event belongs to another club.")))
    if not reason.strip():
        raise ClubError(Text(gettext_noop("Say why the event is reversed.")))
    if EventReversal.objects.filter(event=event).exists():
        raise ClubError(Text(gettext_noop("That event has already been reversed.")))
    # A reversal is a money entry like any other: dated after today it would block every
    # entry dated today (`_future_refusal`). The pages and the API date it today.
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ClubError(Text(gettext_noop(
            "The date {date} is after today ({today}): money is recorded once it has moved, "
            "not in advance."
        ), date=on, today=today))
    rows = list(
        ClubEvent.objects.filter(club=locked, reversal__isnull=True).order_by("seq")
    )
    # Replay history with and without the event. Every later event must post the same
    # legs and issue or cancel the same units; otherwise reversing would silently rewrite
    # later figures (units bought after it, interest, payouts).
    with_it, without_it = new_book(locked), new_book(locked)
    for row in rows:
        later = row.seq > event.seq
        fact = event_from_row(row)
        units_before = with_it.units_micro
        kept = with_it.apply(fact)
        kept_units = (with_it.units_micro or 0) - (units_before or 0)
        if row.pk == event.pk:
            continue
        units_before = without_it.units_micro
        try:
            fresh = without_it.apply(fact)
        except AccountingError as exc:
            raise ClubError(Text(
                gettext_noop(
                    "Without it, the later event on {date} ({type}) would be refused: "
                    "{refusal} Reverse that one first."
                ),
                date=row.date, type=event_term(row.type), refusal=exc.text,
            )) from None
        fresh_units = (without_it.units_micro or 0) - (units_before or 0)
        if later and (_legs(kept) != _legs(fresh) or kept_units != fresh_units):
            if row.member:
                raise ClubError(Text(
                    gettext_noop(
                        "The later event on {date} ({type} {member}) depends on this one. "
                        "Reverse the later events first."
                    ),
                    date=row.date, type=event_term(row.type), member=row.member,
                ))
            raise ClubError(Text(
                gettext_noop(
                    "The later event on {date} ({type}) depends on this one. "
                    "Reverse the later events first."
                ),
                date=row.date, type=event_term(row.type),
            ))
    entry = ledger_reverse_entry(
        entry=event.entry, on=on, reason=reason, posted_by=reversed_by
    )
    reversal = EventReversal.objects.create(
        event=event, entry=entry, reason=reason, reversed_by=reversed_by
    )
    invalidate_checkpoints(locked, on_or_after=event.date, holding_seq=event.seq)
    _resync_members(locked)
    audit(club=locked, actor=reversed_by, action="event.reversed", seq=event.seq,
          type=event.type, reason=reason)
    return reversal


# The journal file -------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    imported: int = 0
    skipped: int = 0
    errors: list[JournalError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@transaction.atomic
def club_import_journal(*, club: Club, text: str | bytes, recorded_by: Any) -> ImportOutcome:
    """Check the whole file first; store every new row, or nothing if any row is wrong."""
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if not permissions.may_import_journal(recorded_by, locked):
        raise ClubError(Text(gettext_noop(
            "Only the club's treasurer or manager can record money."
        )))
    book = load_book(locked)
    existing = set(
        ClubEvent.objects.filter(club=locked).exclude(reference="").values_list(
            "reference", flat=True
        )
    )
    result = parse_journal(text, book=book, existing_references=existing,
                           latest=timezone.localdate())
    errors = list(result.errors)
    if not errors and locked.status in {Club.Status.MANAGEMENT, Club.Status.FORMING}:
        for event in result.events:
            refusal = _lifecycle_refusal(locked, event)
            if refusal:
                errors.append(JournalError.of(0, Text(
                    gettext_noop("{date} {type}: {refusal}"),
                    date=event.date, type=event_term(event.type), refusal=refusal,
                )))
                break
    if errors:
        return ImportOutcome(errors=errors, skipped=len(result.skipped_references))
    postings = []
    for event in result.events:
        try:
            postings.append(book.apply(event))
        except EventRejected as exc:  # cannot happen: parse_journal applied the same rows
            raise AssertionError(f"checked journal row refused on replay: {exc}") from exc
    if result.events:
        first, last = _store(locked, result.events, postings, recorded_by, None)
        rows = list(
            ClubEvent.objects.filter(
                club=locked, seq__range=(first, last), type__in=("join", "exit")
            ).order_by("seq")
        )
        _sync_members_after(locked, rows, {}, {})
    audit(club=locked, actor=recorded_by, action="journal.imported", rows=len(result.events),
          skipped=len(result.skipped_references))
    crash_point("books.before_commit")  # a test hook; see ledger/crashpoint.py
    return ImportOutcome(imported=len(result.events), skipped=len(result.skipped_references))
