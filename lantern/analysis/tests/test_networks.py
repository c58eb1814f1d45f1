"""The network library: as-at rule, graph analysis, changes, alerts with paths, recovery."""

from __future__ import annotations

import datetime as dt
import random

import igraph as ig
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.analysis.networks import (
    NEAR_ACTIVE_LINE,
    PLACE_LINKED,
    SCHOOL_YEAR_GROUP,
    SHARED_ADULT,
    SHARED_MISSING,
    SHARED_PHONE,
    Facts,
    Link,
    NetworkGraph,
    alerts_at,
    alerts_since,
    as_at,
    changes_since,
    is_current,
    kind_of,
    recovery,
    strength_at_least,
)

D = dt.date


def L(s, t, kind="associates_with", strength="confirmed", first=None, last=None):
    return Link(s, t, kind, strength, first, last)


# --- model --------------------------------------------------------------------------------------

def test_kind_of_prefixes():
    assert kind_of("P:1") == "person"
    assert kind_of("PH:07700900187") == "phone"
    assert kind_of("L:3") == "line"
    assert kind_of("A:9") == "address"
    assert kind_of("M:4") == "missing_episode"
    assert kind_of("ZZ:1") == "other"


def test_as_at_rule():
    link = L("P:1", "P:2", first=D(2024, 1, 1), last=D(2024, 6, 30))
    assert not is_current(link, D(2023, 12, 31))
    assert is_current(link, D(2024, 1, 1))
    assert is_current(link, D(2024, 6, 30))
    assert not is_current(link, D(2024, 7, 1))
    assert is_current(link, D(2024, 7, 1), include_ended=True)
    assert is_current(L("P:1", "P:2"), D(1990, 1, 1))  # undated: always known
    assert is_current(link, None)


def test_filters_by_kind_strength_and_entity():
    rows = [L("P:1", "PH:1", "holds_phone", "tentative"), L("P:1", "P:2", "associates_with", "confirmed"),
            L("P:2", "A:1", "lives_at", "unconfirmed")]
    assert [r.kind for r in as_at(rows, None, kinds={"lives_at"})] == ["lives_at"]
    assert [r.kind for r in as_at(rows, None, min_strength="tentative")] == ["holds_phone", "associates_with"]
    assert [r.kind for r in as_at(rows, None, node_kinds={"person"})] == ["associates_with"]
    assert strength_at_least("confirmed", "tentative") and not strength_at_least("unconfirmed", "tentative")


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 1, 1))


