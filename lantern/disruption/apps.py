from django.apps import AppConfig


class DisruptionConfig(AppConfig):
    """The disruption register: orders, notices and tactics against those who exploit children."""

    name = "lantern.disruption"
    label = "disruption"

    def ready(self) -> None:
        from lantern.cases.owned import register_source
        from lantern.contexts.hooks import on_action_added
        from lantern.core.navigation import register

        register(
            "disruption:register", "Disruption",
            "Orders, notices and other disruption: targets, expiry, breaches and the children "
            "they protect",
            visible="lantern.disruption.policies.may_view_register",
        )
        register_source(_reminders)
        on_action_added(_from_context_action)


def _reminders(actor):
    from lantern.disruption.selectors import owned_reminders

    return owned_reminders(actor=actor)


def _from_context_action(*, actor, action):
    from lantern.disruption.services import disruption_from_context_action

    disruption_from_context_action(actor=actor, context_action=action)
