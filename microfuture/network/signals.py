"""Receivers of the network app (connected in `apps.py`)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from microfuture.accounts.hooks import account_closing

# Personal data --------------------------------------------------------------------------------


@receiver(account_closing, dispatch_uid="network.forget_person")
def network_forget_person(sender: Any, user: Any, **kwargs: Any) -> None:
    """Closing or erasing an account erases the network's part too, by the account and its
    address (sent before the account is made anonymous): `services_personal.network_erase`."""
    from microfuture.network.services_personal import network_erase

    network_erase(email=user.email, user=user)
