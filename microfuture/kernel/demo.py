"""What the demo data of every app shares: the one password of its people.

`seed_demo` (the web app's command) loads each app's demo, and `clubs.demo` creates its own
people with the same password: both import it from here, so no app imports the command.
"""

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the demo; never used in production
