"""Re-score every assessment of a county caseload as at one date, beside a plain-loop peer.

``python -m bench assessments``. The synthetic county (``lantern.synthetic.generator``) gives
5,000 children known to services and their chronology, but no indicator-level answers, so this
benchmark makes representative answers itself, deterministically: for each of 5,000 children
(aged 10 to 17, one in ten with a recorded disability) an assessment in the engine's stored
answers format (the JSON an ``Assessment`` row keeps) against a mix of pinned tool versions
(SERAF-style v1 and v2, CERAF-style exploitation-risk v1), with 2 to 5 vulnerabilities, up to 6
moderate and up to 4 significant indicators, each seen on 1 to 3 dates over the previous three
years, a fifth of them month-only.

Measured, as the app does it for a nightly re-score: the stored JSON parsed into engine answers
(``parse_answers``), then ``rescore_many`` as at one date, with explanations ("what would change
the level", as the result page shows) and without (a report only needing scores and levels).

Peer: a plain loop over the same stored JSON that parses every observation date and counts those
in the six months before the as-at date: the least work any re-score must do. The ratio says how
much the engine's windows, rules, bands, domain profile and explanations cost on top of that.

Target: every assessment re-scored (with explanations) in under 5 seconds on 2 cores.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from bench import machine

CHILDREN = 5_000
SEED = 20260101
AS_AT = dt.date(2026, 11, 1)
TARGET_SECONDS = 5.0
#: (tool, version, share of the caseload)
TOOLS = [("seraf-style", 1, 0.6), ("seraf-style", 2, 0.25), ("exploitation-risk", 1, 0.15)]
AGENCIES = ["Ashdown Police", "Ashdown Children's Services", "Oakfield Academy",
            "Ashdown Community Health", "Brightpath Youth Trust"]


def _date_text(rnd: random.Random, latest: dt.date, days_back: int) -> str:
    day = latest - dt.timedelta(days=rnd.randint(0, days_back))
    return day.strftime("%Y-%m") if rnd.random() < 0.2 else day.isoformat()


def make_caseload(n: int = CHILDREN, seed: int = SEED) -> list[dict]:
    """``n`` stored assessments (answers-file dicts), deterministic for a seed."""
    from lantern.assessments.engine import load_tool

    rnd = random.Random(seed)
    tools = {(slug, v): load_tool(slug, v) for slug, v, _ in TOOLS}
    by_section = {
        key: {s.id: [i for i in tool.indicators if i.section == s.id] for s in tool.sections}
        for key, tool in tools.items()
    }
    weights = [share for _, _, share in TOOLS]
    caseload = []
    for _ in range(n):
        slug, version, _ = rnd.choices(TOOLS, weights=weights)[0]
        sections = list(by_section[(slug, version)].values())
        vulnerable, moderate, significant = sections[0], sections[1], sections[-1]
        picks = (
            rnd.sample(vulnerable, rnd.randint(2, min(5, len(vulnerable))))
            + rnd.sample(moderate, rnd.randint(0, min(6, len(moderate))))
            + rnd.sample(significant, rnd.randint(0, min(4, len(significant))))
        )
        answers = []
        for indicator in picks:
            observed = []
            for _ in range(rnd.randint(1, 3)):
                item = {"date": _date_text(rnd, AS_AT, 3 * 365)}
                if rnd.random() < 0.5:
                    item["source_agency"] = rnd.choice(AGENCIES)
                    item["evidence_type"] = rnd.choice(indicator.evidence_types)
                observed.append(item)
            answers.append({"indicator": indicator.id, "observed": observed})
        age = rnd.randint(10, 17)
        dob = AS_AT.replace(year=AS_AT.year - age) - dt.timedelta(days=rnd.randint(1, 360))
        caseload.append(
            {
                "tool": slug,
                "version": version,
                "as_at": (AS_AT - dt.timedelta(days=rnd.randint(30, 400))).isoformat(),
                "child": {"date_of_birth": dob.isoformat(), "disability": rnd.random() < 0.1},
                "answers": answers,
            }
        )
    return caseload


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def peer_count(caseload: list[dict], as_at: dt.date) -> int:
    """Parse every observation date and count those within six months before ``as_at``."""
    from lantern.assessments.engine import months_before

    since = months_before(as_at, 6)
    count = 0
    for stored in caseload:
        for answer in stored["answers"]:
            for obs in answer["observed"]:
                text = obs["date"]
                day = dt.date.fromisoformat(text + "-01" if len(text) == 7 else text)
                if since <= day <= as_at:
                    count += 1
    return count


def rescore(caseload: list[dict], as_at: dt.date, *, explain: bool):
    from lantern.assessments.engine import parse_answers, rescore_many

    answers = [parse_answers(stored) for stored in caseload]
    return rescore_many(answers, as_at, explain=explain)


def run() -> dict:
    from lantern.assessments.engine import parse_answers

    info = machine.describe()
    caseload, make_s, _ = _timed(lambda: make_caseload())
    observations = sum(len(a["observed"]) for c in caseload for a in c["answers"])
    # Warm the definition cache first, as a running server has (loading YAML is not re-scoring).
    rescore(caseload[:10], AS_AT, explain=False)
    peer_n, peer_wall, peer_cpu = _timed(lambda: peer_count(caseload, AS_AT))
    full, full_wall, full_cpu = _timed(lambda: rescore(caseload, AS_AT, explain=True))
    quick, quick_wall, quick_cpu = _timed(lambda: rescore(caseload, AS_AT, explain=False))
    parsed, parse_wall, _ = _timed(lambda: [parse_answers(c) for c in caseload])
    assert len(full) == len(quick) == CHILDREN
    assert [r.score for r in full] == [r.score for r in quick]
    levels: dict[str, int] = {}
    for r in full:
        key = f"{r.tool} v{r.version}: {r.level.label}"
        levels[key] = levels.get(key, 0) + 1
    mandatory = sum(1 for r in full if r.mandatory_actions)
    shared = info["load_average"] > info["cores"]
    # On a shared machine the wall time stretches with other people's work; the CPU time is
    # what the re-score itself needed, so it decides the target there.
    ok = full_wall < TARGET_SECONDS or (shared and full_cpu < TARGET_SECONDS)
    ratio = full_wall / peer_wall if peer_wall else float("inf")
    cpu_ratio = full_cpu / peer_cpu if peer_cpu else float("inf")
    level_rows = "\n".join(
        f"| {label} | {count:,} |" for label, count in sorted(levels.items())
    )
    md = f"""## Re-scoring every assessment of the county caseload as at one date

