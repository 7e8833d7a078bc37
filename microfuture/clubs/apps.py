from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "microfuture.clubs"
    label = "clubs"
    verbose_name = "Clubs"

    def ready(self) -> None:
        from microfuture.clubs import signals  # noqa: F401  (connects the receivers)
