import pytest

from lantern.identity.policies import may_see_item
from lantern.identity.tests.factories import OpenIdentifierMatchFactory

pytestmark = pytest.mark.django_db


def test_an_open_match_is_reviewable_by_whoever_may_open_its_child(personas, casebook):
    item = OpenIdentifierMatchFactory(person=casebook["team_child"])
    assert item.other.pk != item.person.pk
    assert may_see_item(personas["tom"], item)
    assert not may_see_item(personas["priya"], item), "practitioners do not review"
    far = OpenIdentifierMatchFactory(person=casebook["police_child"])
    assert not may_see_item(personas["tom"], far)