@st.composite
def link_rows(draw, max_nodes=12, max_links=30):
    n = draw(st.integers(2, max_nodes))
    rows = []
    for _ in range(draw(st.integers(0, max_links))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        first = draw(st.none() | dates)
        last = draw(st.none() | dates)
        if first and last and last < first:
            first, last = last, first
        kind = draw(st.sampled_from(["associates_with", "missing_with", "holds_phone", "parent"]))
        rows.append(L(f"P:{a}", f"P:{b}", kind, draw(st.sampled_from(["confirmed", "tentative"])), first, last))
    return rows


@given(link_rows(), dates, dates)
def test_known_links_only_grow_with_time(rows, d1, d2):
    d1, d2 = min(d1, d2), max(d1, d2)
    early = {id(r) for r in as_at(rows, d1, include_ended=True)}
    late = {id(r) for r in as_at(rows, d2, include_ended=True)}
    assert early <= late


# --- graph ----------------------------------------------------------------------------------------

@given(link_rows(), st.none() | dates)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_components_agree_with_networkx(rows, on):
    g = NetworkGraph.from_links(rows, on)
    ref = nx.MultiGraph()
    for r in as_at(rows, on):
        ref.add_edge(r.source, r.target)
    ours = sorted(tuple(c) for c in g.components())
    theirs = sorted(tuple(sorted(c)) for c in nx.connected_components(ref))
    assert ours == theirs


@given(link_rows())
@settings(max_examples=40)
def test_pagerank_sums_to_one_and_communities_cover_every_node(rows):
    g = NetworkGraph.from_links(rows)
    if len(g) == 0:
        assert g.pagerank() == {} and g.communities() == {}
        return
    assert sum(g.pagerank().values()) == pytest.approx(1.0)
    comm = g.communities(seed=3)
    assert set(comm) == set(g.names)
    assert comm == g.communities(seed=3)  # a seed gives the same answer


def test_isolated_nodes_are_kept():
    g = NetworkGraph.from_links([L("P:1", "P:2")], nodes=["P:9"])
    assert ["P:9"] in g.components()


def test_leiden_separates_two_cliques_joined_by_one_link():
    rows = [L(f"P:{a}", f"P:{b}") for a in range(5) for b in range(a + 1, 5)]
    rows += [L(f"P:{a}", f"P:{b}") for a in range(10, 15) for b in range(a + 1, 15)]
    rows.append(L("P:0", "P:10", strength="unconfirmed"))
    comm = NetworkGraph.from_links(rows).communities(seed=1)
    assert len({comm[f"P:{i}"] for i in range(5)}) == 1
    assert len({comm[f"P:{i}"] for i in range(10, 15)}) == 1
    assert comm["P:0"] != comm["P:10"]


def test_a_higher_resolution_gives_smaller_communities_and_leaves_random_alone():
    rows = [L(f"P:{a}", f"P:{b}") for a in range(8) for b in range(a + 1, 8)]
    rows += [L(f"P:{a}", f"P:{b}") for a in range(10, 18) for b in range(a + 1, 18)]
    rows.append(L("P:0", "P:10"))
    g = NetworkGraph.from_links(rows)
    random.seed(42)
    expected = random.random()
    random.seed(42)
    coarse = set(g.communities(seed=1).values())
    fine = set(g.communities(seed=1, resolution=20.0).values())
    assert len(coarse) == 2 and len(fine) > len(coarse)
    assert random.random() == expected  # the module's own sequence was not consumed


def test_sampled_betweenness_estimates_the_exact_figure():
    graph = ig.Graph.Barabasi(400, 2)
    rows = [L(f"P:{a}", f"P:{b}") for a, b in graph.get_edgelist()]
    g = NetworkGraph.from_links(rows)
    exact = g.betweenness(sample=None)
    estimate = g.betweenness(sample=200, seed=5)
    hub = max(exact, key=exact.get)
    assert estimate[hub] == pytest.approx(exact[hub], rel=0.35)
    assert max(estimate, key=estimate.get) in sorted(exact, key=exact.get)[-5:]


def test_key_nodes_ranks_the_hub_first_and_respects_among():
    rows = [L("P:0", f"P:{i}") for i in range(1, 8)] + [L("P:1", "P:2")]
    g = NetworkGraph.from_links(rows)
    top = g.key_nodes(top=3, sample=None)
    assert top[0].node == "P:0" and top[0].degree == 7
    assert all(k.node != "P:0" for k in g.key_nodes(top=3, among=["P:1", "P:2", "P:3"]))


def test_neighbourhood_depths_and_links():
    rows = [L("P:1", "P:2"), L("P:2", "P:3"), L("P:3", "P:4"), L("P:1", "P:3")]
    g = NetworkGraph.from_links(rows)
    n1 = g.neighbourhood("P:1", 1)
    assert n1.distance == {"P:1": 0, "P:2": 1, "P:3": 1}
    assert {(r.source, r.target) for r in n1.links} == {("P:1", "P:2"), ("P:2", "P:3"), ("P:1", "P:3")}
    assert g.neighbourhood("P:1", 2).distance["P:4"] == 2
    assert g.neighbourhood("P:404", 2).distance == {}


def test_path_gives_each_links_row():
    rows = [L("P:1", "PH:7", "holds_phone"), L("PH:7", "L:1", "contacts")]
    g = NetworkGraph.from_links(rows)
    path = g.path("P:1", "L:1")
    assert [n for n, _ in path] == ["P:1", "PH:7", "L:1"]
    assert [r.kind for _, r in path[1:]] == ["holds_phone", "contacts"]
    assert g.path("P:1", "L:1", max_links=1) == []


# --- changes ------------------------------------------------------------------------------------

def test_changes_since_reports_merge_new_and_ended():
    rows = [L("P:1", "P:2", first=D(2024, 1, 1)), L("P:3", "P:4", first=D(2024, 1, 1)),
            L("P:2", "P:3", first=D(2025, 1, 1)), L("P:4", "P:5", first=D(2024, 1, 1), last=D(2024, 6, 1))]
    ch = changes_since(rows, D(2024, 3, 1), D(2025, 3, 1))
    assert ch.new_nodes == []
    assert [(r.source, r.target) for r in ch.new_links] == [("P:2", "P:3")]
    assert [(r.source, r.target) for r in ch.ended_links] == [("P:4", "P:5")]
    # P:5 left when its link ended, so it is not part of the group that joined.
    assert sorted(ch.merged[0]) == [["P:1", "P:2"], ["P:3", "P:4"]] and len(ch.merged) == 1
    assert changes_since(rows, D(2025, 3, 1), D(2025, 3, 1)).new_links == []
    with pytest.raises(ValueError):
        changes_since(rows, D(2025, 1, 1), D(2024, 1, 1))


@given(link_rows(), dates, dates)
@settings(max_examples=50)
def test_merged_parts_are_disjoint_and_now_connected(rows, d1, d2):
    since, on = min(d1, d2), max(d1, d2)
    ch = changes_since(rows, since, on)
    after = NetworkGraph.from_links(rows, on).component_of()
    for parts in ch.merged:
        flat = [n for p in parts for n in p]
        assert len(flat) == len(set(flat))
        assert len({after[n] for p in parts for n in p if n in after}) == 1


# --- alerts -------------------------------------------------------------------------------------

def county():
    """A small county: line L:1 (active), a child drawn near it in 2025, two pupils in one year."""
    rows = [
        L("P:10", "L:1", "controls", first=D(2023, 1, 1)),
        L("P:10", "P:1", "exploits", "tentative", D(2025, 2, 1)),       # child 1 newly near the line
        L("P:2", "PH:5", "holds_phone", "tentative", D(2024, 1, 1)),
        L("PH:5", "L:1", "contacts", "tentative", D(2024, 1, 1)),     # child 2 near since 2024
        L("P:3", "P:10", "associates_with", "confirmed", D(2025, 3, 1)),  # child 3 shares adult 10 with 1
        L("P:10", "A:7", "uses_address", "confirmed", D(2025, 1, 1)),  # adult of concern at a place
        L("P:1", "P:4", "missing_with", "confirmed", D(2025, 4, 1)),
        L("P:20", "P:1", "parent", "confirmed"),
        L("P:20", "P:4", "parent", "confirmed"),                       # siblings: not an alert
    ]
    facts = {
        "L:1": Facts(active_line=True),
        "P:1": Facts(child=True, school="S1", year_group=9, high_risk=True),
        "P:2": Facts(child=True, school="S1", year_group=9),
        "P:3": Facts(child=True, school="S1", year_group=8),
        "P:4": Facts(child=True),
        "P:10": Facts(of_concern=True),
    }
    return rows, facts


def _steps_are_links(alert, rows, on):
    g = NetworkGraph.from_links(rows, on)
    for path in alert.paths:
        assert path, alert
        for (a, _), (b, link) in zip(path, path[1:], strict=False):
            assert {link.source, link.target} == {a, b}
            assert b in g.neighbours(a)


def test_alerts_each_rule_with_a_path():
    rows, facts = county()
    on = D(2025, 6, 1)
    alerts = alerts_at(rows, facts, on)
    by = {(a.kind, a.about, a.subjects) for a in alerts}
    assert (NEAR_ACTIVE_LINE, "L:1", ("P:1",)) in by
    assert (NEAR_ACTIVE_LINE, "L:1", ("P:2",)) in by
    assert (NEAR_ACTIVE_LINE, "L:1", ("P:3",)) in by
    assert (SCHOOL_YEAR_GROUP, "L:1", ("P:1", "P:2")) in by
    assert (SHARED_ADULT, "P:10", ("P:1", "P:3")) in by
    assert (SHARED_MISSING, "P:1", ("P:1", "P:4")) in by
    assert any(a.kind == PLACE_LINKED and a.about == "A:7" for a in alerts)
    assert not any(a.kind == SHARED_ADULT and a.about == "P:20" for a in alerts)  # a parent
    for a in alerts:
        _steps_are_links(a, rows, on)
        if a.kind == NEAR_ACTIVE_LINE:
            assert len(a.paths[0]) - 1 <= 2


def test_alerts_since_only_new_ones():
    rows, facts = county()
    new = alerts_since(rows, facts, since=D(2024, 6, 1), on=D(2025, 6, 1))
    near = {a.subjects for a in new if a.kind == NEAR_ACTIVE_LINE}
    assert ("P:1",) in near and ("P:2",) not in near  # child 2 was already near in 2024
    assert alerts_since(rows, facts, since=D(2025, 6, 1), on=D(2025, 6, 1)) == []


def test_an_inactive_line_raises_nothing():
    rows, facts = county()
    facts = dict(facts, **{"L:1": Facts(active_line=False)})
    assert not [a for a in alerts_at(rows, facts, D(2025, 6, 1)) if a.kind == NEAR_ACTIVE_LINE]


def test_shared_phone_and_missing_episode_nodes():
    rows = [L("P:1", "PH:9", "holds_phone"), L("P:2", "PH:9", "holds_phone"),
            L("P:1", "M:4", "missing_in"), L("P:3", "M:4", "missing_in")]
    facts = {f"P:{i}": Facts(child=True) for i in (1, 2, 3)}
    kinds = {(a.kind, a.subjects) for a in alerts_at(rows, facts, D(2026, 1, 1))}
    assert (SHARED_PHONE, ("P:1", "P:2")) in kinds
    assert (SHARED_MISSING, ("P:1", "P:3")) in kinds


def test_a_high_risk_child_at_a_place():
    rows = [L("P:1", "PL:3", "seen_at"), L("P:2", "PL:3", "seen_at")]
    facts = {"P:1": Facts(child=True, high_risk=True), "P:2": Facts(child=True)}
    alerts = [a for a in alerts_at(rows, facts, D(2026, 1, 1)) if a.kind == PLACE_LINKED]
    assert [(a.about, a.subjects) for a in alerts] == [("PL:3", ("P:1",))]


@given(link_rows(), dates, dates)
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_every_alert_path_is_made_of_current_links(rows, d1, d2):
    since, on = min(d1, d2), max(d1, d2)
    facts = {f"P:{i}": Facts(child=i % 2 == 0, of_concern=i % 3 == 0, school="S", year_group=i % 2)
             for i in range(12)}
    facts["P:1"] = Facts(active_line=True, kind="line")
    for a in alerts_since(rows, facts, since=since, on=on):
        _steps_are_links(a, rows, on)
        assert all(facts.get(s, Facts()).child for s in a.subjects)


# --- recovery -----------------------------------------------------------------------------------

def test_recovery_perfect_and_split():
    known = {1: ["P:1", "P:2", "L:1"], 2: ["P:3", "L:2"]}
    perfect = recovery({"P:1": 0, "P:2": 0, "L:1": 0, "P:3": 1, "L:2": 1}, known)
    assert perfect.nmi == pytest.approx(1.0) and perfect.whole == 2
    split = recovery({"P:1": 0, "P:2": 5, "L:1": 0, "P:3": 1, "L:2": 1}, known)
    assert split.whole == 1 and split.nmi < 1.0


def test_answers_by_node_read_like_a_dict_without_copying():
    g = NetworkGraph.from_links([L("P:1", "P:2"), L("P:3", "P:4")], nodes=["P:9"])
    comp = g.component_of()
    assert dict(comp) == {"P:9": comp["P:9"], "P:1": comp["P:1"], "P:2": comp["P:1"],
                          "P:3": comp["P:3"], "P:4": comp["P:3"]}
    assert list(comp) == g.names and comp.values() == g.component_membership()
    assert len(comp) == 5 and "P:9" in comp and "P:7" not in comp and comp.get("P:7") is None
    assert comp["P:1"] != comp["P:3"] != comp["P:9"]
    with pytest.raises(KeyError):
        comp["P:7"]
    with pytest.raises(TypeError):
        comp["P:1"] = 3  # read-only
