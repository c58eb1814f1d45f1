"""Content sharing levels: who may read what a chronology entry says.

The record policy (``lantern.access.policies``) answers "may this user open this child?". This
module answers the second question, asked of every entry on a record the user may open: "may
they read what it says?". Police intelligence and National Referral Mechanism detail must not
reach schools or voluntary organisations just because they may open the pupil (issue 10, item
2). It is the one content-sharing rule for the product: the chronology page, its print view,
the record's recent events, casework pages, exports and counts shown beside records use it
(published statistics are aggregates counted from every entry, ADR 0022), and later intelligence
reports and panel packs should too.

Levels (``lantern.people.choices.SharingLevel``), widest first:

==================  =====================================================================
``partnership``     everyone who may open the child (schools and voluntary organisations too)
``statutory``       statutory partners only: children's services, police, health, youth
                    justice, the local authority's education service and the partnership
                    (panel, data protection officer); not schools or voluntary organisations
``police``          police only
``health``          health only
==================  =====================================================================

The agency that recorded an entry always reads it, whatever its level (a school that records a
concern as "statutory partners" can still read its own words).

**The default level** for (event type, the recording agency's kind): see ``default_level``.

==============================================  ============  ===============================
Event type                                      Recorded by   Default level
==============================================  ============  ===============================
Intelligence, arrest, stop, disruption          police        ``police``: detail is police
                                                              business until sanitised; the
                                                              police officer may share a
                                                              sanitised entry wider
Intelligence, arrest, stop, disruption          anyone else   ``statutory``
NRM                                             anyone        ``statutory``: a referral into
                                                              the trafficking process names
                                                              suspects and exploitation
Sexual or criminal exploitation incident,       anyone        ``statutory``: the detail of
online grooming, A&E attendance, found in                     harm is for the professionals
another area, return home interview,                          who hold the plan, not for
strategy meeting, panel, assessment, contact,                 everyone on the child's record
placement, other
Referral, concern, missing, absent,             not police,   ``partnership``: the facts a
exclusion, managed move, alternative            not health    school or youth worker needs to
provision                                                     keep the child safe day to day
Missing, absent                                 police        ``partnership``: the fact that a
                                                              child was missing is shared
Anything else                                   police or     ``statutory``: police and health
                                                health        detail goes to statutory partners
==============================================  ============  ===============================

No default is ``health``: "health only" is the recorder's choice for clinical detail (a sexual
health appointment, for example).

**Who reads which levels** (``readable_levels``), decided role by role:

====================  ===================================================================
Role                  Reads
====================  ===================================================================
Practitioner,         by their agency: ``partnership`` always; ``statutory`` when their
team manager          agency is a statutory partner; ``police`` in a police agency;
                      ``health`` in a health agency. A youth worker in a voluntary
                      organisation reads ``partnership`` only
Police officer,       ``partnership``, ``statutory``; ``police`` when their agency is the
police analyst        police (an analyst's product draws on police-only entries)
School safeguarding   ``partnership`` only, whatever the school's agency record says
lead
Panel chair           ``partnership``, ``statutory``: the panel works from what statutory
                      partners share; police bring sanitised summaries, not raw intelligence
Partnership analyst   ``partnership``, ``statutory``: sees aggregates only (no record scope);
                      police-only and health-only entries stay with those agencies' analysts
Data protection       ``partnership``, ``statutory``, and placeholders for the rest. Not
officer               ``police`` or ``health``: the police and health bodies are controllers
                      of their own entries, with their own DPOs; the partnership DPO's audit
                      and subject-access work needs to know such an entry exists (to route a
                      request to its owner), which the placeholder tells them, not its words
System administrator  nothing: they run the system and open no child's record
====================  ===================================================================

**Placeholders** (``placeholder_for``): a user who may not read an entry sees that it exists
only if they read ``statutory`` entries themselves, i.e. they are a statutory partner:
"A police entry: ask the police lead for what it says", with the date and type unless the type
is intelligence or disruption (their date and type can identify an operation), in which case the
chronology only says how many such entries it holds. Schools and voluntary organisations never
see a placeholder: they must not even learn that a police entry exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q

from lantern.accounts.choices import AgencyKind, Role
from lantern.people.choices import EventType, SharingLevel

PARTNERSHIP = SharingLevel.PARTNERSHIP.value
STATUTORY = SharingLevel.STATUTORY.value
POLICE = SharingLevel.POLICE.value
HEALTH = SharingLevel.HEALTH.value

#: Agencies that are statutory partners. The local authority's education service and youth
#: justice are part of (or hosted by) the local authority, a statutory safeguarding partner;
#: schools and voluntary organisations are relevant agencies, not statutory partners.
STATUTORY_AGENCY_KINDS = frozenset(
    {
        AgencyKind.CHILDRENS_SERVICES,
        AgencyKind.POLICE,
        AgencyKind.EDUCATION,
        AgencyKind.HEALTH,
        AgencyKind.YOUTH_JUSTICE,
        AgencyKind.PARTNERSHIP,
    }
)

#: Police business until sanitised, when the police record it.
POLICE_DETAIL_TYPES = frozenset(
    {EventType.INTELLIGENCE, EventType.ARREST, EventType.POLICE_STOP, EventType.DISRUPTION}
)

#: Day-to-day facts a school or youth worker needs, when neither police nor health record them.
PARTNERSHIP_TYPES = frozenset(
    {
        EventType.REFERRAL,
        EventType.CONCERN,
        EventType.MISSING,
        EventType.ABSENT,
        EventType.EXCLUSION,
        EventType.MANAGED_MOVE,
        EventType.ALTERNATIVE_PROVISION,
    }
)

#: The fact of a missing episode is shared whoever records it.
PARTNERSHIP_WHOEVER_RECORDS = frozenset({EventType.MISSING, EventType.ABSENT})

#: Types whose date and type are withheld from a placeholder: they can identify an operation.
WITHHELD_DETAIL_TYPES = frozenset({EventType.INTELLIGENCE, EventType.DISRUPTION})

#: Breadth, for "is this choice wider than the default?". Police and health are equally narrow.
_BREADTH = {PARTNERSHIP: 3, STATUTORY: 2, POLICE: 1, HEALTH: 1}

#: Roles whose reading follows their agency's kind.
_WORKING_ROLES = frozenset(
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER, Role.POLICE_ANALYST}
)

_PLACEHOLDER_TEXT = {
    POLICE: "A police entry: ask the police lead for what it says.",
    HEALTH: "A health entry: ask the health lead for what it says.",
    STATUTORY: "An entry shared with statutory partners: ask the lead professional.",
    PARTNERSHIP: "An entry: ask the lead professional.",
}

#: Short labels for a tag beside an entry its reader may read ("Police only"), so nobody copies
#: its words somewhere wider by mistake.
SHORT_LABELS = {
    PARTNERSHIP: "Partnership",
    STATUTORY: "Statutory partners",
    POLICE: "Police only",
    HEALTH: "Health only",
}

#: Short names for "N more police entries": the agency whose lead to ask.
_HOLDER = {POLICE: "police", HEALTH: "health", STATUTORY: "statutory partners'", PARTNERSHIP: ""}


def default_level(event_type: str, agency_kind: str | None) -> str:
    """The level an entry gets when the recorder does not choose (the table in the module doc).

    Why from the recording agency as well as the type: an arrest a youth justice worker notes
    from a court list is not police intelligence; the same word from the police is.
    """
    if agency_kind == AgencyKind.POLICE and event_type in POLICE_DETAIL_TYPES:
        return POLICE
    if event_type in PARTNERSHIP_WHOEVER_RECORDS:
        return PARTNERSHIP
    if agency_kind in (AgencyKind.POLICE, AgencyKind.HEALTH):
        return STATUTORY
    if event_type in PARTNERSHIP_TYPES:
        return PARTNERSHIP
    return STATUTORY


def is_wider(level: str, than: str) -> bool:
    return _BREADTH.get(level, 0) > _BREADTH.get(than, 0)


def _active(actor) -> bool:
    return (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and getattr(actor, "is_active", False)
    )


def _agency_kind(actor) -> str | None:
    agency = getattr(actor, "agency", None) if getattr(actor, "agency_id", None) else None
    return getattr(agency, "kind", None)


def readable_levels(actor) -> frozenset[str]:
    """The levels whose content ``actor`` may read (the role table in the module doc)."""
    if not _active(actor):
        return frozenset()
    role = actor.role
    if role == Role.SCHOOL_DSL:
        return frozenset({PARTNERSHIP})
    if role in (Role.PANEL_CHAIR, Role.PARTNERSHIP_ANALYST, Role.DPO):
        return frozenset({PARTNERSHIP, STATUTORY})
    if role not in _WORKING_ROLES:
        return frozenset()  # the system administrator, and any role not decided here
    kind = _agency_kind(actor)
    levels = {PARTNERSHIP}
    if kind in STATUTORY_AGENCY_KINDS:
        levels.add(STATUTORY)
    if kind == AgencyKind.POLICE:
        levels.add(POLICE)
    if kind == AgencyKind.HEALTH:
        levels.add(HEALTH)
    return frozenset(levels)


def may_see_placeholders(actor) -> bool:
    """Whether ``actor`` may learn that an entry they cannot read exists: statutory partners
    only. A school or voluntary organisation must not learn that a police entry exists."""
    return STATUTORY in readable_levels(actor)


def readable_q(actor, prefix: str = "") -> Q:
    """Entries whose content ``actor`` may read, as a filter for ``ChronologyEvent`` (or through
    a relation: ``prefix="event__"``), so lists and counts filter in the database."""
    levels = readable_levels(actor)
    if not levels:
        return Q(**{f"{prefix}pk__in": []})
    q = Q(**{f"{prefix}sharing__in": sorted(levels)})
    if getattr(actor, "agency_id", None):
        q |= Q(**{f"{prefix}source_agency_id": actor.agency_id})
    return q


def placeholder_q(actor, prefix: str = "", *, dated: bool | None = None) -> Q:
    """Entries ``actor`` may not read but may see a placeholder for.

    ``dated=True`` keeps those whose placeholder shows date and type, ``dated=False`` those
    whose date and type are withheld (counted, not listed), ``None`` both.
    """
    if not may_see_placeholders(actor):
        return Q(**{f"{prefix}pk__in": []})
    q = ~readable_q(actor, prefix)
    if dated is True:
        q &= ~Q(**{f"{prefix}event_type__in": sorted(WITHHELD_DETAIL_TYPES)})
    elif dated is False:
        q &= Q(**{f"{prefix}event_type__in": sorted(WITHHELD_DETAIL_TYPES)})
    return q


def listed_q(actor, prefix: str = "") -> Q:
    """Entries that appear in a list for ``actor``: readable, or a dated placeholder."""
    return readable_q(actor, prefix) | placeholder_q(actor, prefix, dated=True)


def may_read(actor, event) -> bool:
    """The per-entry form of ``readable_q`` (the same answer, tested side by side)."""
    levels = readable_levels(actor)
    if not levels:
        return False
    if event.sharing in levels:
        return True
    return bool(getattr(actor, "agency_id", None)) and event.source_agency_id == actor.agency_id


@dataclass(frozen=True)
class Placeholder:
    """What to show instead of an entry's words."""

    level: str
    text: str
    show_detail: bool  # date and type


