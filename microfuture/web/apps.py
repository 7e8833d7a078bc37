from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "microfuture.web"
    label = "web"
    verbose_name = "Web"
