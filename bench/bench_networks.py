"""Network analysis at county scale: igraph through ``lantern.analysis.networks`` against raw
igraph and networkx, planted networks recovered, and the two-link view from PostgreSQL.

``python -m bench networks``:

1. generates the synthetic county (``--scale county``, seed 20260101) and builds its graph of
   links: the planted lines and groups (``network_links``), family relationships, homes
   (person to address), school friendships (each pupil linked to three classmates of the same
   school, year group and start date, dated by the enrolment) and personal phones (everyone
   from the age of 11). The county holds about 1.1 million such links; the friendships and
   phones are made here because the generator writes enrolments and people, not who is friends
   with whom or who holds which handset;
2. loads them into PostgreSQL with ``COPY`` (database ``bench_networks``; ``BENCH_PG_URL`` names
   the server), into a link table and an adjacency table with both directions of each link and
   a covering index, the design ``docs/adr/0021`` describes, and reads them back with ``COPY``;
3. times components, PageRank and Leiden through ``lantern.analysis.networks`` (the network as
   at the world's date, built from the link rows) against **raw igraph** given the same
   current edges as plain tuples (``Graph.TupleList``, the same ``community_leiden`` call), interleaved
   three times, medians; and against **networkx** (components, PageRank, Louvain: networkx has
   no Leiden of its own) on a random sample of links, with ours on the same sample, because
   networkx on the whole county takes many minutes;
4. measures recovery of the planted networks (NMI over their nodes, lines found whole), on the
   whole county graph and on the intelligence links alone;
5. times the two-link view around a person from PostgreSQL (two joins over the adjacency
   index, as at a date), p50/p95/p99 over 600 people, half of them children in planted networks.

``run(scale="small", pg=False)`` is the quick mode the test suite smoke-tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import machine

ROOT = Path(__file__).resolve().parent.parent
SEED = 20260101
AS_AT = dt.date(2026, 11, 28)
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = os.environ.get("BENCH_NETWORKS_DB", "bench_networks")
FRIENDS = 3
PHONE_AGE = 11
NX_SAMPLE = 150_000
QUERIES = 600
TARGET_IGRAPH_RATIO = 1.2
TARGET_NX_SPEEDUP = 20
TARGET_P95_MS = 50
TARGET_LINKS = 1_000_000

COLUMNS = ("id", "source", "target", "kind", "strength", "first_seen", "last_seen")


# --- the county's links ---------------------------------------------------------------------------


def generate(out: Path, scale: str) -> Path:
    subprocess.run([sys.executable, "-m", "lantern.synthetic.generator", "--scale", scale,
                    "--seed", str(SEED), "--as-at", AS_AT.isoformat(), "--out", str(out),
                    "--no-progress", "--json"], cwd=ROOT, check=True, capture_output=True, text=True)
    return out


def _rows(path: Path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def county_links(folder: Path) -> tuple[list[tuple], dict[str, int]]:
    """Link rows ``(source, target, kind, strength, first, last)`` with ISO date strings (blank
    when unknown), and how many came from each source."""
    rnd = random.Random(SEED)
    out: list[tuple] = []
    counts: dict[str, int] = {}

    def add(source: str, row: tuple) -> None:
        out.append(row)
        counts[source] = counts.get(source, 0) + 1

    for r in _rows(folder / "network_links.csv"):
        add("planted networks", (r["source"], r["target"], r["kind"], r["strength"], r["start_date"],
                                 r["end_date"]))
    seen: set[tuple[str, str]] = set()
    for r in _rows(folder / "relationships.csv"):
        a, b = r["person_id"], r["other_id"]
        pair = (a, b) if a < b else (b, a)
        if pair in seen:
            continue
        seen.add(pair)
        add("family and associates", (f"P:{a}", f"P:{b}", r["kind"], "confirmed", r["start_date"],
                                      r["end_date"]))
    del seen
    for r in _rows(folder / "addresses.csv"):
        add("homes", (f"P:{r['person_id']}", f"A:{r['address_id']}", "lives_at", "confirmed",
                      r["start_date"], r["end_date"]))
    cohorts: dict[tuple, list[tuple[str, str]]] = {}
    for r in _rows(folder / "enrolments.csv"):
        cohorts.setdefault((r["school_id"], r["year_group"], r["start_date"]), []).append(
            (r["person_id"], r["end_date"]))
    for (_school, _year, start), pupils in sorted(cohorts.items()):
        if len(pupils) < 2:
            continue
        for pid, end in pupils:
            for other, other_end in rnd.sample(pupils, min(FRIENDS + 1, len(pupils))):
                if other != pid:
                    last = min(e for e in (end, other_end) if e) if (end or other_end) else ""
                    add("school friendships", (f"P:{pid}", f"P:{other}", "associates_with",
                                               "unconfirmed", start, last))
    for r in _rows(folder / "people.csv"):
        dob = r["date_of_birth"]
        if not dob:
            continue
        y = int(dob[:4]) + PHONE_AGE
        if y > AS_AT.year:
            continue
        first = max(f"{y}{dob[4:]}" if dob[4:] != "-02-29" else f"{y}-03-01", "2015-01-01")
        add("personal phones", (f"P:{r['person_id']}", f"PH:x{r['person_id']}", "holds_phone",
                                "confirmed", first, ""))
    return out, counts


def truth(folder: Path) -> tuple[dict[int, list[str]], dict[int, dict]]:
    data = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    nets = {n["network_id"]: n for n in data["networks"]}
    return {k: n["nodes"] for k, n in nets.items()}, nets


# --- PostgreSQL -----------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE network_link (
    id bigint PRIMARY KEY, source text NOT NULL, target text NOT NULL, kind text NOT NULL,
    strength text NOT NULL, first_seen date, last_seen date);
CREATE TABLE network_adjacency (
    node text NOT NULL, other text NOT NULL, link_id bigint NOT NULL,
    first_seen date, last_seen date);
"""
ADJACENCY = """
INSERT INTO network_adjacency SELECT source, target, id, first_seen, last_seen FROM network_link;
INSERT INTO network_adjacency SELECT target, source, id, first_seen, last_seen FROM network_link
  WHERE target <> source;
CREATE INDEX network_adjacency_node ON network_adjacency (node)
  INCLUDE (other, link_id, first_seen, last_seen);
ANALYZE network_link; ANALYZE network_adjacency;
"""
#: Everything within two links of a node as at a date: the links from the centre, and from each
#: entity one link out; two index scans over the adjacency and a primary-key lookup per link.
TWO_LINKS = """
WITH one AS (
  SELECT a.other, a.link_id FROM network_adjacency a
  WHERE a.node = %(node)s AND (a.first_seen IS NULL OR a.first_seen <= %(on)s)
    AND (a.last_seen IS NULL OR a.last_seen >= %(on)s)
), two AS (
  SELECT b.link_id FROM one JOIN network_adjacency b ON b.node = one.other
  WHERE (b.first_seen IS NULL OR b.first_seen <= %(on)s) AND (b.last_seen IS NULL OR b.last_seen >= %(on)s)
)
SELECT l.id, l.source, l.target, l.kind, l.strength, l.first_seen, l.last_seen
FROM network_link l WHERE l.id IN (SELECT link_id FROM one UNION SELECT link_id FROM two)
"""


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def load_postgres(links: list[tuple], folder: Path) -> dict:
    """COPY the links in, build the adjacency, and COPY them back out as the analysis input."""
    import psycopg

    path = folder / "links.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        for i, row in enumerate(links, 1):
            w.writerow((i, *row))
    _recreate_database()
    timings = {}
    with psycopg.connect(f"{PG_BASE}/{DB_NAME}", autocommit=True) as conn:
        conn.execute(SCHEMA)
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy(
            "COPY network_link (id, source, target, kind, strength, first_seen, last_seen) "
            "FROM STDIN (FORMAT csv)"
        ) as copy, open(path, "rb") as f:
            while block := f.read(1 << 20):
                copy.write(block)
        timings["copy_in"] = time.perf_counter() - started
        started = time.perf_counter()
        conn.execute(ADJACENCY)
        timings["adjacency"] = time.perf_counter() - started
        size = conn.execute("SELECT pg_total_relation_size('network_link') + "
                            "pg_total_relation_size('network_adjacency')").fetchone()[0]
    timings["mb"] = size / 1024 / 1024
    return timings