def placeholder_text(level: str) -> str:
    return _PLACEHOLDER_TEXT.get(level, _PLACEHOLDER_TEXT[PARTNERSHIP])


def withheld_text(level: str, count: int) -> str:
    """One line for the entries whose date and type are withheld: "2 more police entries..."."""
    holder = _HOLDER.get(level, "")
    noun = "entry" if count == 1 else "entries"
    who = {POLICE: "the police lead", HEALTH: "the health lead"}.get(level, "the lead professional")
    subject = " ".join(w for w in (str(count), "more", holder, noun) if w)
    if count == 1:
        return f"{subject} is not shown here: ask {who} for what it says."
    return f"{subject} are not shown here: ask {who} for what they say."


def placeholder_for(actor, event) -> Placeholder | None:
    """None when ``actor`` may read the entry, or may not even learn it exists; otherwise what to
    show in its place. Callers must check ``may_read`` first when they want the words."""
    if may_read(actor, event) or not may_see_placeholders(actor):
        return None
    return Placeholder(
        level=event.sharing,
        text=placeholder_text(event.sharing),
        show_detail=event.event_type not in WITHHELD_DETAIL_TYPES,
    )


#: Agencies whose involvement with a child is itself something only statutory partners learn:
#: "the police are involved" or "youth justice are involved" tells a school what a police-only
#: entry would, and a health service's involvement can say what a health-only entry would.
PRIVATE_INVOLVEMENT_KINDS = frozenset(
    {AgencyKind.POLICE, AgencyKind.HEALTH, AgencyKind.YOUTH_JUSTICE}
)


