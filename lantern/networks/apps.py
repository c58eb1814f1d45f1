from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "lantern.networks"
    label = "networks"
    verbose_name = "Networks"

    def ready(self) -> None:
        from lantern.core import navigation
        from lantern.networks.agenda import network_alert_items
        from lantern.panels.agenda import register_agenda_source

        navigation.register("networks:home", "Networks",
                            "The network around a person, line or place, a map of places, and "
                            "network alerts about the children you work with.",
                            visible="lantern.networks.policies.may_view_network")
        register_agenda_source(network_alert_items)
