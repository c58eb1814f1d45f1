from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lantern.reporting"
    label = "reporting"
    verbose_name = "Partnership statistics and reports"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register(
            "statistics:dashboard",
            "Statistics",
            "The partnership's figures for the committee: charts, tables, the report and exports (no names)",
        )
