"""Factories for missing episodes, named by state (house rule 11). They write rows directly
(no services), for arranging selector and view tests; services are tested through services."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from lantern.missing.choices import EpisodeKind, RiskGrade
from lantern.missing.clock import rhi_due_at
from lantern.missing.models import MissingEpisode, ReturnInterview


class OpenEpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissingEpisode

    kind = EpisodeKind.MISSING
    risk_grade = RiskGrade.MEDIUM
    police_reference = factory.Sequence(lambda n: f"MP/{n:05d}/26")
    started_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=6))


class ReturnedEpisodeFactory(OpenEpisodeFactory):
    ended_at = factory.LazyAttribute(lambda o: o.started_at + dt.timedelta(hours=20))
    where_found = "Friend's flat, Harrowden"
    found_with = "Older males"


class DueInterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReturnInterview

    episode = factory.SubFactory(ReturnedEpisodeFactory)
    person = factory.SelfAttribute("episode.person")
    due_at = factory.LazyAttribute(lambda o: rhi_due_at(o.episode.ended_at))
