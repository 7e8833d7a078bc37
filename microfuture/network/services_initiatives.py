"""Writes of joint initiatives (spec §5): only the network's staff create and change them.

An initiative's dates follow its status, so the period report can tell when it was under way:
the day it becomes `active` is its `started_on` (unless one was given), the day it is
`completed` or `stopped` its `ended_on`; back to `planned` or `active` clears `ended_on`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.network import permissions
from microfuture.network.errors import NetworkError
from microfuture.network.models import Initiative, Meeting, Organisation

ENDED = (Initiative.Status.COMPLETED, Initiative.Status.STOPPED)


def _check(
    *, actor: Any, title_sl: str, title_en: str, status: str,
    started_on: dt.date | None, ended_on: dt.date | None,
) -> None:
    if not permissions.is_staff(actor):
        raise NetworkError(_("Only the network's staff may create or change joint initiatives."))
    if not title_sl.strip() and not title_en.strip():
        raise NetworkError(_("Give the initiative a title in Slovenian or in English."))
    if status not in Initiative.Status.values:
        raise NetworkError(_("Choose one of the statuses offered."))
    if started_on and ended_on and ended_on < started_on:
        raise NetworkError(_("An initiative cannot end before it started."))


def _dates(
    *, status: str, started_on: dt.date | None, ended_on: dt.date | None, today: dt.date,
) -> tuple[dt.date | None, dt.date | None]:
    if status in (Initiative.Status.ACTIVE, *ENDED) and started_on is None:
        started_on = today
    ended_on = (ended_on or max(today, started_on or today)) if status in ENDED else None
    return started_on, ended_on


def initiative_create(
    *, actor: Any, title_sl: str = "", title_en: str = "", goal_sl: str = "",
    goal_en: str = "", status: str = Initiative.Status.PLANNED,
    started_on: dt.date | None = None, ended_on: dt.date | None = None,
    partners: Iterable[Organisation] = (), meetings: Iterable[Meeting] = (),
) -> Initiative:
    """A new joint initiative with its partners and meetings."""
    _check(actor=actor, title_sl=title_sl, title_en=title_en, status=status,
           started_on=started_on, ended_on=ended_on)
    started_on, ended_on = _dates(status=status, started_on=started_on, ended_on=ended_on,
                                  today=timezone.localdate())
    with transaction.atomic():
        initiative = Initiative.objects.create(
            title_sl=title_sl.strip(), title_en=title_en.strip(), goal_sl=goal_sl.strip(),
            goal_en=goal_en.strip(), status=status, started_on=started_on, ended_on=ended_on,
        )
        initiative.partners.set(list(partners))
        initiative.meetings.set(list(meetings))
    return initiative


def initiative_update(
    *, actor: Any, initiative: Initiative, title_sl: str, title_en: str, goal_sl: str,
    goal_en: str, status: str, started_on: dt.date | None, ended_on: dt.date | None,
    partners: Iterable[Organisation], meetings: Iterable[Meeting],
) -> Initiative:
    """Change an initiative: its texts, status, dates, partners and meetings."""
    _check(actor=actor, title_sl=title_sl, title_en=title_en, status=status,
           started_on=started_on, ended_on=ended_on)
    started_on, ended_on = _dates(status=status, started_on=started_on, ended_on=ended_on,
                                  today=timezone.localdate())
    with transaction.atomic():
        # Lock, then write: two staff saving at once keep one consistent version.
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        locked.title_sl, locked.title_en = title_sl.strip(), title_en.strip()
        locked.goal_sl, locked.goal_en = goal_sl.strip(), goal_en.strip()
        locked.status, locked.started_on, locked.ended_on = status, started_on, ended_on
        locked.save()
        locked.partners.set(list(partners))
        locked.meetings.set(list(meetings))
    return locked


def initiative_set_status(*, actor: Any, initiative: Initiative, status: str) -> Initiative:
    """Move an initiative to another status (its dates follow, see the module's note)."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        _check(actor=actor, title_sl=locked.title_sl, title_en=locked.title_en, status=status,
               started_on=locked.started_on, ended_on=None)
        today = timezone.localdate()
        ended_on = locked.ended_on if locked.status in ENDED and status in ENDED else None
        locked.started_on, locked.ended_on = _dates(
            status=status, started_on=locked.started_on, ended_on=ended_on, today=today)
        locked.status = status
        locked.save()
    return locked
