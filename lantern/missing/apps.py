from django.apps import AppConfig


class MissingConfig(AppConfig):
    """Missing and absent episodes, return home interviews and the Philomena Protocol."""

    name = "lantern.missing"
    label = "missing"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register(
            "missing:dashboard",
            "Missing children",
            "Children missing now, return home interviews due and Philomena profiles to update",
        )
