"""A pack audits every child it names, including those named only in the action register.

Why: a signed meeting's actions carry over to the next meeting's register, so a child whose
item is not on this agenda is still printed, by name, beside their open action. The pack must
record that its reader was given that child's name, as the meeting page does.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.panels import events, packs, services
from lantern.panels.choices import Attendance
from lantern.panels.models import PackIssue

pytestmark = pytest.mark.django_db


@pytest.fixture
def carried_over(personas, panel, shared_child, casebook):
    """A next meeting whose agenda is empty and whose register carries two actions from the last
    one: about the shared child, and about a West child priya may not open."""
    marcus, priya = personas["marcus"], personas["priya"]
    today = timezone.localdate()
    for child in (shared_child, casebook["west_child"]):
        ref = services.panel_refer(actor=marcus, panel=panel, person=child, reason="Worried")
        ref.referred_on = today - dt.timedelta(days=20)
        ref.save()
    last = services.meeting_schedule(actor=marcus, panel=panel, held_on=today - dt.timedelta(days=14))
    services.agenda_build(actor=marcus, meeting=last)
    for item in last.items.all():
        services.item_record_outcome(actor=marcus, item=item, rationale="Agreed", risk_level="medium",
                                     route="early_help")
        services.panel_action_add(actor=marcus, item=item, description="Home visit",
                                  owner_name="A worker", agency=priya.agency,
                                  due_date=today + dt.timedelta(days=30))
    services.meeting_record_attendance(actor=marcus, meeting=last, entries=[
        (m, Attendance.PRESENT, "") for m in panel.members.all()])
    services.minutes_sign(actor=marcus, meeting=last)
    return services.meeting_schedule(actor=marcus, panel=panel, held_on=today)


def test_a_child_named_only_in_the_register_is_audited(personas, carried_over, shared_child,
                                                        casebook, monkeypatch):
    monkeypatch.setattr(packs, "render_pdf", lambda html: html.encode())
    html = packs.pack_issue(actor=personas["priya"], meeting=carried_over).decode()
    assert not carried_over.items.exists()  # named by the register alone
    assert shared_child.full_name in html
    assert casebook["west_child"].full_name not in html
    event = AuditEvent.objects.filter(action=events.PACK_ISSUED).get()
    assert event.subject_ids == [shared_child.pk]
    assert PackIssue.objects.get().children_named == 1
