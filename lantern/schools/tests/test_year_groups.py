"""Year groups flagged for awareness work: never names or counts; suppressed below the minimum."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.accounts.models import Agency
from lantern.people.models import SchoolEnrolment
from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory, InvolvementFactory
from lantern.schools.selectors import current_year_group, year_groups_flagged
from lantern.schools.year_groups import academic_year
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def born_for(year, on):
    """A date of birth that puts a child in ``year`` on ``on`` (mid-cohort, in January)."""
    return dt.date(academic_year(on) - 5 - year + 1, 1, 15)


def pupil(school, year, involved_with=None, event=None, start=dt.date(2026, 9, 3)):
    child = ChildFactory(date_of_birth=born_for(year, start))
    SchoolEnrolment.objects.create(person=child, school=school, year_group=year, start_date=start)
    if involved_with is not None:
        InvolvementFactory(person=child, agency=involved_with)
    if event is not None:
        ChronologyEventFactory(person=child, source_agency=school, event_type=event, event_date=TODAY - dt.timedelta(days=20))
    return child


@pytest.fixture
def school(personas):
    return Agency.objects.get(name=cast.SCHOOL)


def test_one_child_is_never_flagged(personas, school):
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    pupil(school, 8, involved_with=cs)
    for _ in range(5):
        pupil(school, 8)  # not involved
    assert year_groups_flagged(actor=personas["sarah"], today=TODAY) == []


def test_two_children_flag_the_year_group(personas, school):
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    pupil(school, 8, involved_with=cs)
    pupil(school, 8, event="cce_incident")
    pupil(school, 10, involved_with=cs)
    flags = year_groups_flagged(actor=personas["sarah"], today=TODAY)
    assert [f.label for f in flags] == ["Year 8"]


def test_minimum_is_configurable_but_never_below_two(personas, school, settings):
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    pupil(school, 7, involved_with=cs)
    pupil(school, 7, involved_with=cs)
    settings.LANTERN_SCHOOL_FLAG_MINIMUM = 3
    assert year_groups_flagged(actor=personas["sarah"], today=TODAY) == []
    pupil(school, 7, involved_with=cs)
    assert [f.year_group for f in year_groups_flagged(actor=personas["sarah"], today=TODAY)] == [7]
    settings.LANTERN_SCHOOL_FLAG_MINIMUM = 1
    SchoolEnrolment.objects.filter(year_group=7).exclude(pk=SchoolEnrolment.objects.filter(year_group=7).first().pk).delete()
    assert year_groups_flagged(actor=personas["sarah"], today=TODAY) == []


def test_school_involvement_and_old_events_do_not_count(personas, school):
    pupil(school, 9, involved_with=school)
    pupil(school, 9, involved_with=school)
    old = pupil(school, 9)
    ChronologyEventFactory(person=old, source_agency=school, event_type="arrest", event_date=TODAY - dt.timedelta(days=400))
    assert year_groups_flagged(actor=personas["sarah"], today=TODAY) == []


def test_year_group_moves_up_each_september():
    e = SchoolEnrolment(year_group=7, start_date=dt.date(2024, 9, 4))
    assert current_year_group(e, dt.date(2025, 7, 1)) == 7
    assert current_year_group(e, dt.date(2025, 9, 1)) == 8
    assert current_year_group(e, dt.date(2026, 11, 20)) == 9


def test_other_roles_get_no_flags(personas, school):
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    pupil(school, 8, involved_with=cs)
    pupil(school, 8, involved_with=cs)
    assert year_groups_flagged(actor=personas["priya"], today=TODAY) == []


def test_home_page_shows_year_groups_without_names(client, personas, school):
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    a = pupil(school, 8, involved_with=cs, start=dt.date(2025, 9, 3))
    b = pupil(school, 8, involved_with=cs, start=dt.date(2025, 9, 3))
    client.force_login(personas["sarah"])
    page = client.get(reverse("schools:home"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Year 9" in content or "Year 8" in content
    for child in (a, b):
        assert child.last_name not in content
    for user in ("priya", "amir", "dan"):
        client.force_login(personas[user])
        assert client.get(reverse("schools:home")).status_code == 404
