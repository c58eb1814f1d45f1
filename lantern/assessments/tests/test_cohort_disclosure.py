"""The cohort page's tables, linked as the page links them, against the attacker.

``selectors.cohort_tables`` decides which figures the page's tables share and how they add up;
if it left a link out (teams within their area, one area of life's totals against another's),
disclosure control would protect the tables apart and subtraction across them would get through.
The attacker here reads the page as a person would (``page_relations``), not from those tables.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lantern.analysis.disclosure import protect_linked
from lantern.analysis.tests.attacker import recoverable
from lantern.assessments.selectors import CHILDREN, COHORT_CATEGORIES, EVERYONE, cohort_tables


@st.composite
def cohorts(draw):
    n_teams = draw(st.integers(1, 4))
    teams = [("team", t) for t in range(n_teams)]
    area_of = {t: ("area", draw(st.sampled_from(["North", "East"]))) for t in teams}
    domains = [f"domain {d}" for d in range(draw(st.integers(1, 3)))]
    counts = {}
    for t in teams:
        size = draw(st.one_of(st.integers(0, 5), st.integers(6, 20)))
        counts[t] = {}
        for d in domains:
            cuts = sorted(draw(st.lists(st.integers(0, size), min_size=3, max_size=3)))
            bounds = [0, *cuts, size]
            counts[t][d] = {c: bounds[i + 1] - bounds[i] for i, c in enumerate(COHORT_CATEGORIES)}
    return counts, area_of, domains


def page_truth(counts, area_of, domains):
    groups = {t: [t] for t in counts}
    for t, a in area_of.items():
        groups.setdefault(a, []).append(t)
    groups[EVERYONE] = list(counts)
    truth = {}
    for g, members in groups.items():
        truth[(g, CHILDREN)] = sum(sum(counts[t][domains[0]].values()) for t in members)
        for d in domains:
            for c in COHORT_CATEGORIES:
                truth[(g, (d, c))] = sum(counts[t][d][c] for t in members)
    return truth


def page_relations(counts, area_of, domains):
    areas = sorted(set(area_of.values()))
    columns = [CHILDREN] + [(d, c) for d in domains for c in COHORT_CATEGORIES]
    sums = [(EVERYONE, list(counts)), (EVERYONE, areas)]
    sums += [(a, [t for t in counts if area_of[t] == a]) for a in areas]
    relations = [((whole, col), [(p, col) for p in parts]) for whole, parts in sums for col in columns]
    for g in [*counts, *areas, EVERYONE]:
        relations += [((g, CHILDREN), [(g, (d, c)) for c in COHORT_CATEGORIES]) for d in domains]
    return relations


def _one_domain(*sizes):
    return {("team", t): {"domain 0": {"improved": n, "same": 0, "worse": 0, "not_measured": 0}}
            for t, n in enumerate(sizes)}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(2, 6))
# North's 12 less its team of 10 is its team of 2, unless the page protects teams within areas.
@example((_one_domain(2, 10, 7), {("team", 0): ("area", "North"), ("team", 1): ("area", "North"),
                                   ("team", 2): ("area", "East")}, ["domain 0"]), 5)
def test_no_figure_on_the_cohort_page_can_be_worked_out(cohort, threshold):
    counts, area_of, domains = cohort
    published = {}
    for shown in protect_linked(cohort_tables(counts, area_of, domains), threshold=threshold):
        published.update(shown.figures())
    truth = page_truth(counts, area_of, domains)
    assert set(published) == set(truth)
    assert all(published[k] in (None, v) for k, v in truth.items())
    assert recoverable(published, page_relations(counts, area_of, domains), truth) == {}
