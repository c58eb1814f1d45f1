"""The demo's intelligence (``lantern/synthetic/extensions/intelligence.py``) on the small seed:
the planted lines and networks are loaded, each persona has something to see, and nothing
police-only reaches partners."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from lantern.accounts.models import User
from lantern.intelligence.choices import EntityKind, LinkType
from lantern.intelligence.lines import raw_counts_as_at
from lantern.intelligence.loading import SOURCE_TYPE
from lantern.intelligence.models import (
    CountyLine,
    Group,
    IntelligenceReport,
    Link,
    PartnerSubmission,
    PoliceEncounter,
)
from lantern.intelligence.selectors import visible_links
from lantern.synthetic import loader
from lantern.synthetic.generator import generate
from lantern.synthetic.tests.conftest import AS_AT, SEED

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    small_world = generate(seed=SEED, as_at=AS_AT, scale="small")
    with django_db_blocker.unblock(), transaction.atomic():
        summary = loader.load(seed=SEED, world=small_world)
        yield {"summary": summary, "users": {u.username: u for u in User.objects.all()},
               "world": small_world}
        transaction.set_rollback(True)


def test_every_planted_line_and_group_is_loaded_with_its_history(seeded):
    rows = seeded["world"].tables["networks"]
    lines = [r for r in rows if r[2] == "county_line"]
    assert CountyLine.objects.count() == len(lines)
    assert Group.objects.count() == len(rows) - len(lines)
    loaded = Link.objects.filter(source_type=SOURCE_TYPE).count()
    assert loaded >= 0.9 * len(seeded["world"].tables["network_links"])
    # The committee's date: one line per area active in February 2019 (the generator plants it).
    feb = raw_counts_as_at(dt.date(2019, 2, 1))
    assert all(feb["areas"][a]["active"] + feb["areas"][a]["disrupted"] >= 1
               for a in ("North", "West", "East"))


def test_status_history_matches_the_generated_dates(seeded):
    for nid, *_rest, start, disrupted, closed in seeded["world"].tables["networks"]:
        line = CountyLine.objects.filter(synthetic_id=nid).first()
        if line is None:
            continue
        start = dt.date.fromisoformat(start)
        assert line.status_on(start - dt.timedelta(days=1)) is None
        assert line.status_on(start) == "active"
        if closed:
            assert line.status_on(dt.date.fromisoformat(closed)) == "closed"
        if disrupted and disrupted != closed:
            assert line.status_on(dt.date.fromisoformat(disrupted)) == "disrupted"


def test_police_see_more_links_than_partners_and_schools_none(seeded):
    users = seeded["users"]
    dan = visible_links(actor=users["dan"], as_at=AS_AT)
    priya = visible_links(actor=users["priya"], as_at=AS_AT)
    assert len(dan) > len(priya) > 0
    assert {r["sharing"] for r in priya} <= {"statutory", "partnership"}
    assert visible_links(actor=users["sarah"]) == []
    assert any(r["type"] == LinkType.RUNS_FOR_LINE for r in priya)


def test_a_child_suspect_in_the_demo_is_shown_as_a_possible_victim(seeded):
    rows = visible_links(actor=seeded["users"]["dan"])
    suspects = [r for r in rows if r["a_kind"] == EntityKind.PERSON and r["a_role"] == "suspect"
                and r["type"] == LinkType.RUNS_FOR_LINE]
    assert suspects, "the demo has a child arrested for drug supply on a line"
    assert all("also a possible victim" in r["a_roles_shown"] for r in suspects)


def test_reports_submissions_and_a_stop_for_the_personas(seeded):
    assert IntelligenceReport.objects.filter(synthetic=True).exists()
    assert IntelligenceReport.objects.exclude(sanitised_text="").exists()
    assert PartnerSubmission.objects.filter(submitted_by__username="sarah").exists()
    assert PartnerSubmission.objects.filter(source="return_interview").exists()
    stop = PoliceEncounter.objects.get()
    assert stop.event is not None and stop.event.sharing == "statutory"
