"""Who may do what with missing episodes, interviews and Philomena profiles.

Two layers, both deny by default. The access matrix decides which *roles* reach each page; these
role sets repeat that decision inside the services (so a management command or another app
calling a service cannot bypass it), and ``person_policy`` decides which *children*.

* Record an episode or its return: practitioners, team managers, police officers and analysts
  (police take most reports; carers report through children's services).
* Record a return home interview: practitioners and team managers (the interview is offered by
  someone independent of police and of the child's lead professional).
* Keep the Philomena profile (part 1): practitioners, team managers, police officers.
  Part 2, at the time of a report: the same roles.
* Export the SSDA903 missing table: team managers (the return is the local authority's, and
  it holds identifiers and dates of birth, so aggregate-only roles cannot take it).
"""

from __future__ import annotations

from lantern.accounts.choices import Role

VIEW_ROLES = frozenset(
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER, Role.POLICE_ANALYST, Role.PANEL_CHAIR}
)
RECORD_EPISODE_ROLES = frozenset(
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER, Role.POLICE_ANALYST}
)
INTERVIEW_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
PHILOMENA_EDIT_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER})
EXPORT_903_ROLES = frozenset({Role.TEAM_MANAGER})


def has_role(actor, roles) -> bool:
    return bool(
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and getattr(actor, "role", None) in roles
    )


def lead_professional_ids(person) -> set[int]:
    """User ids of the child's current lead professional(s).

    From the child's involvements (``is_lead``) and, when the cases app is installed and
    offers ``lead_professional_ids_for(person)``, from open cases too.
    """
    import datetime as dt

    from django.apps import apps
    from django.db.models import Q
    from django.utils import timezone

    today: dt.date = timezone.localdate()
    ids = set(
        person.involvements.filter(is_lead=True, user__isnull=False)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("user_id", flat=True)
    )
    if apps.is_installed("lantern.cases"):
        try:
            from lantern.cases import selectors as case_selectors
        except ImportError:  # pragma: no cover - cases app without selectors
            return ids
        finder = getattr(case_selectors, "lead_professional_ids_for", None)
        if finder is not None:
            ids |= set(finder(person))
    return ids


def lead_professional_names(person) -> set[str]:
    """Names of current lead professionals as recorded on involvements (lower case), so an
    interviewer typed in by name is checked too."""
    from django.db.models import Q
    from django.utils import timezone

    today = timezone.localdate()
    names = person.involvements.filter(is_lead=True).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    ).values_list("contact_name", flat=True)
    return {" ".join(n.lower().split()) for n in names if n}
