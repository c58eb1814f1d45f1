"""Choice lists for missing episodes, return home interviews and the Philomena profile.

Wording follows the partnership's rule: children are victims first. Push and pull factors
describe what pushed a child away or drew them somewhere, never a "choice" made by the child.
"""

from django.db import models


class EpisodeKind(models.TextChoices):
    """Police distinguish a child who is *missing* from one who is *absent* (not where they
    should be, but whereabouts believed known or no apparent risk). SSDA903 codes them M and A."""

    MISSING = "missing", "Missing"
    ABSENT = "absent", "Absent (away without authorisation)"


class RiskGrade(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class HowReturned(models.TextChoices):
    FOUND_BY_POLICE = "found_police", "Found by police"
    RETURNED_SELF = "returned_self", "Came back without help"
    RETURNED_BY_CARER = "returned_carer", "Brought back by a parent, carer or family member"
    FOUND_BY_PROFESSIONAL = "found_professional", "Found by another professional"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"


class InterviewStatus(models.TextChoices):
    """Where a return home interview has got to. ``due`` until something happens."""

    DUE = "due", "Due (not yet offered)"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    COMPLETED = "completed", "Completed"
    DECLINED = "declined", "Declined by the child"
    NOT_HELD = "not_held", "Not held (decision recorded)"


#: Statuses that close the interview: no more work is due.
CLOSED_STATUSES = frozenset({InterviewStatus.COMPLETED, InterviewStatus.DECLINED, InterviewStatus.NOT_HELD})
#: Statuses that need a written reason.
REASON_STATUSES = frozenset({InterviewStatus.DECLINED, InterviewStatus.NOT_HELD})


class FactorDirection(models.TextChoices):
    PUSH = "push", "Push factor"
    PULL = "pull", "Pull factor"


class PushFactor(models.TextChoices):
    """What made the child want to leave where they were living."""

    CONFLICT_HOME = "conflict_home", "Arguments or conflict at home or in the placement"
    ABUSE_HOME = "abuse_home", "Abuse or neglect at home"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse in the household"
    PLACEMENT_UNHAPPY = "placement_unhappy", "Unhappy in the placement or far from family"
    RULES_BOUNDARIES = "rules_boundaries", "Rules or boundaries felt unfair"
    BULLYING = "bullying", "Bullying (including online)"
    SCHOOL = "school", "Problems at school, exclusion or no school place"
    MENTAL_HEALTH = "mental_health", "Feeling low, anxious or unsafe"
    SUBSTANCES_HOME = "substances_home", "Drug or alcohol use in the household"
    OTHER = "other", "Something else (see notes)"


class PullFactor(models.TextChoices):
    """What drew the child somewhere else. Several describe exploitation: harm done to them."""

    FRIENDS = "friends", "Wanting to be with friends or peers"
    FAMILY = "family", "Wanting to see family"
    PARTNER = "partner", "A boyfriend, girlfriend or older 'partner'"
    GIFTS_MONEY = "gifts_money", "Offered gifts, money, food or somewhere to stay"
    DRUGS_ALCOHOL = "drugs_alcohol", "Offered drugs or alcohol"
    DEBT = "debt", "A debt they were told they owe (including drug debt)"
    THREATS = "threats", "Threats to them or their family"
    GROUP_BELONGING = "group_belonging", "Sense of belonging to a group"
    ONLINE_CONTACT = "online_contact", "Someone they met online"
    TRAVEL_OUT_OF_AREA = "travel_out_of_area", "Taken or sent to another town"
    OTHER = "other", "Something else (see notes)"


class MentionKind(models.TextChoices):
    """Kinds of intelligence item mentioned in an interview, kept structured for later linking."""

    PERSON = "person", "Person (name or nickname)"
    PLACE = "place", "Place or address"
    PHONE = "phone", "Phone number"
    VEHICLE = "vehicle", "Vehicle"
    ONLINE_HANDLE = "online_handle", "Online handle or account"
