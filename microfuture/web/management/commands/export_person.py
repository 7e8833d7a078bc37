"""Everything kept about one person, as JSON (GDPR Articles 15 and 20), for the operator.

The same data as the person's own download (`/privacy/my-data/`, `web.personal`). Someone
without an account whom the network keeps (directory, event registrations, club interest) is
named by `--email E`: the copy then has the `network` section only.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from microfuture.web.management.commands._person import (
    add_person_arguments,
    find_person_or_address,
)
from microfuture.web.personal import person_data


class Command(BaseCommand):
    help = "Print everything kept about a person (user name or address, or --email E) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        add_person_arguments(parser)
        parser.add_argument("--output", metavar="FILE", help="write to FILE, not stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        user, email = find_person_or_address(options)
        text = json.dumps(person_data(user, email), ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text + "\n")
            self.stderr.write(f"Wrote {options['output']}.")
        else:
            self.stdout.write(text)
