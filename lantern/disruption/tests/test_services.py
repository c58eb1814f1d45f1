"""The disruption register's rules: tactics from configuration, children only ever protected,
expiry reminders on My actions, breaches and ends, context disruption actions moved in, who
sees what, and the statistics' small-number suppression."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.disruption import events, selectors, services, stats
from lantern.disruption.models import DisruptionAction
from lantern.disruption.tests.factories import ActiveOrderFactory, ExpiringOrderFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _record(personas, who="olivia", **kw):
    data = {"tactic": "cawn", "target_kind": "person", "started_on": TODAY(),
            "expires_on": TODAY() + dt.timedelta(days=365)} | kw
    return services.disruption_record(actor=personas[who], **data)


def test_tactics_are_configurable(personas, settings):
    with pytest.raises(ValidationError, match="tactic"):
        _record(personas, tactic="made_up")
    settings.LANTERN_DISRUPTION_TACTICS = [("made_up", "A local tactic", "Local byelaw 3")]
    action = _record(personas, tactic="made_up")
    assert action.tactic_name == "A local tactic" and action.legal_basis == "Local byelaw 3"


def test_a_child_is_protected_never_a_target(personas, casebook):
    from lantern.people.tests.factories import AdultOfConcernFactory

    action = _record(personas)
    child = casebook["police_child"]
    with pytest.raises(ValidationError, match="never its target"):
        services.disruption_link_person(actor=personas["olivia"], action=action, person=child,
                                        role="target")
    services.disruption_link_person(actor=personas["olivia"], action=action, person=child,
                                    role="protected")
    adult = AdultOfConcernFactory()
    with pytest.raises(PermissionDenied):  # olivia may not open an adult nobody holds
        services.disruption_link_person(actor=personas["olivia"], action=action, person=adult,
                                        role="target")
    assert list(action.protects.all()) == [child]


def test_dates_are_checked(personas):
    with pytest.raises(ValidationError, match="after the start"):
        _record(personas, expires_on=TODAY() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="line"):
        _record(personas, target_kind="line")
    with pytest.raises(PermissionDenied):
        _record(personas, who="sarah")


def test_an_expiring_order_reminds_its_owner_until_it_ends(personas):
    from lantern.cases.owned import owned_actions

    soon = ExpiringOrderFactory(owner=personas["olivia"])
    ActiveOrderFactory(owner=personas["olivia"])  # six months away: no reminder yet
    rows = [r for r in owned_actions(personas["olivia"]) if r.plan_kind == "Disruption"]
    assert [r.about_url for r in rows] == [reverse("disruption:detail", args=[soon.pk])]
    assert rows[0].due_date == soon.expires_on
    services.disruption_end(actor=personas["olivia"], action=soon, outcome="complied",
                            ended_on=TODAY())
    assert not [r for r in owned_actions(personas["olivia"]) if r.plan_kind == "Disruption"]


def test_breaches_and_end(personas):
    action = ActiveOrderFactory()
    with pytest.raises(ValidationError, match="between"):
        services.disruption_record_breach(actor=personas["olivia"], action=action,
                                          occurred_on=action.started_on - dt.timedelta(days=1),
                                          description="Before it started")
    services.disruption_record_breach(actor=personas["olivia"], action=action,
                                      occurred_on=TODAY(), description="Seen with the child")
    with pytest.raises(PermissionDenied):
        services.disruption_end(actor=personas["priya"], action=action, outcome="complied",
                                ended_on=TODAY())
    services.disruption_end(actor=personas["olivia"], action=action,
                            outcome="breached_charged", ended_on=TODAY())
    with pytest.raises(ValidationError, match="already ended"):
        services.disruption_end(actor=personas["olivia"], action=action, outcome="complied",
                                ended_on=TODAY())
    assert AuditEvent.objects.filter(action=events.BREACH_RECORDED).count() == 1


def test_a_context_disruption_action_moves_into_the_register_and_contexts_keep_working(
    personas, casebook
):
    from lantern.accounts.models import Team
    from lantern.contexts import services as contexts

    north = Team.objects.get(name="Lantern Exploitation Team North")
    park = contexts.context_open(actor=personas["priya"], kind="location", name="Skate park",
                                 team=north, lead=personas["priya"])
    contexts.context_link_person(actor=personas["priya"], context=park,
                                 person=casebook["team_child"], reason="Seen there at night.")
    plan = contexts.context_add_action(
        actor=personas["priya"], context=park, kind="disruption",
        description="Patrols at the gate at 8pm.", due_date=TODAY() + dt.timedelta(days=7),
        owner_user=personas["olivia"])
    contexts.context_add_action(
        actor=personas["priya"], context=park, kind="cctv", description="Fix the light.",
        due_date=TODAY(), owner_user=personas["priya"])
    entry = DisruptionAction.objects.get()
    assert entry.source_context_action == plan and entry.target_context == park
    assert (entry.tactic, entry.target_kind, entry.owner) == ("patrols", "place", personas["olivia"])
    assert list(entry.protects.all()) == [casebook["team_child"]]
    assert park.actions.count() == 2  # the plan keeps its actions
    # Linking again does not duplicate.
    assert services.disruption_from_context_action(actor=personas["priya"], context_action=plan) == entry


def test_the_data_migration_moves_existing_context_disruption_actions(personas):
    """Migration 0002, run against rows made before the register existed."""
    import importlib

    from django.apps import apps as live_apps

    from lantern.contexts.tests.factories import ContextActionFactory

    plan = ContextActionFactory(kind="disruption", description="Stop checks on the cars")
    DisruptionAction.objects.filter(source_context_action=plan).delete()
    migration = importlib.import_module("lantern.disruption.migrations.0002_from_context_actions")
    migration.forwards(live_apps, None)
    migration.forwards(live_apps, None)  # twice: still one entry
    entry = DisruptionAction.objects.get(source_context_action=plan)
    assert (entry.tactic, entry.target_kind) == ("other", "place")


def test_who_sees_which_entries_and_who_is_named(personas, casebook):
    order = ActiveOrderFactory(child=casebook["police_child"])
    assert selectors.visible(actor=personas["marcus"]).filter(pk=order.pk).exists()
    assert not selectors.visible(actor=personas["priya"]).exists()
    assert not selectors.visible(actor=personas["sarah"]).exists()
    order.protects.add(casebook["team_child"])
    assert selectors.visible(actor=personas["priya"]).filter(pk=order.pk).exists()
    protected = selectors.protected_for(actor=personas["priya"], action=order)
    assert protected.shown == [casebook["team_child"]] and protected.hidden == 1
    target, hidden = selectors.target_shown(actor=personas["priya"], action=order)
    assert hidden and order.target_person.last_name not in target


def test_statistics_suppress_small_counts(personas):
    for _ in range(6):
        ActiveOrderFactory()
    ActiveOrderFactory(tactic="closure_order")
    start, end = TODAY() - dt.timedelta(days=365), TODAY()
    counts = stats.tactic_counts(start=start, end=end, threshold=5)
    assert counts["Closure order"] is None  # 1: hidden
    assert counts["Child abduction warning notice"] is None  # else 7 - 6 gives the 1 back
    assert counts["Gang injunction"] == 0  # a true zero identifies nobody
    assert stats.breached_counts(start=start, end=end, threshold=5)["Not breached"] == 7
