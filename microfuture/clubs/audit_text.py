"""The audit log in the reader's language.

An audit row stores an action code (`vote.cast`, `club.status`, `payment.confirmed`) and its
values as codes and figures (`{"rule": "two_thirds", "amount": "1500.00"}`), in no language.
`audit_line(action, detail)` words it where it is shown: one sentence for the action, and
each value with a label, choices by their labels, dates and amounts in the locale.

An action this module does not know still reads as a sentence ("Payment out: a change was
recorded.") built from the part before the dot, and a value it does not know is shown with
its key made readable, so a new action never shows raw on a page. Keys that only link rows
(`member_id`, `request`, `invitation`, `slug`) are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from microfuture.clubs.labels import INSTRUMENT_LABELS
from microfuture.clubs.legal_form import LegalForm
from microfuture.clubs.models import Club, ClubEvent, Member, PaymentApproval, Proposal, Vote
from microfuture.kernel.money import Money, format_money
from microfuture.regions import region_name

# One sentence per action. Sentences name no values: the values follow, each labelled, so no
# word has to be inflected around a name or a figure.
SENTENCES: dict[str, Any] = {
    "club.created": gettext_lazy("The club was founded."),
    "club.status": gettext_lazy("The club's stage changed."),
    "club.charter": gettext_lazy("The charter changed."),
    "member.role": gettext_lazy("A member's role changed."),
    "member.consents": gettext_lazy("A member changed their consents."),
    "member.account_closed": gettext_lazy(
        "A member closed their account; their figures stay in the books under a pseudonym."),
    "member.name_erased": gettext_lazy(
        "A member's name was replaced by a pseudonym everywhere in the club's books."),
    "figures.read_for_audit": gettext_lazy("Members' figures were read for an audit."),
    "event.reversed": gettext_lazy("A money event was reversed."),
    "journal.imported": gettext_lazy("A journal file was imported."),
    "meeting.scheduled": gettext_lazy("A meeting was scheduled."),
    "meeting.attendance": gettext_lazy("The attendance of a meeting was recorded."),
    "meeting.minutes": gettext_lazy("The minutes of a meeting were recorded."),
    "proposal.submitted": gettext_lazy("A proposal was submitted."),
    "proposal.due_diligence": gettext_lazy("The due diligence of a proposal was recorded."),
    "proposal.vote_opened": gettext_lazy("A vote on a proposal was opened."),
    "vote.cast": gettext_lazy("A vote was cast."),
    "vote.changed": gettext_lazy("A vote was changed."),
    "proposal.decided": gettext_lazy("A proposal was decided."),
    "proposal.withdrawn": gettext_lazy("A proposal was withdrawn."),
    "proposal.funded": gettext_lazy("A proposal was funded."),
    "payment.requested": gettext_lazy(
        "A payment out was recorded; it waits for a second officer's confirmation."),
    "payment.confirmed": gettext_lazy("A second officer confirmed a payment out."),
    "payment.cancelled": gettext_lazy("A payment out waiting for confirmation was cancelled."),
    "invitation.sent": gettext_lazy("An invitation to join was sent."),
    "invitation.accepted": gettext_lazy("An invitation to join was accepted."),
    "invitation.cancelled": gettext_lazy("An invitation to join was cancelled."),
    "interest.join_club": gettext_lazy("Someone asked to join a club."),
    "interest.enterprise": gettext_lazy("Someone asked to register an enterprise."),
    "interest.handled": gettext_lazy("A request was handled."),
    "enterprise.registered": gettext_lazy("An enterprise was registered."),
    "enterprise.details": gettext_lazy("An enterprise's details changed."),
    "enterprise.update": gettext_lazy("An enterprise reported its figures."),
    "mentor.assigned": gettext_lazy("A mentor was assigned to an enterprise."),
    "mentoring.session": gettext_lazy("A mentoring session was recorded."),
    "enterprise.report": gettext_lazy("An enterprise reported its year (jobs, trading, "
                                      "finance obtained)."),
    "volunteer.recorded": gettext_lazy("A member's volunteer time was recorded."),
}
# A money event: "Recorded: Contribution."
EVENT_SENTENCE = gettext_lazy("Money event recorded: %(kind)s.")
# What an unknown action is about, from the part before the dot.
SUBJECTS: dict[str, Any] = {
    "club": gettext_lazy("Club"),
    "member": gettext_lazy("Member"),
    "proposal": gettext_lazy("Proposal"),
    "vote": gettext_lazy("Vote"),
    "payment": gettext_lazy("Payment out"),
    "event": gettext_lazy("Money event"),
    "meeting": gettext_lazy("Meeting"),
    "enterprise": gettext_lazy("Enterprise"),
    "invitation": gettext_lazy("Invitation"),
    "mentor": gettext_lazy("Mentoring"),
    "mentoring": gettext_lazy("Mentoring"),
    "interest": gettext_lazy("Request"),
    "journal": gettext_lazy("Journal"),
    "figures": gettext_lazy("Figures"),
}
UNKNOWN_SUBJECT_SENTENCE = gettext_lazy("%(subject)s: a change was recorded.")
UNKNOWN_SENTENCE = gettext_lazy("A change was recorded.")

LABELS: dict[str, Any] = {
    "name": gettext_lazy("Name"),
    "policy": gettext_lazy("Share-out"),
    "old": gettext_lazy("Before"),
    "new": gettext_lazy("After"),
    "since": gettext_lazy("Since"),
    "changed": gettext_lazy("Changed"),
    "changes": gettext_lazy("Proposed change"),
    "by": gettext_lazy("Decided by"),
    "member": gettext_lazy("Member"),
    "proposal": gettext_lazy("Proposal"),
    "kind": gettext_lazy("Kind"),
    "enterprise": gettext_lazy("Enterprise"),
    "instrument": gettext_lazy("Instrument"),
    "amount": gettext_lazy("Amount"),
    "meeting": gettext_lazy("Meeting"),
    "deadline": gettext_lazy("Voting closes"),
    "rule": gettext_lazy("Decision rule"),
    "quorum_percent": gettext_lazy("Quorum"),
    "choice": gettext_lazy("Choice"),
    "reason": gettext_lazy("Reason"),
    "event_seq": gettext_lazy("Entry no."),
    "seq": gettext_lazy("Entry no."),
    "type": gettext_lazy("Kind of event"),
    "date": gettext_lazy("Date"),
    "reference": gettext_lazy("Reference"),
    "rows": gettext_lazy("Rows imported"),
    "skipped": gettext_lazy("Rows skipped"),
    "title": gettext_lazy("Title"),
    "starts_at": gettext_lazy("Starts"),
    "present": gettext_lazy("Present"),
    "approval": gettext_lazy("Payment no."),
    "requested_by": gettext_lazy("Recorded by"),
    "linked_existing": gettext_lazy("Linked to an existing account"),
    "region": gettext_lazy("Region"),
    "share_capital": gettext_lazy("Share capital"),
    "legal_form": gettext_lazy("Legal form"),
    "social_enterprise": gettext_lazy("Registered social enterprise (so.p.)"),
    "mentor": gettext_lazy("Mentor"),
    "minutes": gettext_lazy("Length (minutes)"),
    "topic": gettext_lazy("Topic"),
    "what": gettext_lazy("What was read"),
    "jobs": gettext_lazy("Jobs"),
    "turnover": gettext_lazy("Turnover"),
    "not_applied": gettext_lazy("Not applied"),
    "year": gettext_lazy("Year"),
    "replaced": gettext_lazy("Replaced the year's earlier report"),
    "trading": gettext_lazy("Still trading"),
    "jobs_created": gettext_lazy("Jobs created"),
    "jobs_kept": gettext_lazy("Jobs kept"),
    "jobs_target_groups": gettext_lazy("Jobs held by people of the target groups"),
    "leverage": gettext_lazy("Finance obtained"),
    "activity": gettext_lazy("What for"),
}
# Keys that only link rows, and the decision's figures (worded in the sentence).
HIDDEN = frozenset({
    "member_id", "request", "invitation", "slug", "outcome", "yes", "no", "abstain", "cast",
    "eligible", "needed", "applied",
})
BY_LABELS: dict[str, Any] = {
    "founders": gettext_lazy("the founders"),
    "officers": gettext_lazy("the officers"),
    "decision": gettext_lazy("the members' decision"),
    "manager": gettext_lazy("the manager, as the charter allows"),
    "schedule": gettext_lazy("the end of the voting time"),
    "person": gettext_lazy("an officer"),
}
POLICY_LABELS = dict(Club.SharePolicy.choices)
NOT_APPLIED_LABELS: dict[str, Any] = {
    "dissolved": gettext_lazy("the club is dissolved"),
    "member_left": gettext_lazy("the member has left the club"),
}
WHAT_LABELS: dict[str, Any] = {
    "member_statement": gettext_lazy("a member's statement"),
    "journal_file": gettext_lazy("the journal file"),
    "pledges": gettext_lazy("everyone's pledges"),
    "collection_sheet": gettext_lazy("the monthly collection sheet"),
}


def rule_label(code: str) -> str:
    return str(Club.DecisionRule(code).label) if code in Club.DecisionRule.values else code


def role_label(code: str) -> str:
    return str(Member.Role(code).label) if code in Member.Role.values else code


def _decisions() -> Any:
    # The wording of a vote's decision and the charter's rules live in clubs/decisions.py
    # (the governance work); without it the sentence and the labels fall back to plainer ones.
    try:
        from microfuture.clubs import decisions
    except ImportError:
        return None
    return decisions


@dataclass(frozen=True)
class AuditLine:
    """An audit row in the reader's language: a sentence and the labelled values."""

    sentence: str
    details: tuple[tuple[str, str], ...]


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _day(value: Any) -> str:
    text = str(value)
    try:
        if len(text) > 10:
            moment = datetime.fromisoformat(text)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        return formats.date_format(date.fromisoformat(text), "SHORT_DATE_FORMAT")
    except ValueError:
        return text


