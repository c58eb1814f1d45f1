"""Assessments in named states, made through the real services (house rule 11).

Each builder states only what matters to a test; dates are relative to today, so the tests keep
working as the calendar moves on.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lantern.accounts.models import Agency, Team
from lantern.assessments import services
from lantern.assessments.models import Assessment
from lantern.assessments.selectors import tool_definition
from lantern.people.tests.factories import ChildFactory, InvolvementFactory
from lantern.synthetic import personas as cast


def today() -> dt.date:
    return timezone.localdate()


def days_ago(n: int) -> str:
    return (today() - dt.timedelta(days=n)).isoformat()


def born(age: int) -> dt.date:
    """A date of birth giving ``age`` today (a month past the birthday). ChildFactory's own
    sequence of dates drifts into the future after many children in one test process."""
    return today().replace(year=today().year - age, day=1) - dt.timedelta(days=30)


def north_child(*, age: int | None = None, **fields):
    """A child on the North team's caseload (Priya is the lead professional)."""
    from lantern.accounts.models import User

    fields.setdefault("date_of_birth", born(age if age is not None else 14))
    child = ChildFactory(**fields)
    InvolvementFactory(
        person=child,
        agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES),
        team=Team.objects.get(name="Lantern Exploitation Team North"),
        user=User.objects.filter(username="priya").first(),
        is_lead=True,
    )
    return child


def team_child(team_name: str, **fields):
    fields.setdefault("date_of_birth", born(14))
    child = ChildFactory(**fields)
    InvolvementFactory(
        person=child,
        agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES),
        team=Team.objects.get(name=team_name),
    )
    return child


def draft_assessment(actor, person, *, tool="seraf-style", version=1, as_at=None) -> Assessment:
    return services.assessment_start(
        actor=actor, person=person, tool=tool, version=version, as_at=as_at or today()
    )


def save_all_sections(actor, assessment: Assessment, seen: dict[str, list[str]]) -> Assessment:
    """Save every section; ``seen`` maps indicator id -> ISO dates (or 'YYYY-MM')."""
    tool = tool_definition(assessment.tool, assessment.tool_version)
    for section in tool.sections:
        items = [
            {"indicator": ind, "observed": [{"date": d} for d in dates]}
            for ind, dates in seen.items()
            if tool.indicators_by_id[ind].section == section.id
        ]
        assessment = services.assessment_save_section(
            actor=actor, assessment=assessment, section_id=section.id, items=items
        )
    return assessment


def submitted_assessment(
    actor, person, seen: dict[str, list[str]], *, tool="seraf-style", version=1, as_at=None
) -> Assessment:
    """Scored and complete, final level = computed level."""
    assessment = draft_assessment(actor, person, tool=tool, version=version, as_at=as_at)
    save_all_sections(actor, assessment, seen)
    return services.assessment_submit(actor=actor, assessment=assessment)


#: SERAF-style v1: one significant indicator a month ago (+5) and two vulnerabilities (+2) = 7,
#: Category 2.
MILD = {
    "vul_abuse_neglect": [days_ago(400)],
    "vul_missing_history": [days_ago(200)],
    "sig_missing_overnight": [days_ago(30)],
}
#: 5 + 5 + 1 + 1 = 12, Category 3 (moderate).
MODERATE = {
    "vul_abuse_neglect": [days_ago(400)],
    "mod_short_missing": [days_ago(20)],
    "sig_missing_overnight": [days_ago(30)],
    "sig_controlled_contact": [days_ago(60)],
}


def pending_override(practitioner, person, *, level="category_3") -> Assessment:
    """Computed Category 2, a practitioner proposing ``level`` with reasons."""
    assessment = submitted_assessment(practitioner, person, MILD)
    return services.assessment_override_propose(
        actor=practitioner,
        assessment=assessment,
        final_level=level,
        rationale="Found at an address linked to exploitation last night; not yet recorded.",
    )


def outcome_assessment(actor, person, *, started_days_ago=90) -> Assessment:
    return services.assessment_start(
        actor=actor,
        person=person,
        tool="distance-travelled",
        as_at=today() - dt.timedelta(days=started_days_ago),
    )


def record(actor, assessment: Assessment, point: str, values: dict[str, int], *, days_after=0):
    tool = tool_definition(assessment.tool, assessment.tool_version)
    full = {d.id: values.get(d.id, 5) for d in tool.domains}
    return services.measure_record(
        actor=actor,
        assessment=assessment,
        point=point,
        taken_on=assessment.as_at + dt.timedelta(days=days_after),
        values=full,
        co_completed=True,
    )
