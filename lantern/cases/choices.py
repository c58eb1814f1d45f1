"""Choice lists for cases, plans, contacts, alerts and tasks. Wording keeps the child a victim."""

from django.db import models


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class PlanSection(models.TextChoices):
    """The plan follows the child outwards: contextual safeguarding looks beyond the family."""

    CHILD = "child", "The child"
    FAMILY = "family", "Family and carers"
    PEERS = "peers", "Friends and peers"
    PLACES = "places", "Places and spaces"
    PERSONS_OF_CONCERN = "persons_of_concern", "Persons of concern"
    #: Patterns across children (a line, a method, a place type), as on a panel's VOLT agenda.
    THEMES = "themes", "Themes and patterns"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


#: Statuses that still count towards "overdue".
OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    SESSION = "session", "One-to-one session"
    GROUP = "group", "Group session"
    SCHOOL = "school", "Visit at school"
    PHONE = "phone", "Phone or video call"
    MESSAGE = "message", "Message or text"
    MEETING = "meeting", "Multi-agency meeting with the child"


class EngagementOutcome(models.TextChoices):
    SEEN = "seen", "Seen"
    DECLINED = "declined", "Declined to meet"
    NO_SHOW = "no_show", "Did not attend"
    NOT_LOCATED = "not_located", "Could not be found"


class ClosureOutcome(models.TextChoices):
    RISK_REDUCED = "risk_reduced", "Risk reduced: plan goals met"
    STEP_DOWN_EARLY_HELP = "step_down_early_help", "Stepped down to early help"
    STEP_DOWN_UNIVERSAL = "step_down_universal", "Stepped down to universal services"
    STEP_UP_SOCIAL_CARE = "step_up_social_care", "Stepped up to children's social care"
    TRANSFERRED = "transferred", "Transferred to another area"
    ADULT_SERVICES = "adult_services", "Turned 18: moved to adult services"
    OTHER = "other", "Other"


class AlertKind(models.TextChoices):
    CRITICAL_EVENT = "critical_event", "Critical event"
    RESURFACED = "resurfaced", "Closed case re-surfaced"
    UNALLOCATED = "unallocated", "Critical event on an unallocated case"


class TaskKind(models.TextChoices):
    REVIEW = "review", "Review"
    PLAN_ACTION = "plan_action", "Plan action"
    RETURN_INTERVIEW = "return_interview", "Return home interview"
    OTHER = "other", "Other"


class TaskStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ResurfacingState(models.TextChoices):
    WAITING = "waiting", "Waiting for a manager"
    REOPENED = "reopened", "New case opened"
    REVIEWED = "reviewed", "Reviewed: no new case"
