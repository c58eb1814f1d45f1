"""Choice lists for places and peer groups. Words describe harm done to children, never choices
made by them: a child is linked to a place or group as someone *affected* by it."""

from django.db import models

from lantern.cases.choices import OPEN_ACTION_STATUSES, ActionStatus  # noqa: F401 - shared


class ContextKind(models.TextChoices):
    """Same values as ``lantern.referrals.choices.ContextKind``, so a referral maps across."""

    LOCATION = "location", "Place"
    PEER_GROUP = "peer_group", "Peer group"


class ContextStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class MemberRole(models.TextChoices):
    CHILD = "child", "Child or young person affected"
    PERSON_OF_CONCERN = "person_of_concern", "Adult or person of concern"


class ActionKind(models.TextChoices):
    DISRUPTION = "disruption", "Disruption with police"
    GUARDIANSHIP = "guardianship", "Guardianship with a business owner or manager"
    DETACHED_YOUTH_WORK = "detached_youth_work", "Detached youth work"
    LICENSING = "licensing_review", "Licensing review"
    CCTV = "cctv", "CCTV or lighting"
    SCHOOL_AWARENESS = "school_awareness", "Awareness work with a school"
    OTHER = "other", "Other"


class NoteKind(models.TextChoices):
    OBSERVATION = "observation", "Observation or visit to the place"
    MEETING = "meeting", "Meeting about the place or group"
    INFORMATION = "information", "Information from a partner"
    OTHER = "other", "Other"


class ClosureOutcome(models.TextChoices):
    CONCERNS_REDUCED = "concerns_reduced", "Concerns reduced: the plan worked"
    PLACE_CHANGED = "place_changed", "The place changed (closed, new management or redesigned)"
    GROUP_DISPERSED = "group_dispersed", "The group no longer meets"
    MERGED = "merged", "Joined with another place or group record"
    TRANSFERRED = "transferred", "Transferred to another area or team"
    OTHER = "other", "Other"
