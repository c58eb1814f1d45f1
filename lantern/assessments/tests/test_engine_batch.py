"""Bulk re-scoring gives exactly what scoring one at a time gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

from lantern.assessments.engine import load_tool, rescore_many, score
from lantern.assessments.tests.helpers import answers


def random_answers(rng: random.Random, tool_slug: str, version: int, n: int):
    tool = load_tool(tool_slug, version)
    out = []
    for _ in range(n):
        seen = {}
        for ind in rng.sample(tool.indicators, rng.randint(0, 12)):
            seen[ind.id] = [
                (date(2023, 12, 31) - timedelta(days=rng.randint(0, 700))).isoformat()
                for _ in range(rng.randint(1, 3))
            ]
        dob = date(2006, 1, 1) + timedelta(days=rng.randint(0, 3000))
        out.append(
            answers(
                tool_slug, version, date(2023, 12, 31), seen, dob=dob, disability=rng.random() < 0.1
            )
        )
    return out


def test_rescore_many_matches_individual_scores():
    rng = random.Random(4)
    batch = random_answers(rng, "seraf-style", 1, 60) + random_answers(
        rng, "exploitation-risk", 1, 60
    )
    rng.shuffle(batch)
    as_at = date(2024, 2, 29)
    results = rescore_many(batch, as_at)
    assert len(results) == len(batch)
    for a, r in zip(batch, results):
        assert r.as_at == as_at
        expected = score(type(a)(a.tool, a.version, as_at, a.child, a.answers))
        assert r == expected
    assert len({r.level.code for r in results}) > 2  # the sample covers several bands


def test_rescore_many_without_explanations():
    batch = random_answers(random.Random(1), "seraf-style", 2, 20)
    results = rescore_many(batch, date(2024, 1, 31), explain=False)
    assert all(r.what_would_change == () for r in results)
    assert [r.score for r in results] == [r.score for r in rescore_many(batch, date(2024, 1, 31))]
