"""Remind the owners of the action plan's items by e-mail (the spec's §7; a daily job).

`python manage.py send_action_reminders [--date YYYY-MM-DD] [--days-before N]`: one mail per
owner listing their items not done or dropped that fall due within N days (default 3) of the
date (default today) or are overdue. An item is reminded at most once per date, so a second
run for the same date sends nothing. Prints `sent K reminders` (K mails).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microfuture.network.services_actions import reminders_send

DAYS_BEFORE_MAX = 365


class Command(BaseCommand):
    help = "Mail the owners of action items that fall due soon or are overdue (once a date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="",
                            help="the day to remind for, YYYY-MM-DD (default: today)")
        parser.add_argument("--days-before", default="3",
                            help="remind items due within this many days (default: 3)")

    def handle(self, *args: Any, **options: Any) -> None:
        raw_date = str(options["date"] or "").strip()
        if raw_date:
            try:
                on = date.fromisoformat(raw_date)
            except ValueError:
                raise CommandError(
                    f"--date must be a date like 2026-12-01 (year-month-day); "
                    f"'{raw_date}' is not one.") from None
        else:
            on = timezone.localdate()
        raw_days = str(options["days_before"]).strip()
        if not raw_days.isdigit() or int(raw_days) > DAYS_BEFORE_MAX:
            raise CommandError(
                f"--days-before must be a whole number of days from 0 to {DAYS_BEFORE_MAX}; "
                f"'{raw_days}' is not one.")
        sent = reminders_send(on=on, days_before=int(raw_days))
        self.stdout.write(f"sent {sent} reminders")
