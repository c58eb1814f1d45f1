"""Re-score many assessments at one as-at date (reports, "who has aged out this month?").

Why a separate helper: a partnership may re-score every open assessment nightly. Definitions are
loaded once per tool version, and window boundaries are computed once per (tool, as-at) and shared
(``ToolDefinition.window_bounds`` caches them), so the cost is the observations themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from .answers import Answers
from .definition import ToolDefinition
from .registry import load_tool
from .scoring import Result, score


def rescore_many(
    answers_list: Iterable[Answers],
    as_at: date,
    *,
    explain: bool = True,
    extra_dir: str | Path | None = None,
) -> list[Result]:
    """Score every set of answers as at ``as_at`` (each against its own pinned tool version).

    Raises on the first answers that cannot be scored; callers that need per-item errors should
    use ``score`` in their own loop.
    """
    tools: dict[tuple[str, int | None], ToolDefinition] = {}
    results = []
    for answers in answers_list:
        key = (answers.tool, answers.version)
        tool = tools.get(key)
        if tool is None:
            tool = tools[key] = load_tool(answers.tool, answers.version, extra_dir=extra_dir)
        results.append(score(replace(answers, as_at=as_at), tool, explain=explain))
    return results
