"""Choice lists for multi-agency panels (MACE / MET). Words keep the child a victim first: a child
is discussed under Victims even when also linked as a suspect, never as an "offender"."""

from django.db import models

from lantern.cases.choices import OPEN_ACTION_STATUSES, ActionStatus  # noqa: F401 - shared


class PanelKind(models.TextChoices):
    MACE = "mace", "Multi-agency child exploitation (MACE)"
    MET = "met", "Missing, exploited and trafficked (MET)"


class Section(models.TextChoices):
    """VOLT, in agenda order. Offenders are adults of concern, never children; a peer group of
    children is a theme (the group is worked, the children are victims)."""

    VICTIMS = "victims", "Victims"
    OFFENDERS = "offenders", "Offenders: adults of concern"
    LOCATIONS = "locations", "Locations"
    THEMES = "themes", "Themes: groups, lines and patterns"


class ItemReason(models.TextChoices):
    """Why an item is on the agenda, most pressing first (the agenda shows the first that applies
    and lists the rest)."""

    WATCHLIST_RETURN = "watchlist_return", "Back from the watchlist: a new critical event"
    CRITICAL_EVENT = "critical_event", "Critical event since the last meeting"
    NEW_REFERRAL = "new_referral", "New referral"
    OVERDUE_ACTIONS = "overdue_actions", "Overdue actions"
    REVIEW_DUE = "review_due", "Review due"
    CONCERN = "concern", "Place or group of concern"
    THEME = "theme", "Theme"
    LINE = "line", "County line"


#: Minutes given to an item by default, by reason (the chair can see the total before the day).
MINUTES = {
    ItemReason.WATCHLIST_RETURN: 15,
    ItemReason.CRITICAL_EVENT: 15,
    ItemReason.NEW_REFERRAL: 15,
    ItemReason.OVERDUE_ACTIONS: 5,
    ItemReason.REVIEW_DUE: 10,
    ItemReason.CONCERN: 10,
    ItemReason.THEME: 10,
    ItemReason.LINE: 10,
}


class SubjectKind(models.TextChoices):
    CHILD = "child", "A child"
    PERSON = "person", "An adult of concern"
    CONTEXT = "context", "A place or group"


class ReferralStatus(models.TextChoices):
    OPEN = "open", "On the panel's list"
    EXITED = "exited", "Exited (on the watchlist for 6 months)"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    SIGNED = "signed", "Minutes signed"


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


class Route(models.TextChoices):
    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    EARLY_HELP = "early_help", "Early help"
    SINGLE_AGENCY = "single_agency", "Single agency"
    NO_FURTHER_ACTION = "nfa", "No further action"


class PackAudience(models.TextChoices):
    """Which content a pack carries: what its recipient may read (``lantern.access.sharing``)."""

    POLICE = "police", "Police"
    STATUTORY = "statutory", "Statutory partners"
    HEALTH = "health", "Health"
    PARTNERSHIP = "partnership", "Partnership (schools and voluntary organisations)"
