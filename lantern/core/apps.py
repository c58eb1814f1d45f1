from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shell of the service: layout, GOV.UK form rendering, health check, security headers."""

    name = "lantern.core"
    label = "core"
