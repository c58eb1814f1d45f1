from django.apps import AppConfig


class AccessConfig(AppConfig):
    """One access policy for the whole service: the URL matrix and per-record policies."""

    name = "lantern.access"
    label = "access"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register(
            "access:break_glass_queue",
            "Break-glass reviews",
            "Review emergency access to restricted records",
        )