def read_postgres() -> tuple[list[tuple], float]:
    """The link rows back from PostgreSQL (COPY out), dates parsed, as the analysis reads them."""
    import psycopg

    started = time.perf_counter()
    rows: list[tuple] = []
    cache: dict[bytes, dt.date | None] = {b"": None}

    def date(b: bytes):
        d = cache.get(b)
        if d is None and b not in cache:
            d = cache[b] = dt.date.fromisoformat(b.decode())
        return d

    with psycopg.connect(f"{PG_BASE}/{DB_NAME}") as conn, conn.cursor() as cur, cur.copy(
        "COPY (SELECT source, target, kind, strength, first_seen, last_seen FROM network_link "
        "ORDER BY id) TO STDOUT"
    ) as copy:
        buf = b""
        for block in copy:
            buf += bytes(block)
            *lines, buf = buf.split(b"\n")
            for line in lines:
                s, t, k, st, f, la = line.split(b"\t")
                rows.append((s.decode(), t.decode(), k.decode(), st.decode(),
                             date(b"" if f == b"\\N" else f), date(b"" if la == b"\\N" else la)))
    return rows, time.perf_counter() - started


def parse_rows(links: list[tuple]) -> list[tuple]:
    cache: dict[str, dt.date | None] = {"": None}

    def date(s: str):
        if s not in cache:
            cache[s] = dt.date.fromisoformat(s)
        return cache[s]

    return [(s, t, k, st, date(f), date(la)) for s, t, k, st, f, la in links]


