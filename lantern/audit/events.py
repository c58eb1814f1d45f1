"""Stable audit action codes. Codes never change meaning once shipped; add new ones instead.

Apps add their own codes in their own ``events.py``; these are the shared ones.
"""

LOGIN_SUCCEEDED = "auth.login"
LOGIN_FAILED = "auth.login_failed"
LOGOUT = "auth.logout"
ACCESS_DENIED = "access.denied"
BREAK_GLASS = "access.break_glass"
AUDIT_VIEWED = "audit.record_history_viewed"
AUDIT_CHAIN_VERIFIED = "audit.chain_verified"
AUDIT_LOG_VIEWED = "audit.log_viewed"
AUDIT_LOG_EXPORTED = "audit.log_exported"
