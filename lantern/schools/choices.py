"""Choice lists for schools: Encompass-style notices and education events."""

from django.db import models


class NoticeKind(models.TextChoices):
    POLICE_INCIDENT = "police_incident", "A police incident involving the pupil occurred"
    MISSING_RETURN = "missing_return", "The pupil has returned from a missing episode"


class EducationEventKind(models.TextChoices):
    SUSPENSION = "suspension", "Suspension (fixed-period exclusion)"
    PERMANENT_EXCLUSION = "permanent_exclusion", "Permanent exclusion"
    MANAGED_MOVE = "managed_move", "Managed move to another school"
    ALTERNATIVE_PROVISION = "alternative_provision", "Placed in alternative provision"