def _number(value: Any) -> str:
    try:
        return formats.number_format(Decimal(str(value)), use_l10n=True)
    except (InvalidOperation, ValueError):
        return str(value)


def _money(currency: str) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        if isinstance(value, list | tuple):  # [before, after]
            return " → ".join(show(v) for v in value)
        if value in (None, ""):
            return "–"
        try:
            return format_money(Decimal(str(value)), currency, get_language())
        except (InvalidOperation, ValueError):
            return str(value)
    return show


def _choice(labels: Mapping[str, Any]) -> Callable[[Any], str]:
    return lambda value: str(labels.get(str(value), value))


def _field_label(name: str) -> str:
    rules = getattr(_decisions(), "CHARTER_RULES", {})
    if name in rules:
        return str(rules[name])
    try:
        return str(getattr(Club._meta.get_field(name), "verbose_name", name))
    except Exception:  # a field the model no longer has: its name, made readable
        return name.replace("_", " ")


def _charter_value(field: str, value: Any, currency: str) -> str:
    if isinstance(value, bool):
        return _yes_no(value)
    if field == "decision_rule":
        return rule_label(str(value))
    if field == "role":
        return role_label(str(value))
    if field.endswith("_cents") and isinstance(value, int):
        return Money(value, currency).format(get_language())
    if field.endswith("_percent"):
        return f"{_number(value)} %"
    return str(value)


