"""Each statistic against a small world counted by hand, on DuckDB and on SQLite (the same SQL),
and the published figures against the disclosure attacker."""

from __future__ import annotations

import datetime as dt
import doctest
import sqlite3

import pytest

from lantern.analysis.statistics import (
    DBAPIEngine,
    Filters,
    compute_all,
    ddl,
    definitions,
    duckdb_from_rows,
    duckdb_over_parquet,
    publish,
    vocab,
)
from lantern.analysis.statistics.publish import _table
from lantern.analysis.tests.attacker import recoverable, table_relations

D = dt.date


def ev(i, person, date, etype, *, subtype="", concern="", method="", area="North", team="North team",
       age=None, arrested=0, charged=0, convicted=0):
    return (i, person, date, date.year, etype, subtype, concern, method, area, team, age, arrested,
            charged, convicted)


WORLD = {
    "facts_children": [
        (1, D(2009, 5, 1), "F", "North", "North team"),
        (2, D(2007, 5, 1), "M", "North", "North team"),
        (3, D(2011, 1, 1), "M", "West", "West team"),
        (4, D(2010, 1, 1), "F", "East", "East team"),
        (5, D(2010, 1, 1), "F", "", ""),
    ],
    "facts_events": [
        # CSE incidents: 2022 (outside the period), 2023 x3, 2024 x2
        ev(1, 4, D(2022, 12, 31), "cse_incident", concern="cse", method="social_media", area="East"),
        ev(2, 4, D(2023, 1, 1), "cse_incident", concern="cse", method="social_media", area="East"),
        ev(3, 4, D(2023, 3, 1), "cse_incident", concern="cse", method="social_media", area="East"),
        ev(4, 1, D(2023, 9, 1), "cse_incident", concern="cse", method="boyfriend"),
        ev(5, 5, D(2024, 2, 1), "cse_incident", concern="cse", method="party", area=""),
        ev(6, 1, D(2024, 12, 31), "cse_incident", concern="cse"),
        # an online grooming concern is not an incident
        ev(7, 1, D(2024, 5, 1), "online_grooming", concern="cse", method="online"),
        # drug-supply arrests: child 1 twice in 2023 (14 both times) and once in 2024 (15);
        # child 2 in 2023 (16); child 3 in 2024 (13); a theft arrest and a drug concern
        # without arrest do not count
        ev(8, 1, D(2023, 6, 1), "arrest", subtype="drug_supply", concern="drug_supply", age=14, arrested=1),
        ev(9, 1, D(2023, 8, 1), "arrest", subtype="drug_supply", concern="drug_supply", age=14, arrested=1),
        ev(10, 2, D(2023, 7, 1), "arrest", subtype="drug_supply", concern="drug_supply", age=16, arrested=1),
        ev(11, 3, D(2024, 3, 1), "arrest", subtype="drug_supply", concern="drug_supply", age=13,
           arrested=1, area="West", team="West team"),
        ev(12, 1, D(2024, 6, 1), "arrest", subtype="drug_supply", concern="drug_supply", age=15, arrested=1),
        ev(13, 4, D(2024, 6, 1), "arrest", subtype="theft", concern="cce", age=14, arrested=1, area="East"),
        ev(14, 2, D(2024, 6, 1), "intelligence", concern="drug_supply", age=17),
    ],
    "facts_missing": [
        (1, 1, D(2023, 2, 1), 2023, "North", "North team", "high", "within_72h"),
        (2, 1, D(2023, 5, 1), 2023, "North", "North team", "medium", "declined"),
        (3, 3, D(2024, 1, 1), 2024, "West", "West team", "low", "late"),
        (4, 5, D(2024, 4, 1), 2024, "", "", "high", ""),
        (5, 5, D(2025, 1, 1), 2025, "", "", "high", "within_72h"),  # after the period
    ],
    "facts_nrm": [
        (1, 1, D(2023, 6, 10), 2023, "North", "North team", "county_lines"),
        (2, 4, D(2024, 2, 10), 2024, "East", "East team", "sexual"),
        (2, 4, D(2024, 2, 10), 2024, "East", "East team", "trafficking"),
    ],
    "facts_lines": [
        (1, "North", "active", D(2019, 1, 1), D(2024, 6, 1)),
        (1, "North", "disrupted", D(2024, 6, 1), D(2025, 1, 1)),
        (1, "North", "closed", D(2025, 1, 1), None),
        (2, "West", "active", D(2023, 1, 1), None),
    ],
    "facts_assessments": [
        (1, 1, D(2023, 1, 10), "North", "North team", "Significant", 1, D(2023, 4, 10), D(2023, 4, 1)),
        (2, 1, D(2023, 4, 1), "North", "North team", "Moderate", 0, D(2023, 7, 1), None),
        (3, 2, D(2024, 2, 1), "North", "North team", "Low", 0, D(2024, 5, 1), D(2024, 6, 1)),
    ],
    "facts_panel_items": [
        (1, D(2024, 1, 5), "Early help", "Moderate"),
        (2, D(2024, 1, 5), "Children's social care", "Significant"),
        (3, D(2022, 1, 5), "Early help", "Low"),
    ],
    "facts_disruption": [
        (1, D(2023, 5, 5), "Child abduction warning notice", "", 0),
        (2, D(2024, 5, 5), "Child abduction warning notice", "Complied with", 1),
    ],
}

