"""Everything the platform keeps about one person, gathered from each app's one place.

Each app says what it stores about a person in one function (`accounts.selectors`,
`clubs.selectors_personal`, `practices.selectors_personal`, `network.selectors_personal`,
`guides.selectors_personal`);
the self-service download (`/privacy/my-data/`) and the operator's `manage.py export_person`
both use this. The finder keeps nothing about anyone (anonymous daily counts), so it has no
part here. The network also keeps people who have no account (its directory, event
registrations, club interest): they are found by their e-mail address alone.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from microfuture.accounts.selectors import personal_data as account_data
from microfuture.clubs.selectors_personal import personal_data as club_data
from microfuture.guides.selectors_personal import personal_data as guide_data
from microfuture.network.selectors_personal import personal_data as network_data
from microfuture.practices.selectors_personal import personal_data as practice_data


def person_data(user: Any | None, email: str | None = None) -> dict[str, Any]:
    """Everything about the account `user` (and its address), or, with no account, what the
    network keeps under the address `email`."""
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    if user is not None:
        data.update({**account_data(user), **club_data(user), **practice_data(user),
                     **guide_data(user)})
    data.update(network_data(user=user, email=email))
    return data
