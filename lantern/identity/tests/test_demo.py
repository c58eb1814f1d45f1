"""The demo's possible matches (``lantern/synthetic/extensions/identity.py``), on the small seed."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from lantern.accounts.models import User
from lantern.identity import selectors
from lantern.identity.choices import MatchKind
from lantern.synthetic import loader

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        loader.load(seed=20260101)
        yield {u.username: u for u in User.objects.all()}
        transaction.set_rollback(True)


def test_tom_finds_a_clash_and_an_access_request(seeded, client):
    items = selectors.queue_for(actor=seeded["tom"])
    assert {MatchKind.IDENTIFIER, MatchKind.ACCESS_REQUEST} <= {i.kind for i in items}
    client.force_login(seeded["tom"])
    page = client.get(reverse("identity:queue"))
    assert page.status_code == 200 and f"{len(items)} to check" in page.content.decode()


def test_the_seeded_duplicates_wait_for_the_dpo_with_scores_and_reasons(seeded, client):
    items = [i for i in selectors.queue_for(actor=seeded["grace"]) if i.kind == MatchKind.CREATED_DESPITE_MATCH]
    assert items, "the police's second records of children are raised"
    assert all(i.score and i.score >= 70 and i.reason_list for i in items)
    client.force_login(seeded["grace"])
    assert client.get(reverse("identity:match", args=[items[0].pk])).status_code == 200


def test_priya_is_never_shown_the_records_she_asked_about(seeded, client):
    client.force_login(seeded["priya"])
    assert client.get(reverse("identity:queue")).status_code == 404
    assert selectors.queue_for(actor=seeded["priya"]) == []
