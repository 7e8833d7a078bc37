"""Receivers of the network app (connected in `apps.py`)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from microfuture.accounts.hooks import account_closing
from microfuture.practices.models import Practice

# Personal data --------------------------------------------------------------------------------


@receiver(account_closing, dispatch_uid="network.forget_person")
def network_forget_person(sender: Any, user: Any, **kwargs: Any) -> None:
    """Closing or erasing an account erases the network's part too, by the account and its
    address (sent before the account is made anonymous): `services_personal.network_erase`."""
    from microfuture.network.services_personal import network_erase

    network_erase(email=user.email, user=user)


# The directory: a practice's contacts ---------------------------------------------------------
# A practice's `contacts` (organisation names) stay directory organisations linked to the
# practice: each save links the names it holds (creating an organisation for a new name) and
# unlinks the ones it no longer holds (`services_directory.practice_contacts_link`).


@receiver(pre_save, sender=Practice, dispatch_uid="network.practice_contacts_before")
def remember_practice_contacts(sender: Any, instance: Practice, raw: bool = False,
                               **kwargs: Any) -> None:
    """The contacts as stored before this save, to unlink the dropped ones afterwards."""
    before: list[Any] = []
    if instance.pk is not None and not raw:
        stored = Practice.objects.filter(pk=instance.pk).values_list("contacts", flat=True).first()
        before = stored if isinstance(stored, list) else []
    instance._network_contacts_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=Practice, dispatch_uid="network.practice_contacts")
def link_practice_contacts(sender: Any, instance: Practice, raw: bool = False,
                           **kwargs: Any) -> None:
    if raw:  # loading a fixture: the directory's rows come from the fixture too
        return
    from microfuture.network.services_directory import practice_contacts_link

    before = getattr(instance, "_network_contacts_before", [])
    if before == instance.contacts and not kwargs.get("created"):
        return  # the contacts did not change: nothing to write
    practice_contacts_link(practice=instance, before=before)
