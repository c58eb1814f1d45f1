"""Disruption pages: the register and an entry as each role may see them, recording with GOV.UK
errors, and a person the viewer may not open never named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.disruption import events
from lantern.disruption.models import DisruptionAction
from lantern.disruption.tests.factories import ActiveOrderFactory

pytestmark = pytest.mark.django_db


def test_the_register_names_only_children_the_viewer_may_open(client, personas, casebook):
    order = ActiveOrderFactory(child=casebook["police_child"])
    order.protects.add(casebook["team_child"])
    client.force_login(personas["priya"])
    body = client.get(reverse("disruption:register")).content.decode()
    assert "Kayla Brightwater" in body and "Reece" not in body
    assert "1 other child you do not have access to" in body
    assert order.target_person.last_name not in body
    detail = client.get(reverse("disruption:detail", args=[order.pk])).content.decode()
    assert "Reece" not in detail and "A person you do not have access to" in detail
    event = AuditEvent.objects.filter(action=events.VIEWED).last()
    assert event.subject_ids == [casebook["team_child"].pk]


def test_schools_and_analysts_never_see_the_register(client, personas):
    order = ActiveOrderFactory()
    for who in ("sarah", "amir", "sam"):
        client.force_login(personas[who])
        assert client.get(reverse("disruption:detail", args=[order.pk])).status_code == 404


def test_recording_shows_errors_and_keeps_what_was_typed(client, personas):
    client.force_login(personas["olivia"])
    url = reverse("disruption:create")
    response = client.post(url, {"tactic": "closure_order", "target_kind": "line",
                                 "summary": "Closure of the flat used by the line"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Enter the date it started" in body
    assert "Closure of the flat used by the line" in body
    today = timezone.localdate()
    response = client.post(url, {
        "tactic": "closure_order", "target_kind": "line", "target_description": "Jay line",
        "started_on_0": today.day, "started_on_1": today.month, "started_on_2": today.year,
        "expires_on_0": "1", "expires_on_1": "1", "expires_on_2": str(today.year + 1),
    })
    assert response.status_code == 302
    action = DisruptionAction.objects.get()
    assert action.expires_on == dt.date(today.year + 1, 1, 1) and action.owner == personas["olivia"]
    assert "Anti-social Behaviour" in action.legal_basis


def test_the_demo_register(django_db_blocker):
    """The small seed: the park's patrols moved in from its plan, olivia's notice expiring
    (on her My actions) with a breach, a closure order and an ended hotel request."""
    from django.db import transaction

    from lantern.accounts.models import User
    from lantern.cases.owned import owned_actions
    from lantern.synthetic import loader

    with transaction.atomic():
        loader.load(seed=20260101)
        olivia = User.objects.get(username="olivia")
        tactics = set(DisruptionAction.objects.values_list("tactic", flat=True))
        assert {"patrols", "cawn", "closure_order", "hotel_information_request"} <= tactics
        assert DisruptionAction.objects.filter(source_context_action__isnull=False).exists()
        cawn = DisruptionAction.objects.get(tactic="cawn")
        assert cawn.breaches.count() == 1 and cawn.expires_soon
        reminders = [r for r in owned_actions(olivia) if r.plan_kind == "Disruption"]
        assert [r.about for r in reminders] == ["Child abduction warning notice"]
        transaction.set_rollback(True)


def test_a_place_page_links_its_disruption_entries_for_those_who_may_see_the_register(client, personas):
    from lantern.contexts.tests.factories import OpenPlaceFactory
    from lantern.disruption.choices import TargetKind

    place = OpenPlaceFactory()
    order = ActiveOrderFactory(tactic="closure_order", target_kind=TargetKind.PLACE, target_person=None,
                               target_context=place)
    url = reverse("contexts:detail", args=[place.pk])
    client.force_login(personas["olivia"])
    body = client.get(url).content.decode()
    assert reverse("disruption:detail", args=[order.pk]) in body and order.tactic_name in body
