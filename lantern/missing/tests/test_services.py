"""Services: recording episodes and returns, interviews (independence), mentions, Philomena."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.missing import services
from lantern.missing.choices import InterviewStatus
from lantern.missing.clock import rhi_due_at
from lantern.missing.models import MissingEpisode, PhilomenaProfile, ReturnInterview
from lantern.people import critical
from lantern.people.models import ChronologyEvent
from lantern.people.tests.factories import InvolvementFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now


def hours_ago(h):
    return timezone.now() - dt.timedelta(hours=h)


@pytest.fixture
def recorder():
    seen = []

    def handler(*, event, actor):
        seen.append(event.event_type)

    critical.on_critical_event(handler)
    yield seen
    critical._HANDLERS.remove(handler)


def record(actor, person, **kw):
    args = {"kind": "missing", "risk_grade": "high", "started_at": hours_ago(30), "police_reference": "MP/1/26"}
    args.update(kw)
    return services.episode_record(actor=actor, person=person, **args)


def test_recording_adds_critical_chronology_event(personas, casebook, recorder):
    child = casebook["team_child"]
    episode = record(personas["priya"], child)
    event = ChronologyEvent.objects.get(source_type="missing.MissingEpisode", source_id=episode.pk)
    assert event.event_type == "missing" and event.significant
    assert "missing" in recorder
    assert AuditEvent.objects.filter(action="missing.episode_recorded").exists()
    assert not ReturnInterview.objects.exists()


def test_absent_episode_uses_absent_event(personas, casebook):
    episode = record(personas["priya"], casebook["team_child"], kind="absent", risk_grade="low")
    assert ChronologyEvent.objects.get(source_id=episode.pk, source_type="missing.MissingEpisode").event_type == "absent"


def test_return_creates_interview_due_72_hours_later(personas, casebook):
    episode = record(personas["olivia"], casebook["pupil"])
    returned = hours_ago(2)
    services.episode_return(actor=personas["olivia"], episode=episode, ended_at=returned, where_found="Bus station", how_returned="found_police")
    interview = ReturnInterview.objects.get(episode=episode)
    assert interview.due_at == rhi_due_at(returned)
    assert interview.status == InterviewStatus.DUE
    assert ChronologyEvent.objects.filter(person=casebook["pupil"], summary__startswith="Returned").exists()


def test_recording_with_end_starts_the_clock(personas, casebook):
    episode = record(personas["priya"], casebook["team_child"], ended_at=hours_ago(5))
    assert episode.interview.due_at == rhi_due_at(episode.ended_at)


def test_found_out_of_area_is_a_critical_event(personas, casebook, recorder):
    record(personas["priya"], casebook["team_child"], ended_at=hours_ago(5), found_out_of_area=True)
    assert "found_out_of_area" in recorder


@pytest.mark.parametrize(
    "start,end,message",
    [
        (-2, None, "now or in the past"),  # start in the future
        (10, 12, "after when they went missing"),  # end before start
        (10, -1, "now or in the past"),  # end in the future
    ],
)
def test_bad_times_refused(personas, casebook, start, end, message):
    with pytest.raises(ValidationError, match=message):
        record(
            personas["priya"], casebook["team_child"], started_at=hours_ago(start),
            ended_at=hours_ago(end) if end is not None else None,
        )
    assert not MissingEpisode.objects.exists()


def test_overlapping_episodes_refused(personas, casebook):
    child, priya = casebook["team_child"], personas["priya"]
    record(priya, child, started_at=hours_ago(50), ended_at=hours_ago(40))
    with pytest.raises(ValidationError, match="overlaps"):
        record(priya, child, started_at=hours_ago(45), ended_at=hours_ago(30))
    with pytest.raises(ValidationError, match="overlaps"):
        record(priya, child, started_at=hours_ago(60), ended_at=hours_ago(41))
    with pytest.raises(ValidationError, match="overlaps"):
        record(priya, child, started_at=hours_ago(48))  # open episode inside a closed one
    # Touching is fine: a new episode may start the moment the last one ended.
    record(priya, child, started_at=hours_ago(40), ended_at=hours_ago(35))
    open_one = record(priya, child, started_at=hours_ago(20))
    with pytest.raises(ValidationError, match="already has an open episode"):
        record(priya, child, started_at=hours_ago(10))
    # An older, closed episode before the open one is still allowed.
    record(priya, child, started_at=hours_ago(100), ended_at=hours_ago(90))
    assert MissingEpisode.objects.filter(person=child).count() == 4
    with pytest.raises(ValidationError, match="already has a return"):
        services.episode_return(actor=priya, episode=MissingEpisode.objects.filter(ended_at__isnull=False).first(), ended_at=hours_ago(1))
    services.episode_return(actor=priya, episode=open_one, ended_at=hours_ago(1))


def test_return_before_start_refused(personas, casebook):
    episode = record(personas["priya"], casebook["team_child"], started_at=hours_ago(10))
    with pytest.raises(ValidationError):
        services.episode_return(actor=personas["priya"], episode=episode, ended_at=hours_ago(11))
    episode.refresh_from_db()
    assert episode.ended_at is None and not ReturnInterview.objects.exists()


def test_outside_scope_or_wrong_role_refused(personas, casebook):
    with pytest.raises(PermissionDenied):
        record(personas["priya"], casebook["police_child"])  # not her team's child
    with pytest.raises(PermissionDenied):
        record(personas["sarah"], casebook["pupil"])  # school DSL: not this service
    with pytest.raises(PermissionDenied):
        record(personas["amir"], casebook["team_child"])


# --- Return home interviews -----------------------------------------------------------------------

@pytest.fixture
def returned(personas, casebook):
    return record(personas["priya"], casebook["team_child"], started_at=hours_ago(30), ended_at=hours_ago(20))


def test_lead_professional_cannot_be_interviewer(personas, casebook, returned):
    with pytest.raises(ValidationError, match="independent"):
        services.interview_update(
            actor=personas["tom"], interview=returned.interview, status="completed",
            held_at=hours_ago(2), interviewer=personas["priya"],
        )
    assert AuditEvent.objects.filter(action="missing.interview_not_independent").exists()
    returned.interview.refresh_from_db()
    assert returned.interview.status == "due"


def test_lead_professional_cannot_record_self_as_interviewer_by_name(personas, casebook, returned):
    InvolvementFactory(person=casebook["team_child"], agency=personas["tom"].agency, is_lead=True, contact_name="Jordan Lee")
    with pytest.raises(ValidationError, match="independent"):
        services.interview_update(
            actor=personas["tom"], interview=returned.interview, status="completed",
            held_at=hours_ago(2), interviewer_name="  jordan   LEE ",
        )


def test_former_lead_may_interview(personas, casebook, returned):
    inv = casebook["team_child"].involvements.get(user=personas["priya"])
    InvolvementFactory(person=casebook["team_child"], agency=inv.agency, team=inv.team, is_lead=False)
    inv.end_date = timezone.localdate() - dt.timedelta(days=1)
    inv.save()
    services.interview_update(
        actor=personas["tom"], interview=returned.interview, status="completed",
        held_at=hours_ago(2), interviewer=personas["priya"],
    )


def test_completed_interview_with_factors_and_chronology(personas, casebook, returned):
    interview = services.interview_update(
        actor=personas["tom"], interview=returned.interview, status="completed",
        offered_at=hours_ago(19), held_at=hours_ago(3), interviewer=personas["tom"],
        push_factors=["conflict_home"], pull_factors=["debt", "gifts_money", "debt"],
        pull_notes="Said she owed money for a phone.", harm_experienced="Made to carry a package.",
    )
    assert interview.status == "completed" and interview.offered_in_time is True
    assert sorted(interview.factors.values_list("direction", "code")) == [
        ("pull", "debt"), ("pull", "gifts_money"), ("push", "conflict_home"),
    ]
    assert ChronologyEvent.objects.filter(event_type="return_interview", source_id=interview.pk).count() == 1
    # A second save does not add a second chronology event.
    services.interview_update(
        actor=personas["tom"], interview=interview, status="completed", held_at=hours_ago(3), interviewer=personas["tom"],
    )
    assert ChronologyEvent.objects.filter(event_type="return_interview").count() == 1
    assert interview.factors.count() == 0


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"status": "declined"}, "reason"),
        ({"status": "not_held", "reason_not_held": "   "}, "reason"),
        ({"status": "completed", "interviewer_name": "Ana Field"}, "when the interview was held"),
        ({"status": "completed", "held_at": "past"}, "who carried out"),
        ({"status": "offered"}, "when the interview was offered"),
        ({"status": "due"}, "Select what happened"),
        ({"status": "offered", "offered_at": "future"}, "now or in the past"),
        ({"status": "offered", "offered_at": "before_return"}, "after the child returned"),
        ({"status": "completed", "held_at": "past", "interviewer_name": "A B", "push_factors": ["nonsense"]}, "from the lists"),
    ],
)
def test_interview_rules(personas, casebook, returned, kwargs, message):
    moments = {"past": hours_ago(1), "future": timezone.now() + dt.timedelta(hours=1), "before_return": hours_ago(25)}
    kwargs = {k: moments.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()}
    with pytest.raises(ValidationError, match=message):
        services.interview_update(actor=personas["tom"], interview=returned.interview, **kwargs)


def test_declined_needs_reason_and_is_recorded(personas, casebook, returned):
    interview = services.interview_update(
        actor=personas["tom"], interview=returned.interview, status="declined",
        offered_at=hours_ago(10), reason_not_held="Did not want to talk; offered again through youth worker.",
    )
    assert interview.is_closed and interview.reason_not_held.startswith("Did not")


def test_police_cannot_record_interviews(personas, casebook):
    episode = record(personas["olivia"], casebook["pupil"], ended_at=hours_ago(3))
    with pytest.raises(PermissionDenied):
        services.interview_update(actor=personas["olivia"], interview=episode.interview, status="offered", offered_at=hours_ago(1))


def test_mentions_are_structured(personas, casebook, returned):
    m = services.mention_add(actor=personas["tom"], interview=returned.interview, kind="phone", value=" 07700 900123 ", note="Called 'Uncle'")
    assert (m.kind, m.value) == ("phone", "07700 900123")
    with pytest.raises(ValidationError):
        services.mention_add(actor=personas["tom"], interview=returned.interview, kind="weapon", value="x")
    with pytest.raises(ValidationError):
        services.mention_add(actor=personas["tom"], interview=returned.interview, kind="person", value="   ")
    services.mention_remove(actor=personas["tom"], mention=m)
    assert not returned.interview.mentions.exists()


# --- Philomena ---------------------------------------------------------------------------------------

def png_bytes(size=(4, 4)):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def test_philomena_save_confirm_and_stale(personas, casebook):
    child = casebook["team_child"]
    profile = services.philomena_save(actor=personas["priya"], person=child, hair="Dark, shoulder length", phones="07700 900456")
    assert not profile.is_stale
    PhilomenaProfile.objects.filter(pk=profile.pk).update(confirmed_at=timezone.now() - dt.timedelta(days=91))
    profile.refresh_from_db()
    assert profile.is_stale
    services.philomena_confirm(actor=personas["priya"], person=child)
    profile.refresh_from_db()
    assert not profile.is_stale and profile.hair == "Dark, shoulder length"


def test_philomena_photo_validated(personas, casebook, settings):
    child = casebook["team_child"]
    ok = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    profile = services.philomena_save(actor=personas["priya"], person=child, photo=ok)
    assert profile.photo_content_type == "image/png" and profile.photo.name.startswith("philomena/")
    assert "Brightwater" not in profile.photo.name
    fake = SimpleUploadedFile("me.jpg", b"<?php echo 1; ?>" * 10, content_type="image/jpeg")
    with pytest.raises(ValidationError, match="JPG or PNG"):
        services.philomena_save(actor=personas["priya"], person=child, photo=fake)
    settings.LANTERN_PHILOMENA_PHOTO_MAX_BYTES = 50
    big = SimpleUploadedFile("big.png", png_bytes((64, 64)), content_type="image/png")
    with pytest.raises(ValidationError, match="smaller than"):
        services.philomena_save(actor=personas["priya"], person=child, photo=big)


def test_philomena_follows_the_child(personas, casebook):
    """The profile belongs to the person: a new placement sees the same profile."""
    from lantern.people.models import Address

    child = casebook["team_child"]
    services.philomena_save(actor=personas["priya"], person=child, places_frequented="Skate park")
    Address.objects.create(person=child, line1="1 New Placement Road", town="Marlcombe", kind="placement", start_date=dt.date(2026, 11, 1))
    assert child.philomena_profile.places_frequented == "Skate park"
    assert PhilomenaProfile.objects.filter(person=child).count() == 1


def test_philomena_edit_needs_change_scope(personas, casebook):
    with pytest.raises(PermissionDenied):
        services.philomena_save(actor=personas["dan"], person=casebook["team_child"], hair="x")
    with pytest.raises(ValidationError):
        services.philomena_confirm(actor=personas["priya"], person=casebook["team_child"])


def test_philomena_report(personas, casebook):
    episode = record(personas["olivia"], casebook["pupil"])
    with pytest.raises(ValidationError):
        services.philomena_report_save(actor=personas["olivia"], episode=episode, clothing="", circumstances="x")
    report = services.philomena_report_save(actor=personas["olivia"], episode=episode, clothing="Grey hoodie", circumstances="Left after a phone call")
    assert report.episode == episode
