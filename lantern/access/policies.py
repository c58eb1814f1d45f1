"""Record-level policy for people: ``can``, ``visible`` and ``who_can``.

One object answers both "may they?" and "which records may they see?" (house rule 3), so a
detail page, a list, a count, a search and an export can never disagree.

Example::

    policy = PersonPolicy()
    people = policy.visible(actor, VIEW, Person.objects.all())
    if not policy.can(actor, VIEW, person): raise Http404
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lantern.access import scopes, visibility_sql
from lantern.access.models import AccessGrant


def _today():
    return timezone.localdate()


class PersonPolicy:
    """Deny by default: an unknown role, action or anonymous user sees nothing."""

    def scope_q(self, actor, action: str) -> Q | None:
        """The records inside the actor's scope (ignoring restriction), or None for none."""
        if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return None
        scope = scopes.scope_for(actor.role, action)
        today = _today()
        current = Q(involvements__end_date__isnull=True) | Q(involvements__end_date__gte=today)
        allocated = Q(involvements__user=actor) & current
        if scope == scopes.PARTNERSHIP:
            return Q()
        if scope == scopes.AGENCY:
            if actor.agency_id is None:
                return allocated
            return allocated | (Q(involvements__agency_id=actor.agency_id) & current)
        if scope == scopes.TEAM:
            # A subquery, not a list: the team ids ride along in the records query.
            team_ids = actor.teams.values("id")
            return allocated | (Q(involvements__team_id__in=team_ids) & current)
        if scope == scopes.SCHOOL:
            if actor.agency_id is None:
                return allocated
            on_roll = Q(enrolments__school_id=actor.agency_id) & (
                Q(enrolments__end_date__isnull=True) | Q(enrolments__end_date__gte=today)
            )
            return allocated | on_roll
        if scope == scopes.ALLOCATED:
            return allocated
        return None

    def visible(self, actor, action: str, queryset: QuerySet) -> QuerySet:
        q = self.scope_q(actor, action)
        if q is None:
            return queryset.none()
        in_scope = queryset.model.objects.filter(q).values("pk")
        grants = AccessGrant.objects.filter(
            person=OuterRef("pk"), user=actor
        ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        # A record merged into another is shown to nobody: its rows now hang on the survivor
        # (lantern.identity.merging, ADR 0019) and its page would be an empty double.
        return queryset.filter(pk__in=in_scope, merged_into__isnull=True).filter(
            Q(restricted=False) | Exists(grants)
        )

    def in_scope(self, actor, action: str, person) -> bool:
        """Whether ``person`` is inside the actor's role scope, *ignoring* restriction.

        Used only to decide who may ask for break-glass access to a restricted record: a
        user for whom this is False gets 404 there too, so a restricted record's existence is
        revealed only to people whose role would otherwise show it to them.
        """
        if person is None or person.pk is None:
            return False
        q = self.scope_q(actor, action)
        if q is None:
            return False
        return type(person).objects.filter(q).filter(pk=person.pk).exists()

    def visible_ids(self, actor, action: str, person_ids) -> set[int]:
        """Which of ``person_ids`` the actor may see: the same answer as ``visible``, from one
        hand-written statement (``lantern.access.visibility_sql``).

        Why a second form of the rule: building ``visible``'s subqueries with the ORM cost more
        than running them on the pages opened most (ADR 0011). The Hypothesis oracle in
        ``tests/test_access_oracle.py`` holds both forms to the same answer.
        """
        ids = sorted({int(i) for i in person_ids if i is not None})
        if not ids or actor is None or not getattr(actor, "is_authenticated", False):
            return set()
        if not actor.is_active:
            return set()
        built = visibility_sql.build(
            connection, scopes.scope_for(actor.role, action), actor, ids, _today(), timezone.now()
        )
        if built is None:
            return set()
        sql, params = built
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    def can(self, actor, action: str, person) -> bool:
        if person is None or person.pk is None:
            return False
        return person.pk in self.visible_ids(actor, action, [person.pk])

    def who_can(self, action: str, person) -> list:
        """Active users who may take ``action`` on ``person`` (for "who can see this")."""
        users = get_user_model().objects.filter(is_active=True).select_related("agency")
        return [u for u in users if self.can(u, action, person)]


person_policy = PersonPolicy()
