"""The cohort view (distance travelled by team and area, small counts suppressed, no names) and
the override rate report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.assessments import selectors, services
from lantern.assessments.tests import factories as f

pytestmark = pytest.mark.django_db

NORTH = "Lantern Exploitation Team North"
WEST = "Lantern Exploitation Team West"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def measured_child(actor, team, start: int, end: int | None, *, name: str):
    child = f.team_child(team, first_name=name, last_name="Cohortson")
    a = f.outcome_assessment(actor, child, started_days_ago=100)
    a.team = a.team.__class__.objects.get(name=team)
    a.save(update_fields=["team"])
    f.record(actor, a, "baseline", {"feeling_safe": start})
    if end is not None:
        f.record(actor, a, "end", {"feeling_safe": end}, days_after=84)
    return child


@pytest.fixture
def cohort(personas, casebook):
    tom = personas["tom"]
    # North: 6 improved by 2 on feeling safe, 1 not measured again. West: 2 worse.
    children = [measured_child(tom, NORTH, 3, 5, name=f"Nell{i}") for i in range(6)]
    children.append(measured_child(tom, NORTH, 4, None, name="Nell9"))
    children += [measured_child(tom, WEST, 6, 4, name=f"Wren{i}") for i in range(2)]
    return children


def table(summary, dimension, name):
    tool = summary["tools"][0]
    section = next(s for s in tool["sections"] if s["dimension"] == dimension)
    return next(t for t in section["tables"] if t["name"] == name)


def row(tbl, domain="feeling_safe"):
    return next(r for r in tbl["rows"] if r["domain"] == domain)


def test_cohort_counts_and_median_change(personas, cohort):
    summary = selectors.cohort_summary(actor=personas["tom"], threshold=1)  # nothing suppressed
    north = row(table(summary, "team", NORTH))
    assert (north["improved"], north["same"], north["worse"], north["not_measured"]) == (6, 0, 0, 1)
    assert north["median_change"] == 2
    assert table(summary, "team", NORTH)["children"] == 7
    west = row(table(summary, "team", WEST))
    assert (west["worse"], west["median_change"]) == (2, -2)
    everyone = row(table(summary, "all", "All children"))
    assert (everyone["improved"], everyone["median_change"]) == (6, 2)
    area = row(table(summary, "area", "North"))
    assert area["improved"] == 6


def test_small_counts_are_suppressed(personas, cohort):
    summary = selectors.cohort_summary(actor=personas["tom"], threshold=5)
    north = row(table(summary, "team", NORTH))
    # 1 child not measured again is below 5: hidden, and so is the next smallest non-zero cell
    # (6 improved), so the group total cannot reveal the 1. Zeros stay; the median of 6 shows.
    assert (north["improved"], north["same"], north["worse"], north["not_measured"]) == (None, 0, 0, None)
    assert north["median_change"] == 2
    west_table = table(summary, "team", WEST)
    west = row(west_table)
    assert west["worse"] is None and west["median_change"] is None and west["median_suppressed"]
    assert west_table["children"] is None
    # With a threshold of 2 the West pair is shown.
    relaxed = row(table(selectors.cohort_summary(actor=personas["tom"], threshold=2), "team", WEST))
    assert relaxed["worse"] == 2 and relaxed["median_change"] == -2


def test_everyone_row_hides_only_small_cells(personas, cohort):
    everyone = row(table(selectors.cohort_summary(actor=personas["tom"], threshold=5), "all", "All children"))
    # improved 6, worse 2, not measured 1: the 2 and the 1 are hidden, the 6 shown.
    assert (everyone["improved"], everyone["worse"], everyone["not_measured"]) == (6, None, None)


def test_cohort_page_has_no_names_and_uses_the_setting(client, settings, personas, cohort):
    settings.LANTERN_SUPPRESSION_THRESHOLD = 5
    client.force_login(personas["tom"])
    page = client.get(reverse("assessments:cohort")).content.decode()
    assert "Feeling safe" in page and NORTH in page
    for child in cohort:
        assert child.first_name not in page and "Cohortson" not in page
    assert "fewer than 5" in page


def test_partnership_analyst_sees_aggregates_but_practitioners_do_not(client, personas, cohort):
    client.force_login(personas["amir"])
    assert client.get(reverse("assessments:cohort")).status_code == 200
    summary = selectors.cohort_summary(actor=personas["amir"], threshold=5)
    assert row(table(summary, "all", "All children"))["improved"] == 6
    client.force_login(personas["priya"])
    assert client.get(reverse("assessments:cohort")).status_code == 404
    assert selectors.cohort_summary(actor=personas["priya"])["tools"] == []


def test_a_manager_only_counts_children_in_their_scope(personas, cohort):
    # Olivia (police) cannot open these children; the policy gives her no cohort at all.
    assert selectors.cohort_summary(actor=personas["olivia"])["tools"] == []


def test_override_rate_by_team(client, personas, casebook):
    priya, tom = personas["priya"], personas["tom"]
    f.submitted_assessment(priya, casebook["team_child"], f.MODERATE)
    pending = f.pending_override(priya, f.north_child())
    declined = f.pending_override(priya, f.north_child())
    services.assessment_override_decide(actor=tom, assessment=declined, approve=False, note="Score stands.")
    f.draft_assessment(priya, f.north_child())  # drafts are not completed
    rates = selectors.override_rates(actor=tom)
    north = dict(rates["teams"])[NORTH]
    assert (north["completed"], north["proposed"], north["pending"], north["declined"]) == (3, 2, 1, 1)
    assert round(north["rate"]) == 67
    assert pending.override_pending
    client.force_login(tom)
    page = client.get(reverse("assessments:override_report")).content.decode()
    assert "67%" in page and casebook["team_child"].first_name not in page
    client.force_login(priya)
    assert client.get(reverse("assessments:override_report")).status_code == 404
