"""Factories for casework, named by state (house rule 11)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from lantern.cases.choices import (
    ActionStatus,
    CaseStatus,
    ClosureOutcome,
    ContactKind,
    EngagementOutcome,
    PlanSection,
    TaskKind,
)
from lantern.cases.models import Case, Contact, PlanAction, Task
from lantern.people.tests.factories import ChildFactory


class OpenCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    person = factory.SubFactory(ChildFactory)
    status = CaseStatus.OPEN
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    next_review_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class ClosedCaseFactory(OpenCaseFactory):
    status = CaseStatus.CLOSED
    closed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    closure_outcome = ClosureOutcome.RISK_REDUCED
    closure_reason = "Plan goals met; child settled at college."
    end_measure_not_taken_reason = "Child moved before the last session."
    next_review_date = None


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    case = factory.SubFactory(OpenCaseFactory)
    section = PlanSection.CHILD
    description = "Weekly one-to-one sessions on healthy relationships."
    owner_name = "Jo Example"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    status = ActionStatus.NOT_STARTED


class OverduePlanActionFactory(PlanActionFactory):
    due_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    case = factory.SubFactory(OpenCaseFactory)
    person = factory.LazyAttribute(lambda o: o.case.person)
    occurred_on = factory.LazyFunction(timezone.localdate)
    kind = ContactKind.HOME_VISIT
    outcome = EngagementOutcome.SEEN


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    person = factory.SubFactory(ChildFactory)
    kind = TaskKind.OTHER
    title = "Call the school nurse"
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
