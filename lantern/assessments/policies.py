"""Who may do what with assessments. Record access always goes through the person policy.

The access matrix decides which roles reach each page; these functions decide, for one record,
whether this person may act on it. A child's assessments are visible exactly when the child is
(``person_policy`` with ``VIEW``); writing needs the ``CHANGE`` scope on the child *and* a role
that completes assessments.

===================  =========================================================================
Ability              Who
===================  =========================================================================
start, edit a draft  practitioners and team managers with CHANGE scope on the child
propose a level      the same, on a completed risk assessment with no decision pending
decide an override   team managers who can see the child, never the person who proposed it
cohort aggregates    team managers (their agency's children), panel chairs (partnership) and
                     partnership analysts (partnership, aggregates only: the page has no names
                     and small counts are suppressed)
===================  =========================================================================
"""

from __future__ import annotations

from django.db.models import QuerySet

from lantern.access.policies import person_policy
from lantern.access.scopes import CHANGE, VIEW
from lantern.accounts.choices import Role
from lantern.assessments.models import Assessment, Kind, Status
from lantern.people.choices import PersonKind
from lantern.people.models import Person

#: Roles that complete assessments with children.
ASSESSOR_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
#: Roles that approve or decline a professional-judgement level.
APPROVER_ROLES = frozenset({Role.TEAM_MANAGER})
#: Roles that see the cohort view; analysts see aggregates across the partnership.
COHORT_ROLES = frozenset({Role.TEAM_MANAGER, Role.PANEL_CHAIR, Role.PARTNERSHIP_ANALYST})
AGGREGATE_ONLY_ROLES = frozenset({Role.PARTNERSHIP_ANALYST})


def _active(actor) -> bool:
    return bool(actor and getattr(actor, "is_authenticated", False) and actor.is_active)


def can_view_person(actor, person: Person) -> bool:
    return person_policy.can(actor, VIEW, person)


def can_start(actor, person: Person) -> bool:
    """May ``actor`` start (and keep working on) an assessment of ``person``?"""
    if not _active(actor) or actor.role not in ASSESSOR_ROLES:
        return False
    if person.kind != PersonKind.CHILD:
        return False
    return person_policy.can(actor, CHANGE, person)


def can_edit(actor, assessment: Assessment) -> bool:
    return assessment.status == Status.DRAFT and can_start(actor, assessment.person)


def can_record_measure(actor, assessment: Assessment) -> bool:
    return assessment.kind == Kind.OUTCOME and can_start(actor, assessment.person)


def can_propose_override(actor, assessment: Assessment) -> bool:
    return (
        assessment.kind == Kind.RISK
        and assessment.status != Status.DRAFT
        and not assessment.override_pending
        and can_start(actor, assessment.person)
    )


def can_decide_override(actor, assessment: Assessment) -> bool:
    """A team manager who can see the child, and who did not propose the level themselves."""
    if not _active(actor) or actor.role not in APPROVER_ROLES:
        return False
    if not assessment.override_pending:
        return False
    if assessment.override_proposed_by_id == actor.pk:
        return False
    return person_policy.can(actor, VIEW, assessment.person)


def cohort_people(actor) -> QuerySet[Person]:
    """Children whose outcome measures count in ``actor``'s cohort view.

    Partnership analysts have no record scope (they never open a child's record) but the cohort
    view is exactly their work: it shows no names and suppresses small counts, so they aggregate
    over every child who is not restricted. Everyone else aggregates over the children they could
    open, so a manager's figures never include children outside their agency.
    """
    if not _active(actor) or actor.role not in COHORT_ROLES:
        return Person.objects.none()
    children = Person.objects.filter(kind=PersonKind.CHILD)
    if actor.role in AGGREGATE_ONLY_ROLES:
        return children.filter(restricted=False)
    return person_policy.visible(actor, VIEW, children)