def involvements_q(actor, prefix: str = "") -> Q:
    """Involvements ``actor`` may see on a child's record they may open: all of them for a
    statutory partner; for a school or voluntary organisation (who never see a placeholder),
    not those of the police, health or youth justice, unless it is their own agency's. Left
    out, not counted: a count would say what the name would."""
    if may_see_placeholders(actor):
        return Q()
    q = ~Q(**{f"{prefix}agency__kind__in": sorted(PRIVATE_INVOLVEMENT_KINDS)})
    if getattr(actor, "agency_id", None):
        q |= Q(**{f"{prefix}agency_id": actor.agency_id})
    return q


#: How a message or list names an entry its reader may not learn the type of. It says no
#: agency and no type: a school or youth worker must not learn that a police entry exists.
UNNAMED_ENTRY = "A partner's entry"


def describe_for(reader, event) -> tuple[str, str]:
    """``(type, date)`` words for ``event`` in something shown or sent to ``reader``: an alert,
    a "review brought forward" note, a notice list.

    Why: these messages are written once and read by one person, so they must say no more than
    the chronology would show that person. The type and date appear where the reader may read
    the entry or see its placeholder's date and type; otherwise neutral words and no date.
    """
    if event is not None:
        placeholder = None if may_read(reader, event) else placeholder_for(reader, event)
        if may_read(reader, event) or (placeholder is not None and placeholder.show_detail):
            return event.get_event_type_display(), event.date_display
    return UNNAMED_ENTRY, ""


