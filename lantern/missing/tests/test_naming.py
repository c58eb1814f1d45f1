"""The missing children's pages never name a child the viewer may not open (#10, item 1).

A restricted child who is missing now, due a return home interview and with a Philomena profile
out of date is held by the North team, but nobody may open the record without a grant: the
police dashboard, the SSDA903 export and the child's own pages must not give the name away.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.missing.models import PhilomenaProfile
from lantern.missing.tests.factories import DueInterviewFactory, OpenEpisodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_missing(casebook, personas):
    child = casebook["restricted"]
    episode = OpenEpisodeFactory(person=child, reported_by=personas["olivia"].agency)
    due = DueInterviewFactory(
        person=child, episode__person=child, episode__reported_by=personas["olivia"].agency
    )
    PhilomenaProfile.objects.create(
        person=child, confirmed_at=timezone.now() - dt.timedelta(days=200)
    )
    return {"episode": episode, "interview": due}


@pytest.mark.parametrize("user", ["olivia", "dan", "priya", "tom"])
def test_dashboard_never_names_a_child_the_viewer_may_not_open(client, personas, restricted_missing, user):
    client.force_login(personas[user])
    page = client.get(reverse("missing:dashboard")).content.decode()
    assert "Harriet" not in page and "Voss" not in page
    assert reverse("missing:episode_detail", args=[restricted_missing["episode"].pk]) not in page


def test_the_childs_pages_answer_page_not_found(client, personas, casebook, restricted_missing):
    client.force_login(personas["olivia"])
    child = casebook["restricted"]
    for url in (
        reverse("missing:episode_detail", args=[restricted_missing["episode"].pk]),
        reverse("missing:person_episodes", args=[child.pk]),
        reverse("missing:philomena_print", args=[child.pk]),
    ):
        assert client.get(url).status_code == 404


def test_the_dashboard_still_names_children_the_viewer_may_open(client, personas, casebook, restricted_missing):
    OpenEpisodeFactory(person=casebook["team_child"], reported_by=personas["olivia"].agency)
    client.force_login(personas["priya"])
    page = client.get(reverse("missing:dashboard")).content.decode()
    assert casebook["team_child"].display_name in page and "Voss" not in page
