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


def test_reviews_brought_forward_say_what_happened_only_as_far_as_the_reader_may_know(
    client, personas, casebook
):
    """A police-only arrest brings the pupil's review forward. The school lead may open the
    pupil's assessments, but her chronology hides the arrest, so this page must too; Priya
    (children's services) sees the dated placeholder on the chronology, so she may read the type
    here."""
    import datetime as dt

    from django.utils import timezone

    from lantern.accounts.models import Agency, Team
    from lantern.assessments.tests import factories
    from lantern.people.services import chronology_event_add
    from lantern.people.tests.factories import InvolvementFactory
    from lantern.synthetic import personas as cast

    pupil = casebook["pupil"]
    InvolvementFactory(
        person=pupil, agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES),
        team=Team.objects.get(name="Lantern Exploitation Team North"), user=personas["priya"],
        is_lead=True,
    )
    factories.submitted_assessment(personas["priya"], pupil, factories.MODERATE)
    event = chronology_event_add(
        actor=personas["olivia"], person=pupil, event_type="arrest",
        event_date=timezone.localdate() - dt.timedelta(days=1), summary="Police-only detail.",
    )
    assert event.sharing == "police" and ReviewNotice.objects.filter(event=event).exists()
    url = reverse("assessments:history", args=[pupil.pk])
    client.force_login(personas["sarah"])
    school = client.get(url)
    assert school.status_code == 200
    assert "rrest" not in school.content.decode()
    assert "review brought forward" in school.content.decode()
    client.force_login(personas["priya"])
    assert "Arrest" in client.get(url).content.decode()
    assert "Arrest" in client.get(reverse("assessments:dashboard")).content.decode()