# The recorder's choice ---------------------------------------------------------------------


def recorder_levels(actor) -> list[str]:
    """Levels a recorder may choose, widest first: partnership and statutory partners for
    anyone who may add an entry, police only for the police, health only for health.

    Why not "police only" for a school: nobody at the school could then read the entry except
    the school itself, and the police would not know to look for it.
    """
    kind = _agency_kind(actor)
    levels = [PARTNERSHIP, STATUTORY]
    if kind == AgencyKind.POLICE:
        levels.append(POLICE)
    if kind == AgencyKind.HEALTH:
        levels.append(HEALTH)
    return levels


def choose_level(
    *, actor, event_type: str, agency_kind: str | None, level: str | None, sanitised: bool = False
) -> str:
    """The level to store: the default when ``level`` is empty, else the recorder's choice if
    they may make it. Wider than the default needs the recorder to confirm the words are
    sanitised (written so that everyone at the wider level may read them).

    Raises ``ValidationError`` with a GOV.UK-style message.
    """
    default = default_level(event_type, agency_kind)
    if not level:
        return default
    if level not in SharingLevel.values or level not in recorder_levels(actor):
        raise ValidationError("Select who may read this entry from the list")
    if is_wider(level, default) and not sanitised:
        raise ValidationError(
            "Confirm the entry is sanitised, or choose who may read it from the narrower levels"
        )
    return level
