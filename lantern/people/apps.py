from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Children, young people and adults of concern, and the chronology every agency adds to."""

    name = "lantern.people"
    label = "people"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register("people:search", "Find a child", "Search by name, alias, nickname or date of birth")
