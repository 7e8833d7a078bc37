from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "microfuture.ledger"
    label = "ledger"
    verbose_name = "Ledger"
