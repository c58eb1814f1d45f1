"""The one naming rule: people the viewer may not open are counted, never named."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from lantern.access.naming import hidden_phrase, split_named

pytestmark = pytest.mark.django_db


def test_split_named_keeps_only_people_the_viewer_may_open(personas, casebook):
    everyone = list(casebook.values())
    named = split_named(personas["priya"], everyone)
    assert named.shown == [casebook["team_child"]]
    assert named.hidden == len(everyone) - 1
    assert named.total == len(everyone)


def test_items_are_split_by_their_person(personas, casebook):
    rows = [{"who": casebook["restricted"].pk}, {"who": casebook["team_child"].pk}, {"who": None}]
    named = split_named(personas["priya"], rows, person_of=lambda r: r["who"])
    assert named.shown == rows[1:]
    assert named.hidden == 1


def test_nobody_signed_in_sees_no_one(casebook):
    from django.contrib.auth.models import AnonymousUser

    named = split_named(AnonymousUser(), [casebook["team_child"]])
    assert named.shown == [] and named.hidden == 1


@pytest.mark.parametrize(
    ("count", "others", "noun", "words"),
    [
        (1, True, "person", "1 other person you do not have access to"),
        (3, True, "person", "3 other people you do not have access to"),
        (2, False, "child", "2 children you do not have access to"),
    ],
)
def test_hidden_phrase(count, others, noun, words):
    assert hidden_phrase(count, others=others, noun=noun) == words


def test_the_shared_template_says_only_the_count(personas, casebook):
    named = split_named(personas["sarah"], [casebook["restricted"], casebook["pupil"]])
    html = Template('{% include "core/_hidden_people.html" %}').render(Context({"named": named}))
    assert "1 other person you do not have access to" in html
    assert "Voss" not in html
