from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "microfuture.ledger"
    label = "ledger"
    verbose_name = "Ledger"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from microfuture.ledger.protection import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="ledger.books_flush")
