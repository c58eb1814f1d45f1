"""Who may see and do what with intelligence (docs/adr/0026-intelligence-model.md).

==========================  ===============================================================
Who                         What
==========================  ===============================================================
Police officer, analyst     every line, group, phone, vehicle and handle; links at every
(police agency)             sharing level; unsanitised report text; record reports, links,
                            lines, arrests and stops. Only the analyst writes the sanitised
                            version of a report
Practitioner, team          the register and lines; links they may read by sharing level
manager, panel chair, DPO   (never police-only); sanitised reports only. Every person end is
                            shown only if they may open that person (``person_policy``); an
                            address only if they may open its resident; a place or group only
                            if they may see it (``lantern.contexts.policies``)
School safeguarding lead    no intelligence at all; may send a partner submission and follow
                            its status (nothing the police add is shown back)
Partnership analyst         line counts by area and status, through disclosure control
System administrator        nothing
==========================  ===============================================================

Raw counts of lines are shown to everyone who may open every line (lines are not restricted
records, so the register's viewers may open all of them); the partnership analyst, who opens no
record, gets counts through ``lantern.analysis.disclosure``. ``manage.py lines_as_at`` is an
operator's tool and prints raw counts.
"""

from __future__ import annotations

from django.db.models import Q

from lantern.access import sharing
from lantern.accounts.choices import Role

POLICE_ROLES = frozenset({Role.POLICE_OFFICER, Role.POLICE_ANALYST})
VIEW_ROLES = frozenset({Role.POLICE_OFFICER, Role.POLICE_ANALYST, Role.PRACTITIONER,
                        Role.TEAM_MANAGER, Role.PANEL_CHAIR, Role.DPO})
SUBMIT_ROLES = frozenset({Role.POLICE_OFFICER, Role.POLICE_ANALYST, Role.PRACTITIONER,
                          Role.TEAM_MANAGER, Role.SCHOOL_DSL, Role.PANEL_CHAIR})
COUNT_ONLY_ROLES = frozenset({Role.PARTNERSHIP_ANALYST})


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def is_police(actor) -> bool:
    """A police officer or analyst in a police agency: reads police-only content."""
    return (_active(actor) and actor.role in POLICE_ROLES
            and sharing.POLICE in sharing.readable_levels(actor))


def may_view_intelligence(actor) -> bool:
    return _active(actor) and actor.role in VIEW_ROLES


def may_read_unsanitised(actor) -> bool:
    return is_police(actor)


def may_record(actor) -> bool:
    """Record reports, links, lines and status changes: the police."""
    return is_police(actor)


def may_sanitise(actor) -> bool:
    """Write the sanitised version partners read: the police analyst."""
    return is_police(actor) and actor.role == Role.POLICE_ANALYST


def may_submit(actor) -> bool:
    return bool(_active(actor) and actor.role in SUBMIT_ROLES and getattr(actor, "agency_id", None))


def may_assess_submissions(actor) -> bool:
    return is_police(actor)


def may_view_register(actor) -> bool:
    return may_view_intelligence(actor)


def may_view_line_counts(actor) -> bool:
    return may_view_register(actor) or (_active(actor) and actor.role in COUNT_ONLY_ROLES)


def raw_line_counts(actor) -> bool:
    """Whether ``actor`` may see exact line counts (they may open every line behind them)."""
    return may_view_register(actor)


def may_record_encounter(actor) -> bool:
    """Record an arrest or stop: any police officer or analyst (for a child they may add an
    event for; the service checks that per child)."""
    return is_police(actor)


def link_readable_q(actor, prefix: str = "") -> Q:
    """Links whose sharing level ``actor`` reads (or that their own agency recorded)."""
    if not may_view_intelligence(actor):
        return Q(**{f"{prefix}pk__in": []})
    levels = sharing.readable_levels(actor)
    q = Q(**{f"{prefix}sharing__in": sorted(levels)})
    if getattr(actor, "agency_id", None):
        q |= Q(**{f"{prefix}source_agency_id": actor.agency_id})
    return q


def report_visible_q(actor) -> Q | None:
    """Reports ``actor`` may see: every report for the police; for others only sanitised reports
    at a level they read (the person check is ``selectors``'s, per report)."""
    if not may_view_intelligence(actor):
        return None
    if is_police(actor):
        return Q()
    levels = sorted(sharing.readable_levels(actor))
    return ~Q(sanitised_text="") & Q(sanitised_sharing__in=levels)
