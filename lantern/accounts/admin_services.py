"""Writes for account administration: the system administrator's accounts, agencies and teams.

Every function here is ``<entity>_<verb>(*, actor, ...)``, runs in one transaction and writes its
audit event (codes in ``lantern.accounts.events``) in that transaction. Who may call them is
decided by the access matrix (``manage:*`` URLs are for ``sysadmin`` only); the rules below are
the ones that hold whoever calls:

* **No self-service through the back door.** An administrator cannot disable their own account,
  change their own role, or reset their own password or two-factor authentication here (their own
  account pages ask for their password or code first; these pages would not).
* **Assignments that grant access must make sense** (``assignment_problems``): teams belong to
  the user's agency (a team is a scope: a police officer on a children's-services team would see
  that team's children), police roles sit in a police agency and school safeguarding leads in a
  school, and practitioners (whose scope is their teams) have at least one team.
* **Usernames and email addresses are unique ignoring case**: sign-in matches usernames without
  regard to case, and single sign-on links an identity provider's account by username or email
  (``lantern.accounts.adapters``), so two accounts differing only in case would be ambiguous.
* **A password, MFA reset or disabling ends every session of that user at once**, and a password
  reset also lifts a sign-in lockout (the usual reason for the call).

Passwords are never written to the audit trail; whether one was generated is.

Example::

    user, _ = user_create(actor=sam, username="jo", first_name="Jo", last_name="Reyes",
                          role=Role.PRACTITIONER, agency=cs, teams=[north], password="")
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lantern.accounts import events
from lantern.accounts.choices import AgencyKind, Role
from lantern.accounts.models import Agency, Area, District, Team, User
from lantern.accounts.services import sessions_end_for_user, user_deactivate
from lantern.audit.services import audit_record

#: Reasons are read by the data protection officer; a few words at least.
MIN_REASON_LENGTH = 10

#: Roles whose record scope needs an agency of one kind (lantern/access/scopes.py).
ROLE_AGENCY_KINDS: dict[str, str] = {
    Role.POLICE_ANALYST: AgencyKind.POLICE,
    Role.POLICE_OFFICER: AgencyKind.POLICE,
    Role.SCHOOL_DSL: AgencyKind.SCHOOL,
}
#: Roles whose record scope is their teams: without a team they would see nothing.
ROLES_NEEDING_A_TEAM = frozenset({Role.PRACTITIONER})

#: Letters and digits that cannot be mistaken for each other when read out over the phone.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet, not a password

DETAIL_FIELDS = ("first_name", "last_name", "email", "job_title", "phone")


def password_generate() -> str:
    """A random password like ``k7mq-x3vd-9tpa-h2ce`` (about 79 bits), easy to read out."""
    groups = ["".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


# --- Rules shared by forms and services ----------------------------------------------------------


def assignment_problems(*, role: str, agency: Agency | None, teams: Iterable[Team]) -> dict[str, str]:
    """What is wrong with giving a user this role, agency and teams ({} when nothing is)."""
    problems: dict[str, str] = {}
    teams = list(teams)
    if agency is None:
        problems["agency"] = "Select the user's agency"
        return problems
    needed_kind = ROLE_AGENCY_KINDS.get(role)
    if needed_kind and agency.kind != needed_kind:
        problems["agency"] = (
            f"A {Role(role).label.lower()} must belong to an agency of kind "
            f"\u201c{AgencyKind(needed_kind).label}\u201d; {agency.name} is not"
        )
    elsewhere = [t for t in teams if t.agency_id != agency.pk]
    if elsewhere:
        names = ", ".join(t.name for t in elsewhere)
        problems["teams"] = f"Choose teams in {agency.name} only: {names} belongs to another agency"
    elif role in ROLES_NEEDING_A_TEAM and not teams:
        problems["teams"] = f"Select at least one team: a {Role(role).label.lower()} sees their teams' children"
    return problems


def identity_problems(*, username: str | None = None, email: str = "", exclude: User | None = None) -> dict[str, str]:
    """Username or email address already used by another account (ignoring case)."""
    problems: dict[str, str] = {}
    others = User.objects.all()
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if username and others.filter(username__iexact=username).exists():
        problems["username"] = "A user with this username already exists"
    if email and others.filter(email__iexact=email).exists():
        problems["email"] = "Another user already has this email address"
    return problems


def _require_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": f"Reason must be {MIN_REASON_LENGTH} characters or more"})
    return reason


def _refuse_self(actor, user, message: str) -> None:
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(message)


# --- Users -------------------------------------------------------------------------------------


def user_create(
    *,
    actor,
    username: str,
    first_name: str,
    last_name: str,
    role: str,
    agency: Agency,
    teams: Iterable[Team] = (),
    email: str = "",
    job_title: str = "",
    phone: str = "",
    password: str = "",
    sso_only: bool = False,
) -> tuple[User, str]:
    """Create an account. Returns the user and the password to show once ("" if none shown).

    With no ``password`` (and not ``sso_only``) one is generated; the caller shows it to the
    administrator once and it is never stored in clear. ``sso_only`` accounts get no usable
    password: they sign in through the partnership's identity provider.
    """
    teams = list(teams)
    problems = {
        **identity_problems(username=username, email=email),
        **assignment_problems(role=role, agency=agency, teams=teams),
    }
    if problems:
        raise ValidationError(problems)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        agency=agency,
        job_title=job_title,
        phone=phone,
        is_active=True,
    )
    shown = ""
    if sso_only:
        user.set_unusable_password()
    else:
        if not password:
            password = shown = password_generate()
        validate_password(password, user=user)  # raises ValidationError (a list of messages)
        user.set_password(password)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user.save(force_insert=True)
        except IntegrityError:  # a concurrent create took the username
            raise ValidationError({"username": "A user with this username already exists"}) from None
        user.teams.set(teams)
        audit_record(
            actor=actor,
            action=events.USER_CREATED,
            subject=user,
            detail={
                "role": role,
                "agency": agency.name,
                "teams": sorted(t.name for t in teams),
                "password": "none (single sign-on)" if sso_only else ("generated" if shown else "set"),
            },
        )
    return user, shown


def user_update(
    *,
    actor,
    user: User,
    first_name: str,
    last_name: str,
    role: str,
    agency: Agency,
    teams: Iterable[Team] = (),
    email: str = "",
    job_title: str = "",
    phone: str = "",
    reason: str = "",
) -> dict:
    """Change a user's details and what they may see. Returns what changed ({} for nothing).

    Two events, so access reviews can find changes of access without reading every edit:
    ``accounts.user_access_changed`` (role, agency, teams, with before and after) and
    ``accounts.user_details_changed`` (which contact fields changed; not their values, which
    are personal data the append-only trail would keep for ever).
    """
    teams = list(teams)
    if role != user.role and actor is not None and actor.pk == user.pk:
        raise ValidationError({"role": "You cannot change your own role. Ask another system administrator"})
    problems = {
        **identity_problems(email=email, exclude=user),
        **assignment_problems(role=role, agency=agency, teams=teams),
    }
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        access: dict = {}
        if user.role != role:
            access["role"] = [user.role, role]
        if user.agency_id != agency.pk:
            access["agency"] = [user.agency.name if user.agency else "", agency.name]
        before = {t.pk: t.name for t in user.teams.all()}
        after = {t.pk: t.name for t in teams}
        added = sorted(name for pk, name in after.items() if pk not in before)
        removed = sorted(name for pk, name in before.items() if pk not in after)
        if added or removed:
            access["teams"] = {"added": added, "removed": removed}
        new_details = {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "job_title": job_title,
            "phone": phone,
        }
        changed_details = [f for f in DETAIL_FIELDS if getattr(user, f) != new_details[f]]
        for field, value in new_details.items():
            setattr(user, field, value)
        user.role = role
        user.agency = agency
        if access or changed_details:
            user.save(update_fields=[*DETAIL_FIELDS, "role", "agency"])
        if "teams" in access:
            user.teams.set(teams)
        if access:
            audit_record(
                actor=actor,
                action=events.USER_ACCESS_CHANGED,
                subject=user,
                reason=" ".join(reason.split()),
                detail=access,
            )
        if changed_details:
            audit_record(
                actor=actor,
                action=events.USER_DETAILS_CHANGED,
                subject=user,
                reason=" ".join(reason.split()),
                detail={"fields": changed_details},
            )
    changes = dict(access)
    if changed_details:
        changes["details"] = changed_details
    return changes


def user_disable(*, actor, user: User, reason: str) -> int:
    """Disable an account and end its sessions now (``services.user_deactivate``).

    Returns the number of sessions ended. An administrator cannot disable themselves: the
    partnership would be one step from having nobody who can manage accounts.
    """
    _refuse_self(actor, user, "You cannot disable your own account. Ask another system administrator")
    reason = _require_reason(reason)
    if not user.is_active:
        raise ValidationError("This account is already disabled")
    return user_deactivate(actor=actor, user=user, reason=reason)


def user_enable(*, actor, user: User, reason: str) -> None:
    """Let a disabled account sign in again (with its existing password and authenticator)."""
    reason = _require_reason(reason)
    if user.is_active:
        raise ValidationError("This account is already active")
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, action=events.USER_REACTIVATED, subject=user, reason=reason)


def user_mfa_reset(*, actor, user: User, reason: str) -> list[str]:
    """Remove every authenticator (app, recovery codes) so the user sets up a new one.

    For a lost or replaced phone. The user's sessions end too: whoever holds the old phone may
    also hold a signed-in browser. Returns the kinds of authenticator removed.
    """
    from allauth.mfa.models import Authenticator

    _refuse_self(
        actor, user, "You cannot reset your own two-factor authentication here. Use your own account settings"
    )
    reason = _require_reason(reason)
    with transaction.atomic():
        authenticators = Authenticator.objects.select_for_update().filter(user=user)
        kinds = sorted({a.type for a in authenticators})
        if not kinds:
            raise ValidationError("This user has no two-factor authentication to reset")
        authenticators.delete()
        ended = sessions_end_for_user(user=user)
        audit_record(
            actor=actor,
            action=events.USER_MFA_RESET,
            subject=user,
            reason=reason,
            detail={"removed": kinds, "sessions_ended": ended},
        )
    return kinds


def user_password_reset(*, actor, user: User, reason: str, password: str = "") -> str:
    """Give a user a new password. Returns the password to show once ("" if the admin chose it).

    Ends the user's sessions and lifts a sign-in lockout on their username.
    """
    from axes.utils import reset as axes_reset

    from lantern.accounts.lockout import lockout_username

    _refuse_self(actor, user, "You cannot reset your own password here. Use Change your password")
    reason = _require_reason(reason)
    shown = ""
    if not password:
        password = shown = password_generate()
    validate_password(password, user=user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        ended = sessions_end_for_user(user=user)
        cleared = axes_reset(username=lockout_username(user.get_username()))  # axes' folded name
        audit_record(
            actor=actor,
            action=events.USER_PASSWORD_RESET,
            subject=user,
            reason=reason,
            detail={
                "generated": bool(shown),
                "sessions_ended": ended,
                "lockout_cleared": bool(cleared),
            },
        )
    return shown


# --- Agencies and teams ------------------------------------------------------------------------


def agency_problems(*, name: str, kind: str, exclude: Agency | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    others = Agency.objects.all() if exclude is None else Agency.objects.exclude(pk=exclude.pk)
    if others.filter(name__iexact=name).exists():
        problems["name"] = "An agency with this name already exists"
    if exclude is not None and kind != exclude.kind:
        mismatched = [
            Role(role).label.lower()
            for role, needed in ROLE_AGENCY_KINDS.items()
            if needed != kind and exclude.users.filter(role=role).exists()
        ]
        if mismatched:
            problems["kind"] = (
                f"{exclude.name} has users who are a {' or a '.join(sorted(set(mismatched)))}, "
                "which needs a different kind of agency. Change their role or agency first"
            )
    return problems


def agency_create(
    *, actor, name: str, kind: str, district: District | None = None, phone: str = "", email: str = ""
) -> Agency:
    problems = agency_problems(name=name, kind=kind)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        try:
            with transaction.atomic():
                agency = Agency.objects.create(
                    name=name, kind=kind, district=district, phone=phone, email=email
                )
        except IntegrityError:
            raise ValidationError({"name": "An agency with this name already exists"}) from None
        audit_record(
            actor=actor,
            action=events.AGENCY_CREATED,
            subject=agency,
            detail={"name": name, "kind": kind, "district": district.name if district else ""},
        )
    return agency


def agency_update(
    *,
    actor,
    agency: Agency,
    name: str,
    kind: str,
    district: District | None = None,
    phone: str = "",
    email: str = "",
) -> list[str]:
    """Change an agency; returns the names of the fields that changed."""
    problems = agency_problems(name=name, kind=kind, exclude=agency)
    if problems:
        raise ValidationError(problems)
    new = {"name": name, "kind": kind, "district": district, "phone": phone, "email": email}
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        changes: dict = {}
        for field in ("name", "kind", "phone", "email"):
            if getattr(agency, field) != new[field]:
                changes[field] = [getattr(agency, field), new[field]]
        if agency.district_id != (district.pk if district else None):
            changes["district"] = [agency.district.name if agency.district else "", district.name if district else ""]
        if not changes:
            return []
        for field, value in new.items():
            setattr(agency, field, value)
        try:
            with transaction.atomic():
                agency.save()
        except IntegrityError:
            raise ValidationError({"name": "An agency with this name already exists"}) from None
        audit_record(actor=actor, action=events.AGENCY_UPDATED, subject=agency, detail=changes)
    return sorted(changes)


def team_name_taken(*, name: str, agency: Agency, exclude: Team | None = None) -> bool:
    others = Team.objects.filter(agency=agency, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


def team_create(*, actor, name: str, agency: Agency, area: Area | None = None) -> Team:
    if team_name_taken(name=name, agency=agency):
        raise ValidationError({"name": f"{agency.name} already has a team with this name"})
    with transaction.atomic():
        try:
            with transaction.atomic():
                team = Team.objects.create(name=name, agency=agency, area=area)
        except IntegrityError:
            raise ValidationError({"name": f"{agency.name} already has a team with this name"}) from None
        audit_record(
            actor=actor,
            action=events.TEAM_CREATED,
            subject=team,
            detail={"name": name, "agency": agency.name, "area": area.name if area else ""},
        )
    return team


def team_update(*, actor, team: Team, name: str, area: Area | None = None) -> list[str]:
    """Rename a team or change its area. Its agency is fixed: members belong to that agency."""
    if team_name_taken(name=name, agency=team.agency, exclude=team):
        raise ValidationError({"name": f"{team.agency.name} already has a team with this name"})
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        changes: dict = {}
        if team.name != name:
            changes["name"] = [team.name, name]
        if team.area_id != (area.pk if area else None):
            changes["area"] = [team.area.name if team.area else "", area.name if area else ""]
        if not changes:
            return []
        team.name = name
        team.area = area
        try:
            with transaction.atomic():
                team.save(update_fields=["name", "area"])
        except IntegrityError:
            raise ValidationError({"name": f"{team.agency.name} already has a team with this name"}) from None
        audit_record(actor=actor, action=events.TEAM_UPDATED, subject=team, detail=changes)
    return sorted(changes)
