"""A vote's decision and a proposed change, in the reader's language.

A closed vote stores its decision as codes and figures (`Proposal.decision`, made by
`clubs.core.votes`); this module words it in the active language wherever it is shown: the
proposal and enterprise pages (filter `decision_text`), the API (in English) and the
`close_due_votes` command. Rows decided before decisions were stored as codes keep their
`decision_note`, shown as it was written.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from microfuture.clubs.core.votes import QUORUM_NOT_REACHED, TWO_THIRDS, UNANIMITY
from microfuture.clubs.models import Club, Member, Proposal
from microfuture.kernel.money import Money

#: The charter's rules that only a members' decision changes (or the founders while the club
#: is forming), with how each is entered and shown.
CHARTER_RULES: dict[str, Any] = {
    "decision_rule": gettext_lazy("Decision rule"),
    "quorum_percent": gettext_lazy("Quorum (% of members who must vote)"),
    "max_enterprise_share_percent": gettext_lazy(
        "Largest share of the club's assets in one enterprise (%)"
    ),
    "max_stake_percent": gettext_lazy("Largest stake in an enterprise's capital (%)"),
    "monthly_pledge_cents": gettext_lazy("Monthly pledge per member"),
    "open_books": gettext_lazy("Every member sees every member's figures (open books)"),
    "secret_ballot": gettext_lazy("Online votes are secret"),
    "manager_appoints_officers": gettext_lazy(
        "The manager appoints and removes the treasurer and the secretary"
    ),
    "second_officer_above_cents": gettext_lazy(
        "Payments out above this amount need a second officer's confirmation"
    ),
}


def rule_label(code: str) -> str:
    return str(Club.DecisionRule(code).label) if code in Club.DecisionRule.values else code


def role_label(code: str) -> str:
    return str(Member.Role(code).label) if code in Member.Role.values else code


def charter_value(club: Club, field: str, value: Any) -> str:
    """One charter value as the reader writes it."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "decision_rule":
        return rule_label(str(value))
    if field.endswith("_cents"):
        return Money(int(value), club.currency).format(get_language())
    if field.endswith("_percent"):
        return f"{value} %"
    return str(value)


def decision_text(proposal: Proposal) -> str:
    """The decision of a closed vote in the active language ('' while undecided); a vote
    decided before decisions were stored as codes shows its note as it was written."""
    if not proposal.decision:
        return proposal.decision_note
    return decision_words(proposal.decision)


def decision_words(d: dict[str, Any]) -> str:
    """A decision (`core.votes.Decision.as_json`) in the active language."""
    figures = {"cast": d["cast"], "eligible": d["eligible"], "needed": d["needed"]}
    if d["reason"] == QUORUM_NOT_REACHED:
        text = _(
            "Quorum not reached: %(cast)d of %(eligible)d members voted, %(needed)d needed."
        ) % figures
    else:
        votes = _("%(yes)d yes, %(no)d no, %(abstain)d abstaining") % {
            "yes": d["yes"], "no": d["no"], "abstain": d["abstain"],
        }
        if d["outcome"] == "approved":
            text = _(
                "Approved (%(rule)s): %(figures)s; %(cast)d of %(eligible)d members voted."
            ) % {**figures, "rule": rule_label(d["rule"]), "figures": votes}
        else:
            if d["rule"] == TWO_THIRDS:
                why = _("two thirds of the yes and no votes must be yes")
            elif d["rule"] == UNANIMITY:
                why = _("a unanimous decision needs no vote against and at least one yes")
            else:
                why = _("a simple majority needs more yes than no votes")
            text = _(
                "Rejected: %(why)s; %(figures)s; %(cast)d of %(eligible)d members voted."
            ) % {**figures, "why": why, "figures": votes}
    if d.get("applied") is True:
        text += " " + _("The change is in force.")
    elif d.get("applied") is False:
        text += " " + _("The change could not be applied: %(why)s") % {
            "why": not_applied_reason(d.get("not_applied", ""))
        }
    return text


def decision_text_en(proposal: Proposal) -> str:
    """The decision in English: what the API and the commands show."""
    with override("en"):
        return decision_text(proposal)


def not_applied_reason(code: str) -> str:
    if code == "member_left":
        return _("the member is no longer active in the club.")
    if code == "dissolved":
        return _("the club is dissolved.")
    return code


def change_lines(proposal: Proposal) -> list[tuple[str, str]]:
    """What a charter or role proposal would change: (what, new value) in the reader's
    language. Funding proposals change nothing of the club's rules."""
    club = proposal.club
    if proposal.kind == Proposal.Kind.CHARTER:
        return [
            (str(CHARTER_RULES.get(field, field)), charter_value(club, field, value))
            for field, value in proposal.changes.items()
        ]
    if proposal.kind == Proposal.Kind.ROLE:
        member = Member.objects.filter(club=club, pk=proposal.changes.get("member")).first()
        name = member.name if member else "?"
        return [(name, role_label(str(proposal.changes.get("role", ""))))]
    return []
