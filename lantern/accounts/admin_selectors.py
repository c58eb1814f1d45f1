"""Reads for account administration. Each takes the actor and answers 404 to anyone else.

The access matrix already keeps ``manage:*`` pages to system administrators (and the team
members page to team managers); the checks here are the second lock, so a view reused
elsewhere cannot leak the staff list.

Nothing here touches children's records: account pages show staff, agencies and teams only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts import events
from lantern.accounts.choices import Role
from lantern.accounts.models import Agency, Team, User

#: Audit actions about a user shown on their account page (sign-in and account changes only).
HISTORY_PREFIXES = ("auth.", "accounts.")
#: Administrators looking at accounts: recorded, but every visit would otherwise fill the list.
READS_NOT_SHOWN = (events.USERS_LISTED, events.USER_VIEWED)


def _require(actor, role: str) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or actor.role != role:
        raise Http404


def users_list(
    *,
    actor,
    q: str = "",
    agency: Agency | None = None,
    role: str = "",
    active: bool | None = None,
) -> QuerySet[User]:
    _require(actor, Role.SYSADMIN)
    users = User.objects.select_related("agency").prefetch_related("teams")
    if q:
        for word in q.split()[:5]:
            users = users.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    if agency is not None:
        users = users.filter(agency=agency)
    if role:
        users = users.filter(role=role)
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("last_name", "first_name", "username")


def user_get(*, actor, user_id: int) -> User:
    _require(actor, Role.SYSADMIN)
    user = (
        User.objects.select_related("agency").prefetch_related("teams__agency").filter(pk=user_id).first()
    )
    if user is None:
        raise Http404
    return user


def user_authenticators(user: User) -> list[str]:
    """Kinds of second factor the user has set up (``totp``, ``recovery_codes``)."""
    from allauth.mfa.models import Authenticator

    return sorted(set(Authenticator.objects.filter(user=user).values_list("type", flat=True)))


def user_uses_sso(user: User) -> bool:
    from allauth.socialaccount.models import SocialAccount

    return SocialAccount.objects.filter(user=user).exists()


def user_locked_out(user: User) -> bool:
    """True while django-axes is refusing this username (too many failed attempts)."""
    from axes.models import AccessAttempt

    from lantern.accounts.lockout import lockout_username

    since = timezone.now() - dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    return AccessAttempt.objects.filter(
        username=lockout_username(user.get_username()),  # axes counts the folded name
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).exists()


def user_history(*, actor, user: User, limit: int = 20):
    """The newest sign-in and account events about ``user``.

    Only ``auth.*`` and ``accounts.*`` codes: events about children never name a user as
    their subject, and are excluded here even if one ever did.
    """
    from lantern.audit.models import AuditEvent, SubjectLink

    _require(actor, Role.SYSADMIN)
    links = SubjectLink.objects.filter(subject_type="accounts.user", subject_id=user.pk).values(
        "event_id"
    )
    prefixes = Q()
    for prefix in HISTORY_PREFIXES:
        prefixes |= Q(action__startswith=prefix)
    events_shown = (
        AuditEvent.objects.filter(prefixes, pk__in=links)
        .exclude(action__in=READS_NOT_SHOWN)
        .order_by("-id")
    )
    return list(events_shown[:limit])


def agencies_list(*, actor, kind: str = "") -> QuerySet[Agency]:
    _require(actor, Role.SYSADMIN)
    agencies = Agency.objects.select_related("district").annotate(
        team_count=Count("teams", distinct=True),
        user_count=Count("users", filter=Q(users__is_active=True), distinct=True),
    )
    if kind:
        agencies = agencies.filter(kind=kind)
    return agencies.order_by("name")


def agency_get(*, actor, agency_id: int) -> Agency:
    _require(actor, Role.SYSADMIN)
    agency = Agency.objects.select_related("district").filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


def teams_list(*, actor, agency: Agency | None = None) -> QuerySet[Team]:
    _require(actor, Role.SYSADMIN)
    teams = Team.objects.select_related("agency", "area").annotate(
        member_count=Count("members", filter=Q(members__is_active=True), distinct=True)
    )
    if agency is not None:
        teams = teams.filter(agency=agency)
    return teams.order_by("agency__name", "name")


def team_get(*, actor, team_id: int) -> Team:
    _require(actor, Role.SYSADMIN)
    team = Team.objects.select_related("agency", "area").filter(pk=team_id).first()
    if team is None:
        raise Http404
    return team


def team_members(*, actor) -> list[tuple[Team, list[User]]]:
    """A team manager's own teams and their active members (read-only page)."""
    _require(actor, Role.TEAM_MANAGER)
    teams = actor.teams.select_related("agency").order_by("name")
    result = []
    for team in teams:
        members = list(
            team.members.filter(is_active=True)
            .select_related("agency")
            .order_by("last_name", "first_name", "username")
        )
        result.append((team, members))
    return result
