from django.apps import AppConfig


class ThreatsConfig(AppConfig):
    """Emerging threats: weekly counts per area against their usual level, one alert per surge
    (the rule is ``lantern.analysis.threats``; docs/adr/0020-emerging-threats.md)."""

    name = "lantern.threats"
    label = "threats"

    def ready(self) -> None:
        from lantern.core.navigation import register
        from lantern.panels.agenda import register_agenda_source

        register(
            "threats:index", "Emerging threats",
            "Areas where missing episodes, exploitation concerns, drug-supply arrests or "
            "intelligence about places have risen above their usual level this week",
            visible="lantern.threats.policies.may_view",
        )
        register_agenda_source(_panel_themes)


def _panel_themes(meeting, since):
    from lantern.threats.agenda import panel_themes

    return panel_themes(meeting, since)
