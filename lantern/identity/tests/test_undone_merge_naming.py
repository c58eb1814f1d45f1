"""An undone merge is two records again: the merge pages name only what the viewer may open.

While a merge is active the absorbed record is part of the survivor, so whoever opens the
survivor may read about it. Once undone it is its own record again, and a reviewer who may open
only the survivor must not learn its name, its rows or the words written about it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.access.models import AccessGrant
from lantern.accounts.choices import Role
from lantern.accounts.models import Agency, Team, User
from lantern.audit.models import AuditEvent
from lantern.identity.merging import person_merge, person_unmerge
from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory, InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

MERGED_BECAUSE = "Zephyrine's NHS number is on both records"
UNDONE_BECAUSE = "Twins after all: Zephyrine's school has two pupils"


@pytest.fixture
def undone(personas, casebook):
    """Tom merges a West-team record into Kayla's and undoes it; a police manager opens Kayla's only."""
    police = Agency.objects.get(name=cast.POLICE)
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    survivor = casebook["team_child"]
    InvolvementFactory(person=survivor, agency=police, team=met)
    absorbed = ChildFactory(first_name="Zephyrine", last_name="Quillfeather")
    InvolvementFactory(
        person=absorbed, agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES),
        team=Team.objects.get(name="Lantern Exploitation Team West"),
    )
    ChronologyEventFactory(
        person=absorbed, event_type="concern", source_agency=absorbed.involvements.get().agency,
        summary="Seen at the retail park.",
    )
    merge = person_merge(actor=personas["tom"], survivor=survivor, absorbed=absorbed, reason=MERGED_BECAUSE)
    person_unmerge(actor=personas["tom"], merge=merge, reason=UNDONE_BECAUSE)
    ptm = User.objects.create_user(username="ptm", password="x", role=Role.TEAM_MANAGER, agency=police)
    ptm.teams.add(met)
    return merge, absorbed, ptm


def test_a_reviewer_who_may_open_only_the_survivor_is_not_told_the_absorbed_record(client, undone):
    merge, absorbed, ptm = undone
    client.force_login(ptm)
    body = client.get(reverse("identity:merge_detail", args=[merge.pk])).content.decode()
    assert "Zephyrine" not in body and "Quillfeather" not in body
    assert reverse("people:person_detail", args=[absorbed.pk]) not in body
    assert f"record {absorbed.pk}" not in body
    assert "A record you do not have access to" in body
    # The rows went back to the hidden record: neither counted nor described.
    assert "Chronology" not in body and "Involvements" not in body
    listing = client.get(reverse("identity:merges")).content.decode()
    assert "Zephyrine" not in listing and "Quillfeather" not in listing
    viewed = AuditEvent.objects.filter(action="identity.merge_viewed", actor_id=ptm.pk).last()
    assert absorbed.pk not in {int(i) for i in viewed.subject_ids}


def test_a_reviewer_who_may_open_both_still_sees_both(client, personas, undone):
    merge, absorbed, _ptm = undone
    client.force_login(personas["tom"])
    body = client.get(reverse("identity:merge_detail", args=[merge.pk])).content.decode()
    assert "Zephyrine Quillfeather" in body and UNDONE_BECAUSE.split(":")[0] in body
    assert reverse("people:person_detail", args=[absorbed.pk]) in body


def test_what_moved_counts_only_rows_the_viewer_may_list(client, personas, casebook):
    """Tom (children's services) does not list police intelligence, so it is not counted."""
    police = Agency.objects.get(name=cast.POLICE)
    kayla = casebook["team_child"]
    twin = ChildFactory(first_name="Kay", last_name="Brightwater", date_of_birth=dt.date(2011, 4, 9))
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    InvolvementFactory(person=twin, agency=cs)
    ChronologyEventFactory(person=twin, event_type="concern", source_agency=cs, summary="Seen at the retail park.")
    for _ in range(2):
        ChronologyEventFactory(person=twin, event_type="intelligence", source_agency=police, summary="Graded intel.")
    merge = person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason="Same child, same school")
    client.force_login(personas["tom"])
    body = client.get(reverse("identity:merge_detail", args=[merge.pk])).content.decode()
    assert "Chronology events: 1<" in body


def test_an_undone_merge_with_a_restricted_record_is_not_mentioned(client, personas, casebook):
    kayla, hidden = casebook["team_child"], casebook["restricted"]
    AccessGrant.objects.create(
        person=hidden, user=personas["tom"], kind="named", reason="Named on it", created_at=timezone.now()
    )
    merge = person_merge(actor=personas["tom"], survivor=kayla, absorbed=hidden, reason="Same child, same school")
    person_unmerge(actor=personas["tom"], merge=merge, reason="Not the same child after all.")
    client.force_login(personas["grace"])  # may open Kayla's record, not named on the restricted one
    assert client.get(reverse("identity:merge_detail", args=[merge.pk])).status_code == 404
    listing = client.get(reverse("identity:merges")).content.decode()
    assert reverse("identity:merge_detail", args=[merge.pk]) not in listing
    assert hidden.last_name not in listing and "restricted" not in listing.lower()
