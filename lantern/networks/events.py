"""Audit action codes for networks. Stable once shipped: never reuse a code."""

VIEWED = "networks.viewed"
MAP_VIEWED = "networks.map_viewed"
EXPORTED = "networks.exported"
ALERTS_VIEWED = "networks.alerts_viewed"
ALERT_RAISED = "networks.alert_raised"
ALERT_ACKNOWLEDGED = "networks.alert_acknowledged"
