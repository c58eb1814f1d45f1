"""Choice lists for NRM referrals, charges and court. Words keep the child a victim first: a
child charged with an offence may be a victim of exploitation who was made to commit it."""

from django.db import models


class ExploitationType(models.TextChoices):
    """The forms of exploitation a referral describes (a referral may name several)."""

    CRIMINAL = "criminal", "Criminal exploitation"
    COUNTY_LINES = "county_lines", "County Lines (criminal exploitation across areas)"
    SEXUAL = "sexual", "Sexual exploitation"
    LABOUR = "labour", "Labour exploitation"
    DOMESTIC_SERVITUDE = "domestic_servitude", "Domestic servitude"
    TRAFFICKING = "trafficking", "Trafficking (moved for exploitation)"
    OTHER = "other", "Other exploitation"


class DecisionMaker(models.TextChoices):
    HOME_OFFICE = "home_office", "Home Office (Single Competent Authority)"
    DEVOLVED_PANEL = "devolved_panel", "Devolved decision-making panel"


class Decision(models.TextChoices):
    PENDING = "", "Waiting for a decision"
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"


class Reconsideration(models.TextChoices):
    NONE = "", "Not asked for"
    REQUESTED = "requested", "Asked for, waiting"
    UPHELD = "upheld", "Original decision stands"
    OVERTURNED = "overturned", "Decision changed to positive"


class CourtOutcome(models.TextChoices):
    PENDING = "", "Not decided yet"
    DISCONTINUED = "discontinued", "Prosecution stopped (discontinued or withdrawn)"
    SECTION_45 = "section_45", "Not guilty: section 45 defence accepted"
    NOT_GUILTY = "not_guilty", "Not guilty (other reasons)"
    DIVERTED = "diverted", "Diverted from court (out-of-court resolution)"
    CONVICTED = "convicted", "Found or pleaded guilty"
    ADJOURNED = "adjourned", "Adjourned"
    OTHER = "other", "Other"


#: Court outcomes that end the matter.
FINAL_OUTCOMES = frozenset(
    {CourtOutcome.DISCONTINUED, CourtOutcome.SECTION_45, CourtOutcome.NOT_GUILTY,
     CourtOutcome.DIVERTED, CourtOutcome.CONVICTED, CourtOutcome.OTHER}
)
