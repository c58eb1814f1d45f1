"""Intelligence pages as each role sees them: the register and a line, reports (unsanitised for
police only), submissions (status only for the sender), arrests and stops, found-with, GOV.UK
errors, and a person the viewer may not open never named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Area
from lantern.audit.models import AuditEvent
from lantern.intelligence import events, services
from lantern.intelligence.choices import EntityKind, LinkType, Role
from lantern.intelligence.models import LineStatusChange, Link, PartnerSubmission, PoliceEncounter
from lantern.intelligence.tests.factories import (
    ActiveLineFactory,
    LinkFactory,
    StatutoryLinkFactory,
)
from lantern.missing.tests.factories import ReturnedEpisodeFactory

pytestmark = pytest.mark.django_db
CANARY = "CANARY-UNSANITISED-5521"


@pytest.fixture
def line(personas, casebook):
    line = ActiveLineFactory(brand="Ghost")
    for key, role in (("team_child", Role.SUSPECT), ("police_child", Role.VICTIM)):
        StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=casebook[key].pk, a_role=role,
                             b_kind=EntityKind.LINE, b_id=line.pk, link_type=LinkType.RUNS_FOR_LINE)
    return line


def _get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params or None)


def test_a_line_names_only_children_the_viewer_may_open(client, personas, casebook, line):
    body = _get(client, personas["priya"], "intelligence:line_detail", line.pk).content.decode()
    assert "Kayla Brightwater" in body and "Reece" not in body
    assert "1 other child you do not have access to" in body
    assert "Suspect, also a possible victim" in body
    event = AuditEvent.objects.filter(action=events.LINE_VIEWED).last()
    assert event.subject_ids == [casebook["team_child"].pk]
    police = _get(client, personas["dan"], "intelligence:line_detail", line.pk).content.decode()
    assert "Reece" in police and "do not have access" not in police
    printed = _get(client, personas["priya"], "intelligence:line_print", line.pk).content.decode()
    assert "OFFICIAL-SENSITIVE" in printed and "Reece" not in printed


def test_the_register_filters_and_counts_as_at_a_date(client, personas, line):
    LineStatusChange.objects.create(line=line, status="disrupted", effective_on=dt.date(2019, 1, 5),
                                    reason="Runner arrested")
    ActiveLineFactory(brand="Jinx", opened=dt.date(2020, 1, 1))
    page = _get(client, personas["priya"], "intelligence:lines",
                as_at_0="1", as_at_1="2", as_at_2="2019").content.decode()
    assert "Ghost" in page and "Jinx" not in page and "1 line as at 1 February 2019" in page
    assert "Disrupted" in page
    page = _get(client, personas["priya"], "intelligence:lines", status="active").content.decode()
    assert "Jinx" in page and "Ghost" not in page
    bad = _get(client, personas["priya"], "intelligence:lines", as_at_0="31", as_at_1="2",
               as_at_2="2019")
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()


def test_the_partnership_analyst_sees_counts_with_small_numbers_hidden(client, personas, line):
    assert _get(client, personas["amir"], "intelligence:lines").status_code == 404
    assert _get(client, personas["amir"], "intelligence:line_detail", line.pk).status_code == 404
    body = _get(client, personas["amir"], "intelligence:line_counts").content.decode()
    assert "Hidden" in body and "Ghost" not in body
    exact = _get(client, personas["dan"], "intelligence:line_counts").content.decode()
    assert "Hidden" not in exact and "Exact counts" in exact


def test_schools_never_see_intelligence(client, personas, line):
    report = services.report_record(actor=personas["dan"], received_on=timezone.localdate(),
                                    source_evaluation="1", intel_assessment="A", handling_code="P",
                                    text=CANARY)
    services.report_sanitise(actor=personas["dan"], report=report, sanitised_text="A line operates")
    for name, args in (("intelligence:home", ()), ("intelligence:lines", ()),
                       ("intelligence:line_detail", (line.pk,)),
                       ("intelligence:report_detail", (report.pk,)),
                       ("intelligence:line_counts", ())):
        assert _get(client, personas["sarah"], name, *args).status_code == 404, name


def test_partners_read_the_sanitised_version_only(client, personas, casebook):
    raw = services.report_record(actor=personas["dan"], received_on=timezone.localdate(),
                                 source_evaluation="2", intel_assessment="C", handling_code="P",
                                 text=f"{CANARY} unsanitised")
    assert _get(client, personas["priya"], "intelligence:report_detail", raw.pk).status_code == 404
    services.report_sanitise(actor=personas["dan"], report=raw, sanitised_text="Shared words")
    services.report_entity_add(actor=personas["dan"], report=raw, kind=EntityKind.PERSON,
                               entity_id=casebook["team_child"].pk)
    body = _get(client, personas["priya"], "intelligence:report_detail", raw.pk).content.decode()
    assert "Shared words" in body and CANARY not in body and "Kayla" in body
    listing = _get(client, personas["priya"], "intelligence:home", q="unsanitised").content.decode()
    assert CANARY not in listing and "0 reports" in listing
    police = _get(client, personas["olivia"], "intelligence:report_detail", raw.pk).content.decode()
    assert CANARY in police
    # About a child priya may not open: not listed, not counted.
    services.report_entity_add(actor=personas["dan"], report=raw, kind=EntityKind.PERSON,
                               entity_id=casebook["police_child"].pk)
    assert _get(client, personas["priya"], "intelligence:report_detail", raw.pk).status_code == 404
    assert "0 reports" in _get(client, personas["priya"], "intelligence:home").content.decode()


def test_a_submitter_sees_a_reference_and_status_never_the_police_note(client, personas):
    client.force_login(personas["sarah"])
    url = reverse("intelligence:submission_create")
    empty = client.post(url, {})
    assert empty.status_code == 200 and "Enter what you know" in empty.content.decode()
    half = client.post(url, {"what": "A car at the gates", "mention_1_kind": "vehicle"})
    assert "Enter its name, number or description" in half.content.decode()
    assert "A car at the gates" in half.content.decode()
    done = client.post(url, {"what": "A car at the gates", "mention_1_kind": "vehicle",
                             "mention_1_value": "Silver car"})
    sub = PartnerSubmission.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/submissions/{sub.pk}/sent/")
    assert sub.reference in client.get(done["Location"]).content.decode()
    services.submission_assess(actor=personas["dan"], submission=sub, status="assessed",
                               police_note=CANARY)
    mine = client.get(reverse("intelligence:submission_mine")).content.decode()
    assert "Looked at" in mine and CANARY not in mine
    assert client.get(reverse("intelligence:submission_detail", args=[sub.pk])).status_code == 404
    client.force_login(personas["priya"])  # another sender cannot open sarah's receipt
    assert client.get(reverse("intelligence:submission_receipt", args=[sub.pk])).status_code == 404


def test_an_officer_records_a_stop_with_errors_first(client, personas, casebook):
    child = casebook["police_child"]
    client.force_login(personas["olivia"])
    url = reverse("intelligence:encounter_create", args=[child.pk])
    bad = client.post(url, {"kind": "stop", "detail": "Kept words"})
    assert bad.status_code == 200 and "Enter the date it happened" in bad.content.decode()
    assert "Kept words" in bad.content.decode()
    day = timezone.localdate() - dt.timedelta(days=1)
    ok = client.post(url, {"kind": "stop", "occurred_on_0": day.day, "occurred_on_1": day.month,
                           "occurred_on_2": day.year, "offence_type": "drug_supply",
                           "outcome": "nfa", "detail": CANARY})
    encounter = PoliceEncounter.objects.get()
    assert ok.status_code == 302 and encounter.event.sharing == "police"
    assert CANARY in client.get(ok["Location"]).content.decode()
    client.force_login(personas["priya"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("intelligence:encounter_detail", args=[encounter.pk])).status_code == 404


def test_a_line_is_added_and_its_status_changed_with_govuk_errors(client, personas):
    client.force_login(personas["dan"])
    north = Area.objects.get_or_create(name="North")[0]
    bad = client.post(reverse("intelligence:line_create"), {"brand": "Ghost", "numbers": "123"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "Choose the importing area" in body and "Ghost" in body
    ok = client.post(reverse("intelligence:line_create"), {
        "brand": "Ghost", "numbers": "07700 900187", "importing_area": north.pk,
        "exporting_area": "Kingsmere", "opened_on_0": "1", "opened_on_1": "3",
        "opened_on_2": "2018"})
    assert ok.status_code == 302
    line_url = ok["Location"]
    line_id = int(line_url.rstrip("/").split("/")[-1])
    status_url = reverse("intelligence:line_status", args=[line_id])
    refused = client.post(status_url, {"status": "active", "effective_on_0": "1",
                                       "effective_on_1": "6", "effective_on_2": "2018",
                                       "reason": "x"})
    assert "already active" in refused.content.decode()
    client.post(status_url, {"status": "closed", "effective_on_0": "1", "effective_on_1": "6",
                             "effective_on_2": "2019", "reason": "No activity"})
    page = client.get(line_url).content.decode()
    assert "07700 900187" in page and "No activity" in page
    client.force_login(personas["priya"])
    assert client.get(status_url).status_code == 404


def test_found_with_from_the_records(client, personas, casebook):
    from lantern.accounts.models import Agency

    episode = ReturnedEpisodeFactory(person=casebook["team_child"],
                                     reported_by=Agency.objects.get(name="Ashdown Police"))
    client.force_login(personas["priya"])
    url = reverse("intelligence:found_with", args=[episode.pk])
    page = client.get(url, {"q": "Brightwater"})
    assert page.status_code == 200 and "Older males" in page.content.decode()
    assert client.post(url, {"q": "x"}).status_code == 200
    client.force_login(personas["sarah"])
    assert client.get(url).status_code == 404


def test_an_entity_page_shows_only_links_the_viewer_may_see(client, personas, casebook, line):
    body = _get(client, personas["priya"], "intelligence:entity", "line", line.pk).content.decode()
    assert "Kayla" in body and "Reece" not in body and "1 link you may see" in body
    assert _get(client, personas["priya"], "intelligence:entity", "person",
                casebook["police_child"].pk).status_code == 404
    assert _get(client, personas["priya"], "intelligence:entity", "nonsense", 1).status_code == 404


def test_the_police_end_a_link_which_stays_on_the_record(client, personas, casebook, line):
    link = Link.objects.get(a_id=casebook["team_child"].pk, b_id=line.pk)
    dan = personas["dan"]
    page = _get(client, dan, "intelligence:entity", "line", line.pk).content.decode()
    end_url = reverse("intelligence:link_end", args=[link.pk])
    assert end_url in page and reverse("networks:view", args=["line", line.pk]) in page
    form = _get(client, dan, "intelligence:link_end", link.pk).content.decode()
    assert "Kayla Brightwater" in form and "Ghost" in form
    assert AuditEvent.objects.filter(action=events.ENTITY_VIEWED, detail__link_id=link.pk).exists()
    # A date before the link was first seen is refused, GOV.UK style, and nothing changes.
    early = client.post(end_url, {"last_seen_0": "1", "last_seen_1": "1", "last_seen_2": "2020"})
    assert early.status_code == 200 and "govuk-error-summary" in early.content.decode()
    link.refresh_from_db()
    assert link.last_seen is None
    done = client.post(end_url, {"last_seen_0": "1", "last_seen_1": "6", "last_seen_2": "2026"})
    assert done.status_code == 302
    link.refresh_from_db()
    assert link.last_seen == dt.date(2026, 6, 1) and Link.objects.filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(action=events.LINK_ENDED).exists()
    # Ended: no second "End" link, and the form sends you back to the entity's page.
    assert _get(client, dan, "intelligence:link_end", link.pk).status_code == 302
    page = _get(client, dan, "intelligence:entity", "line", line.pk).content.decode()
    assert end_url not in page


def test_only_police_who_may_see_a_link_may_end_it(client, personas, casebook, line):
    hidden = Link.objects.get(a_id=casebook["police_child"].pk, b_id=line.pk)
    shown = Link.objects.get(a_id=casebook["team_child"].pk, b_id=line.pk)
    assert _get(client, personas["priya"], "intelligence:link_end", shown.pk).status_code == 404
    police_only = LinkFactory(a_kind=EntityKind.PERSON, a_id=casebook["team_child"].pk,
                              b_kind=EntityKind.LINE, b_id=line.pk)
    assert _get(client, personas["dan"], "intelligence:link_end", police_only.pk).status_code == 200
    assert _get(client, personas["dan"], "intelligence:link_end", hidden.pk).status_code == 200
    assert _get(client, personas["dan"], "intelligence:link_end", 999999).status_code == 404
