from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Referrals from any agency, concerns raised by schools and partners, and triage."""

    name = "lantern.referrals"
    label = "referrals"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register("referrals:queue", "Referrals", "New referrals waiting for a decision, oldest first")
        register("referrals:concern_new", "Raise a concern", "Tell the exploitation team you are worried about a child")
        register("referrals:mine", "My referrals", "The status of referrals and concerns you have made")
