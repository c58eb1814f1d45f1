"""Choice lists for referrals. Words describe harm done to a child, never choices made by them."""

from django.db import models


class ReferralKind(models.TextChoices):
    FULL = "full", "Inter-agency referral"
    CONCERN = "concern", "Concern raised"


class ReferralAbout(models.TextChoices):
    CHILD = "child", "A child or young person"
    CONTEXT = "context", "A place or a group of young people"


class ContextKind(models.TextChoices):
    LOCATION = "location", "A place or location"
    PEER_GROUP = "peer_group", "A peer group"


class ExploitationType(models.TextChoices):
    CSE = "cse", "Child sexual exploitation"
    CCE = "cce", "Child criminal exploitation"
    COUNTY_LINES = "county_lines", "County Lines"
    TRAFFICKING = "trafficking", "Trafficking"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    ONLINE_HARM = "online_harm", "Online harm or grooming"
    NOT_SURE = "not_sure", "Not sure yet"


class SharingBasis(models.TextChoices):
    """Why the referrer may share this information (UK GDPR / DPA 2018)."""

    CONSENT = "consent", "The child or family agreed to this information being shared"
    SAFEGUARDING = "safeguarding", (
        "Shared without agreement, to protect the child (safeguarding children)"
    )


class ReferralStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    TRIAGE = "triage", "Being looked at"
    DECIDED = "decided", "Decision made"


class ScreeningOutcome(models.TextChoices):
    NOT_SCREENED = "not_screened", "Not screened yet"
    NO_INDICATORS = "no_indicators", "No signs of exploitation found"
    LOW = "low", "Some signs: lower risk"
    MEDIUM = "medium", "Signs of exploitation: medium risk"
    HIGH = "high", "Signs of exploitation: high risk"


class Decision(models.TextChoices):
    OPEN_CASE = "open_case", "Open a case with the exploitation team"
    EARLY_HELP = "early_help", "Early help"
    SINGLE_AGENCY = "single_agency", "Advice to the referring agency (single-agency work)"
    NFA = "nfa", "No further action"


#: What the referrer is told about the outcome (a school sees this, never the case).
DECISION_FOR_REFERRER = {
    Decision.OPEN_CASE: "The exploitation team is working with the child",
    Decision.EARLY_HELP: "Passed to early help",
    Decision.SINGLE_AGENCY: "Advice given to your agency",
    Decision.NFA: "No further action by the exploitation team",
}
