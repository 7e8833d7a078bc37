"""Backfill each existing club's life stages (`ClubStage`) from what was recorded.

What it knows, per club (docs/clubs.md, "Life of a club"):

- the status changes in the audit log (`club.status`, with `old` and `new`), each in force
  from the day it was recorded (the log has no other date: a change recorded late, such as
  the demo's "in management", is dated on the day it was recorded);
- the dissolution: the date of the club's `dissolve` event that was not reversed;
- a reversed dissolution (`event.reversed` of a `dissolve`): the services then put the club in
  management, from the day of the reversal.

What it cannot know, and assumes:

- the first stage is the `old` of the first recorded change, or, without any change, today's
  status; a dissolved club without a recorded change is taken to have been `active` before
  (clubs created by an import or the demo start active), from its start date;
- if what is rebuilt does not end in the club's current status, the current status is added
  from the day of this migration.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import timezone


def backfill(apps: Any, schema_editor: Any) -> None:
    Club = apps.get_model("clubs", "Club")
    ClubStage = apps.get_model("clubs", "ClubStage")
    AuditLog = apps.get_model("clubs", "AuditLog")
    ClubEvent = apps.get_model("clubs", "ClubEvent")
    today = timezone.localdate()
    for club in Club.objects.all().iterator():
        if ClubStage.objects.filter(club=club).exists():
            continue
        changes: list[tuple[Any, str]] = []  # (day, status) in the order they happened
        first_status = None
        log = AuditLog.objects.filter(club=club).order_by("at", "id")
        for row in log:
            detail = row.detail if isinstance(row.detail, dict) else {}
            day = timezone.localdate(row.at)
            if row.action == "club.status" and detail.get("new"):
                if first_status is None and detail.get("old"):
                    first_status = detail["old"]
                changes.append((day, detail["new"]))
            elif row.action == "event.reversed" and detail.get("type") == "dissolve":
                changes.append((day, "management"))
        dissolved = ClubEvent.objects.filter(
            club=club, type="dissolve", reversal__isnull=True).order_by("seq").first()
        if dissolved is not None:
            changes.append((dissolved.date, "dissolved"))
        changes.sort(key=lambda change: change[0])  # stable: same day keeps the log's order
        if first_status is None:
            first_status = club.status if club.status != "dissolved" else "active"
        since = min(club.start_date, changes[0][0]) if changes else min(club.start_date, today)
        stages = [(since, first_status)]
        for day, status in changes:
            if status != stages[-1][1]:
                stages.append((max(day, stages[-1][0]), status))
        if stages[-1][1] != club.status:
            stages.append((max(today, stages[-1][0]), club.status))
        ClubStage.objects.bulk_create(
            [ClubStage(club=club, status=status, since=day) for day, status in stages])


class Migration(migrations.Migration):
    dependencies = [
        ("clubs", "0002_charter_privacy_four_eyes_stages_invitations"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