def two_link_latency(rows: list[tuple], nets: dict[int, dict], n: int = QUERIES) -> dict:
    import psycopg

    rnd = random.Random(SEED)
    children = sorted({f"P:{c}" for net in nets.values() for c in net["children"]})
    people = sorted({r[0] for r in rows if r[0].startswith("P:")})
    centres = rnd.sample(children, min(n // 2, len(children)))
    centres += rnd.sample(people, min(n - len(centres), len(people)))
    rnd.shuffle(centres)
    times, sizes = [], []
    with psycopg.connect(f"{PG_BASE}/{DB_NAME}") as conn, conn.cursor() as cur:
        for c in centres[:50]:  # warm the plan and the cache
            cur.execute(TWO_LINKS, {"node": c, "on": AS_AT}, prepare=True)
            cur.fetchall()
        for c in centres:
            started = time.perf_counter()
            cur.execute(TWO_LINKS, {"node": c, "on": AS_AT}, prepare=True)
            got = cur.fetchall()
            times.append((time.perf_counter() - started) * 1000)
            sizes.append(len(got))
        plan = "\n".join(r[0] for r in cur.execute(
            "EXPLAIN " + TWO_LINKS, {"node": centres[0], "on": AS_AT}).fetchall())
    q = statistics.quantiles(times, n=100)
    return {"queries": len(times), "p50": statistics.median(times), "p95": q[94], "p99": q[98],
            "links_median": statistics.median(sizes), "links_max": max(sizes), "plan": plan}


# --- timing ---------------------------------------------------------------------------------------


def _clock() -> float:
    """CPU time of this process: the machine is shared (other work, PostgreSQL), and every
    algorithm here runs on one core, so CPU seconds are what the code costs."""
    return time.process_time()


def ours(rows: list[tuple], on: dt.date | None) -> dict:
    from lantern.analysis.networks import NetworkGraph

    t = {}
    started = _clock()
    g = NetworkGraph.from_links(rows, on)
    t["build"] = _clock() - started
    s = _clock()
    comp = g.component_of()
    t["components"] = _clock() - s
    s = _clock()
    g.pagerank()
    t["pagerank"] = _clock() - s
    s = _clock()
    comm = g.communities(seed=1)
    t["leiden"] = _clock() - s
    t["total"] = _clock() - started
    t["nodes"], t["links"] = len(g), g.link_count
    t["components_n"] = len(set(comp.values()))
    t["communities_n"] = len(set(comm.values()))
    t["_communities"] = comm
    return t


def raw_igraph(edges: list[tuple]) -> dict:
    """The peer: igraph called directly on plain (source, target, weight) tuples."""
    import igraph as ig

    t = {}
    started = _clock()
    g = ig.Graph.TupleList(edges, directed=False, weights=True)
    t["build"] = _clock() - started
    s = _clock()
    g.connected_components()
    t["components"] = _clock() - s
    s = _clock()
    g.pagerank(weights="weight", directed=False)
    t["pagerank"] = _clock() - s
    s = _clock()
    g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
    t["leiden"] = _clock() - s
    t["total"] = _clock() - started
    return t


def networkx_peer(edges: list[tuple]) -> dict:
    import networkx as nx

    t = {}
    started = _clock()
    g = nx.MultiGraph()
    g.add_weighted_edges_from(edges)
    t["build"] = _clock() - started
    s = _clock()
    list(nx.connected_components(g))
    t["components"] = _clock() - s
    s = _clock()
    nx.pagerank(nx.Graph(g))
    t["pagerank"] = _clock() - s
    s = _clock()
    nx.community.louvain_communities(nx.Graph(g), seed=1)
    t["leiden"] = _clock() - s
    t["total"] = _clock() - started
    return t


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def compare(rows: list[tuple], rounds: int = 3) -> dict:
    from lantern.analysis.networks import STRENGTH_WEIGHT, as_at

    current = list(as_at(rows, AS_AT))
    edges = [(r[0], r[1], STRENGTH_WEIGHT.get(r[3], 0.3)) for r in current]
    mine, peer = [], []
    for i in range(rounds):  # interleaved: A B B A A B ...
        for which in ((0, 1) if i % 2 == 0 else (1, 0)):
            if which == 0:
                mine.append(ours(rows, AS_AT))
            else:
                peer.append(raw_igraph(edges))
    return {"ours": mine, "peer": peer, "current_links": len(current), "edges": edges}


def sample_compare(rows: list[tuple], size: int) -> dict:
    from lantern.analysis.networks import STRENGTH_WEIGHT

    rnd = random.Random(SEED)
    sample = rnd.sample(rows, min(size, len(rows)))
    mine = ours(sample, None)
    edges = [(r[0], r[1], STRENGTH_WEIGHT.get(r[3], 0.3)) for r in sample]
    nxt = networkx_peer(edges)
    return {"links": len(sample), "ours": mine, "networkx": nxt}


def recoveries(rows: list[tuple], known: dict[int, list[str]], nets: dict[int, dict],
               communities: dict, planted: int) -> dict:
    """Recovery on the whole county graph, and on the intelligence links alone (the planted
    networks' own links, which come first in ``rows``), the picture an analyst holds."""
    from lantern.analysis.networks import NetworkGraph, recovery

    lines = [k for k, n in nets.items() if n["kind"] == "county_line"]
    county = recovery(communities, known)
    intel = NetworkGraph.from_links(rows[:planted]).communities(seed=1)
    return {"county": county, "intel": recovery(intel, known), "lines": len(lines)}


def _counts_from_rows(rows: list[tuple], planted: int) -> dict[str, int]:
    """How many links came from each source, read back from the loaded rows (reuse mode)."""
    counts = {"planted networks": planted, "family and associates": 0, "homes": 0,
              "school friendships": 0, "personal phones": 0}
    for r in rows[planted:]:
        if r[2] == "lives_at":
            counts["homes"] += 1
        elif r[2] == "holds_phone":
            counts["personal phones"] += 1
        elif r[2] == "associates_with":
            counts["school friendships"] += 1
        else:
            counts["family and associates"] += 1
    return counts


# --- the report -----------------------------------------------------------------------------------


def run(scale: str = "county", pg: bool = True, rounds: int = 3, nx_sample: int = NX_SAMPLE) -> dict:
    info = machine.describe()
    reuse = os.environ.get("BENCH_NETWORKS_REUSE")  # a folder holding the generated county
    if reuse and pg:
        # The database already holds this county's links (a previous run's COPY): read them
        # back and take the ground truth from the folder the run generated.
        folder = Path(reuse)
        known, nets = truth(folder)
        rows, read_s = read_postgres()
        with open(folder / "network_links.csv", encoding="utf-8") as f:
            planted = sum(1 for _ in f) - 1
        counts = _counts_from_rows(rows, planted)
        load = {"copy_in": float("nan"), "adjacency": float("nan"), "mb": float("nan")}
    else:
        with tempfile.TemporaryDirectory(prefix="lantern-bench-networks-") as tmp:
            folder = generate(Path(tmp) / "county", scale)
            links, counts = county_links(folder)
            known, nets = truth(folder)
            if pg:
                load = load_postgres(links, Path(tmp))
                rows, read_s = read_postgres()
            else:
                load, read_s = {}, 0.0
                rows = parse_rows(links)
            del links
    cmp = compare(rows, rounds)
    edges = cmp.pop("edges")
    del edges
    sample = sample_compare(rows, nx_sample)
    rec = recoveries(rows, known, nets, cmp["ours"][0]["_communities"], counts["planted networks"])
    latency = two_link_latency(rows, nets) if pg else None

    stages = ("build", "components", "pagerank", "leiden", "total")
    ratio = {k: _median(cmp["ours"], k) / max(_median(cmp["peer"], k), 1e-9) for k in stages}
    nx_ratio = {k: sample["networkx"][k] / max(sample["ours"][k], 1e-9) for k in stages}
    analysed = sum(_median(cmp["ours"], k) for k in ("components", "pagerank", "leiden"))
    analysed_peer = sum(_median(cmp["peer"], k) for k in ("components", "pagerank", "leiden"))
    ok = (ratio["total"] <= TARGET_IGRAPH_RATIO and nx_ratio["total"] >= TARGET_NX_SPEEDUP
          and (latency is None or latency["p95"] < TARGET_P95_MS)
          and (scale != "county" or len(rows) >= TARGET_LINKS))
    first = cmp["ours"][0]
    rows_md = "\n".join(
        f"| {k} | {_median(cmp['ours'], k):.2f} s | {_median(cmp['peer'], k):.2f} s | **{ratio[k]:.2f}x** "
        f"| {sample['ours'][k]:.2f} s | {sample['networkx'][k]:.2f} s | **{nx_ratio[k]:.0f}x** |"
        for k in stages)
    counts_md = ", ".join(f"{name} {n:,}" for name, n in counts.items())
    pg_md = "PostgreSQL was not used (quick mode)."
    if pg and reuse:
        pg_md = ("Loaded into PostgreSQL (`" + DB_NAME + "`) with `COPY` by an earlier run of this "
                 "benchmark (load times not measured again: `BENCH_NETWORKS_REUSE`). Read back with "
                 f"`COPY ... TO STDOUT` and dates parsed in {read_s:.1f} s: that is the analysis input below.")
    elif pg:
        pg_md = (f"Loaded into PostgreSQL (`{DB_NAME}`) with `COPY` in {load['copy_in']:.1f} s; the "
                 f"adjacency table (both directions, covering index) built in {load['adjacency']:.1f} s; "
                 f"{load['mb']:,.0f} MB on disk. Read back with `COPY ... TO STDOUT` and dates parsed "
                 f"in {read_s:.1f} s: that is the analysis input below.")
    lat_md = ""
    if latency:
        lat_md = f"""
**The two-link view around a person from PostgreSQL** (as at {AS_AT}, two joins over the
adjacency index, one prepared statement, {latency['queries']} people, half of them children in
planted networks, after 50 warm-up queries): p50 {latency['p50']:.1f} ms, **p95
{latency['p95']:.1f} ms**, p99 {latency['p99']:.1f} ms; median {latency['links_median']:.0f} links
returned, at most {latency['links_max']:,}. Target p95 under {TARGET_P95_MS} ms:
{"met" if latency['p95'] < TARGET_P95_MS else "**missed**"}.
"""
    rc, ri = rec["county"], rec["intel"]
    md = f"""## Network analysis at county scale (`bench/bench_networks.py`)

Measured {machine.line(info)}.

The synthetic county (`--scale {scale}`, seed {SEED}, as at {AS_AT}) as one graph of
{len(rows):,} links: {counts_md}. Friendships and phones are made by the benchmark (the
generator writes enrolments and people, not friendships or handsets). {pg_md}

As at {AS_AT}: {cmp['current_links']:,} current links, {first['nodes']:,} entities,
{first['components_n']:,} components, {first['communities_n']:,} Leiden communities.

| stage | ours | raw igraph | ours / igraph | ours, {sample['links']:,}-link sample | networkx, same sample | networkx / ours |
|---|---:|---:|---:|---:|---:|---:|
{rows_md}

"ours" is `NetworkGraph.from_links(rows, on=as_at)` then `component_of()`, `pagerank()` and
`communities()` (each answer a read-only mapping by node id over igraph's own list,
`ByNode`), from the link rows with dates: it applies the as-at rule itself. Raw igraph is handed the same current links, already filtered, as plain
`(source, target, weight)` tuples (`Graph.TupleList`, `connected_components`, `pagerank`,
the same `community_leiden` call); medians of {rounds} interleaved runs. The analysis
alone (components, PageRank, Leiden, without building) takes {analysed:.2f} s against
{analysed_peer:.2f} s. Leiden's time depends on the vertex order, which differs between the two
builds, so the Leiden row moves between runs in both directions.
networkx (components, PageRank, and Louvain: networkx has no Leiden) ran on a random sample of
{sample['links']:,} links, with ours on the same sample, because on the whole county it takes
many minutes; the whole-county networkx time would be at least
{sample['networkx']['total'] * len(rows) / sample['links']:,.0f} s if it only grew linearly.

Targets: ours within {TARGET_IGRAPH_RATIO}x of raw igraph ({ratio['total']:.2f}x:
{"met" if ratio['total'] <= TARGET_IGRAPH_RATIO else "**missed**"}); at least
{TARGET_NX_SPEEDUP}x faster than networkx ({nx_ratio['total']:.0f}x:
{"met" if nx_ratio['total'] >= TARGET_NX_SPEEDUP else "**missed**"}).

**Planted networks recovered** ({len(known)} planted: {rec['lines']} County Lines and
{len(known) - rec['lines']} groups; nodes of the planted networks only, an entity in two networks counted with the first):

| graph | NMI | networks found whole | lines and groups |
|---|---:|---:|---:|
| the whole county (Leiden above) | {rc.nmi:.3f} | {rc.whole} | {rc.networks} |
| intelligence links only (planted links and exploitation, {ri.nodes:,} nodes) | {ri.nmi:.3f} | {ri.whole} | {ri.networks} |

"Found whole" means every entity of the planted network (line, deal phone, adults, children,
handsets, addresses) is in one community; a community may hold more (a child's family).
{lat_md}"""
    headline = (f"{len(rows):,} links; ours/igraph {ratio['total']:.2f}x, networkx/ours "
                f"{nx_ratio['total']:.0f}x; NMI {rc.nmi:.2f}; "
                + (f"two-link p95 {latency['p95']:.1f} ms" if latency else "no PostgreSQL"))
    for r in cmp["ours"]:
        r.pop("_communities", None)
    sample["ours"].pop("_communities", None)
    return {"ok": ok, "markdown": md, "headline": headline, "ratio": ratio, "nx_ratio": nx_ratio,
            "recovery": rec, "latency": latency, "links": len(rows), "machine": info}


if __name__ == "__main__":
    from bench.__main__ import write_section

    result = run(scale=os.environ.get("BENCH_NETWORKS_SCALE", "county"),
                 rounds=int(os.environ.get("BENCH_NETWORKS_ROUNDS", "3")),
                 nx_sample=int(os.environ.get("BENCH_NETWORKS_NX_SAMPLE", str(NX_SAMPLE))))
    write_section("networks", result["markdown"])
    print(result["markdown"])
