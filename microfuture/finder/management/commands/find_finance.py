"""Match a profile file against the catalogue (spec §3): the API's answer on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microfuture.finder import matching


class Command(BaseCommand):
    help = "Print, as JSON, which mechanisms a profile (a JSON file) can use."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("profile", metavar="PROFILE.json")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["profile"])
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path} is not valid JSON: {exc}.") from None
        if not isinstance(data, dict):
            raise CommandError(f"{path} must hold one JSON object, the profile.")
        answer, problems = matching.match_profile(data, today=timezone.localdate())
        if answer is None:
            for problem in problems:
                self.stderr.write(f"{path.name}: {problem}")
            sys.exit(1)
        self.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False))
