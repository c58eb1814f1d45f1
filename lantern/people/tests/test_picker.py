"""The person picker's search step: only records the viewer may open, audited under the calling
app's event, the already linked left out, nothing searched until the user asks."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from lantern.audit.models import AuditEvent
from lantern.people.picker import search_to_pick

pytestmark = pytest.mark.django_db


def _request(user, method="get", **data):
    request = getattr(RequestFactory(), method)("/pick/", data)
    request.user = user
    return request


def test_nothing_is_searched_or_audited_until_the_user_searches(personas):
    picked = search_to_pick(_request(personas["priya"]), audit_action="test.searched",
                            audit_detail={})
    assert picked.results is None and not picked.search.is_bound
    assert not picked.choosable.exists()
    assert not AuditEvent.objects.filter(action="test.searched").exists()


def test_a_search_finds_only_records_the_viewer_may_open_and_is_audited(personas, casebook):
    team_child, police_child = casebook["team_child"], casebook["police_child"]
    for child in (team_child, police_child):
        picked = search_to_pick(_request(personas["priya"], q=child.last_name),
                                audit_action="test.searched", audit_detail={"where": "test"})
        found = {p.pk for p in picked.results}
        assert (child.pk in found) == (child is team_child)
        assert set(picked.choosable.values_list("pk", flat=True)) == found
    event = AuditEvent.objects.filter(action="test.searched").first()
    assert event.detail == {"where": "test"} and event.actor_username == "priya"


def test_the_terms_travel_with_the_post_and_the_linked_are_left_out(personas, casebook):
    child = casebook["team_child"]
    picked = search_to_pick(_request(personas["priya"], "post", q=child.last_name),
                            audit_action="test.searched", audit_detail={}, exclude={child.pk})
    assert child.pk in {p.pk for p in picked.results}
    assert child.pk not in set(picked.choosable.values_list("pk", flat=True))
