"""Merge and unmerge: every row kept, exactly restored, audited, and the naming rule holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lantern.access.models import AccessGrant
from lantern.accounts.models import Agency, Team
from lantern.audit.models import AuditEvent
from lantern.identity.choices import MatchKind, MatchStatus
from lantern.identity.merging import person_links, person_merge, person_unmerge
from lantern.identity.models import Merge
from lantern.identity.services import possible_match_raise
from lantern.people.models import Alias, Identifier, NameKey, Person, Relationship
from lantern.people.selectors import person_search
from lantern.people.services import alias_add
from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory, InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

REASON = "Same NHS number and date of birth; school confirmed."


def _snapshot():
    """Every row a merge may touch, as plain values (ids included)."""
    rows = {}
    for model, _attname in person_links():
        rows[model._meta.label] = sorted(
            (tuple(sorted(r.items())) for r in model._base_manager.values()), key=repr
        )
    rows["people.Person"] = sorted(
        (tuple(sorted(r.items())) for r in Person.objects.values()), key=repr
    )
    rows["name_keys"] = sorted(NameKey.objects.values_list("person_id", "key"))
    return rows


@pytest.fixture
def pair(personas, casebook):
    """Kayla's record (North team) and a second police record of her (MET team)."""
    police = Agency.objects.get(name=cast.POLICE)
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    kayla = casebook["team_child"]
    twin = ChildFactory(first_name="Kay", last_name="Brightwater", date_of_birth=dt.date(2011, 9, 4))
    InvolvementFactory(person=twin, agency=police, team=met)
    InvolvementFactory(person=twin, agency=cs, team=Team.objects.get(name="Lantern Exploitation Team North"))
    ChronologyEventFactory(person=twin, source_agency=police, summary="Found with older males at the station.")
    Identifier.objects.create(person=twin, type="nhs", value="9434765919")
    Identifier.objects.create(person=kayla, type="nhs", value="9434765919")  # clashes on merge
    Relationship.objects.create(person=twin, other=kayla, kind="other", description="same child?")
    alias_add(actor=personas["priya"], person=twin, name="Kay Bee", kind="nickname")
    item = possible_match_raise(
        actor=personas["priya"], kind=MatchKind.IDENTIFIER, person=kayla, other=twin, identifier_type="nhs"
    )
    return kayla, twin, item


def test_merge_then_unmerge_gives_the_same_rows(personas, pair):
    kayla, twin, item = pair
    before = _snapshot()
    merge = person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason=REASON, match=item)
    assert _snapshot() != before
    person_unmerge(actor=personas["tom"], merge=merge, reason="Twins: the school has two pupils.")
    assert _snapshot() == before


def test_merge_moves_every_row_and_deletes_nothing(personas, pair):
    kayla, twin, item = pair
    events_before = kayla.events.count() + twin.events.count()
    merge = person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason=REASON, match=item)
    assert Person.objects.filter(pk=twin.pk, merged_into=kayla).exists()
    assert kayla.events.count() == events_before and twin.events.count() == 0
    assert Alias.objects.filter(person=kayla, name="Kay Bee").exists()
    # The same NHS number is on both: the absorbed record keeps its copy (nothing lost).
    assert Identifier.objects.filter(person=twin, type="nhs").exists()
    item.refresh_from_db()
    assert item.status == MatchStatus.SAME
    event = AuditEvent.objects.get(action="identity.records_merged")
    assert event.reason == REASON and event.detail["merge_id"] == merge.pk
    assert {int(i) for i in event.subject_ids} == {kayla.pk, twin.pk}


def test_the_merged_record_is_hidden_and_found_through_the_survivor(client, personas, pair):
    kayla, twin, item = pair
    person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason=REASON, match=item)
    for who in ("tom", "grace", "dan", "priya"):
        client.force_login(personas[who])
        assert client.get(reverse("people:person_detail", args=[twin.pk])).status_code == 404
    # Searching the absorbed record's own name now finds the survivor.
    assert [p.pk for p in person_search(actor=personas["priya"], query="Kay Brightwater")] == [kayla.pk]
    # Olivia's police team knew only the twin: through its involvement she now opens the survivor.
    client.force_login(personas["olivia"])
    assert client.get(reverse("people:person_detail", args=[kayla.pk])).status_code == 200


def test_merging_a_restricted_record_restricts_the_survivor_until_undone(personas, casebook):
    kayla, hidden = casebook["team_child"], casebook["restricted"]
    AccessGrant.objects.create(
        person=hidden, user=personas["tom"], kind="named", reason="Named on it", created_at=timezone.now()
    )
    merge = person_merge(actor=personas["tom"], survivor=kayla, absorbed=hidden, reason=REASON)
    kayla.refresh_from_db()
    assert kayla.restricted
    assert not Person.objects.filter(pk=kayla.pk).filter(
        pk__in=person_search(actor=personas["priya"], query="Kayla Brightwater")
    ).exists()
    person_unmerge(actor=personas["tom"], merge=merge, reason="Not the same child after all.")
    kayla.refresh_from_db()
    assert not kayla.restricted


