"""Audit action codes for young people's reports. Stable: never reuse a code for another meaning.

The public site writes no audit event: an event's exact time is a way to match a report with a
network log kept elsewhere (docs/adr/0016). Staff reading and deciding are audited as usual.
"""

QUEUE_VIEWED = "youth.queue_viewed"
REPORT_VIEWED = "youth.report_viewed"
IMAGE_VIEWED = "youth.image_viewed"
REPORT_REFERRED = "youth.report_referred"
REPORT_PASSED_TO_POLICE = "youth.report_passed_to_police"
REPORT_CLOSED_NFA = "youth.report_closed_nfa"
