"""Choice lists for intelligence. Wording keeps children victims first: a child linked as a
suspect is always also shown as a possible victim (``lantern.intelligence.roles``)."""

from django.db import models


class EntityKind(models.TextChoices):
    """What a link's end can be. ``person`` and ``address`` live in ``lantern.people``, ``context``
    (a place or peer group worked as a case) in ``lantern.contexts``; the rest here."""

    PERSON = "person", "Person"
    ADDRESS = "address", "Address"
    CONTEXT = "context", "Place or group (contextual safeguarding)"
    PHONE = "phone", "Phone or deal line"
    VEHICLE = "vehicle", "Vehicle"
    HANDLE = "handle", "Online handle"
    LINE = "line", "County line"
    GROUP = "group", "Group of concern"


class LinkType(models.TextChoices):
    ASSOCIATES_WITH = "associates_with", "Associates with"
    USES_PHONE = "uses_phone", "Uses phone"
    USES_NUMBER = "uses_number", "Uses number (deal line)"
    CONTACTS = "contacts", "In contact with"
    SEEN_AT = "seen_at", "Seen at"
    LIVES_AT = "lives_at", "Lives at"
    TRAVELS_WITH = "travels_with", "Travels with"
    USES_VEHICLE = "uses_vehicle", "Uses vehicle"
    USES_HANDLE = "uses_handle", "Uses online handle"
    MISSING_WITH = "missing_with", "Missing with"
    CUCKOOED_ADDRESS_OF = "cuckooed_address_of", "Cuckooed address of"
    CONTROLS_LINE = "controls_line", "Controls line"
    RUNS_FOR_LINE = "runs_for_line", "Runs for line"
    EXPLOITED_BY = "exploited_by", "Exploited through"
    EXPLOITS = "exploits", "Exploits"
    MEMBER_OF = "member_of", "Member of"
    USES_ADDRESS = "uses_address", "Uses address"
    OTHER = "other", "Other"


class Strength(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    TENTATIVE = "tentative", "Tentative"
    UNCONFIRMED = "unconfirmed", "Unconfirmed"


class Role(models.TextChoices):
    """The part an end plays in one link (a person can be a victim in one link and a suspect in
    another). Blank for things (phones, lines) where a role means nothing."""

    VICTIM = "victim", "Victim"
    POSSIBLE_VICTIM = "possible_victim", "Possible victim"
    SUSPECT = "suspect", "Suspect"
    ASSOCIATE = "associate", "Associate"
    WITNESS = "witness", "Witness"
    MISSING = "missing", "Missing child"
    RESIDENT = "resident", "Resident"
    USER = "user", "User"
    CONTROLLER = "controller", "Controller"
    OTHER = "other", "Other"


class SourceEvaluation(models.TextChoices):
    """3x5x2, first part: how far the source can be relied on (our own words)."""

    RELIABLE = "1", "1: reliable (no doubt about the source's authenticity or competence)"
    UNTESTED = "2", "2: untested (a source not yet tested, or with doubts)"
    NOT_RELIABLE = "3", "3: not reliable (a history of information that proved wrong)"


class IntelAssessment(models.TextChoices):
    """3x5x2, second part: how the source came to know what they report (our own words)."""

    KNOWN_DIRECTLY = "A", "A: known directly to the source"
    INDIRECT_CORROBORATED = "B", "B: known indirectly, and corroborated"
    INDIRECT = "C", "C: known indirectly"
    NOT_KNOWN = "D", "D: cannot be judged"
    SUSPECTED_FALSE = "E", "E: suspected to be false or malicious"


class HandlingCode(models.TextChoices):
    """3x5x2, third part: whether it may be shared beyond the police (our own words)."""

    PERMITTED = "P", "P: may be shared lawfully (for policing or with partners)"
    CONDITIONS = "C", "C: may be shared only with the conditions given"


class LineStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DISRUPTED = "disrupted", "Disrupted"
    CLOSED = "closed", "Closed"


class GroupKind(models.TextChoices):
    CSE_GROUP = "cse_group", "Group sexually exploiting children"
    CRIMINAL_GROUP = "criminal_group", "Organised criminal group"
    GANG = "gang", "Street gang"
    OTHER = "other", "Other"


class PhoneKind(models.TextChoices):
    PERSONAL = "personal", "Personal phone"
    DEAL_LINE = "deal_line", "Deal line"
    RUNNER_HANDSET = "runner_handset", "Handset given to a child"
    UNKNOWN = "unknown", "Not known"


class EncounterKind(models.TextChoices):
    ARREST = "arrest", "Arrest"
    STOP = "stop", "Stop (no search)"
    STOP_SEARCH = "stop_search", "Stop and search"
    VOLUNTARY = "voluntary", "Voluntary interview"


class OffenceType(models.TextChoices):
    DRUG_SUPPLY = "drug_supply", "Drug supply (possession with intent, supply)"
    DRUG_POSSESSION = "drug_possession", "Drug possession"
    COUNTY_LINES = "county_lines", "County Lines related"
    WEAPON = "weapon", "Carrying a weapon"
    VIOLENCE = "violence", "Violence"
    ROBBERY = "robbery", "Robbery"
    THEFT = "theft", "Theft or handling"
    CRIMINAL_DAMAGE = "criminal_damage", "Criminal damage"
    SEXUAL_OFFENCE = "sexual_offence", "Sexual offence"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery or trafficking"
    OTHER = "other", "Other"


class EncounterOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    RELEASED_UNDER_INVESTIGATION = "rui", "Released under investigation"
    BAIL = "bail", "Bailed"
    CHARGED = "charged", "Charged"
    COMMUNITY_RESOLUTION = "community_resolution", "Community resolution"
    SAFEGUARDED = "safeguarded", "Taken somewhere safe"
    NOTHING_FOUND = "nothing_found", "Searched, nothing found"
    OTHER = "other", "Other"


class SubmissionStatus(models.TextChoices):
    """What the submitter sees: never the police assessment or what was done with it."""

    RECEIVED = "received", "Received"
    BEING_ASSESSED = "being_assessed", "Being looked at"
    ASSESSED = "assessed", "Looked at"


class SubmissionSource(models.TextChoices):
    FORM = "form", "Partner form"
    RETURN_INTERVIEW = "return_interview", "Return home interview"


class MentionKind(models.TextChoices):
    PERSON = "person", "Person"
    PLACE = "place", "Place"
    PHONE = "phone", "Phone number"
    VEHICLE = "vehicle", "Vehicle"
    HANDLE = "handle", "Online handle"
    OTHER = "other", "Other"


#: The area names counts are given for, in the committee minute's order.
AREAS = ("North", "West", "East")
