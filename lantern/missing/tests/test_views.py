"""Pages: happy paths, GOV.UK errors on bad input (200, nothing saved), 404 outside scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.missing.clock import LONDON
from lantern.missing.models import MissingEpisode, PhilomenaProfile, ReturnInterview
from lantern.missing.tests.factories import (
    DueInterviewFactory,
    OpenEpisodeFactory,
    ReturnedEpisodeFactory,
)

pytestmark = pytest.mark.django_db


def client_for(client, user):
    client.force_login(user)
    return client


def when(hours_ago: float) -> dict:
    local = (timezone.now() - dt.timedelta(hours=hours_ago)).astimezone(LONDON)
    return {"day": local.day, "month": local.month, "year": local.year, "time": local.strftime("%H:%M")}


def episode_post(start, end=None, **extra):
    data = {
        "kind": "missing", "risk_grade": "medium", "police_reference": "MP/77/26",
        "start_date_0": start["day"], "start_date_1": start["month"], "start_date_2": start["year"],
        "start_time": start["time"],
    }
    if end:
        data.update({
            "returned": "on", "end_date_0": end["day"], "end_date_1": end["month"], "end_date_2": end["year"],
            "end_time": end["time"], "where_found": "Train station", "found_with": "Two older boys", "how_returned": "found_police",
        })
    data.update(extra)
    return data


def test_record_episode_happy_path(client, personas, casebook):
    child = casebook["team_child"]
    c = client_for(client, personas["priya"])
    url = reverse("missing:episode_add", args=[child.pk])
    assert c.get(url).status_code == 200
    resp = c.post(url, episode_post(when(30), when(20)))
    assert resp.status_code == 302
    episode = MissingEpisode.objects.get(person=child)
    assert episode.ended_at and episode.interview.status == "due"
    page = c.get(resp["Location"])
    assert page.status_code == 200 and b"Return home interview" in page.content
    assert AuditEvent.objects.filter(action="missing.episode_viewed").exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"kind": ""}, b"Select whether the child was missing or absent"),
        ({"start_date_0": "31", "start_date_1": "2"}, b"must be a real date"),
        ({"start_time": "25:00"}, b"must be a real time"),
        ({"start_time": "lunchtime"}, b"must be a time like 21:30"),
        ({"start_time": ""}, b"Enter the time they were last seen"),
    ],
)
def test_record_episode_bad_input(client, personas, casebook, data, message):
    c = client_for(client, personas["priya"])
    resp = c.post(reverse("missing:episode_add", args=[casebook["team_child"].pk]), episode_post(when(5), **data))
    assert resp.status_code == 200
    assert b"There is a problem" in resp.content and message in resp.content
    assert b"<title>Error:" in resp.content
    assert not MissingEpisode.objects.exists()


def test_end_before_start_and_future_end_are_errors(client, personas, casebook):
    c = client_for(client, personas["priya"])
    url = reverse("missing:episode_add", args=[casebook["team_child"].pk])
    resp = c.post(url, episode_post(when(5), when(8)))
    assert resp.status_code == 200 and b"must be after when they were last seen" in resp.content
    resp = c.post(url, episode_post(when(5), when(-3)))
    # Three hours ahead is tomorrow after 9 pm, when the date field refuses it before the time.
    assert resp.status_code == 200
    assert b"returned must be now or in the past" in resp.content or (
        b"Date returned must be today or in the past" in resp.content
    )
    assert not MissingEpisode.objects.exists()


def test_overlap_shown_as_error(client, personas, casebook):
    child = casebook["team_child"]
    OpenEpisodeFactory(person=child, reported_by=personas["priya"].agency, started_at=timezone.now() - dt.timedelta(hours=10))
    c = client_for(client, personas["priya"])
    resp = c.post(reverse("missing:episode_add", args=[child.pk]), episode_post(when(5)))
    assert resp.status_code == 200 and b"already has an open episode" in resp.content
    assert MissingEpisode.objects.count() == 1


def test_outside_scope_is_404(client, personas, casebook):
    other = casebook["police_child"]
    episode = ReturnedEpisodeFactory(person=other, reported_by=personas["olivia"].agency)
    interview = DueInterviewFactory(episode=episode)
    c = client_for(client, personas["priya"])
    for url in [
        reverse("missing:person_episodes", args=[other.pk]),
        reverse("missing:episode_add", args=[other.pk]),
        reverse("missing:episode_detail", args=[episode.pk]),
        reverse("missing:episode_return", args=[episode.pk]),
        reverse("missing:interview_edit", args=[interview.pk]),
        reverse("missing:philomena", args=[other.pk]),
        reverse("missing:philomena_print", args=[other.pk]),
        reverse("missing:philomena_photo", args=[other.pk]),
        reverse("missing:person_episodes", args=[999999]),
    ]:
        assert c.get(url).status_code == 404, url


def test_school_dsl_and_analyst_cannot_reach_missing_pages(client, personas, casebook):
    pupil = casebook["pupil"]
    for user in ("sarah", "amir", "sam"):
        c = client_for(client, personas[user])
        assert c.get(reverse("missing:person_episodes", args=[pupil.pk])).status_code == 404
        assert c.get(reverse("missing:dashboard")).status_code == 404


def test_return_page_and_interview_flow(client, personas, casebook):
    child = casebook["team_child"]
    episode = OpenEpisodeFactory(person=child, reported_by=personas["priya"].agency, started_at=timezone.now() - dt.timedelta(hours=30))
    c = client_for(client, personas["priya"])
    url = reverse("missing:episode_return", args=[episode.pk])
    bad = c.post(url, {"end_date_0": "1", "end_date_1": "1", "end_date_2": "2020", "end_time": "10:00", "how_returned": "returned_self"})
    assert bad.status_code == 200 and b"after when they went missing" in bad.content
    end = when(3)
    resp = c.post(url, {"end_date_0": end["day"], "end_date_1": end["month"], "end_date_2": end["year"], "end_time": end["time"], "how_returned": "returned_self"})
    assert resp.status_code == 302
    interview = ReturnInterview.objects.get(episode=episode)
    # The lead professional (priya) may record, but may not be named as interviewer.
    iurl = reverse("missing:interview_edit", args=[interview.pk])
    held = when(1)
    data = {"status": "completed", "held_date_0": held["day"], "held_date_1": held["month"], "held_date_2": held["year"], "held_time": held["time"], "interviewer": personas["priya"].pk}
    resp = c.post(iurl, data)
    assert resp.status_code == 200 and b"independent" in resp.content
    data["interviewer"] = personas["tom"].pk
    data["pull_factors"] = ["debt"]
    resp = c.post(iurl, data)
    assert resp.status_code == 302
    interview.refresh_from_db()
    assert interview.status == "completed" and interview.interviewer == personas["tom"]
    # Bad interview input is a GOV.UK error, not a 500.
    resp = c.post(iurl, {"status": "declined"})
    assert resp.status_code == 200 and b"Enter the reason" in resp.content
    # Mentions
    murl = reverse("missing:mention_add", args=[interview.pk])
    assert c.post(murl, {"kind": "vehicle", "value": "Black Audi, plate starts KX"}).status_code == 302
    assert c.post(murl, {"kind": "", "value": ""}).status_code == 200
    mention = interview.mentions.get()
    assert c.post(reverse("missing:mention_remove", args=[mention.pk])).status_code == 302
    assert not interview.mentions.exists()


def test_police_officer_cannot_record_interview(client, personas, casebook):
    episode = ReturnedEpisodeFactory(person=casebook["pupil"], reported_by=personas["olivia"].agency)
    interview = DueInterviewFactory(episode=episode)
    c = client_for(client, personas["olivia"])
    assert c.get(reverse("missing:episode_detail", args=[episode.pk])).status_code == 200
    assert c.get(reverse("missing:interview_edit", args=[interview.pk])).status_code == 404


def test_person_page_links_and_patterns(client, personas, casebook):
    child = casebook["team_child"]
    for hours in (200, 100, 30):
        start = timezone.now() - dt.timedelta(hours=hours)
        ReturnedEpisodeFactory(person=child, reported_by=personas["priya"].agency, started_at=start, ended_at=start + dt.timedelta(hours=5))
    c = client_for(client, personas["priya"])
    page = c.get(reverse("people:person_detail", args=[child.pk]))
    assert reverse("missing:person_episodes", args=[child.pk]).encode() in page.content
    assert reverse("missing:philomena", args=[child.pk]).encode() in page.content
    resp = c.get(reverse("missing:person_episodes", args=[child.pk]))
    assert resp.status_code == 200
    assert b"3 in the last 90 days" in resp.content
    assert b"Friend&#x27;s flat, Harrowden" in resp.content
    # The DSL sees the person page but not the missing links.
    sarah = client_for(client, personas["sarah"])
    pupil_page = sarah.get(reverse("people:person_detail", args=[casebook["pupil"].pk]))
    assert b"Missing episodes" not in pupil_page.content


def png_file(name="p.png"):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 10, 10)).save(buf, format="PNG")
    buf.name = name
    buf.seek(0)
    return buf


def test_philomena_pages(client, personas, casebook):
    child = casebook["team_child"]
    c = client_for(client, personas["priya"])
    assert b"No Philomena profile" in c.get(reverse("missing:philomena", args=[child.pk])).content
    edit = reverse("missing:philomena_edit", args=[child.pk])
    bad = io.BytesIO(b"not an image at all")
    bad.name = "x.png"
    resp = c.post(edit, {"hair": "Red", "photo": bad})
    assert resp.status_code == 200 and b"must be a JPG or PNG" in resp.content
    assert not PhilomenaProfile.objects.exists()
    resp = c.post(edit, {"hair": "Red", "phones": "07700 900999", "photo": png_file()})
    assert resp.status_code == 302
    photo = c.get(reverse("missing:philomena_photo", args=[child.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert "no-store" in photo["Cache-Control"]
    assert AuditEvent.objects.filter(action="missing.philomena_photo_viewed").exists()
    PhilomenaProfile.objects.update(confirmed_at=timezone.now() - dt.timedelta(days=120))
    page = c.get(reverse("missing:philomena", args=[child.pk]))
    assert b"has not been confirmed for 120 days" in page.content
    assert c.post(reverse("missing:philomena_confirm", args=[child.pk])).status_code == 302
    assert b"has not been confirmed" not in c.get(reverse("missing:philomena", args=[child.pk])).content
    printed = c.get(reverse("missing:philomena_print", args=[child.pk]))
    assert printed.status_code == 200
    assert printed.content.count(b"OFFICIAL-SENSITIVE") >= 2 and b"philomena.css" in printed.content
    assert b"07700 900999" in printed.content
    assert AuditEvent.objects.filter(action="missing.philomena_printed").exists()


def test_philomena_part2(client, personas, casebook):
    episode = OpenEpisodeFactory(person=casebook["pupil"], reported_by=personas["olivia"].agency)
    c = client_for(client, personas["olivia"])
    url = reverse("missing:philomena_report", args=[episode.pk])
    assert c.post(url, {"clothing": "", "circumstances": ""}).status_code == 200
    assert c.post(url, {"clothing": "Black puffer jacket", "circumstances": "Left school at lunch"}).status_code == 302
    printed = c.get(reverse("missing:philomena_print", args=[casebook["pupil"].pk]) + f"?episode={episode.pk}")
    assert b"Black puffer jacket" in printed.content
    assert c.get(reverse("missing:philomena_print", args=[casebook["pupil"].pk]) + "?episode=abc").status_code == 404


def test_dashboard_lists_open_episodes_and_due_interviews(client, personas, casebook):
    child = casebook["team_child"]
    OpenEpisodeFactory(person=child, reported_by=personas["priya"].agency)
    other = ReturnedEpisodeFactory(person=casebook["police_child"], reported_by=personas["olivia"].agency)
    DueInterviewFactory(episode=other)
    c = client_for(client, personas["priya"])
    resp = c.get(reverse("missing:dashboard"))
    assert resp.status_code == 200
    assert child.display_name.encode() in resp.content
    assert casebook["police_child"].display_name.encode() not in resp.content


def test_form_pages_audit_what_they_show(client, personas, casebook):
    episode = ReturnedEpisodeFactory(person=casebook["team_child"], reported_by=personas["priya"].agency)
    interview = DueInterviewFactory(episode=episode)
    c = client_for(client, personas["tom"])
    assert c.get(reverse("missing:interview_edit", args=[interview.pk])).status_code == 200
    event = AuditEvent.objects.filter(action="missing.interview_viewed").get()
    assert event.subject_ids == [casebook["team_child"].pk]
    assert c.get(reverse("missing:philomena_edit", args=[casebook["team_child"].pk])).status_code == 200
    assert AuditEvent.objects.filter(action="missing.philomena_viewed", detail__page="edit").exists()


def test_return_details_count_without_the_tick(client, personas, casebook):
    c = client_for(client, personas["priya"])
    data = episode_post(when(30), when(20))
    del data["returned"]
    assert c.post(reverse("missing:episode_add", args=[casebook["team_child"].pk]), data).status_code == 302
    assert MissingEpisode.objects.get().ended_at is not None
