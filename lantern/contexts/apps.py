from django.apps import AppConfig


class ContextsConfig(AppConfig):
    """Places and peer groups worked as cases in their own right (contextual safeguarding)."""

    name = "lantern.contexts"
    label = "contexts"

    def ready(self) -> None:
        from lantern.cases.owned import register_source
        from lantern.core.navigation import register

        register(
            "contexts:list",
            "Places and groups",
            "Places and peer groups the team is working with: plans, notes and children affected",
        )
        register_source(_owned_actions)


def _owned_actions(actor):
    from lantern.contexts.selectors import owned_actions

    return owned_actions(actor=actor)
