"""Read one tool definition file: YAML -> schema check -> meaning checks -> ``ToolDefinition``.

Why we compose the YAML ourselves: PyYAML's ``safe_load`` forgets where things were, and silently
keeps the last of two duplicate keys. We walk the composed node tree once to record the line of
every key and list item, so any problem (schema or meaning) is reported as "file, line N: ...".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .checks import check_definition
from .definition import (
    EVIDENCE_TYPES,
    Anchor,
    Band,
    Condition,
    Domain,
    HardRule,
    Indicator,
    Interval,
    MeasurementPoint,
    Modifier,
    ScoringRule,
    Section,
    ToolDefinition,
    Window,
)
from .errors import DefinitionError
from .schema import TOOL_SCHEMA

Marks = dict[tuple[str, ...], int]
_FILE_NAME = re.compile(r"^v(\d+)\.ya?ml$")
_VALIDATOR = jsonschema.Draft202012Validator(TOOL_SCHEMA)


def read_yaml(path: Path) -> tuple[Any, Marks]:
    """Parse YAML, returning the data and a map from key path (as strings) to 1-based line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(path, None, f"cannot read file: {exc}") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DefinitionError(path, line, f"not valid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise DefinitionError(path, None, f"not valid YAML: {exc}") from exc
    marks: Marks = {}
    if node is not None:
        _walk(node, (), marks, path)
    return data, marks


def _walk(node: yaml.Node, at: tuple[str, ...], marks: Marks, path: Path) -> None:
    marks.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DefinitionError(
                    path, line, f"duplicate key '{key}' (first given on line {seen[key]})"
                )
            seen[key] = line
            marks[at + (key,)] = line
            _walk(value_node, at + (key,), marks, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            marks[at + (str(index),)] = item.start_mark.line + 1
            _walk(item, at + (str(index),), marks, path)


def line_of(marks: Marks, at: tuple) -> int | None:
    """Line of the deepest known part of ``at`` (a missing key is reported at its parent)."""
    parts = tuple(str(p) for p in at)
    while parts:
        if parts in marks:
            return marks[parts]
        parts = parts[:-1]
    return marks.get((), None)


def _schema_problem(data: Any, marks: Marks, path: Path) -> DefinitionError | None:
    error = jsonschema.exceptions.best_match(_VALIDATOR.iter_errors(data))
    if error is None:
        return None
    at = tuple(error.absolute_path)
    where = "/".join(str(p) for p in at) or "top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            return DefinitionError(
                path,
                line_of(marks, at + (extra[0],)),
                f"unknown key '{extra[0]}' in {where} (allowed: {', '.join(sorted(allowed))})",
            )
    return DefinitionError(path, line_of(marks, at), f"{where}: {error.message}")


def load_definition(
    path: str | Path, *, expect_slug: str | None = None, expect_version: int | None = None
) -> ToolDefinition:
    """Load and fully check one definition file; raises :class:`DefinitionError` if anything is off.

    ``expect_slug``/``expect_version`` come from the file's place in a tools folder
    (``<slug>/v<N>.yaml``); the registry passes them so a copied file cannot masquerade as
    another tool or version.
    """
    path = Path(path)
    data, marks = read_yaml(path)
    if not isinstance(data, dict):
        raise DefinitionError(path, 1, "a tool definition must be a mapping of keys to values")
    problem = _schema_problem(data, marks, path)
    if problem:
        raise problem
    if expect_slug is not None and data["slug"] != expect_slug:
        raise DefinitionError(
            path,
            marks.get(("slug",)),
            f"slug '{data['slug']}' does not match folder '{expect_slug}'",
        )
    if expect_version is not None and data["version"] != expect_version:
        raise DefinitionError(
            path,
            marks.get(("version",)),
            f"version {data['version']} does not match file name v{expect_version}",
        )
    tool = build(data, path)

    def fail(at: tuple, message: str) -> None:
        raise DefinitionError(path, line_of(marks, at), message)

    check_definition(data, tool, fail)
    return tool


def version_from_filename(path: Path) -> int | None:
    match = _FILE_NAME.match(path.name)
    return int(match.group(1)) if match else None


def _condition(raw: dict) -> Condition:
    return Condition(
        age_at_most=raw.get("age_at_most"),
        age_at_least=raw.get("age_at_least"),
        disability=raw.get("disability"),
        section=raw.get("section"),
        indicators=tuple(raw.get("indicators", ())),
        window=raw.get("window"),
        at_least=raw.get("at_least", 1),
    )


def _domain(raw: dict, defaults: dict) -> Domain:
    scale = raw.get("scale") or {}
    return Domain(
        id=raw["id"],
        title=raw["title"],
        high=raw.get("high", defaults.get("high")),
        medium=raw.get("medium", defaults.get("medium")),
        scale_min=scale.get("min"),
        scale_max=scale.get("max"),
        better=raw.get("better", "higher"),
        anchors=tuple(Anchor(a["value"], a["text"]) for a in raw.get("anchors", ())),
    )


def build(data: dict, path: Path) -> ToolDefinition:
    """Turn schema-valid data into a :class:`ToolDefinition` (defaults filled in here)."""
    sections = []
    for s in data.get("sections", ()):
        noun = s.get("noun", s["title"].lower())
        sections.append(Section(s["id"], s["title"], noun, s.get("noun_plural", noun + "s")))
    indicators = tuple(
        Indicator(
            id=i["id"],
            section=i["section"],
            text=i["text"].strip(),
            short=i.get("short", i["text"]).strip(),
            help=i.get("help", "").strip(),
            domains=tuple(i.get("domains", ())),
            evidence_types=tuple(i.get("evidence_types", EVIDENCE_TYPES)),
        )
        for i in data.get("indicators", ())
    )
    review = data.get("review") or {}
    return ToolDefinition(
        slug=data["slug"],
        version=data["version"],
        title=data["title"],
        kind=data["kind"],
        description=data["description"].strip(),
        path=str(path),
        based_on=data.get("based_on", "").strip(),
        licence=data.get("licence", "").strip(),
        sections=tuple(sections),
        indicators=indicators,
        windows=tuple(
            Window(w["id"], w["label"], w["why"], w.get("from_months", 0), w.get("to_months"))
            for w in data.get("windows", ())
        ),
        scoring=tuple(
            ScoringRule(
                r["code"],
                r["window"],
                r["points"],
                r.get("section"),
                tuple(r.get("indicators", ())),
            )
            for r in data.get("scoring", ())
        ),
        modifiers=tuple(
            Modifier(m["code"], _condition(m["when"]), m["points"], m["why"])
            for m in data.get("modifiers", ())
        ),
        hard_rules=tuple(
            HardRule(h["code"], _condition(h["when"]), tuple(h["actions"]), h["why"])
            for h in data.get("hard_rules", ())
        ),
        bands=tuple(
            sorted(
                (
                    Band(
                        b["code"],
                        b["label"],
                        b["min"],
                        b["max"],
                        b.get("description", ""),
                        tuple(b.get("actions", ())),
                    )
                    for b in data.get("bands", ())
                ),
                key=lambda b: b.min,
            )
        ),
        domains=tuple(
            _domain(d, data.get("domain_thresholds", {})) for d in data.get("domains", ())
        ),
        review={code: Interval(**iv) for code, iv in (review.get("intervals") or {}).items()},
        early_review_triggers=tuple(review.get("early_triggers", ())),
        measurement_points=tuple(
            MeasurementPoint(p["id"], p["label"], p["offset_days"], p.get("configurable", False))
            for p in data.get("measurement_points", ())
        ),
    )
