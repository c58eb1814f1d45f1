from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """The deterministic synthetic county: demo data, test fixtures and benchmark inputs."""

    name = "lantern.synthetic"
    label = "synthetic"
