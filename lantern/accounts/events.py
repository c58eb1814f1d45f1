"""Audit codes for accounts. Signing in and out use the shared codes in lantern.audit.events
(``auth.login``, ``auth.login_failed``, ``auth.logout``)."""

USER_DEACTIVATED = "accounts.user_deactivated"
SESSIONS_ENDED = "accounts.sessions_ended"
MFA_AUTHENTICATOR_ADDED = "accounts.mfa_authenticator_added"
MFA_AUTHENTICATOR_REMOVED = "accounts.mfa_authenticator_removed"
MFA_RECOVERY_CODES_RESET = "accounts.mfa_recovery_codes_reset"
SSO_ACCOUNT_LINKED = "accounts.sso_account_linked"

# Account administration by the system administrator (lantern/accounts/admin_services.py).
USER_CREATED = "accounts.user_created"
#: Role, agency or teams changed: what the user may see changed.
USER_ACCESS_CHANGED = "accounts.user_access_changed"
#: Name, email, job title or phone changed.
USER_DETAILS_CHANGED = "accounts.user_details_changed"
USER_REACTIVATED = "accounts.user_reactivated"
USER_MFA_RESET = "accounts.user_mfa_reset"
USER_PASSWORD_RESET = "accounts.user_password_reset"  # noqa: S105 - an audit code
USERS_LISTED = "accounts.users_listed"
USER_VIEWED = "accounts.user_viewed"
TEAM_MEMBERS_VIEWED = "accounts.team_members_viewed"
AGENCY_CREATED = "accounts.agency_created"
AGENCY_UPDATED = "accounts.agency_updated"
TEAM_CREATED = "accounts.team_created"
TEAM_UPDATED = "accounts.team_updated"

#: Plain-English labels for pages people read (registered with lantern.audit.describe).
LABELS = {
    USER_DEACTIVATED: "Account disabled",
    SESSIONS_ENDED: "Signed out: the account can no longer sign in",
    MFA_AUTHENTICATOR_ADDED: "Set up two-factor authentication",
    MFA_AUTHENTICATOR_REMOVED: "Removed two-factor authentication",
    MFA_RECOVERY_CODES_RESET: "Made new recovery codes",
    SSO_ACCOUNT_LINKED: "Linked single sign-on",
    USER_CREATED: "Account created",
    USER_ACCESS_CHANGED: "Role, agency or teams changed",
    USER_DETAILS_CHANGED: "Contact details changed",
    USER_REACTIVATED: "Account enabled again",
    USER_MFA_RESET: "Two-factor authentication reset by an administrator",
    USER_PASSWORD_RESET: "Password reset by an administrator",
    USERS_LISTED: "Looked at the list of users",
    USER_VIEWED: "Account looked at by an administrator",
    TEAM_MEMBERS_VIEWED: "Looked at their teams' members",
    AGENCY_CREATED: "Agency added",
    AGENCY_UPDATED: "Agency changed",
    TEAM_CREATED: "Team added",
    TEAM_UPDATED: "Team changed",
}
