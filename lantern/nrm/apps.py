from django.apps import AppConfig


class NrmConfig(AppConfig):
    """National Referral Mechanism referrals, charges and court, and the section 45 note."""

    name = "lantern.nrm"
    label = "nrm"
