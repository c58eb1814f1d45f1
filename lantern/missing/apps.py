from django.apps import AppConfig


class MissingConfig(AppConfig):
    """Missing and absent episodes, return home interviews and the Philomena Protocol."""

    name = "lantern.missing"
    label = "missing"

    def ready(self) -> None:
        from lantern.audit.describe import register as describe
        from lantern.core.navigation import register

        describe("missing.export_903_previewed", "Previewed the SSDA903 missing table")

        register(
            "missing:dashboard",
            "Missing children",
            "Children missing now, return home interviews due and Philomena profiles to update",
        )
