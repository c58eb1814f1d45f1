"""Disclosure control, tested by playing the attacker (``attacker.py``): whatever table or linked
tables are protected, no hidden figure can be worked out exactly from what is published."""

from __future__ import annotations

import doctest
import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lantern import analysis
from lantern.analysis import disclosure
from lantern.analysis.disclosure import (
    TOTAL,
    Reason,
    Table,
    protect,
    protect_linked,
    suppress_counts,
)
from lantern.analysis.tests.attacker import (
    _integer_point,
    recoverable,
    table_relations,
)

# --- the attacker is right (a test must be able to fail) ----------------------------------------


def test_the_attacker_subtracts():
    """The issue's example: "all children = 10" and "North = 9" give East = 1."""
    published = {"all": 10, "North": 9, "East": None}
    assert recoverable(published, [("all", ["North", "East"])], {"all": 10, "North": 9, "East": 1}) == {
        "East": 1
    }


def test_the_attacker_uses_zeros_and_margins():
    relations = table_relations(["a"], ["x", "y", "z"], TOTAL, TOTAL)
    truth = Table.from_rows({"a": {"x": 3, "y": 0, "z": 0}}).figures()
    # The only non-zero figure is hidden; its row total is published: it is the total.
    shown = {**truth, ("a", "x"): None, (TOTAL, "x"): None}
    assert recoverable(shown, relations, truth) == {("a", "x"): 3, (TOTAL, "x"): 3}
    # Two hidden beside a zero and a published total of 7: 1 + 6, 2 + 5, ... nothing pinned.
    truth = Table.from_rows({"a": {"x": 3, "y": 0, "z": 4}}).figures()
    shown = {**truth, ("a", "x"): None, ("a", "z"): None, (TOTAL, "x"): None, (TOTAL, "z"): None}
    assert recoverable(shown, relations, truth) == {}


def test_the_attacker_knows_hidden_figures_are_at_least_one():
    # 2 hidden figures adding to 2 must both be 1.
    truth = {"t": 2, "a": 1, "b": 1}
    assert recoverable({"t": 2, "a": None, "b": None}, [("t", ["a", "b"])], truth) == {"a": 1, "b": 1}


def test_the_attacker_reasons_about_whole_numbers_not_fractions():
    # x + y = 3, y + z = 3, x + z = 3 has the fractional point (1.5, 1.5, 1.5) but no whole one.
    equalities = [({0: 1, 1: 1}, 3), ({1: 1, 2: 1}, 3), ({0: 1, 2: 1}, 3)]
    assert _integer_point(equalities, [1, 1, 1], [None] * 3, 100) is None
    assert _integer_point([({0: 1, 1: 1}, 3)], [1, 1], [None, None], 100) is not None


def brute_force_values(published, relations, cap):
    """Every value of each hidden figure over the fitting tables whose hidden figures are all
    from 1 to ``cap``."""
    hidden = [k for k, v in published.items() if v is None]
    values = {k: set() for k in hidden}
    for guess in itertools.product(range(1, cap + 1), repeat=len(hidden)):
        full = {**published, **dict(zip(hidden, guess))}
        if all(full[w] == sum(full[p] for p in parts) for w, parts in relations):
            for k in hidden:
                values[k].add(full[k])
    return values


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=2), min_size=1, max_size=2).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    ),
    st.data(),
)
def test_the_attacker_agrees_with_brute_force(counts, data):
    """On tables small enough to enumerate, with any figures hidden (zeros shown)."""
    rows, columns = [f"r{i}" for i in range(len(counts))], [f"c{j}" for j in range(len(counts[0]))]
    table = Table(rows, columns, counts)
    truth = table.figures()
    nonzero = [k for k, v in truth.items() if v > 0]
    hide = data.draw(st.sets(st.sampled_from(nonzero), max_size=3)) if nonzero else set()
    published = {k: (None if k in hide else v) for k, v in truth.items()}
    relations = table_relations(rows, columns, TOTAL, TOTAL)
    pinned = recoverable(published, relations, truth)
    # Room enough: a figure that can move can move by one (the table's constraints are totally
    # unimodular), and the other figures then stay within twice the total.
    values = brute_force_values(published, relations, 2 * table.total + 2)
    for key in hide:
        assert truth[key] in values[key]
        assert (key in pinned) == (len(values[key]) == 1), (key, values[key])


