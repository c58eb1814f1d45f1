"""Choice lists for young people's reports. Words a young person can read, never blame."""

from django.db import models


class About(models.TextChoices):
    ME = "me", "Me"
    FRIEND = "friend", "A friend"
    SOMEONE = "someone", "Someone else"
    RATHER_NOT = "rather_not", "I would rather not say"


class AgeBand(models.TextChoices):
    UNDER_13 = "under_13", "12 or under"
    AGE_13_15 = "13_15", "13 to 15"
    AGE_16_17 = "16_17", "16 or 17"
    ADULT = "18_plus", "18 or over"
    RATHER_NOT = "rather_not", "I would rather not say"


class Status(models.TextChoices):
    """Where a report is, for staff. Young people see ``public_status`` words instead."""

    NEW = "new", "New"
    REFERRED = "referred", "Made into a referral"
    POLICE = "police", "Passed to the police"
    NFA = "nfa", "No further action"


class Outcome(models.TextChoices):
    """What a triage worker decides (each one needs a reason, kept in the audit trail)."""

    REFERRAL = "referral", "Make a referral to the exploitation team"
    POLICE = "police", "Pass to the police as intelligence"
    NFA = "nfa", "No further action"


#: What a young person is told when they check with their reference. Deliberately general:
#: someone else holding the phone must not learn from it that the police are involved.
PUBLIC_STATUS = {
    Status.NEW: "We have your message. Someone will read it soon.",
    Status.REFERRED: "Someone has read your message and is doing something about it.",
    Status.POLICE: "Someone has read your message and is doing something about it.",
    Status.NFA: "Someone has read your message. We have done what we can with it.",
}
