"""The demo's places and groups (``lantern/synthetic/extensions/contexts.py``), on the small seed."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from lantern.accounts.models import User
from lantern.contexts import selectors
from lantern.contexts.models import Context, ContextAction, ContextMember, ContextNote
from lantern.synthetic import loader

SEED = 20260101

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = loader.load(seed=SEED)
        yield {"summary": summary, "users": {u.username: u for u in User.objects.all()}}
        transaction.set_rollback(True)


def test_the_seed_makes_a_park_a_takeaway_and_a_group(seeded):
    names = set(Context.objects.values_list("name", flat=True))
    assert {"Marlcombe Park skate area", "Golden Fry takeaway, Station Road",
            "The skate park group"} <= names
    assert seeded["summary"].counts["contexts"] == 3
    assert ContextAction.objects.count() >= 6 and ContextNote.objects.count() >= 4
    assert ContextMember.objects.filter(context__name="The skate park group").exists()


def test_priya_sees_her_park_with_one_child_counted_not_named(seeded, client):
    priya = seeded["users"]["priya"]
    park = Context.objects.get(name="Marlcombe Park skate area")
    members = selectors.members_for(actor=priya, context=park)
    assert len(members.children) >= 1 and members.hidden_children == 1
    client.force_login(priya)
    page = client.get(reverse("contexts:detail", args=[park.pk]))
    assert page.status_code == 200 and "1 other child you do not have access to" in page.content.decode()
    assert "Marlcombe Park" in client.get(reverse("contexts:list")).content.decode()


def test_the_demo_words_are_victim_first(seeded):
    from lantern.assessments.engine import flag_language
    from lantern.synthetic.generator.chronology import BANNED_PHRASES

    texts = [t for c in Context.objects.all() for t in (c.name, c.description)]
    texts += [t for a in ContextAction.objects.all() for t in (a.description, a.owner_name)]
    texts += list(ContextNote.objects.values_list("text", flat=True))
    texts += list(ContextMember.objects.values_list("reason", flat=True))
    for text in texts:
        assert not flag_language(text), text
        assert not [p for p in BANNED_PHRASES if p in text.lower()], text
