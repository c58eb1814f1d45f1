"""Factories for reports from young people, named by state (house rule 11)."""

from __future__ import annotations

import factory
from django.utils import timezone

from lantern.youth.choices import Status
from lantern.youth.models import YouthReport
from lantern.youth.services import hour_of


class NewYouthReportFactory(factory.django.DjangoModelFactory):
    """A report waiting in the triage queue."""

    class Meta:
        model = YouthReport

    received_at = factory.LazyFunction(lambda: hour_of(timezone.now()))
    about = "friend"
    what_happened = "An older man keeps giving my friend lifts and money."
    status = Status.NEW


class PassedToPoliceYouthReportFactory(NewYouthReportFactory):
    """A report the front door passed to the police."""

    status = Status.POLICE
    outcome = "police"
    outcome_reason = "Names an adult and a car; the police should know."
