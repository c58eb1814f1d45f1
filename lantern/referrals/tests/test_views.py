"""Referral pages: raise a concern (reference number), my referrals (status only), triage
queue with its clock, search-before-create, screening and decision; bad input and 404s."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.cases.models import Case
from lantern.people.models import Person
from lantern.referrals import events, services
from lantern.referrals.choices import ReferralKind, ReferralStatus, SharingBasis
from lantern.referrals.models import Referral
from lantern.referrals.selectors import clock_for

pytestmark = pytest.mark.django_db

CONCERN = {
    "child_first_name": "Tayla",
    "child_last_name": "Marchbank",
    "concerns": "Seen getting into cars with older males after school.",
    "types": ["cse"],
    "sharing_basis": "safeguarding",
    "sharing_reason": "Telling the family may put her at greater risk.",
}


def login(client, user):
    client.force_login(user)
    return client


def body(response) -> str:
    return response.content.decode()


def make_concern(user, **extra):
    data = {k: v for k, v in CONCERN.items()}
    data.update(extra)
    return services.referral_make(actor=user, kind=ReferralKind.CONCERN, **data)


# --- Referrers --------------------------------------------------------------------------------------


def test_school_raises_concern_and_gets_reference_panel(client, personas):
    login(client, personas["sarah"])
    response = client.post(reverse("referrals:concern_new"), CONCERN, follow=True)
    text = body(response)
    referral = Referral.objects.get()
    assert "govuk-panel--confirmation" in text
    assert referral.reference in text and referral.reference.startswith(f"LNT-{timezone.localdate().year}-")
    assert referral.child_school == personas["sarah"].agency.name
    assert referral.kind == ReferralKind.CONCERN


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"concerns": ""}, "Enter what you are worried about"),
        ({"child_first_name": "", "child_last_name": ""}, "Enter the child&#x27;s name"),
        ({"sharing_reason": ""}, "Enter why you are sharing without agreement"),
        ({"sharing_basis": ""}, "Say whether the child or family agreed"),
        ({"child_date_of_birth_0": "30", "child_date_of_birth_1": "2", "child_date_of_birth_2": "2012"}, "must be a real date"),
        ({"concerns": "x" * 4001}, "4000 characters"),
    ],
)
def test_bad_concern_keeps_input_and_shows_error(client, personas, change, message):
    data = {**CONCERN, **change}
    response = login(client, personas["sarah"]).post(reverse("referrals:concern_new"), data)
    text = body(response)
    assert response.status_code == 200
    assert "There is a problem" in text and message in text
    assert "<title>Error:" in text
    assert not Referral.objects.exists()


def test_full_referral_about_a_place(client, personas):
    login(client, personas["olivia"])
    response = client.post(
        reverse("referrals:referral_new"),
        {"about": "context", "context_kind": "location", "context_name": "Harrowden bus station",
         "types": ["county_lines"], "concerns": "Children seen carrying packages for older males.",
         "sharing_basis": "safeguarding", "sharing_reason": "Intelligence; no single family to ask."},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.about == "context" and referral.context_name == "Harrowden bus station"


def test_full_referral_context_needs_place(client, personas):
    response = login(client, personas["olivia"]).post(
        reverse("referrals:referral_new"),
        {"about": "context", "types": ["cse"], "concerns": "x", "sharing_basis": "consent"},
    )
    text = body(response)
    assert response.status_code == 200
    assert "Choose whether it is a place or a group" in text
    assert "Enter the name or a description of the place or group" in text


def test_refer_a_known_child_from_their_record(client, personas, casebook):
    pupil = casebook["pupil"]
    login(client, personas["sarah"])
    url = reverse("referrals:referral_new") + f"?person={pupil.pk}"
    page = client.get(url)
    assert page.status_code == 200 and pupil.display_name in body(page)
    response = client.post(url, {"types": ["cce"], "concerns": "New older friends, new phone.",
                                 "sharing_basis": "consent"})
    assert response.status_code == 302
    assert Referral.objects.get().person == pupil


def test_refer_a_child_outside_scope_is_404(client, personas, casebook):
    url = reverse("referrals:referral_new") + f"?person={casebook['team_child'].pk}"
    assert login(client, personas["sarah"]).get(url).status_code == 404


def test_my_referrals_shows_status_not_the_case(client, personas, north):
    referral = make_concern(personas["sarah"])
    services.referral_create_person(actor=personas["priya"], referral=referral, first_name="Tayla", last_name="Marchbank")
    services.referral_decide(actor=personas["priya"], referral=referral, decision="open_case",
                             reason="Confidential reasoning about the family", team=north)
    login(client, personas["sarah"])
    text = body(client.get(reverse("referrals:mine")))
    assert referral.reference in text and "Decision made" in text
    assert "The exploitation team is working with the child" in text
    assert "Confidential reasoning" not in text
    case = Case.objects.get()
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    assert AuditEvent.objects.filter(action=events.REFERRAL_STATUS_VIEWED).exists()


def test_confirmation_only_for_the_referrer(client, personas):
    referral = make_concern(personas["sarah"])
    assert login(client, personas["olivia"]).get(reverse("referrals:sent", args=[referral.pk])).status_code == 404


def test_analyst_cannot_refer(client, personas):
    assert login(client, personas["amir"]).get(reverse("referrals:concern_new")).status_code == 404


# --- Triage ----------------------------------------------------------------------------------------


def test_queue_shows_clock_oldest_first(client, personas):
    old = make_concern(personas["sarah"], child_first_name="Older")
    Referral.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=7))
    make_concern(personas["sarah"], child_first_name="Newer")
    response = login(client, personas["priya"]).get(reverse("referrals:queue"))
    text = body(response)
    assert response.status_code == 200
    assert text.index("Older") < text.index("Newer")
    assert "working days" in text and "govuk-tag--red" in text
    assert AuditEvent.objects.filter(action=events.QUEUE_VIEWED).exists()


@pytest.mark.parametrize("who", ["sarah", "olivia", "dan", "amir"])
def test_queue_refused_outside_triage(client, personas, who):
    assert login(client, personas[who]).get(reverse("referrals:queue")).status_code == 404


def test_police_practitioner_cannot_triage(client, personas, north):
    """A practitioner outside children's services is refused even though the matrix allows the role."""
    from lantern.accounts.choices import Role
    from lantern.accounts.models import User

    youth = User.objects.create(username="yj", role=Role.PRACTITIONER, agency=personas["olivia"].agency)
    assert login(client, youth).get(reverse("referrals:queue")).status_code == 404