# --- what protect publishes -----------------------------------------------------------------------

counts_strategy = st.one_of(st.just(0), st.integers(1, 5), st.integers(6, 40))


@st.composite
def tables(draw, max_rows=4, max_columns=4):
    n_rows = draw(st.integers(1, max_rows))
    n_columns = draw(st.integers(1, max_columns))
    counts = draw(
        st.lists(
            st.lists(counts_strategy, min_size=n_columns, max_size=n_columns),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
    return Table([f"row {i}" for i in range(n_rows)], [f"col {j}" for j in range(n_columns)], counts)


def check_published(shown, table, threshold):
    """What every publication must satisfy apart from the attack: true figures where shown,
    small ones hidden as primary, zeros shown, and a reason for each hidden figure."""
    truth, published = table.figures(), shown.figures()
    for key, v in truth.items():
        if published[key] is None:
            assert v > 0, f"a zero is hidden at {key}"
            assert shown.reasons[key] is (Reason.PRIMARY if v < threshold else Reason.SECONDARY)
        else:
            assert published[key] == v and key not in shown.reasons
            assert not 0 < v < threshold, f"{key} = {v} is published"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(1, 6))
@example(Table(["North", "East"], ["children"], [[9], [1]]), 5)  # 10 = 9 + 1
@example(Table(["a", "b"], ["x", "y", "z"], [[3, 0, 0], [0, 0, 7]]), 5)
@example(Table(["a", "b"], ["x", "y"], [[4, 7], [6, 1]]), 5)
@example(Table(["a", "b", "c"], ["x", "y"], [[2, 0], [7, 0], [0, 9]]), 5)
def test_no_hidden_figure_can_be_worked_out(table, threshold):
    """The attacker, given any table as published (cells, row totals, column totals and grand
    total, each a number or hidden), recovers no hidden figure exactly."""
    shown = protect(table, threshold=threshold)
    check_published(shown, table, threshold)
    relations = table_relations(table.rows, table.columns, TOTAL, TOTAL)
    assert recoverable(shown.figures(), relations, table.figures()) == {}


@st.composite
def cohorts(draw):
    """The cohort page's shape: teams within areas, several outcome areas ("domains") each
    splitting every team's children into categories, all published with team, area and
    partnership totals; the tables are linked (shared totals, teams adding up to areas)."""
    n_teams = draw(st.integers(1, 4))
    area_of = [draw(st.sampled_from(["A", "B"])) for _ in range(n_teams)]
    n_domains = draw(st.integers(1, 2))
    n_categories = draw(st.integers(2, 3))
    sizes = [draw(st.one_of(st.integers(0, 6), st.integers(7, 20))) for _ in range(n_teams)]
    split = {}
    for t, size in enumerate(sizes):
        for d in range(n_domains):
            cuts = sorted(draw(st.lists(st.integers(0, size), min_size=n_categories - 1,
                                        max_size=n_categories - 1)))
            bounds = [0, *cuts, size]
            for c in range(n_categories):
                split[(t, d, c)] = bounds[c + 1] - bounds[c]
    return n_teams, area_of, n_domains, n_categories, split


def cohort_tables(n_teams, area_of, n_domains, n_categories, split):
    teams = [("team", t) for t in range(n_teams)]
    areas = sorted({a for a in area_of})
    tables = []
    for d in range(n_domains):
        columns = [(d, c) for c in range(n_categories)]
        by_team = {("team", t): {(d, c): split[(t, d, c)] for c in range(n_categories)}
                   for t in range(n_teams)}
        tables.append(Table.from_rows(by_team, columns=columns, total_row="all", total_column="n"))
        by_area = {("area", a): {col: sum(by_team[("team", t)][col] for t in range(n_teams)
                                          if area_of[t] == a) for col in columns} for a in areas}
        tables.append(Table.from_rows(by_area, columns=columns, total_row="all", total_column="n"))
        for a in areas:
            members = {k: v for k, v in by_team.items() if area_of[k[1]] == a}
            tables.append(Table.from_rows(members, columns=columns, total_row=("area", a),
                                          total_column="n"))
    return teams, tables


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(2, 6))
def test_linked_tables_hold_together(cohort, threshold):
    """Subtraction across tables (a team from its area, an area from everyone, one outcome
    area's totals against another's) recovers nothing either."""
    _, tables = cohort_tables(*cohort)
    published_tables = protect_linked(tables, threshold=threshold)
    published, truth, relations = {}, {}, []
    for table, shown in zip(tables, published_tables):
        check_published(shown, table, threshold)
        published.update(shown.figures())
        truth.update(table.figures())
        relations += table_relations(table.rows, table.columns, table.total_row, table.total_column)
    # A figure two tables share is shown in both or neither.
    for shown in published_tables:
        for key, v in shown.figures().items():
            assert published[key] == v
    assert recoverable(published, relations, truth) == {}


