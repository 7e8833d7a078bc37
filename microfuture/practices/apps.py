from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "microfuture.practices"
    label = "practices"
    verbose_name = "Good-practice library"

    def ready(self) -> None:
        from microfuture.practices import signals

        signals.connect_post_migrate(self)
