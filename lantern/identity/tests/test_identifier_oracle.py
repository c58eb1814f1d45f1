"""Issue 10 item 3: adding an identifier never reveals a record the user may not see."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lantern.identity.choices import MatchKind, MatchStatus
from lantern.identity.models import PossibleMatch
from lantern.people.models import Identifier

pytestmark = pytest.mark.django_db

NHS = "943 476 5919"


def _add(client, person, value=NHS, id_type="nhs"):
    return client.post(
        reverse("people:identifier_add", args=[person.pk]), {"type": id_type, "value": value},
        follow=True,
    )


def test_an_identifier_held_by_a_hidden_record_is_accepted_and_raised(client, personas, casebook):
    hidden = casebook["police_child"]  # police only: Priya may not open it
    Identifier.objects.create(person=hidden, type="nhs", value=NHS.replace(" ", ""))
    client.force_login(personas["priya"])
    page = _add(client, casebook["team_child"]).content.decode()
    assert "already recorded" not in page
    assert "Identifiers are checked against other records" in page
    assert Identifier.objects.filter(person=casebook["team_child"], value="9434765919").exists()
    item = PossibleMatch.objects.get()
    assert (item.kind, item.person, item.other, item.status) == (
        MatchKind.IDENTIFIER, casebook["team_child"], hidden, MatchStatus.OPEN,
    )


def test_the_answer_is_the_same_whoever_else_holds_it(client, personas, casebook):
    """Two fresh identifiers, one held elsewhere and one not: the pages must not differ."""
    client.force_login(personas["priya"])
    Identifier.objects.create(person=casebook["police_child"], type="police_id", value="PX-111")
    free = _add(client, casebook["team_child"], "PX-222", "police_id").content.decode()
    Identifier.objects.filter(value="PX-222").delete()
    held = _add(client, casebook["team_child"], "PX-111", "police_id").content.decode()
    assert _main(held).replace("PX-111", "X") == _main(free).replace("PX-222", "X")


def _main(html: str) -> str:
    """The page's main content, without per-request tokens."""
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r'(value|nonce)="[^"]*"', "", main)


def test_a_repeat_on_the_same_record_is_refused(client, personas, casebook):
    client.force_login(personas["priya"])
    _add(client, casebook["team_child"])
    again = _add(client, casebook["team_child"])
    assert "already on this record" in again.content.decode()
    assert Identifier.objects.filter(person=casebook["team_child"]).count() == 1
    assert not PossibleMatch.objects.exists()


def test_raising_twice_keeps_one_open_item(client, personas, casebook):
    Identifier.objects.create(person=casebook["police_child"], type="nhs", value="9434765919")
    Identifier.objects.create(person=casebook["west_child"], type="nhs", value="9434765919")
    client.force_login(personas["priya"])
    _add(client, casebook["team_child"])
    assert PossibleMatch.objects.filter(person=casebook["team_child"]).count() == 2
