from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "microfuture.guides"
    verbose_name = _("Guides and glossary")

    def ready(self) -> None:
        from microfuture.guides import seed, signals

        seed.connect_post_migrate(self)
        signals.connect(self)  # the search index, after the seeding
