"""The demo's reports from young people (``lantern/synthetic/extensions/youth.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.synthetic.extensions import youth as extension
from lantern.youth.models import YouthReport

pytestmark = pytest.mark.django_db


class _Run:
    seed = 20260101
    as_at = dt.date(2026, 10, 31)

    def __init__(self):
        self.counts = {}

    def save(self, **kwargs):
        pass


def test_three_reports_arrive_in_the_past_to_the_hour_and_reach_the_queue(client, personas):
    run = _Run()
    extension.seed(run=run, world=None, people={}, users={})
    reports = list(YouthReport.objects.order_by("received_at"))
    assert len(reports) == 3 and run.counts["youth_reports"] == 3
    for report in reports:
        local = timezone.localtime(report.received_at)
        assert local.date() < run.as_at and local.minute == 0
        assert report.reference_hash  # each has a reference, shown to nobody
    assert [r.wants_contact for r in reports] == [False, True, False]
    client.force_login(personas["tom"])
    page = client.get(reverse("youth:queue")).content.decode()
    assert "To decide (3)" in page
    extension.clear_youth(person_ids=[])
    assert not YouthReport.objects.exists()
