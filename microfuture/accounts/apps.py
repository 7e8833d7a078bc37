from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "microfuture.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from microfuture.accounts import signals  # noqa: F401  (connects the receivers)
