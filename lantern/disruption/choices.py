"""Choice lists for the disruption register. The tactics are configuration
(``settings.LANTERN_DISRUPTION_TACTICS``, defaults in ``tactics.py``); the rest are fixed."""

from django.db import models


class TargetKind(models.TextChoices):
    PERSON = "person", "A person"
    PLACE = "place", "A place"
    LINE = "line", "A County Line (deal line)"
    GROUP = "group", "A group"


class Outcome(models.TextChoices):
    COMPLIED = "complied", "Complied with"
    BREACHED_CHARGED = "breached_charged", "Breached: charged or prosecuted"
    BREACHED_NO_ACTION = "breached_no_action", "Breached: no further action"
    REVOKED = "revoked", "Revoked or discharged"
    REFUSED = "refused", "Refused by the court"
    EXPIRED = "expired", "Expired"
    OTHER = "other", "Other"


class LinkRole(models.TextChoices):
    TARGET = "target", "The person it is against"
    PROTECTED = "protected", "A child it protects"


#: Days before expiry when the owner is reminded on "My actions".
REMIND_DAYS = 28
