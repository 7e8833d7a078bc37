"""Signals the accounts app sends for other apps to act on (it imports none of them)."""

from django.dispatch import Signal

#: Sent with `user=` inside the transaction that closes an account, before the account is
#: made anonymous: each app removes or unlinks what it keeps about that person.
account_closing = Signal()
