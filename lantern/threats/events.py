"""Audit action codes for emerging threats. Stable once shipped: never reuse a code."""

VIEWED = "threats.viewed"
EXPORTED = "threats.exported"
