"""Panel outcome statistics: signed minutes only, small counts hidden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lantern.panels import stats
from lantern.panels.tests.factories import AgendaItemFactory, SignedMeetingFactory

pytestmark = pytest.mark.django_db


def test_routes_count_signed_minutes_only_and_hide_small_numbers(personas):
    signed = SignedMeetingFactory()
    for _ in range(6):
        AgendaItemFactory(meeting=signed, discussed=True, route="csc", risk_level="high")
    AgendaItemFactory(meeting=signed, discussed=True, route="early_help", risk_level="medium")
    AgendaItemFactory(discussed=True, route="csc", risk_level="high")  # a draft: not counted
    today = timezone.localdate()
    routes = stats.outcomes_by_route(start=today - dt.timedelta(days=90), end=today, threshold=5)
    assert routes["Early help"] is None and routes["No further action"] == 0
    assert routes["Children's social care"] is None  # 7 - 6 would give the 1 back
    risks = stats.outcomes_by_risk(start=today - dt.timedelta(days=90), end=today, threshold=1)
    assert risks == {"Low": 0, "Medium": 1, "High": 6, "Very high": 0}