def test_search_before_create_then_create(client, personas):
    referral = make_concern(personas["sarah"], child_date_of_birth=dt.date(2011, 6, 1))
    login(client, personas["priya"])
    url = reverse("referrals:match", args=[referral.pk])
    page = client.get(url)
    text = body(page)
    assert page.status_code == 200 and "0 possible matches" in text
    assert "Create a record and link it" in text
    assert AuditEvent.objects.filter(action=events.RECORD_SEARCHED).exists()
    bad = client.post(url, {"action": "create", "new-first_name": "", "new-last_name": "Marchbank"})
    assert bad.status_code == 200 and "Enter the child&#x27;s first name" in body(bad)
    response = client.post(url, {"action": "create", "new-first_name": "Tayla", "new-last_name": "Marchbank",
                                 "new-date_of_birth_0": "1", "new-date_of_birth_1": "6", "new-date_of_birth_2": "2011"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.person.last_name == "Marchbank" and referral.status == ReferralStatus.TRIAGE


def test_search_finds_existing_and_links(client, personas, casebook):
    referral = make_concern(personas["sarah"], child_first_name="Kaila", child_last_name="Brightwatter")
    login(client, personas["priya"])
    url = reverse("referrals:match", args=[referral.pk])
    text = body(client.get(url))
    assert casebook["team_child"].display_name in text
    response = client.post(url, {"action": "link", "person_id": casebook["team_child"].pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.person == casebook["team_child"]


def test_link_to_child_outside_scope_is_404(client, personas, casebook):
    referral = make_concern(personas["sarah"])
    response = login(client, personas["priya"]).post(
        reverse("referrals:match", args=[referral.pk]),
        {"action": "link", "person_id": casebook["police_child"].pk},
    )
    assert response.status_code == 404
    assert Referral.objects.get().person is None


def test_link_with_rubbish_is_404_not_500(client, personas):
    referral = make_concern(personas["sarah"])
    response = login(client, personas["priya"]).post(
        reverse("referrals:match", args=[referral.pk]), {"action": "link", "person_id": "abc"}
    )
    assert response.status_code == 404


def test_referral_about_restricted_child_hidden_from_triage(client, personas, casebook):
    referral = make_concern(personas["sarah"])
    Referral.objects.filter(pk=referral.pk).update(person=casebook["restricted"])
    login(client, personas["priya"])
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    assert referral.reference not in body(client.get(reverse("referrals:queue")))


def test_screen_and_decide_in_the_browser(client, personas, north):
    referral = make_concern(personas["sarah"])
    login(client, personas["priya"])
    bad = client.post(reverse("referrals:screen", args=[referral.pk]), {"outcome": "", "assessment_id": "x"})
    assert bad.status_code == 200 and "Choose the screening outcome" in body(bad)
    assert client.post(reverse("referrals:screen", args=[referral.pk]), {"outcome": "high"}).status_code == 302
    decide = reverse("referrals:decide", args=[referral.pk])
    no_team = client.post(decide, {"decision": "open_case", "reason": "High risk"})
    assert no_team.status_code == 200 and "Choose the team that will hold the case" in body(no_team)
    no_record = client.post(decide, {"decision": "open_case", "reason": "High risk", "team": north.pk})
    assert no_record.status_code == 200 and "Find or create the child" in body(no_record)
    ok = client.post(decide, {"decision": "nfa", "reason": "Already supported by the school's plan"})
    assert ok.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECIDED
    assert client.get(decide).status_code == 404  # no deciding twice


def test_decide_open_case_redirects_to_case(client, personas, north):
    referral = make_concern(personas["sarah"])
    services.referral_create_person(actor=personas["priya"], referral=referral, first_name="Tayla", last_name="Marchbank")
    login(client, personas["priya"])
    response = client.post(reverse("referrals:decide", args=[referral.pk]),
                           {"decision": "open_case", "reason": "High risk", "team": north.pk})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:case_detail", args=[case.pk])
    assert client.get(response.url).status_code == 200


def test_context_referral_links_children_through_match(client, personas, casebook):
    referral = services.referral_make(
        actor=personas["olivia"], about="context", context_kind="peer_group",
        context_name="Group meeting at the skate park", concerns="Older males recruiting.",
        types=["cce"], sharing_basis=SharingBasis.SAFEGUARDING, sharing_reason="Intelligence",
    )
    login(client, personas["tom"])
    url = reverse("referrals:match", args=[referral.pk])
    assert "Create a record" not in body(client.get(url))
    client.post(url, {"action": "link", "person_id": casebook["team_child"].pk})
    client.post(url, {"action": "link", "person_id": casebook["west_child"].pk})
    assert referral.children.count() == 2
    detail = body(client.get(reverse("referrals:detail", args=[referral.pk])))
    assert casebook["west_child"].display_name in detail


def test_clock_counts_working_hours():
    received = timezone.make_aware(dt.datetime(2026, 5, 8, 16, 0))  # Friday 4pm
    clock = clock_for(received, timezone.make_aware(dt.datetime(2026, 5, 11, 11, 0)))
    assert clock.hours == pytest.approx(3.0) and clock.label == "3 working hours" and not clock.overdue
    later = clock_for(received, timezone.make_aware(dt.datetime(2026, 5, 13, 11, 0)))
    assert later.overdue and later.label == "2 working days 3 hours"


def test_new_person_not_created_by_search(client, personas):
    referral = make_concern(personas["sarah"])
    login(client, personas["priya"]).get(reverse("referrals:match", args=[referral.pk]))
    assert not Person.objects.filter(last_name="Marchbank").exists()
