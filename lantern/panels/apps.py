from django.apps import AppConfig


class PanelsConfig(AppConfig):
    """Multi-agency panels (MACE / MET): VOLT agendas, decisions, action register, packs."""

    name = "lantern.panels"
    label = "panels"

    def ready(self) -> None:
        from lantern.cases.owned import register_source
        from lantern.core.navigation import register

        register(
            "panels:list",
            "Panels",
            "Multi-agency panels: agendas by Victims, Offenders, Locations and Themes, decisions "
            "and the action register",
            visible="lantern.panels.policies.may_view_panels",
        )
        register_source(_owned_actions)


def _owned_actions(actor):
    from lantern.panels.selectors import owned_actions

    return owned_actions(actor=actor)