PERIOD = Filters(start=D(2023, 1, 1), end=D(2024, 12, 31))


def sqlite_engine():
    con = sqlite3.connect(":memory:")
    for table, rows in WORLD.items():
        con.execute(ddl(table))
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
    return DBAPIEngine(con, paramstyle="qmark", name="sqlite")


@pytest.fixture(params=["duckdb", "sqlite"])
def db(request):
    return duckdb_from_rows(WORLD) if request.param == "duckdb" else sqlite_engine()


def test_cse_incidents_per_year_counts_incidents_in_the_period(db):
    c = definitions.cse_incidents(db, PERIOD)
    assert c.as_dict() == {"2023": {"Incidents": 3}, "2024": {"Incidents": 2}}


def test_methods_break_down_the_same_incidents(db):
    c = definitions.cse_methods(db, PERIOD)
    d = c.as_dict()
    assert d["2023"]["Social media"] == 2 and d["2023"]["'Boyfriend' model"] == 1
    assert d["2024"]["Parties"] == 1 and d["2024"]["Not recorded"] == 1
    assert [sum(r) for r in c.counts] == [3, 2]


def test_children_arrested_for_drug_supply_count_each_child_once_a_year(db):
    c = definitions.drug_supply_arrests(db, PERIOD)
    assert c.as_dict() == {"2023": {"Children": 2}, "2024": {"Children": 2}}


def test_age_profile_uses_the_age_at_the_first_arrest_that_year(db):
    c = definitions.age_profile(db, PERIOD)
    assert c.as_dict()["2023"] == {"Under 13": 0, "13": 0, "14": 1, "15": 0, "16": 1, "17": 0}
    assert c.as_dict()["2024"] == {"Under 13": 0, "13": 1, "14": 0, "15": 1, "16": 0, "17": 0}
    assert c.detail["ages"] == {"2023": {14: 1, 16: 1}, "2024": {13: 1, 15: 1}}


def test_county_lines_as_at_a_date_take_the_status_that_day(db):
    c = definitions.county_lines(db, Filters(start=PERIOD.start, end=PERIOD.end, as_at=D(2024, 7, 1)))
    assert c.as_dict() == {"North": {"Active": 0, "Disrupted": 1, "Closed": 0},
                           "West": {"Active": 1, "Disrupted": 0, "Closed": 0},
                           "East": {"Active": 0, "Disrupted": 0, "Closed": 0}}
    on_the_day = definitions.county_lines(db, Filters(start=PERIOD.start, end=PERIOD.end, as_at=D(2024, 6, 1)))
    assert on_the_day.value("North", "Disrupted") == 1 and on_the_day.value("North", "Active") == 0
    before = definitions.county_lines(db, Filters(start=PERIOD.start, end=PERIOD.end, as_at=D(2022, 1, 1)))
    assert before.value("North", "Active") == 1 and before.value("West", "Active") == 0