# --- the examples people will read ----------------------------------------------------------------


def test_the_issue_example_hides_north_or_everyone():
    shown = protect(Table(["North", "East"], ["children"], [[9], [1]]), threshold=5)
    assert shown.cell("East", "children") is None
    assert shown.cell("North", "children") is None or shown.total is None
    assert shown.reason("East", "children") is Reason.PRIMARY


def test_a_hidden_figure_alone_in_a_row_with_a_published_total_takes_the_total_with_it():
    # Column x needs a second hidden figure; b's 7 is the only candidate, and b's row is
    # otherwise zeros, so b's total is hidden as well.
    shown = protect(Table(["a", "b", "c"], ["x", "y"], [[2, 0], [7, 0], [0, 9]]), threshold=5)
    assert shown.row("b") == {"x": None, "y": 0}
    assert shown.cell("b", TOTAL) is None and shown.reason("b", TOTAL) is Reason.SECONDARY


def test_nothing_small_nothing_hidden():
    table = Table.from_rows({"North": {"improved": 6, "worse": 0}, "West": {"improved": 5, "worse": 9}})
    shown = protect(table, threshold=5)
    assert shown.figures() == table.figures() and not shown.reasons
    assert protect(table, threshold=1).figures() == table.figures()


def test_suppress_counts_keeps_its_contract():
    assert suppress_counts({"North": 12, "West": 3, "East": 9}, threshold=5) == {
        "North": 12, "West": None, "East": None}
    assert suppress_counts({"a": 3, "b": 0}, threshold=5) == {"a": None, "b": 0}
    assert suppress_counts({}, threshold=5) == {}


def test_linked_figures_must_agree():
    one = Table(["North"], ["children"], [[9]], total_row="all")
    other = Table(["North"], ["children"], [[8]], total_row="everyone")
    with pytest.raises(ValueError, match="is 9 in one table and 8 in another"):
        protect_linked([one, other], threshold=5)


@pytest.mark.parametrize("threshold", [0, -1, 2.5, True, "5"])
def test_the_threshold_is_a_whole_number_of_at_least_one(threshold):
    with pytest.raises(ValueError):
        protect(Table(["a"], ["x"], [[3]]), threshold=threshold)


@pytest.mark.parametrize(
    "args",
    [
        (["a", "a"], ["x"], [[1], [2]]),
        (["a"], ["x"], [[-1]]),
        (["a"], ["x"], [[1.0]]),
        (["a"], ["x", "y"], [[1]]),
        (["a", TOTAL], ["x"], [[1], [2]]),
    ],
)
def test_tables_refuse_what_cannot_be_counts(args):
    with pytest.raises(ValueError):
        Table(*args)


def test_the_public_api_is_small_and_the_docstring_examples_run():
    assert set(analysis.__all__) == set(disclosure.__all__)
    failures, tried = doctest.testmod(disclosure)
    assert tried >= 5 and failures == 0
