from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only, hash-chained record of who read or changed what, and why."""

    name = "lantern.audit"
    label = "audit"

    def ready(self) -> None:
        from lantern.audit import sqlite

        sqlite.install()

        from lantern.audit.describe import register as describe
        from lantern.core.navigation import register

        describe("audit.log_viewed", "Looked at the audit trail")
        describe("audit.log_exported", "Exported the audit trail")
        register(
            "audit:log",
            "Audit trail",
            "Who opened, searched for, printed or changed what, and why; filter and export",
            visible="lantern.audit.policies.may_see_log",
        )