def test_nrm_referrals_by_type(db):
    d = definitions.nrm_referrals(db, PERIOD).as_dict()
    assert d["2023"]["County Lines"] == 1
    assert d["2024"]["Sexual exploitation"] == 1 and d["2024"]["Trafficking"] == 1
    assert d["2024"]["Criminal exploitation"] == 0


def test_missing_episodes_by_area_and_their_return_interviews(db):
    m = definitions.missing_episodes(db, PERIOD).as_dict()
    assert m == {"North": {"2023": 2, "2024": 0}, "West": {"2023": 0, "2024": 1},
                 "East": {"2023": 0, "2024": 0}, "Area not recorded": {"2023": 0, "2024": 1}}
    r = definitions.return_interviews(db, PERIOD).as_dict()
    assert r["North"] == {"Held within 72 hours": 1, "Held after 72 hours": 0, "Offered, declined": 1,
                          "Offered, not held yet": 0, "Not offered or not recorded": 0}
    assert r["West"]["Held after 72 hours"] == 1
    assert r["Area not recorded"]["Not offered or not recorded"] == 1


def test_children_by_latest_risk_level_as_at(db):
    c = definitions.children_by_risk(db, PERIOD).as_dict()
    assert c["North"] == {"Low": 1, "Moderate": 1, "Not assessed": 0}
    assert c["West"]["Not assessed"] == 1 and c["Area not recorded"]["Not assessed"] == 1
    early = definitions.children_by_risk(db, Filters(start=D(2023, 1, 1), end=D(2023, 3, 1))).as_dict()
    assert early["North"] == {"Significant": 1, "Not assessed": 1}


def test_reviews_on_time_late_and_overdue(db):
    c = definitions.reviews_on_time(db, PERIOD).as_dict()
    assert c["North"] == {"On time": 1, "Late": 1, "Overdue, not done": 1}
    # as at 1 June 2023 the July review is not yet due
    mid = definitions.reviews_on_time(db, Filters(start=D(2023, 1, 1), end=D(2023, 6, 1))).as_dict()
    assert mid["North"] == {"On time": 1, "Late": 0, "Overdue, not done": 0}


def test_override_rate_counts_submitted_assessments(db):
    c = definitions.override_rate(db, PERIOD).as_dict()
    assert c["North"] == {"Level changed by professional judgement": 1, "Level as scored": 2}


def test_panel_outcomes_and_disruption(db):
    assert definitions.panel_outcomes(db, PERIOD).as_dict() == {
        "Children's social care": {"Moderate": 0, "Significant": 1},
        "Early help": {"Moderate": 1, "Significant": 0}}
    assert definitions.disruption_actions(db, PERIOD).as_dict() == {
        "Child abduction warning notice": {"Complied with": 1, "Still in force": 1}}


def test_area_and_team_filters(db):
    north = Filters(start=PERIOD.start, end=PERIOD.end, area="North")
    assert definitions.cse_incidents(db, north).as_dict() == {"2023": {"Incidents": 1}, "2024": {"Incidents": 1}}
    assert definitions.missing_episodes(db, north).rows == ("North",)
    west_team = Filters(start=PERIOD.start, end=PERIOD.end, team="West team")
    assert definitions.drug_supply_arrests(db, west_team).as_dict() == {"2023": {"Children": 0},
                                                                        "2024": {"Children": 1}}


def test_every_engine_gives_the_same_counts(tmp_path):
    import pyarrow.parquet as pq

    from lantern.analysis.statistics import arrow_table

    for table, rows in WORLD.items():
        pq.write_table(arrow_table(table, rows), tmp_path / f"{table}.parquet")
    engines = [duckdb_from_rows(WORLD), sqlite_engine(), duckdb_over_parquet(tmp_path)]
    results = [compute_all(e, PERIOD) for e in engines]
    assert results[0] == results[1] == results[2]


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        Filters(start=D(2024, 1, 1), end=D(2023, 1, 1))


# --- publishing -------------------------------------------------------------------------------

