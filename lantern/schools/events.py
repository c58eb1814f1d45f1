"""Audit action codes for schools. Stable."""

HOME_VIEWED = "schools.home_viewed"
NOTICE_CREATED = "schools.notice_created"
NOTICES_VIEWED = "schools.notices_viewed"
NOTICE_ACKNOWLEDGED = "schools.notice_acknowledged"
EDUCATION_EVENT_RECORDED = "schools.education_event_recorded"
