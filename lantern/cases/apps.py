from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Cases and plans, contacts, reviews, alerts and tasks; caseload and team dashboards."""

    name = "lantern.cases"
    label = "cases"

    def ready(self) -> None:
        from lantern.audit.describe import register as describe
        from lantern.cases import owned
        from lantern.cases.critical import handle_critical_event
        from lantern.core.navigation import register
        from lantern.people.critical import on_critical_event

        on_critical_event(handle_critical_event)
        register("cases:my_caseload", "My caseload", "Your children, reviews due, alerts and tasks")
        register(
            "cases:my_actions", "My actions",
            "Plan actions you own, for children and for places and groups",
        )
        owned.register_source(_owned_case_actions)
        describe("cases.reassign_viewed", "Saw the record among a worker's cases, to move them")
        register("cases:team", "Team caseload", "Caseloads, overdue reviews and actions for your teams")


def _owned_case_actions(actor):
    from lantern.cases.selectors import owned_case_actions

    return owned_case_actions(actor=actor)
