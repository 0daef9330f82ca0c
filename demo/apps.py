from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`. It may import every app; no app imports it."""

    name = "demo"
