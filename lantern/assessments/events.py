"""Audit action codes for assessments. Stable: never reuse a code for another meaning.

Every event names the child as its subject (``people.person``) and the assessment in ``detail``,
so "who has seen or changed this child's record" finds assessment reads and writes too.
"""

ASSESSMENT_STARTED = "assessments.started"
DRAFT_SAVED = "assessments.draft_saved"
DRAFT_VIEWED = "assessments.draft_viewed"
ASSESSMENT_SUBMITTED = "assessments.submitted"
RESULT_VIEWED = "assessments.result_viewed"
RESCORED_VIEWED = "assessments.rescored_as_at_viewed"
HISTORY_VIEWED = "assessments.history_viewed"
OVERRIDE_PROPOSED = "assessments.override_proposed"
OVERRIDE_FORM_VIEWED = "assessments.override_form_viewed"
OVERRIDE_WITHDRAWN = "assessments.override_withdrawn"
OVERRIDE_APPROVED = "assessments.override_approved"
OVERRIDE_DECLINED = "assessments.override_declined"
APPROVALS_VIEWED = "assessments.approvals_viewed"
OVERRIDE_REPORT_VIEWED = "assessments.override_report_viewed"
COHORT_VIEWED = "assessments.cohort_viewed"
DASHBOARD_VIEWED = "assessments.dashboard_viewed"
REVIEW_BROUGHT_FORWARD = "assessments.review_brought_forward"
ACTION_CREATED = "assessments.mandatory_action_created"
ACTION_COMPLETED = "assessments.mandatory_action_completed"
MEASURE_RECORDED = "assessments.measure_recorded"
MEASURES_VIEWED = "assessments.measures_viewed"
