"""Loads the demo data shown by `make run`. Idempotent: running it twice changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from microfuture.accounts.models import RoleGrant
from microfuture.accounts.services import role_grant, user_ensure
from microfuture.kernel.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load demo people (and, from each app, demo data). Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        user_ensure(
            username="admin", email="admin@example.org", full_name="Ana Administratorka",
            password=DEMO_PASSWORD, is_superuser=True,
        )
        coordinator = user_ensure(
            username="koordinatorka", email="koordinatorka@example.org",
            full_name="Katja Koordinatorka", password=DEMO_PASSWORD,
        )
        # The Development Centre of the Heart of Slovenia covers Zasavska and Osrednjeslovenska.
        for region in ("SI035", "SI041"):
            role_grant(user=coordinator, role=RoleGrant.Role.COORDINATOR, region=region)
        curator = user_ensure(
            username="kurator", email="kurator@example.org", full_name="Cene Kurator",
            password=DEMO_PASSWORD, is_staff=True,  # curators edit the catalogue in the admin
        )
        role_grant(user=curator, role=RoleGrant.Role.CURATOR)
        ministry = user_ensure(
            username="ministrstvo", email="ministrstvo@example.org",
            full_name="Mojca Ministrska", password=DEMO_PASSWORD,
        )
        role_grant(user=ministry, role=RoleGrant.Role.MINISTRY)
        from microfuture.clubs.demo import seed_clubs
        from microfuture.finder.services import seed_catalogue
        from microfuture.practices.services import seed_library

        outcome = seed_catalogue()
        self.stdout.write(
            f"Finance catalogue: {outcome.created} new and {outcome.updated} updated mechanism(s)."
        )

        from microfuture.guides.seed import seed_guides

        guides = seed_guides()
        self.stdout.write(f"Guides and glossary: {guides}.")

        library = seed_library()
        self.stdout.write(
            f"Good-practice library: {library.practices.created} new practice(s), "
            f"{library.regions.created} new region profile(s)."
        )
        for name in seed_clubs():
            self.stdout.write(f"Created the demo club {name}.")
        # After the catalogue, the library and the clubs: the network links to them.
        from microfuture.network.demo import seed_network

        if seed_network():
            self.stdout.write("Stakeholder network: loaded the story of the MICROFUTURE "
                              "meetings in Slovenia.")
        # A year of history for the dashboards' trends (replaced, never added, on a re-run).
        from datetime import timedelta

        from django.utils import timezone

        from microfuture.impact.services_snapshots import portfolio_snapshot

        today = timezone.localdate()
        run = portfolio_snapshot(on=today, since=today - timedelta(days=365))
        self.stdout.write(f"Impact: {run.stored} daily snapshot(s) of the clubs' figures.")
        self.stdout.write(
            f"Demo data ready. Sign in as admin, koordinatorka, kurator, ministrstvo (the "
            f"ministry: figures only), blagajnicka (a treasurer), clan (a member) or "
            f"podjetnica (an entrepreneur) "
            f"with the password {DEMO_PASSWORD!r}."
        )
