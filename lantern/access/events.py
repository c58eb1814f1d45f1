"""Audit action codes for access control. Stable: never reuse a code for another meaning."""

from lantern.audit import events as shared

ACCESS_DENIED = shared.ACCESS_DENIED
#: A page about one person answered 404 (outside scope, restricted, or no such record).
RECORD_REFUSED = "access.record_refused"
#: The "this record is restricted" page was shown (existence revealed to someone in scope).
RESTRICTED_NOTICE_SHOWN = "access.restricted_notice_shown"
BREAK_GLASS = shared.BREAK_GLASS
BREAK_GLASS_REVIEWED = "access.break_glass_reviewed"
BREAK_GLASS_ESCALATED = "access.break_glass_escalated"
BREAK_GLASS_QUEUE_VIEWED = "access.break_glass_queue_viewed"
GRANT_NAMED = "access.grant_named"
RECORD_RESTRICTED = "access.record_restricted"
RECORD_UNRESTRICTED = "access.record_unrestricted"
RESTRICTION_VIEWED = "access.restriction_viewed"
