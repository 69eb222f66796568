from django.apps import AppConfig


class KumuhConfig(AppConfig):
    """The project package: settings, urls, template tags and pure helpers (no models)."""

    name = "kumuh"
    verbose_name = "kumuh"
