"""Panel pages: who may open them, naming only children the viewer may open, audit of what was
shown, GOV.UK errors with nothing lost, and the pack's redaction proved with canary text."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.panels import events, services
from lantern.panels.models import PackIssue

pytestmark = pytest.mark.django_db

POLICE_CANARY = "CANARY-POLICE-ONLY-7f3a"
PARTNERSHIP_TEXT = "Missing overnight, found at the bus station"


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def meeting(personas, panel, shared_child, casebook, event_on):
    """An agenda with the shared child (a police-only canary in their chronology) and a West
    child priya may not open."""
    marcus = personas["marcus"]
    for child in (shared_child, casebook["west_child"]):
        services.panel_refer(actor=marcus, panel=panel, person=child, reason="Missing twice.")
    event_on(shared_child, 3, "intelligence", summary=f"Seen with a known dealer. {POLICE_CANARY}")
    event_on(shared_child, 4, "missing", summary=PARTNERSHIP_TEXT)
    meeting = services.meeting_schedule(actor=marcus, panel=panel, held_on=timezone.localdate())
    services.agenda_build(actor=marcus, meeting=meeting)
    return meeting


def test_the_canary_is_police_only(meeting, shared_child):
    from lantern.people.models import ChronologyEvent

    entry = ChronologyEvent.objects.get(summary__contains=POLICE_CANARY)
    assert entry.sharing == "police"


def test_pack_redaction_by_canary(client, personas, meeting, shared_child):
    """A police reader's pack carries the police-only entry; a children's services reader's
    pack (and the chair's) does not, though both name the child and carry the shared entry."""
    texts = {}
    for who in ("olivia", "priya", "marcus"):
        client.force_login(personas[who])
        response = client.get(reverse("panels:pack", args=[meeting.pk]))
        assert response.status_code == 200, who
        assert response["Content-Type"] == "application/pdf"
        texts[who] = " ".join(_pdf_text(response.content).split())
    assert POLICE_CANARY in texts["olivia"]
    for who in ("priya", "marcus"):
        assert POLICE_CANARY not in texts[who], who
        assert "Callum Ridgeway" in texts[who] and PARTNERSHIP_TEXT in texts[who]
    # Each pack carries its reader's name; priya's counts the West child she may not open.
    assert "Olivia Brennan" in texts["olivia"] and "Priya Okafor" in texts["priya"]
    assert "Jayden" not in texts["priya"] and "1 other item you do not have access to" in texts["priya"]
    issued = {(p.recipient.username, p.audience) for p in PackIssue.objects.all()}
    assert issued == {("olivia", "police"), ("priya", "statutory"), ("marcus", "statutory")}
    audited = AuditEvent.objects.filter(action=events.PACK_ISSUED)
    assert sorted(e.actor_username for e in audited) == ["marcus", "olivia", "priya"]


def test_meeting_page_names_only_children_the_viewer_may_open(client, personas, meeting):
    client.force_login(personas["priya"])
    body = client.get(reverse("panels:meeting", args=[meeting.pk])).content.decode()
    assert "Callum Ridgeway" in body and "Jayden" not in body
    assert "1 other item you do not have access to" in body
    event = AuditEvent.objects.filter(action=events.MEETING_VIEWED, actor_username="priya").last()
    assert event.subject_ids == [meeting.items.first().referral.person_id]


def test_a_school_lead_sees_panels_only_with_a_seat_and_only_their_pupils(
    client, personas, panel, casebook, meeting
):
    sarah = personas["sarah"]
    client.force_login(sarah)
    assert client.get(reverse("panels:detail", args=[panel.pk])).status_code == 404
    services.panel_add_member(actor=personas["marcus"], panel=panel, user=sarah)
    services.panel_refer(actor=personas["marcus"], panel=panel, person=casebook["pupil"],
                         reason="Seen with older males after school.")
    services.agenda_build(actor=personas["marcus"], meeting=meeting)
    body = client.get(reverse("panels:meeting", args=[meeting.pk])).content.decode()
    assert "Maisie Fairbank" in body
    assert "Callum" not in body and "Jayden" not in body
    assert "2 other items you do not have access to" in body


def test_nobody_outside_the_panel_sees_it(client, personas, panel):
    for who in ("amir", "sam"):
        client.force_login(personas[who])
        assert client.get(reverse("panels:detail", args=[panel.pk])).status_code == 404


def test_outcome_form_errors_keep_what_was_typed(client, personas, meeting):
    item = meeting.items.order_by("position").first()
    client.force_login(personas["marcus"])
    url = reverse("panels:item", args=[item.pk])
    response = client.post(url, {"rationale": "Risk is rising quickly", "route": "csc"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Choose the agreed risk level" in body
    assert "Risk is rising quickly" in body
    item.refresh_from_db()
    assert not item.discussed
    response = client.post(url, {"rationale": "Risk is rising", "route": "csc", "risk_level": "high"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussed and item.risk_level == "high"


def test_signed_meeting_pages_refuse_changes(client, personas, meeting):
    marcus = personas["marcus"]
    services.meeting_record_attendance(
        actor=marcus, meeting=meeting,
        entries=[(m, "present", "") for m in meeting.panel.members.all()],
    )
    services.minutes_sign(actor=marcus, meeting=meeting)
    client.force_login(marcus)
    item = meeting.items.first()
    for name, arg in (("panels:item", item.pk), ("panels:attendance", meeting.pk),
                      ("panels:sign", meeting.pk), ("panels:theme_add", meeting.pk)):
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    response = client.post(reverse("panels:addendum_add", args=[meeting.pk]),
                           {"text": "Correction: the route was early help."})
    assert response.status_code == 302
    assert meeting.addenda.count() == 1


def test_exit_page_explains_the_stable_period(client, personas, panel, shared_child):
    referral = services.panel_refer(actor=personas["marcus"], panel=panel, person=shared_child,
                                    reason="Missing twice.")
    client.force_login(personas["marcus"])
    recent = timezone.localdate() - dt.timedelta(weeks=2)
    response = client.post(reverse("panels:exit", args=[referral.pk]), {
        "rationale": "Settled", "stable_since_0": recent.day, "stable_since_1": recent.month,
        "stable_since_2": recent.year,
    })
    assert response.status_code == 200
    assert "at least 12 weeks" in response.content.decode()


def test_plans_have_a_themes_section_like_the_panel(client, personas, casebook):
    from lantern.cases.tests.factories import OpenCaseFactory

    case = OpenCaseFactory(person=casebook["team_child"])
    client.force_login(personas["priya"])
    body = client.get(reverse("cases:plan", args=[case.pk])).content.decode()
    assert "Themes and patterns" in body
    section = client.get(reverse("cases:plan_section", args=[case.pk, "themes"]))
    assert section.status_code == 200


def test_a_school_lead_is_not_told_that_a_police_only_event_brought_a_pupil_back(
    client, personas, panel, casebook, event_on
):
    """The reason an item is on the agenda can itself say a police entry exists: a school lead
    (who never learns that) is given a neutral reason; a statutory partner sees the real one."""
    services.panel_add_member(actor=personas["marcus"], panel=panel, user=personas["sarah"])
    pupil = casebook["pupil"]
    referral = services.panel_refer(actor=personas["marcus"], panel=panel, person=pupil,
                                    reason="Seen with older males after school.")
    referral.first_discussed_on = timezone.localdate() - dt.timedelta(days=30)
    referral.next_review_date = timezone.localdate() + dt.timedelta(days=60)
    referral.save()
    arrest = event_on(pupil, 2, "arrest", summary="Arrested with an older male.")
    assert arrest.sharing == "police"
    meeting = services.meeting_schedule(actor=personas["marcus"], panel=panel,
                                        held_on=timezone.localdate())
    services.agenda_build(actor=personas["marcus"], meeting=meeting)
    assert meeting.items.get().reason == "critical_event"
    client.force_login(personas["sarah"])
    body = client.get(reverse("panels:meeting", args=[meeting.pk])).content.decode()
    assert "Maisie Fairbank" in body and "On the panel&#x27;s list" in body
    assert "Critical event" not in body and "Arrest" not in body
    client.force_login(personas["marcus"])
    body = client.get(reverse("panels:meeting", args=[meeting.pk])).content.decode()
    assert "Critical event since the last meeting" in body


def test_pages_about_one_item_are_audited(client, personas, meeting):
    item = meeting.items.order_by("position").first()
    client.force_login(personas["marcus"])
    for name in ("panels:item", "panels:action_add"):
        assert client.get(reverse(name, args=[item.pk])).status_code == 200
    client.get(reverse("panels:exit", args=[item.referral_id]))
    viewed = AuditEvent.objects.filter(action=events.ITEM_VIEWED)
    assert viewed.count() == 3
    assert all(e.subject_ids == [item.referral.person_id] for e in viewed)