def _changes(value: Any, currency: str) -> str:
    if not isinstance(value, Mapping):
        return str(value)
    return "; ".join(f"{_field_label(k)}: {_charter_value(k, v, currency)}"
                     for k, v in value.items() if k != "member")


def _kind_labels(action: str) -> Mapping[str, Any]:
    if action.startswith("payment."):
        return dict(PaymentApproval.Kind.choices)
    return dict(Proposal.Kind.choices)


def _old_new(action: str, detail: Mapping[str, Any]) -> Callable[[Any], str]:
    if action == "club.status":
        return _choice(dict(Club.Status.choices))
    if action == "member.role" or detail.get("kind") == Proposal.Kind.ROLE:
        return lambda v: role_label(str(v))
    if action.startswith("proposal."):
        return _choice(dict(Proposal.Status.choices))
    return _plain


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or "–"
    if isinstance(value, Mapping):
        return "; ".join(f"{k.replace('_', ' ')}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, int | float | Decimal):
        return _number(value)
    return str(value)


def _shower(key: str, action: str, detail: Mapping[str, Any],
            currency: str) -> Callable[[Any], str]:
    money = _money(currency)
    table: dict[str, Callable[[Any], str]] = {
        "amount": money, "share_capital": money, "turnover": money, "leverage": money,
        "year": str,
        "choice": _choice(dict(Vote.Choice.choices)),
        "rule": lambda v: rule_label(str(v)),
        "quorum_percent": lambda v: f"{_number(v)} %",
        "kind": _choice(_kind_labels(action)),
        "instrument": _choice(INSTRUMENT_LABELS),
        "type": _choice(dict(ClubEvent.Type.choices)),
        "policy": _choice(POLICY_LABELS),
        "by": _choice(BY_LABELS),
        "not_applied": _choice(NOT_APPLIED_LABELS),
        "what": _choice(WHAT_LABELS),
        "region": lambda v: region_name(str(v)),
        "legal_form": lambda v: " → ".join(
            str(LegalForm(f).label) if f in LegalForm.values else (f or "–")
            for f in (v if isinstance(v, list | tuple) else [v])
        ),
        "social_enterprise": lambda v: " → ".join(
            _yes_no(bool(b)) for b in (v if isinstance(v, list | tuple) else [v])
        ),
        "date": _day, "since": _day, "deadline": _day, "starts_at": _day,
        "changed": lambda v: ", ".join(_field_label(str(f)) for f in v)
        if isinstance(v, list | tuple) else _field_label(str(v)),
        "changes": lambda v: _changes(v, currency),
        "proposal": lambda v: _("no. %(n)s") % {"n": v},
        "meeting": lambda v: _("no. %(n)s") % {"n": v},
        "old": _old_new(action, detail),
        "new": _old_new(action, detail),
    }
    return table.get(key, _plain)


def _sentence(action: str, detail: Mapping[str, Any]) -> str:
    words = getattr(_decisions(), "decision_words", None)
    if action == "proposal.decided" and "outcome" in detail and words is not None:
        try:
            return f"{SENTENCES[action]} {words(dict(detail))}"
        except (KeyError, TypeError, ValueError):
            return str(SENTENCES[action])
    if action in SENTENCES:
        return str(SENTENCES[action])
    subject, _dot, rest = action.partition(".")
    if subject == "event" and rest:
        kinds = dict(ClubEvent.Type.choices)
        kind = kinds.get(rest, rest.replace("_", " "))
        return str(EVENT_SENTENCE) % {"kind": kind}
    if subject in SUBJECTS:
        return str(UNKNOWN_SUBJECT_SENTENCE) % {"subject": SUBJECTS[subject]}
    return str(UNKNOWN_SENTENCE)


def audit_line(action: str, detail: Any, *, currency: str = "EUR") -> AuditLine:
    """An audit row's action and values in the active language."""
    values: Mapping[str, Any] = detail if isinstance(detail, Mapping) else {}
    details: list[tuple[str, str]] = []
    for key, value in values.items():
        if key in HIDDEN or value is None or value == "" or value == []:
            continue
        if action == "proposal.decided" and key == "reason":
            continue  # the decision's sentence says it
        label = str(LABELS.get(key, key.replace("_", " ").capitalize()))
        details.append((label, _shower(key, action, values, currency)(value)))
    return AuditLine(sentence=_sentence(action, values), details=tuple(details))
