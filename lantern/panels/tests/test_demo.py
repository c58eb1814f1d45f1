"""The demo's panel (``lantern/synthetic/extensions/panels.py``), on the small seed."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from lantern.accounts.models import User
from lantern.panels.choices import ItemReason, MeetingStatus, Section
from lantern.panels.models import AgendaItem, Panel, PanelAction, PanelMeeting
from lantern.synthetic import loader

SEED = 20260101

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = loader.load(seed=SEED)
        yield {"summary": summary, "users": {u.username: u for u in User.objects.all()}}
        transaction.set_rollback(True)


def test_the_seed_makes_a_panel_a_signed_meeting_and_an_upcoming_agenda(seeded):
    panel = Panel.objects.get(name="Ashdown MACE")
    assert panel.chair.username == "marcus"
    assert panel.members.count() == 6
    past, upcoming = PanelMeeting.objects.filter(panel=panel).order_by("held_on")
    assert past.status == MeetingStatus.SIGNED and past.addenda.count() == 1
    assert past.items.filter(discussed=True).count() >= 3
    assert PanelAction.objects.filter(meeting=past).count() == 3
    assert upcoming.status == MeetingStatus.PLANNED
    reasons = set(upcoming.items.values_list("reason", flat=True))
    assert {ItemReason.CRITICAL_EVENT, ItemReason.THEME, ItemReason.WATCHLIST_RETURN} <= reasons
    assert upcoming.items.filter(section=Section.LOCATIONS).exists()
    assert seeded["summary"].counts["panels"] == 1


def test_marcus_opens_the_upcoming_meeting_and_sarah_sees_only_her_pupils(seeded, client):
    upcoming = PanelMeeting.objects.filter(status=MeetingStatus.PLANNED).get()
    client.force_login(seeded["users"]["marcus"])
    body = client.get(reverse("panels:meeting", args=[upcoming.pk])).content.decode()
    assert "Victims" in body and "Older males offering lifts near schools" in body
    assert "you do not have access to" not in body
    client.force_login(seeded["users"]["sarah"])
    body = client.get(reverse("panels:meeting", args=[upcoming.pk])).content.decode()
    hidden = AgendaItem.objects.filter(meeting=upcoming, referral__isnull=False).count()
    assert "you do not have access to" in body and hidden >= 1
