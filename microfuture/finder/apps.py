from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "microfuture.finder"
    label = "finder"
    verbose_name = "Finance finder"
