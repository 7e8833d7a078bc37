"""What a higher app lends the clubs at start-up, since the clubs import none of them
(docs/architecture.md, "Direction of imports").

`stored_figures`: set by the impact app (`ImpactConfig.ready`) to read the regional overview's
figures from the stored portfolio snapshots (`impact/selectors_stored.py`) in place of replaying
each club's book. It is given the clubs and a date and answers, by club id, the figures of the
clubs whose stored row of that date is current; every club it leaves out is replayed
(`region_overview`). None (impact not installed): every club is replayed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microfuture.clubs.models import Club


@dataclass(frozen=True)
class StoredOverview:
    """One club's figures for the regional overview, as its statement of the date gives them:
    money as the statement's texts ("1234.50"), `invested` None when it holds nothing."""

    members: int
    savings: str
    nav: str
    invested: str | None
    enterprises: int
    par30: str | None


StoredFigures = Callable[["Iterable[Club]", date], Mapping[int, StoredOverview]]

#: Filled by `microfuture.impact` at start-up; None leaves every club to a replay.
stored_figures: StoredFigures | None = None
