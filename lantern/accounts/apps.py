from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Agencies, teams and users: who someone is and which agency they speak for."""

    name = "lantern.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Audit receivers for signing in and out: the one place signals are the right tool,
        # because password, MFA and single sign-on all finish inside django.contrib.auth.
        from lantern.accounts import signals

        signals.connect()

        from lantern.accounts.events import LABELS
        from lantern.audit.describe import register as describe
        from lantern.core.navigation import register

        register(
            "manage:user_list",
            "Manage accounts",
            "Create and disable accounts, reset passwords and two-factor authentication, "
            "manage agencies and teams",
        )
        for code, text in LABELS.items():
            describe(code, text)
