"""Check that the catalogue stays true (spec finance-finder §5); meant to run once a day.

Asks each source address of the active mechanisms whether it still answers (HEAD, then GET;
10 seconds; redirects followed), keeps the latest answer per address, and prints the curators'
review list: stale entries, calls past their window or closing within 30 days, sources that
no longer answer, entries without sources or a check date. Idempotent: an address checked
earlier the same day is not asked again, so a second run that day changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microfuture.finder.selectors import catalogue_review
from microfuture.finder.services import catalogue_sources_check

SECTION_TITLES = {
    "stale": "not checked in the last 12 months",
    "past_window": "calls past their closing date, still shown",
    "closing_soon": "calls closing within 30 days",
    "broken_sources": "sources that no longer answer",
    "unchecked": "without sources or a check date",
}


class Command(BaseCommand):
    help = ("Check that the finance catalogue's sources still answer and print the curators' "
            "review list (stale entries, calls past their window, broken sources).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to check as (YYYY-MM-DD); default today")
        parser.add_argument("--no-network", action="store_true",
                            help="do not ask the source addresses; only print the review list")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be a date YYYY-MM-DD, not {options['date']!r}"
                                   ) from error
        if options["no_network"]:
            self.stdout.write("Sources not checked (--no-network).")
        else:
            outcome = catalogue_sources_check(today=today)
            self.stdout.write(
                f"Checked {outcome.checked} source address(es) on {today.isoformat()}: "
                f"{outcome.answering} answer, {len(outcome.failing)} do not; "
                f"{outcome.already} already checked that day, left as they were.")
            for line in outcome.failing:
                self.stdout.write(f"  not answering: {line}")
        review = catalogue_review(today=today)
        self.stdout.write(f"Review list on {today.isoformat()}: {review.total} item(s).")
        for name, items in review.sections():
            self.stdout.write(f"- {SECTION_TITLES[name]}: {len(items)}")
            for item in items:
                self.stdout.write(f"    {item.slug}" + (f" ({item.note})" if item.note else ""))
