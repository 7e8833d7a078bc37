from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "microfuture.clubs"
    label = "clubs"
    verbose_name = "Clubs"