def test_a_reviewer_who_cannot_open_both_may_not_merge(client, personas, casebook):
    kayla, police_child = casebook["team_child"], casebook["police_child"]
    item = possible_match_raise(actor=personas["olivia"], kind=MatchKind.IDENTIFIER, person=kayla, other=police_child)
    with pytest.raises(PermissionDenied):
        person_merge(actor=personas["priya"], survivor=kayla, absorbed=police_child, reason=REASON)
    client.force_login(personas["tom"])  # children's services: cannot open the police-only record
    assert client.get(reverse("identity:merge", args=[item.pk])).status_code == 404
    assert client.post(reverse("identity:merge", args=[item.pk]), {"survivor": kayla.pk, "reason": REASON}).status_code == 404
    assert not Merge.objects.exists()


def test_the_merge_journey_through_the_pages(client, personas, pair):
    kayla, twin, item = pair
    client.force_login(personas["tom"])
    answered = client.post(reverse("identity:match", args=[item.pk]), {"outcome": "same", "note": "Same NHS number and birthday."})
    assert answered.status_code == 302 and answered.url == reverse("identity:merge", args=[item.pk])
    page = client.get(answered.url)
    assert page.status_code == 200 and "Merge records" in page.content.decode()
    short = client.post(answered.url, {"survivor": str(kayla.pk), "reason": "same"})
    assert short.status_code == 200 and "at least 10 characters" in short.content.decode()
    bad = client.post(answered.url, {"survivor": "999999", "reason": REASON})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    done = client.post(answered.url, {"survivor": str(kayla.pk), "reason": REASON})
    assert done.status_code == 302
    merge = Merge.objects.get()
    assert (merge.survivor, merge.absorbed, merge.merged_by) == (kayla, twin, personas["tom"])
    detail = client.get(done.url).content.decode()
    assert "Undo this merge" in detail and "Chronology" in detail
    assert client.get(reverse("identity:merges")).status_code == 200
    undo = client.post(reverse("identity:unmerge", args=[merge.pk]), {"reason": ""})
    assert undo.status_code == 200 and "There is a problem" in undo.content.decode()
    undone = client.post(reverse("identity:unmerge", args=[merge.pk]), {"reason": "Twins, not one child."})
    assert undone.status_code == 302
    merge.refresh_from_db()
    assert not merge.active and AuditEvent.objects.filter(action="identity.merge_undone", reason="Twins, not one child.").exists()
    assert client.get(reverse("people:person_detail", args=[twin.pk])).status_code == 200


@pytest.mark.parametrize("who", ["priya", "olivia", "sarah", "amir", "sam", "dan", "marcus"])
def test_merge_pages_are_404_for_non_reviewers(client, personas, pair, who):
    kayla, twin, item = pair
    merge = person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason=REASON, match=item)
    client.force_login(personas[who])
    for url in (
        reverse("identity:merge", args=[item.pk]),
        reverse("identity:merges"),
        reverse("identity:merge_detail", args=[merge.pk]),
        reverse("identity:unmerge", args=[merge.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_merge_outside_the_reviewers_scope_is_404(client, personas, casebook):
    police_child = casebook["police_child"]
    twin = ChildFactory(first_name=police_child.first_name, last_name=police_child.last_name)
    InvolvementFactory(person=twin, agency=Agency.objects.get(name=cast.POLICE))
    merge = person_merge(actor=personas["grace"], survivor=police_child, absorbed=twin, reason=REASON)
    client.force_login(personas["tom"])
    body = client.get(reverse("identity:merges")).content.decode()
    assert police_child.last_name not in body
    assert client.get(reverse("identity:merge_detail", args=[merge.pk])).status_code == 404
    assert client.get("/identity/merges/99999999/").status_code == 404


def test_a_merge_cannot_be_undone_twice_or_out_of_order(personas, casebook, pair):
    kayla, twin, item = pair
    third = ChildFactory(first_name="Kayla", last_name="Brightwater")
    InvolvementFactory(person=third, agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES))
    first = person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason=REASON)
    person_merge(actor=personas["tom"], survivor=kayla, absorbed=third, reason=REASON)
    with pytest.raises(ValidationError):
        person_unmerge(actor=personas["tom"], merge=first, reason="Wrong order of undoing.")
    with pytest.raises(PermissionDenied):  # the absorbed record is hidden from everyone now
        person_merge(actor=personas["tom"], survivor=kayla, absorbed=twin, reason=REASON)
