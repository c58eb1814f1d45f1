"""Choice lists for possible matches."""

from django.db import models


class MatchKind(models.TextChoices):
    #: The same identifier (NHS number, UPN, police or LA id) was added to a second record.
    IDENTIFIER = "identifier", "Same identifier on two records"
    #: Someone created a record although a strong match was held where they could not see it.
    CREATED_DESPITE_MATCH = "created", "New record that may match an existing one"
    #: Someone asked for access to a record that may match, instead of creating a new one.
    ACCESS_REQUEST = "access", "Request for access to a record that may match"
    #: A pair found by batch linkage (``link_records``) between the review and automatic-link
    #: thresholds, loaded with ``load_match_pairs``.
    LINKAGE = "linkage", "Pair found by batch linkage"


class MatchStatus(models.TextChoices):
    OPEN = "open", "To check"
    SAME = "same", "Same child"
    DIFFERENT = "different", "Different people"
    ACCESS_GIVEN = "access_given", "Access given"
    DECLINED = "declined", "Access declined"


#: Outcomes a reviewer may record, per kind of item.
OUTCOMES: dict[str, tuple[str, ...]] = {
    MatchKind.IDENTIFIER: (MatchStatus.SAME, MatchStatus.DIFFERENT),
    MatchKind.CREATED_DESPITE_MATCH: (MatchStatus.SAME, MatchStatus.DIFFERENT),
    MatchKind.ACCESS_REQUEST: (MatchStatus.ACCESS_GIVEN, MatchStatus.DECLINED, MatchStatus.DIFFERENT),
    MatchKind.LINKAGE: (MatchStatus.SAME, MatchStatus.DIFFERENT),
}

#: Kinds whose two records may be merged once a reviewer finds them the same child.
MERGEABLE = frozenset({MatchKind.IDENTIFIER, MatchKind.CREATED_DESPITE_MATCH, MatchKind.LINKAGE})
