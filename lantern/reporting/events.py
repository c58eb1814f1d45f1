"""Audit event codes for the partnership statistics."""

DASHBOARD_VIEWED = "reporting.dashboard_viewed"
REPORT_MADE = "reporting.committee_report_made"
EXPORTED = "reporting.statistics_exported"
