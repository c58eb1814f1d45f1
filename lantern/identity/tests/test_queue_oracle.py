"""The possible-match queue must not answer "does a hidden record hold this?" (ADR 0015).

A reviewer's own entry raises items against records they may not open (an identifier another
team holds, a record created over a silent restricted match). If the queue counted those, adding
a value and reloading the queue would be the existence oracle that ``identifier_add`` closed.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from lantern.accounts.models import Agency
from lantern.identity.choices import MatchKind
from lantern.identity.models import PossibleMatch
from lantern.identity.services import possible_match_raise
from lantern.people.models import Identifier
from lantern.people.tests.factories import ChildFactory, InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

QUEUES = (reverse("identity:queue"), reverse("identity:queue") + "?kind=identifier")


def _main(html: str) -> str:
    """The page's main content, without per-request tokens."""
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r'(value|nonce)="[^"]*"', "", main)


def _queues(client) -> list[str]:
    return [_main(client.get(url).content.decode()) for url in QUEUES]


def test_adding_an_identifier_another_team_holds_leaves_the_queue_as_an_unheld_one(client, personas, casebook):
    hub, holder = casebook["team_child"], casebook["police_child"]  # tom may not open the holder
    Identifier.objects.create(person=holder, type="police_id", value="PX-9911")
    client.force_login(personas["tom"])
    before = _queues(client)
    add = reverse("people:identifier_add", args=[hub.pk])
    client.post(add, {"type": "police_id", "value": "NOBODY-1"}, follow=True)
    unheld = _queues(client)
    client.post(add, {"type": "police_id", "value": "PX-9911"}, follow=True)
    held = _queues(client)
    assert PossibleMatch.objects.filter(person=hub, other=holder).exists(), "the clash is still raised"
    assert before == unheld == held
    assert 'id="hidden-items"' not in held[0]


def test_creating_over_a_silent_restricted_match_leaves_the_queue_unchanged(client, personas, casebook):
    hidden = casebook["restricted"]  # nobody is named on it: tom may not open it
    hidden.date_of_birth = dt.date(2010, 6, 14)
    hidden.save()
    client.force_login(personas["tom"])

    def create(first, last):
        created = client.post(reverse("people:person_create"), {
            "kind": "child", "first_name": first, "last_name": last, "date_of_birth_0": "14",
            "date_of_birth_1": "6", "date_of_birth_2": "2010", "sex": "U", "sen_status": "unknown",
        })
        assert created.status_code == 302, "created with no notice either way"
        client.get(created.url)  # where the confirmation is shown

    create("Quentin", "Aldermoor")
    unmatched = _queues(client)
    create(hidden.first_name, hidden.last_name)
    assert PossibleMatch.objects.filter(other=hidden).exists(), "the pair is still raised"
    assert _queues(client) == unmatched


def _raise_hidden_items(personas, casebook):
    canary = ChildFactory(first_name="Canarywing", last_name="Zzyzx")
    InvolvementFactory(person=canary, agency=Agency.objects.get(name=cast.POLICE))
    possible_match_raise(actor=None, kind=MatchKind.LINKAGE, person=casebook["team_child"], other=canary, score=91)
    possible_match_raise(
        actor=personas["priya"], kind=MatchKind.IDENTIFIER, person=casebook["team_child"],
        other=casebook["restricted"], identifier_type="upn",
    )


def test_items_a_team_manager_may_not_open_are_neither_named_nor_counted(client, personas, casebook):
    _raise_hidden_items(personas, casebook)
    client.force_login(personas["tom"])  # children's services: not the police-only canary
    for url in QUEUES:
        body = client.get(url).content.decode()
        assert "Canarywing" not in body and "Zzyzx" not in body
        assert casebook["restricted"].last_name not in body
        assert "do not have access to" not in body and 'id="hidden-items"' not in body


def test_the_dpo_is_not_told_of_items_on_restricted_records(client, personas, casebook):
    _raise_hidden_items(personas, casebook)
    client.force_login(personas["grace"])  # partnership scope, but not named on the restricted record
    for url in QUEUES:
        body = client.get(url).content.decode()
        assert casebook["restricted"].last_name not in body
        assert "do not have access to" not in body and 'id="hidden-items"' not in body
