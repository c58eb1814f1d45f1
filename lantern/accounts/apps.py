from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Agencies, teams and users: who someone is and which agency they speak for."""

    name = "lantern.accounts"
    label = "accounts"
