"""The assessments dashboard never names a child the viewer may not open (#10, item 1).

A worker's own drafts and the reviews brought forward for them stay theirs when the child's
record is restricted later: the rows are left out and only counted, in the shared words.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.assessments.models import ReviewNotice
from lantern.assessments.tests.factories import draft_assessment, today
from lantern.people.models import Person

pytestmark = pytest.mark.django_db


def test_dashboard_counts_drafts_and_notices_for_a_child_restricted_since(client, personas, casebook):
    priya, child = personas["priya"], casebook["team_child"]
    draft = draft_assessment(priya, child)
    ReviewNotice.objects.create(
        assessment=draft, person=child, event_type="arrest", new_due=today(), recipient=priya
    )
    Person.objects.filter(pk=child.pk).update(restricted=True)
    client.force_login(priya)
    page = client.get(reverse("assessments:dashboard")).content.decode()
    assert child.first_name not in page and child.last_name not in page
    assert "1 draft for a child you do not have access to" in page
    assert "1 review brought forward for a child you do not have access to" in page
