"""How a club's vote is decided, and what a charter change needs to be adopted (pure).

No ORM, no I/O, no words: a decision is codes and figures (`Decision.as_json`), stored on the
proposal and put into the reader's language where it is shown (`clubs/decisions.py`). The
rules are written down in docs/governance.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAJORITY, TWO_THIRDS, UNANIMITY = "majority", "two_thirds", "unanimity"

#: Decision rules from the weakest to the strictest.
RULE_STRENGTH = {MAJORITY: 1, TWO_THIRDS: 2, UNANIMITY: 3}

#: A quorum below this many % of the members is adopted only unanimously.
QUORUM_NEEDS_UNANIMITY_BELOW = 50
#: The lowest quorum a charter may have at all (0 % would let nobody decide for everyone).
QUORUM_FLOOR = 1

#: Why a vote came out as it did.
QUORUM_NOT_REACHED = "quorum_not_reached"
RULE_MET = "rule_met"
RULE_NOT_MET = "rule_not_met"


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    eligible: int
    needed: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class Decision:
    approved: bool
    reason: str
    rule: str
    quorum_percent: int
    tally: Tally

    @property
    def quorum_met(self) -> bool:
        return self.reason != QUORUM_NOT_REACHED

    def as_json(self) -> dict[str, Any]:
        """What the proposal stores: codes and figures only, in no language."""
        t = self.tally
        return {
            "outcome": "approved" if self.approved else "rejected",
            "reason": self.reason, "rule": self.rule, "quorum_percent": self.quorum_percent,
            "yes": t.yes, "no": t.no, "abstain": t.abstain, "cast": t.cast,
            "eligible": t.eligible, "needed": max(t.needed, 1),
        }


def quorum_needed(*, quorum_percent: int, eligible: int) -> int:
    """The least number of votes with votes × 100 ≥ quorum % × eligible."""
    return -(-quorum_percent * eligible // 100)


def decide(*, rule: str, quorum_percent: int, tally: Tally) -> Decision:
    """Apply a decision rule and a quorum to a tally.

    The quorum is met when votes cast × 100 ≥ quorum % × eligible and at least one vote was
    cast. Abstentions count towards the quorum only; the rule compares yes with no.
    """
    cast, eligible = tally.cast, tally.eligible
    if eligible == 0 or cast == 0 or cast * 100 < quorum_percent * eligible:
        return Decision(False, QUORUM_NOT_REACHED, rule, quorum_percent, tally)
    yes, no = tally.yes, tally.no
    if rule == TWO_THIRDS:
        approved = yes > 0 and 3 * yes >= 2 * (yes + no)
    elif rule == UNANIMITY:
        approved = no == 0 and yes >= 1
    else:
        approved = yes > no
    return Decision(approved, RULE_MET if approved else RULE_NOT_MET, rule, quorum_percent,
                    tally)


def stricter(a: str, b: str) -> str:
    return a if RULE_STRENGTH.get(a, 0) >= RULE_STRENGTH.get(b, 0) else b


def rule_to_adopt(*, rule_in_force: str, changes: Mapping[str, Any]) -> str:
    """The rule a charter change is decided by: the rule in force, or unanimity when the
    change weakens the decision rule or sets a quorum below 50 %."""
    new_rule = changes.get("decision_rule")
    weaker_rule = new_rule is not None and (
        RULE_STRENGTH.get(str(new_rule), 0) < RULE_STRENGTH.get(rule_in_force, 0)
    )
    quorum = changes.get("quorum_percent")
    low_quorum = quorum is not None and int(quorum) < QUORUM_NEEDS_UNANIMITY_BELOW
    return UNANIMITY if weaker_rule or low_quorum else rule_in_force
