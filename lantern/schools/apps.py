from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    """Schools: year-group awareness flags, Encompass-style notices, education events."""

    name = "lantern.schools"
    label = "schools"

    def ready(self) -> None:
        from lantern.core.navigation import register
        from lantern.missing.hooks import on_return
        from lantern.people.critical import on_critical_event
        from lantern.schools import services

        register(
            "schools:home",
            "Your school",
            "Notices about your pupils, your referrals' status, and year groups flagged for awareness sessions",
        )
        on_critical_event(services.on_critical_event)
        on_return(services.on_missing_return)
