"""Print a loan's repayment schedule (spec §5) as JSON or text."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.clubs.core import (
    AccountingError,
    loan_schedule,
    loan_schedule_json,
    loan_schedule_text,
)
from microfuture.clubs.management.commands._common import parse_date, parse_decimal


class Command(BaseCommand):
    help = "Print the repayment schedule of a loan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--principal", required=True, metavar="P")
        parser.add_argument("--rate", required=True, metavar="R")
        parser.add_argument("--term", required=True, type=int, metavar="n")
        parser.add_argument("--grace", type=int, default=0, metavar="g")
        parser.add_argument("--method", choices=["annuity", "linear"], default="annuity")
        parser.add_argument("--disbursed", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--first-due", metavar="YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            schedule = loan_schedule(
                principal=parse_decimal(options["principal"], "--principal"),
                rate=parse_decimal(options["rate"], "--rate"),
                term=options["term"],
                grace=options["grace"],
                method=options["method"],
                disbursed=parse_date(options["disbursed"], "--disbursed"),
                first_due=parse_date(options["first_due"], "--first-due")
                if options["first_due"] else None,
            )
        except AccountingError as exc:
            raise CommandError(str(exc)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(loan_schedule_json(schedule), indent=2))
        else:
            self.stdout.write(loan_schedule_text(schedule), ending="")
