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


def test_small_counts_are_suppressed_with_what_would_reveal_them(personas, cohort):
    summary = selectors.cohort_summary(actor=personas["tom"], threshold=5)
    north_table = table(summary, "team", NORTH)
    north = row(north_table)
    # 1 child not measured again is below 5: hidden. North's 7 children less the zeros would give
    # it back, so the 6 improved is hidden too; zeros stay. The median of the 6 would show that
    # at least 5 were measured again (so at most 2 not measured), so it is hidden as well.
    assert (north["improved"], north["same"], north["worse"], north["not_measured"]) == (None, 0, 0, None)
    assert north["median_change"] is None and north["median_suppressed"]
    west_table = table(summary, "team", WEST)
    west = row(west_table)
    assert west["worse"] is None and west["median_change"] is None and west["median_suppressed"]
    assert west_table["children"] is None
    # All children (9) less West would give North's 7 and the reverse: one more total goes, and
    # it is North's, not everyone's (hiding a total costs a hidden figure in every row under it).
    assert north_table["children"] is None
    assert table(summary, "all", "All children")["children"] == 9
    # With a threshold of 2 the West pair is shown, with its median.
    relaxed = row(table(selectors.cohort_summary(actor=personas["tom"], threshold=2), "team", WEST))
    assert relaxed["worse"] == 2 and relaxed["median_change"] == -2


def test_a_zero_in_one_table_carries_a_hidden_figure_into_another(personas, cohort):
    summary = selectors.cohort_summary(actor=personas["tom"], threshold=5)
    everyone = row(table(summary, "all", "All children"))
    # Everyone improved 6, worse 2, not measured 1 of 9: the 2 and the 1 are small. The 6 is not,
    # but West improved 0, so everyone's improved is North's improved, which North's row had to
    # hide: shown here, it would be shown there. Zeros themselves stay.
    assert (everyone["improved"], everyone["same"], everyone["worse"], everyone["not_measured"]) == (
        None, 0, None, None)


def test_cohort_page_has_no_names_and_uses_the_setting(client, settings, personas, cohort):
    settings.LANTERN_SUPPRESSION_THRESHOLD = 5
    client.force_login(personas["tom"])
    page = client.get(reverse("assessments:cohort")).content.decode()
    assert "Feeling safe" in page and NORTH in page
    for child in cohort:
        assert child.first_name not in page and "Cohortson" not in page
    assert "Numbers from 1 to 4 are hidden" in page and "Hidden" in page
    assert "fewer than" not in page  # a hidden figure never says how big it is


def test_partnership_analyst_sees_aggregates_but_practitioners_do_not(client, personas, cohort):
    client.force_login(personas["amir"])
    assert client.get(reverse("assessments:cohort")).status_code == 200
    summary = selectors.cohort_summary(actor=personas["amir"], threshold=5)
    assert table(summary, "all", "All children")["children"] == 9
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


# --- subtraction: no hidden figure can be worked out from the page -------------------------------

EAST = "Lantern Exploitation Team East"
CATEGORIES = ("improved", "same", "worse", "not_measured")


def page_figures(tools):
    """What a reader of the cohort page sees, as the attacker's figures: per group (everyone,
    each team, each area) its children and, per area of life, each count; None where hidden."""
    figures = {}
    for tool in tools:
        for section in tool["sections"]:
            for tbl in section["tables"]:
                group = (tool["slug"], tool["version"], section["dimension"], tbl["name"])
                figures[(group, "children")] = tbl["children"]
                for r in tbl["rows"]:
                    for category in CATEGORIES:
                        figures[(group, r["domain"], category)] = r[category]
    return figures


def page_relations(tools, area_of):
    """How the page's figures add up, as a reader knows: each area of life splits a group's
    children; teams add up to everyone, areas to everyone, and teams to their area."""
    relations = []
    for tool in tools:
        tv = (tool["slug"], tool["version"])
        names = {s["dimension"]: [t["name"] for t in s["tables"]] for s in tool["sections"]}
        domains = [r["domain"] for r in tool["sections"][0]["tables"][0]["rows"]]
        for dimension, groups in names.items():
            for name in groups:
                group = (*tv, dimension, name)
                relations += [((group, "children"), [(group, d, c) for c in CATEGORIES])
                              for d in domains]
        everyone = (*tv, "all", "All children")
        teams = [(*tv, "team", t) for t in names["team"]]
        areas = [(*tv, "area", a) for a in names["area"]]
        sums = [(everyone, teams), (everyone, areas)]
        sums += [(area, [t for t in teams if area_of[t[-1]] == area[-1]]) for area in areas]
        for whole, parts in sums:
            relations.append(((whole, "children"), [(p, "children") for p in parts]))
            relations += [((whole, d, c), [(p, d, c) for p in parts])
                          for d in domains for c in CATEGORIES]
    return relations


@pytest.fixture
def nine_and_one(personas):
    """The issue's example: all children 10, North 9, so East would be 1."""
    tom = personas["tom"]
    children = [measured_child(tom, NORTH, 3, 5, name=f"Nell{i}") for i in range(9)]
    children.append(measured_child(tom, EAST, 6, 4, name="Esme"))
    return children


def test_the_page_cannot_be_subtracted(client, settings, personas, nine_and_one):
    """Today's page said "All children: 10 children" and "North: 9 children" beside a hidden East:
    East is 1. Nothing on the page may let a reader work out a hidden figure."""
    from lantern.accounts.models import Team
    from lantern.analysis.tests.attacker import recoverable

    settings.LANTERN_SUPPRESSION_THRESHOLD = 5
    client.force_login(personas["tom"])
    response = client.get(reverse("assessments:cohort"))
    assert response.status_code == 200
    tools = response.context["tools"]
    published = page_figures(tools)
    truth = page_figures(selectors.cohort_summary(actor=personas["tom"], threshold=1)["tools"])
    assert set(published) == set(truth)
    tv = ("distance-travelled", 1)
    everyone = published[((*tv, "all", "All children"), "children")]
    north = published[((*tv, "team", NORTH), "children")]
    east = published[((*tv, "team", EAST), "children")]
    assert east is None  # 1 child
    assert everyone is None or north is None, "East = all children - North"
    page = response.content.decode()
    assert not ("10 children" in page and "9 children" in page)
    area_of = {t.name: (t.area.name if t.area else "No area recorded") for t in Team.objects.all()}
    area_of["No team recorded"] = "No area recorded"
    assert recoverable(published, page_relations(tools, area_of), truth) == {}
