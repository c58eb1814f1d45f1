"""Audit codes for accounts. Signing in and out use the shared codes in lantern.audit.events
(``auth.login``, ``auth.login_failed``, ``auth.logout``)."""

USER_DEACTIVATED = "accounts.user_deactivated"
SESSIONS_ENDED = "accounts.sessions_ended"
MFA_AUTHENTICATOR_ADDED = "accounts.mfa_authenticator_added"
MFA_AUTHENTICATOR_REMOVED = "accounts.mfa_authenticator_removed"
MFA_RECOVERY_CODES_RESET = "accounts.mfa_recovery_codes_reset"
SSO_ACCOUNT_LINKED = "accounts.sso_account_linked"
