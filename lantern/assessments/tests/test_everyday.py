"""Everyday use of assessments (#14): agencies involved with the child come first, a result
never says a level "would fall" on a day already past, indicators' details are revealed only
when ticked (GOV.UK conditional reveal; without JavaScript everything shows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.assessments import services
from lantern.assessments.templatetags.assessments_tags import as_of_today
from lantern.assessments.views import _agency_names
from lantern.people.models import Involvement

pytestmark = pytest.mark.django_db

STORED = ("If nothing new is recorded, this would fall to Medium (score 7) on 2 Jun 2024, "
          "when 'older partner' ages out.")


def test_a_fall_date_already_past_is_said_in_the_past_tense():
    text = as_of_today(STORED, dt.date(2026, 12, 3))
    assert "would fall" not in text
    assert "from 2 Jun 2024" in text and "supports Medium (score 7)" in text
    assert "review" in text


def test_a_fall_date_still_ahead_is_left_as_it_was_worked_out():
    assert as_of_today(STORED, dt.date(2024, 6, 2)) == STORED
    assert as_of_today("Any other sentence.", dt.date(2030, 1, 1)) == "Any other sentence."


def test_agencies_involved_with_the_child_come_first(personas, casebook):
    from lantern.accounts.models import Agency
    from lantern.synthetic import personas as cast

    child = casebook["team_child"]  # children's services involved
    charity = Involvement.objects.create(
        person=child, agency=Agency.objects.get(name=cast.VOLUNTARY), role="Youth worker",
        contact_name="A youth worker", start_date=timezone.localdate())
    assessment = services.assessment_start(
        actor=personas["priya"], person=child, tool="seraf-style", version=2,
        as_at=timezone.localdate())
    names = _agency_names(personas["priya"], assessment)
    assert names[:2] == [cast.CHILDRENS_SERVICES, cast.VOLUNTARY]
    assert names[2:] == sorted(names[2:]) and cast.POLICE in names[2:]
    charity.end_date = timezone.localdate() - dt.timedelta(days=1)
    charity.save()
    names = _agency_names(personas["priya"], assessment)
    assert names[0] == cast.CHILDRENS_SERVICES and names[1:] == sorted(names[1:])


def test_the_order_of_agencies_does_not_tell_a_school_the_police_are_involved(personas, casebook):
    """Involved agencies come first; for a school lead, "involved" is what her record page
    shows, so adding the police's involvement must not change her list (it moves the police up
    for a police officer)."""
    from lantern.accounts.models import Agency
    from lantern.synthetic import personas as cast

    pupil = casebook["pupil"]
    police = Agency.objects.get(name=cast.POLICE)
    Involvement.objects.filter(person=pupil, agency=police).delete()
    Involvement.objects.create(person=pupil, agency=personas["priya"].agency,
                               team=personas["priya"].teams.first(), user=personas["priya"],
                               role="Lead professional", start_date=timezone.localdate())
    assessment = services.assessment_start(
        actor=personas["priya"], person=pupil, tool="seraf-style", version=2,
        as_at=timezone.localdate())
    school_before = _agency_names(personas["sarah"], assessment)
    police_before = _agency_names(personas["olivia"], assessment)
    Involvement.objects.create(person=pupil, agency=police, role="Investigating officer",
                               contact_name="An officer", start_date=timezone.localdate())
    assert _agency_names(personas["sarah"], assessment) == school_before
    assert _agency_names(personas["olivia"], assessment) != police_before


def test_each_indicators_details_sit_in_a_conditional_reveal(client, personas, casebook):
    assessment = services.assessment_start(
        actor=personas["priya"], person=casebook["team_child"], tool="seraf-style", version=2,
        as_at=timezone.localdate())
    client.force_login(personas["priya"])
    page = client.get(reverse("assessments:section", args=[assessment.pk, "significant"]))
    html = page.content.decode()
    # Every "seen" checkbox controls its indicator's details, which GOV.UK Frontend hides
    # until ticked; the class only hides with JavaScript (govuk-frontend-supported).
    assert html.count('data-aria-controls="conditional-') == html.count("govuk-checkboxes__conditional--hidden") > 5