Measured {machine.line(info)}.

{CHILDREN:,} assessments (one per child known to services in the county), {observations:,}
dated observations, made deterministically by the benchmark (seed {SEED}) in the stored answers
format against SERAF-style v1 (60%), v2 (25%) and CERAF-style exploitation-risk v1 (15%); each
scored against its own pinned version, as at {AS_AT.isoformat()}. Times include parsing the
stored JSON into engine answers (alone: {parse_wall:.2f} s); tool definitions were already loaded.

| | wall time | CPU time | per assessment |
|---|---:|---:|---:|
| `rescore_many` with explanations (as the result page) | {full_wall:.2f} s | {full_cpu:.2f} s | {1000 * full_wall / CHILDREN:.2f} ms |
| `rescore_many` without explanations (scores and levels) | {quick_wall:.2f} s | {quick_cpu:.2f} s | {1000 * quick_wall / CHILDREN:.2f} ms |
| peer: plain loop parsing every date, counting those in the last 6 months ({peer_n:,}) | {peer_wall:.2f} s | {peer_cpu:.2f} s | {1000 * peer_wall / CHILDREN:.3f} ms |
| **ratio with explanations / peer** | **{ratio:.0f}x** | {cpu_ratio:.0f}x | |
| ratio without explanations / peer | {quick_wall / peer_wall:.0f}x | {quick_cpu / peer_cpu:.0f}x | |

Target: all {CHILDREN:,} re-scored with explanations in under {TARGET_SECONDS:.0f} s on 2 cores:
{"met" if ok else "MISSED"} ({full_wall:.2f} s wall, {full_cpu:.2f} s CPU, one process).{" The machine was shared (load average above the cores), so the CPU time decides the target and the CPU-time ratio is the steadier figure." if shared else ""}
The explanations ("what would change the level") project each child's score forward to every
date an observation leaves a window, which is most of the difference between the two rows.
{mandatory:,} children met a hard rule (a mandatory action).

| tool and level (as at {AS_AT.isoformat()}) | children |
|---|---:|
{level_rows}
"""
    headline = (
        f"{CHILDREN:,} re-scored in {full_wall:.2f}s with explanations "
        f"({ratio:.0f}x peer), {quick_wall:.2f}s without"
    )
    return {
        "ok": ok,
        "markdown": md,
        "headline": headline,
        "seconds": full_wall,
        "seconds_no_explain": quick_wall,
        "peer_seconds": peer_wall,
        "ratio": ratio,
        "observations": observations,
        "machine": info,
        "make_seconds": make_s,
        "parsed": len(parsed),
    }


if __name__ == "__main__":
    result = run()
    print(result["markdown"])
