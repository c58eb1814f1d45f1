"""The possible-match queue: only reviewers, only items whose every record they may open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.identity.choices import MatchKind, MatchStatus
from lantern.identity.services import possible_match_raise

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(personas, casebook):
    priya = personas["priya"]
    return {
        # Tom (team manager, children's services) may open both of these.
        "both": possible_match_raise(
            actor=priya, kind=MatchKind.IDENTIFIER, person=casebook["team_child"],
            other=casebook["west_child"], identifier_type="nhs",
        ),
        # The restricted child: nobody among the reviewers is named on it.
        "restricted": possible_match_raise(
            actor=priya, kind=MatchKind.IDENTIFIER, person=casebook["team_child"],
            other=casebook["restricted"], identifier_type="upn",
        ),
    }


def test_the_queue_lists_only_items_the_reviewer_may_open_in_full(client, personas, casebook, items):
    client.force_login(personas["tom"])
    body = client.get(reverse("identity:queue")).content.decode()
    assert casebook["west_child"].last_name in body
    assert casebook["restricted"].last_name not in body
    assert reverse("identity:match", args=[items["restricted"].pk]) not in body
    assert client.get(reverse("identity:match", args=[items["restricted"].pk])).status_code == 404


@pytest.mark.parametrize("who", ["priya", "olivia", "sarah", "amir", "sam"])
def test_people_who_do_not_review_get_404(client, personas, items, who):
    client.force_login(personas[who])
    assert client.get(reverse("identity:queue")).status_code == 404
    assert client.get(reverse("identity:match", args=[items["both"].pk])).status_code == 404


def test_a_reviewer_records_an_answer_with_a_reason(client, personas, items):
    client.force_login(personas["tom"])
    url = reverse("identity:match", args=[items["both"].pk])
    empty = client.post(url, {"outcome": "same", "note": ""})
    assert empty.status_code == 200 and "There is a problem" in empty.content.decode()
    done = client.post(url, {"outcome": "different", "note": "Different schools and parents."})
    assert done.status_code == 302
    items["both"].refresh_from_db()
    assert items["both"].status == MatchStatus.DIFFERENT
    assert items["both"].resolved_by == personas["tom"]
    assert AuditEvent.objects.filter(action="identity.match_resolved").exists()
    again = client.post(url, {"outcome": "same", "note": "Changed my mind about this."})
    assert "already been checked" in again.content.decode()


def test_an_access_request_offers_its_own_answers(client, personas, casebook):
    item = possible_match_raise(
        actor=personas["priya"], kind=MatchKind.ACCESS_REQUEST, other=casebook["west_child"]
    )
    client.force_login(personas["tom"])
    body = client.get(reverse("identity:match", args=[item.pk])).content.decode()
    assert "Access given" in body and "Same child" not in body
