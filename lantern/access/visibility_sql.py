"""The record policy's scopes as one hand-written, parameterised SQL statement.

``PersonPolicy.visible`` states each scope as ORM ``Q`` objects, which is right for lists and
searches that filter a queryset. But checking a handful of ids on every page view (one record,
a dashboard's rows) spent more time compiling those subqueries than the database spent running
them (ADR 0011). This module writes the same rule once as SQL text per scope, so a check costs
one round trip and almost no Python.

The two forms must never disagree: ``tests/test_access_oracle.py`` compares both with a
pure-Python oracle after every step of randomly built worlds.

Table and column names come from the models' ``_meta``, never from input; every value is a
parameter.
"""

from __future__ import annotations

import datetime as dt

from lantern.access import scopes


def _tables():
    from lantern.access.models import AccessGrant
    from lantern.accounts.models import User
    from lantern.people.models import Involvement, Person, SchoolEnrolment

    return {
        "person": Person._meta.db_table,
        "involvement": Involvement._meta.db_table,
        "enrolment": SchoolEnrolment._meta.db_table,
        "grant": AccessGrant._meta.db_table,
        "user_teams": User.teams.through._meta.db_table,
    }


def _scope_clause(scope: str, actor, day) -> tuple[str, list] | None:
    """The WHERE clause (over ``p``, the person) for a role's scope, or None for no records."""
    current = "(i.end_date IS NULL OR i.end_date >= %s)"

    def involved(who: str, who_params: list) -> tuple[str, list]:
        return (
            # Fixed text from this module only; values are parameters.
            f"EXISTS (SELECT 1 FROM {{involvement}} i WHERE i.person_id = p.id AND ({who}) "  # noqa: S608  # nosec B608
            f"AND {current})",
            [*who_params, day],
        )

    if scope == scopes.PARTNERSHIP:
        return "1 = 1", []
    if scope == scopes.ALLOCATED or (
        scope in (scopes.AGENCY, scopes.SCHOOL) and actor.agency_id is None
    ):
        return involved("i.user_id = %s", [actor.pk])
    if scope == scopes.AGENCY:
        return involved("i.user_id = %s OR i.agency_id = %s", [actor.pk, actor.agency_id])
    if scope == scopes.TEAM:
        return involved(
            "i.user_id = %s OR i.team_id IN "
            "(SELECT ut.team_id FROM {user_teams} ut WHERE ut.user_id = %s)",
            [actor.pk, actor.pk],
        )
    if scope == scopes.SCHOOL:
        allocated, allocated_params = involved("i.user_id = %s", [actor.pk])
        on_roll = (
            "EXISTS (SELECT 1 FROM {enrolment} e WHERE e.person_id = p.id AND e.school_id = %s "
            "AND (e.end_date IS NULL OR e.end_date >= %s))"
        )
        return f"({allocated} OR {on_roll})", [*allocated_params, actor.agency_id, day]
    return None


def build(connection, scope: str, actor, ids: list[int], today: dt.date, now: dt.datetime):
    """``(sql, params)`` selecting which of ``ids`` the actor may see, or None for none.

    A restricted record is visible only with a grant that has not expired, and a record merged
    into another to nobody, as in ``PersonPolicy.visible``.
    """
    ops = connection.ops
    day = ops.adapt_datefield_value(today)
    clause = _scope_clause(scope, actor, day)
    if clause is None:
        return None
    scope_sql, scope_params = clause
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        "SELECT p.id FROM {person} p WHERE p.id IN (" + marks + ") AND " + scope_sql + " AND "  # noqa: S608  # nosec B608
        "p.merged_into_id IS NULL AND (NOT p.restricted OR EXISTS (SELECT 1 FROM {grant} g WHERE g.person_id = p.id "
        "AND g.user_id = %s AND (g.expires_at IS NULL OR g.expires_at > %s)))"
    )
    params = [*ids, *scope_params, actor.pk, ops.adapt_datetimefield_value(now)]
    return sql.format(**{k: connection.ops.quote_name(v) for k, v in _tables().items()}), params
