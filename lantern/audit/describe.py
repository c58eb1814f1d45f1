"""Plain-English descriptions of audit action codes, for pages people read.

Apps register their own codes in ``AppConfig.ready()``::

    from lantern.audit.describe import register
    register("missing.episode_added", "Recorded a missing episode")

A code nobody registered is shown as its last part in words ("episode added"), never hidden.
"""

from __future__ import annotations

_LABELS: dict[str, str] = {
    "auth.login": "Signed in",
    "auth.login_failed": "Failed to sign in",
    "auth.logout": "Signed out",
    "access.denied": "Was refused a page",
    "access.record_refused": "Asked for a page about the record and got \"Page not found\"",
    "access.restricted_notice_shown": "Was told the record is restricted",
    "access.break_glass": "Opened the restricted record in an emergency (break-glass)",
    "access.break_glass_reviewed": "Reviewed a break-glass access to the record",
    "access.break_glass_escalated": "Break-glass access escalated: not reviewed in time",
    "access.break_glass_queue_viewed": "Looked at break-glass access for review",
    "access.grant_named": "Named someone on the restricted record",
    "audit.record_history_viewed": "Looked at who has viewed or changed the record",
    "audit.chain_verified": "Verified the audit trail",
    "core.form_viewed": "Opened a form about the record",
    "people.person_viewed": "Opened the record",
    "people.person_created": "Created the record",
    "people.person_updated": "Changed the record",
    "people.search": "Found in a search",
    "people.chronology_viewed": "Read the chronology",
    "people.chronology_printed": "Printed the chronology",
    "people.event_added": "Added an event to the chronology",
    "people.identifier_added": "Added an identifier",
    "people.alias_added": "Added an alias",
}


def register(code: str, text: str) -> None:
    _LABELS[code] = text


def describe(code: str) -> str:
    if code in _LABELS:
        return _LABELS[code]
    tail = code.rsplit(".", 1)[-1].replace("_", " ").strip()
    return tail[:1].upper() + tail[1:] if tail else code


def labels() -> dict[str, str]:
    return dict(_LABELS)


#: Events that say someone opened a dashboard, a queue or a list: routine, and so many that they
#: bury what a data protection officer looks for. The audit view hides them unless asked.
_NOISE: set[str] = {
    "access.break_glass_queue_viewed",
    "accounts.users_listed",
    "assessments.approvals_viewed",
    "assessments.cohort_viewed",
    "assessments.dashboard_viewed",
    "assessments.override_report_viewed",
    "audit.log_viewed",
    "cases.caseload_viewed",
    "cases.owned_actions_viewed",
    "cases.team_viewed",
    "disruption.register_viewed",
    "identity.queue_viewed",
    "missing.dashboard_viewed",
    "nrm.referrals_viewed",
    "referrals.queue_viewed",
    "referrals.status_viewed",
    "schools.home_viewed",
    "youth.queue_viewed",
}

#: Endings of codes that mean someone looked at something rather than changed it.
_READ_ENDINGS = ("_viewed", "_listed", ".search", "_searched", "_printed", "_shown",
                 "_exported", "pack_issued", "_downloaded")


def register_noise(code: str) -> None:
    """Mark ``code`` as a routine dashboard or list view (hidden by default in the audit view)."""
    _NOISE.add(code)


def noise_codes() -> frozenset[str]:
    return frozenset(_NOISE)


def is_read(code: str) -> bool:
    """True when the event records someone looking at something (opening, searching, printing)."""
    return code.endswith(_READ_ENDINGS)
