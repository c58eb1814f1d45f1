from django.apps import AppConfig


class ContextsConfig(AppConfig):
    """Places and peer groups worked as cases in their own right (contextual safeguarding)."""

    name = "lantern.contexts"
    label = "contexts"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register(
            "contexts:list",
            "Places and groups",
            "Places and peer groups the team is working with: plans, notes and children affected",
        )
