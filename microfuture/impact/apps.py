from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "microfuture.impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        # The clubs' regional overview reads the stored snapshots through this hook: the
        # clubs import no higher app (docs/architecture.md, "Direction of imports").
        from microfuture.clubs import hooks
        from microfuture.impact.selectors_stored import overview_of

        hooks.stored_figures = overview_of