def test_small_counts_are_hidden_and_linked_tables_agree():
    stats = publish(compute_all(duckdb_from_rows(WORLD), PERIOD), threshold=2)
    by = {s.definition: s for s in stats}
    incidents, methods = by["cse_incidents"], by["cse_methods"]
    # the methods table's year totals are the incidents per year: one figure, hidden or not alike
    assert [r["total"] for r in methods.rows()] == [r["cells"][0] for r in incidents.rows()]
    assert methods.total == incidents.total
    boyfriend = methods.count.columns.index("'Boyfriend' model")
    assert methods.rows()[0]["cells"][boyfriend] is None  # 1 'boyfriend' incident in 2023
    for s in stats:
        for f in s.figures():
            assert (f.value is None) == f.suppressed


@pytest.mark.parametrize("threshold", [3])
def test_nothing_hidden_can_be_worked_out_across_the_published_tables(threshold):
    counts = compute_all(duckdb_from_rows(WORLD), PERIOD)
    stats = publish(counts, threshold=threshold)
    published, truth, relations = {}, {}, []
    for c, s in zip(counts, stats):
        t = _table(c)
        relations += table_relations(t.rows, t.columns, t.total_row, t.total_column)
        truth.update(t.figures())
        published.update(s.published.figures())
    assert recoverable(published, relations, truth) == {}


def test_median_age_only_from_shown_counts_and_the_trend():
    many = dict(WORLD)
    arrests = []
    i = 100
    for year, ages in ((2021, [16] * 6), (2022, [15] * 6), (2023, [14] * 3 + [15] * 3), (2024, [13] * 6)):
        for age in ages:
            i += 1
            arrests.append(ev(i, 1000 + i, D(year, 3, 1), "arrest", subtype="drug_supply",
                              concern="drug_supply", age=age, arrested=1))
    many["facts_events"] = arrests
    stats = publish(compute_all(duckdb_from_rows(many), Filters(start=D(2021, 1, 1), end=D(2024, 12, 31)),
                                ["drug_supply_arrests", "age_profile"]), threshold=5)
    profile = stats[1]
    medians = {d.row: d.value for d in profile.derived}
    # 2023's band counts (3 and 3) are hidden, so its median is not published
    assert medians == {"2021": 16, "2022": 15, "2023": None, "2024": 13}
    assert profile.finding.startswith("The median age is falling: 16 in 2021 and 13 in 2024")


def test_rates_are_published_only_from_shown_rows():
    rows = [(i, 1, D(2024, 1, 1), 2024, "North", "", "high", "within_72h") for i in range(6)]
    rows += [(10 + i, 1, D(2024, 1, 1), 2024, "North", "", "high", "declined") for i in range(5)]
    rows += [(20, 1, D(2024, 1, 1), 2024, "West", "", "high", "late")]
    stats = publish(compute_all(duckdb_from_rows({"facts_missing": rows}),
                                Filters(start=D(2024, 1, 1), end=D(2024, 12, 31)),
                                ["missing_episodes", "return_interviews"]), threshold=5)
    derived = {(d.label, d.row): d.value for d in stats[1].derived}
    assert derived[("Offered", "North")] == 11
    assert derived[("Held within 72 hours", "North")] == 6
    assert derived[("Offered", "West")] is None


def test_the_json_figure_shape():
    stats = publish(compute_all(duckdb_from_rows(WORLD), PERIOD, ["cse_incidents"]), threshold=5)
    figures = [f.as_json() for f in stats[0].figures()]
    assert {"definition": "cse_incidents", "row": "2023", "column": "Incidents", "value": None,
            "suppressed": True} in figures
    # 3 + 2 hidden, 5 shown: 1 + 4 and 2 + 3 fit as well
    assert {"definition": "cse_incidents", "row": "Total", "column": "Incidents", "value": 5,
            "suppressed": False} in figures


def test_cin_factor_mapping_and_doctests():
    assert vocab.cin_factors(["cse"]) == ["11A"]
    assert vocab.cin_factors(["missing", "trafficking"]) == ["10A", "12A"]
    import importlib

    publish_mod = importlib.import_module("lantern.analysis.statistics.publish")

    for module in (vocab, definitions, publish_mod):
        assert doctest.testmod(module).failed == 0
