"""``visible_links``: what the network helper and every page build on. Police-only links reach
only the police; a link with any end the viewer may not see is dropped whole."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.intelligence.choices import EntityKind, Role
from lantern.intelligence.selectors import LINK_FIELDS, link_get, visible_links
from lantern.intelligence.tests.factories import LinkFactory, PhoneFactory, StatutoryLinkFactory
from lantern.people.tests.factories import AdultOfConcernFactory

pytestmark = pytest.mark.django_db

P = EntityKind.PERSON


def _ids(rows):
    return {r["id"] for r in rows}


def test_police_only_links_reach_only_the_police(personas, casebook):
    child = casebook["team_child"]
    phone = PhoneFactory()
    police = LinkFactory(a_kind=P, a_id=child.pk, b_kind=EntityKind.PHONE, b_id=phone.pk)
    shared = StatutoryLinkFactory(a_kind=P, a_id=child.pk, b_kind=EntityKind.PHONE, b_id=phone.pk)
    assert _ids(visible_links(actor=personas["dan"])) == {police.pk, shared.pk}
    assert _ids(visible_links(actor=personas["priya"])) == {shared.pk}
    for who in ("sarah", "amir", "sam"):
        assert visible_links(actor=personas[who]) == []


def test_a_link_to_a_person_the_viewer_may_not_open_is_dropped_whole(personas, casebook):
    seen, unseen = casebook["team_child"], casebook["police_child"]
    phone = PhoneFactory()
    StatutoryLinkFactory(a_kind=P, a_id=unseen.pk, b_kind=EntityKind.PHONE, b_id=phone.pk)
    both = StatutoryLinkFactory(a_kind=P, a_id=seen.pk, b_kind=P, b_id=unseen.pk)
    mine = StatutoryLinkFactory(a_kind=P, a_id=seen.pk, b_kind=EntityKind.PHONE, b_id=phone.pk)
    rows = visible_links(actor=personas["priya"])
    assert _ids(rows) == {mine.pk}
    assert all(unseen.pk not in (r["a_id"], r["b_id"]) or r["a_kind"] != P for r in rows)
    with pytest.raises(Exception):  # noqa: B017 - Http404
        link_get(actor=personas["priya"], link_id=both.pk)
    # The restricted child is hidden even from the police analyst.
    hidden = StatutoryLinkFactory(a_kind=P, a_id=casebook["restricted"].pk, b_kind=EntityKind.PHONE,
                                  b_id=phone.pk)
    assert hidden.pk not in _ids(visible_links(actor=personas["dan"]))


def test_rows_are_plain_dicts_with_the_documented_keys(personas, casebook):
    link = LinkFactory(a_kind=P, a_id=casebook["police_child"].pk, a_role=Role.SUSPECT,
                       b_kind=P, b_id=AdultOfConcernFactory().pk, b_role=Role.SUSPECT)
    [row] = visible_links(actor=personas["dan"])
    assert set(row) == set(LINK_FIELDS)
    assert row["id"] == link.pk and row["type"] == "associates_with"
    assert row["a_roles_shown"] == ["Suspect", "also a possible victim"]
    assert row["b_roles_shown"] == ["Suspect"]


def test_as_at_and_current_only(personas, casebook):
    child = casebook["police_child"]
    phone = PhoneFactory()
    old = LinkFactory(a_kind=P, a_id=child.pk, b_kind=EntityKind.PHONE, b_id=phone.pk,
                      first_seen=dt.date(2018, 1, 1), last_seen=dt.date(2018, 6, 1))
    new = LinkFactory(a_kind=P, a_id=child.pk, b_kind=EntityKind.PHONE, b_id=phone.pk,
                      first_seen=dt.date(2019, 1, 1))
    dan = personas["dan"]
    assert _ids(visible_links(actor=dan, as_at=dt.date(2018, 3, 1))) == {old.pk}
    assert _ids(visible_links(actor=dan, as_at=dt.date(2019, 2, 1))) == {old.pk, new.pk}
    assert _ids(visible_links(actor=dan, as_at=dt.date(2019, 2, 1), current_only=True)) == {new.pk}
    assert _ids(visible_links(actor=dan, around=[(EntityKind.PHONE, phone.pk)])) == {old.pk, new.pk}
    assert visible_links(actor=dan, around=[]) == []
