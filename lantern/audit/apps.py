from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only, hash-chained record of who read or changed what, and why."""

    name = "lantern.audit"
    label = "audit"

    def ready(self) -> None:
        from lantern.audit import sqlite

        sqlite.install()
