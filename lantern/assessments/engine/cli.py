"""Answers files on disk: parse, score one, score many. Pure functions behind ``score_assessment``.

The answers file format is documented in ``docs/reference/assessment-answers.md``::

    {"tool": "seraf-style", "version": 1, "as_at": "2019-06-30",
     "child": {"date_of_birth": "2006-03-01", "disability": false},
     "answers": [{"indicator": "sig_controlled_contact", "observed": ["2019-01-12", "2018-11"]}]}

An observed item is a date string ('YYYY-MM-DD', or 'YYYY-MM' for month-only) or an object
``{"date", "source_agency", "evidence_type", "note"}``.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from .answers import Answers, Child, IndicatorAnswer, Observation
from .dates import parse_date
from .errors import AnswersError, EngineError
from .registry import load_tool
from .scoring import score


def _date(value: Any, what: str, problems: list[str]) -> tuple[date, bool] | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        problems.append(f"{what}: {exc}")
        return None


def _observation(item: Any, where: str, problems: list[str]) -> Observation | None:
    if isinstance(item, str):
        parsed = _date(item, where, problems)
        return Observation(parsed[0], parsed[1]) if parsed else None
    if not isinstance(item, dict):
        problems.append(f"{where}: expected a date string or an object with a 'date'")
        return None
    unknown = set(item) - {"date", "source_agency", "evidence_type", "note"}
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if "date" not in item:
        problems.append(f"{where}: missing 'date'")
        return None
    parsed = _date(item["date"], where, problems)
    if parsed is None:
        return None
    return Observation(
        parsed[0],
        parsed[1],
        source_agency=str(item.get("source_agency") or ""),
        evidence_type=item.get("evidence_type") or None,
        note=str(item.get("note") or ""),
    )


def parse_answers(
    data: Any,
    *,
    tool: str | None = None,
    version: int | None = None,
    as_at: str | date | None = None,
) -> Answers:
    """Build :class:`Answers` from decoded JSON; arguments given here override the file.

    Raises :class:`AnswersError` listing every problem found. A version missing from both the
    file and the arguments means "the latest"; ``as_at`` must be given in one or the other.
    """
    if not isinstance(data, dict):
        raise AnswersError("an answers file must be a JSON object")
    problems: list[str] = []
    unknown = set(data) - {"tool", "version", "as_at", "child", "answers"}
    if unknown:
        problems.append(f"unknown top-level field(s): {', '.join(sorted(unknown))}")
    slug = tool or data.get("tool")
    if not slug or not isinstance(slug, str):
        problems.append('no tool given (set "tool" in the file or pass a tool)')
    version = version if version is not None else data.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        problems.append(f"version must be a whole number, not {version!r}")
    as_at_value = as_at if as_at is not None else data.get("as_at")
    as_at_date = None
    if isinstance(as_at_value, date):
        as_at_date = as_at_value
    elif as_at_value is None:
        problems.append('no as_at date given (set "as_at" in the file or pass one)')
    else:
        parsed = _date(as_at_value, "as_at", problems)
        if parsed and parsed[1]:
            problems.append("as_at must be a full date (YYYY-MM-DD)")
        as_at_date = parsed[0] if parsed else None
    child_data = data.get("child") or {}
    dob = None
    if not isinstance(child_data, dict):
        problems.append("child must be an object with date_of_birth and disability")
        child_data = {}
    if child_data.get("date_of_birth"):
        parsed = _date(child_data["date_of_birth"], "child.date_of_birth", problems)
        if parsed and parsed[1]:
            problems.append("child.date_of_birth must be a full date (YYYY-MM-DD)")
        dob = parsed[0] if parsed else None
    disability = child_data.get("disability", False)
    if not isinstance(disability, bool):
        problems.append("child.disability must be true or false")
    answers = []
    items = data.get("answers", [])
    if not isinstance(items, list):
        problems.append("answers must be a list")
        items = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("indicator"), str):
            problems.append(f"answers[{n}]: expected an object with an 'indicator' id")
            continue
        observed = item.get("observed", [])
        if not isinstance(observed, list):
            problems.append(f"answers[{n}] ({item['indicator']}): observed must be a list")
            continue
        obs = [
            _observation(o, f"{item['indicator']} observed[{i}]", problems)
            for i, o in enumerate(observed, 1)
        ]
        answers.append(IndicatorAnswer(item["indicator"], [o for o in obs if o]))
    if problems:
        raise AnswersError(problems)
    return Answers(slug, version, as_at_date, Child(dob, disability), answers)


def load_answers_file(path: str | Path, **overrides: Any) -> Answers:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AnswersError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AnswersError(f"{path}: not valid JSON ({exc})") from exc
    return parse_answers(data, **overrides)


def score_file(
    path: str | Path,
    tool: str | None = None,
    version: int | None = None,
    as_at: str | date | None = None,
    *,
    extra_dir: str | Path | None = None,
) -> dict:
    """Score one answers file; returns ``Result.to_dict()``. Raises ``EngineError`` subclasses."""
    answers = load_answers_file(path, tool=tool, version=version, as_at=as_at)
    definition = load_tool(answers.tool, answers.version, extra_dir=extra_dir)
    return score(answers, definition).to_dict()


def list_indicators(
    slug: str, version: int | None = None, *, extra_dir: str | Path | None = None
) -> list[dict]:
    """``[{id, section, text}]`` for a tool version, in definition order."""
    tool = load_tool(slug, version, extra_dir=extra_dir)
    return [{"id": i.id, "section": i.section, "text": i.text} for i in tool.indicators]


def expand_paths(spec: str | Path | Iterable[str | Path]) -> list[Path]:
    """A directory (its ``*.json`` files), a glob pattern, a single file, or a list of those."""
    if not isinstance(spec, (str, Path)):
        return [p for item in spec for p in expand_paths(item)]
    path = Path(spec)
    if path.is_dir():
        return sorted(path.glob("*.json"))
    if any(ch in str(spec) for ch in "*?["):
        return sorted(Path(p) for p in glob.glob(str(spec), recursive=True))
    return [path]


def score_many(
    spec: str | Path | Iterable[str | Path],
    tool: str | None = None,
    version: int | None = None,
    as_at: str | date | None = None,
    *,
    extra_dir: str | Path | None = None,
) -> list[dict]:
    """Score many files; one bad file does not stop the rest.

    Each item is ``{"file", "ok": True, "result": {...}}`` or ``{"file", "ok": False, "error"}``.
    """
    out = []
    for path in expand_paths(spec):
        try:
            result = score_file(path, tool, version, as_at, extra_dir=extra_dir)
        except EngineError as exc:
            out.append({"file": str(path), "ok": False, "error": str(exc)})
        else:
            out.append({"file": str(path), "ok": True, "result": result})
    return out
