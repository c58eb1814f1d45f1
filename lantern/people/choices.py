"""Choice lists for people and chronology. Wording avoids labelling children as offenders."""

from django.db import models


class PersonKind(models.TextChoices):
    CHILD = "child", "Child or young person"
    ADULT_OF_CONCERN = "adult_of_concern", "Adult of concern"
    ADULT = "adult", "Adult (family or other)"


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact date"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"
    UNKNOWN = "unknown", "Not known"


class IdentifierType(models.TextChoices):
    LA_CHILD_ID = "la_child_id", "Local authority child ID"
    UPN = "upn", "Unique pupil number (UPN)"
    NHS = "nhs", "NHS number"
    POLICE_ID = "police_id", "Police person ID"


class SenStatus(models.TextChoices):
    NONE = "none", "No special educational needs"
    SUPPORT = "support", "SEN support"
    EHCP = "ehcp", "Education, health and care plan"
    UNKNOWN = "unknown", "Not known"


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    SIBLING = "sibling", "Brother or sister"
    FAMILY = "family", "Other family"
    PEER = "peer", "Friend or peer"
    PARTNER = "partner", "Boyfriend or girlfriend"
    ASSOCIATE = "associate", "Associate"
    CONCERN = "concern", "Adult of concern"


class EventType(models.TextChoices):
    REFERRAL = "referral", "Referral"
    CONCERN = "concern", "Concern raised"
    MISSING = "missing", "Missing episode"
    ABSENT = "absent", "Absent episode"
    #: The end of a missing or absent episode (it was "Other" before migration 0005).
    MISSING_RETURN = "missing_return", "Return from missing"
    RETURN_INTERVIEW = "return_interview", "Return home interview"
    ARREST = "arrest", "Arrest"
    POLICE_STOP = "police_stop", "Police stop or search"
    CSE_INCIDENT = "cse_incident", "Sexual exploitation incident"
    CCE_INCIDENT = "cce_incident", "Criminal exploitation incident"
    ONLINE_GROOMING = "online_grooming", "Online grooming concern"
    AE_ATTENDANCE = "ae_attendance", "A&E attendance"
    EXCLUSION = "exclusion", "School exclusion"
    MANAGED_MOVE = "managed_move", "Managed move"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision"
    FOUND_OUT_OF_AREA = "found_out_of_area", "Found in another area"
    ASSESSMENT = "assessment", "Assessment"
    STRATEGY_MEETING = "strategy_meeting", "Strategy meeting"
    PANEL = "panel", "Panel discussion"
    CONTACT = "contact", "Contact or session"
    NRM = "nrm", "National Referral Mechanism"
    DISRUPTION = "disruption", "Disruption activity"
    INTELLIGENCE = "intelligence", "Intelligence received"
    PLACEMENT = "placement", "Placement change"
    OTHER = "other", "Other"


#: Events that open a window of opportunity: the lead professional must hear at once.
CRITICAL_EVENT_TYPES = frozenset(
    {
        EventType.MISSING,
        EventType.ARREST,
        EventType.POLICE_STOP,
        EventType.AE_ATTENDANCE,
        EventType.EXCLUSION,
        EventType.MANAGED_MOVE,
        EventType.ALTERNATIVE_PROVISION,
        EventType.FOUND_OUT_OF_AREA,
    }
)


class SharingLevel(models.TextChoices):
    """Who may read a chronology entry's content (``lantern.access.sharing`` holds the rule).

    Widest first. Seeing the child's record is not enough to read every entry: police
    intelligence and NRM detail must not reach schools or voluntary organisations.
    """

    PARTNERSHIP = "partnership", "Partnership: everyone who may see the child"
    STATUTORY = "statutory", "Statutory partners: children's services, police, health and the panel"
    POLICE = "police", "Police only"
    HEALTH = "health", "Health only"
