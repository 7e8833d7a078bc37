from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "microfuture.accounts"
    label = "accounts"
    verbose_name = "Accounts"
