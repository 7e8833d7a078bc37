from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "microfuture.network"
    verbose_name = _("Stakeholder network")

    def ready(self) -> None:
        from microfuture.network import signals  # noqa: F401  (connects the receivers)
