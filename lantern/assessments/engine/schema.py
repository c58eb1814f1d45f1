"""JSON Schema for tool definition files (the *shape*; ``loader`` checks the meaning).

Why a schema: a partnership may write its own definition file; the schema catches typos
(``additionalProperties: false`` everywhere) and wrong types before any scoring code runs, and the
loader turns each failure into a message naming the file and line.
"""

from __future__ import annotations

from .definition import EVIDENCE_TYPES, KINDS

_ID = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_\-]*$", "maxLength": 80}
# Rule codes appear in stored results and reports, so upper case (e.g. "SIG-6M") is allowed.
_CODE = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_\-]*$", "maxLength": 40}
_TEXT = {"type": "string", "minLength": 1}
_NONNEG = {"type": "integer", "minimum": 0}


def _obj(properties: dict, required: list[str]) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


_CONDITION = {
    **_obj(
        {
            "age_at_most": _NONNEG,
            "age_at_least": _NONNEG,
            "disability": {"type": "boolean"},
            "section": _ID,
            "indicators": {"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True},
            "window": _ID,
            "at_least": {"type": "integer", "minimum": 1},
        },
        [],
    ),
    "minProperties": 1,
}

_INTERVAL = {
    **_obj({"months": _NONNEG, "weeks": _NONNEG, "days": _NONNEG}, []),
    "minProperties": 1,
}

_SECTION = _obj({"id": _ID, "title": _TEXT, "noun": _TEXT, "noun_plural": _TEXT}, ["id", "title"])

_INDICATOR = _obj(
    {
        "id": _ID,
        "section": _ID,
        "text": _TEXT,
        "short": _TEXT,
        "help": {"type": "string"},
        "domains": {"type": "array", "items": _ID, "uniqueItems": True},
        "evidence_types": {
            "type": "array",
            "items": {"enum": list(EVIDENCE_TYPES)},
            "minItems": 1,
            "uniqueItems": True,
        },
    },
    ["id", "section", "text"],
)

_WINDOW = _obj(
    {
        "id": _ID,
        "label": _TEXT,
        "why": _TEXT,
        "from_months": _NONNEG,
        "to_months": {"type": ["integer", "null"], "minimum": 1},
    },
    ["id", "label", "why"],
)

_RULE = _obj(
    {
        "code": _CODE,
        "section": _ID,
        "indicators": {"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True},
        "window": _ID,
        "points": _NONNEG,
    },
    ["code", "window", "points"],
)

_MODIFIER = _obj(
    {"code": _CODE, "when": _CONDITION, "points": _NONNEG, "why": _TEXT},
    ["code", "when", "points", "why"],
)

_HARD_RULE = _obj(
    {
        "code": _CODE,
        "when": _CONDITION,
        "actions": {"type": "array", "items": _TEXT, "minItems": 1},
        "why": _TEXT,
    },
    ["code", "when", "actions", "why"],
)

_BAND = _obj(
    {
        "code": _CODE,
        "label": _TEXT,
        "min": {"type": "integer"},
        "max": {"type": ["integer", "null"]},
        "description": {"type": "string"},
        "actions": {"type": "array", "items": _TEXT},
    },
    ["code", "label", "min", "max"],
)

_THRESHOLDS = _obj(
    {"high": {"type": "integer", "minimum": 1}, "medium": {"type": "integer", "minimum": 1}},
    ["high", "medium"],
)

_DOMAIN = _obj(
    {
        "id": _ID,
        "title": _TEXT,
        "high": {"type": "integer", "minimum": 1},
        "medium": {"type": "integer", "minimum": 1},
        "scale": _obj({"min": {"type": "integer"}, "max": {"type": "integer"}}, ["min", "max"]),
        "better": {"enum": ["higher", "lower"]},
        "anchors": {
            "type": "array",
            "items": _obj({"value": {"type": "integer"}, "text": _TEXT}, ["value", "text"]),
        },
    },
    ["id", "title"],
)

_POINT = _obj(
    {"id": _ID, "label": _TEXT, "offset_days": _NONNEG, "configurable": {"type": "boolean"}},
    ["id", "label", "offset_days"],
)

TOOL_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **_obj(
        {
            "slug": _ID,
            "version": {"type": "integer", "minimum": 1},
            "title": _TEXT,
            "kind": {"enum": list(KINDS)},
            "description": _TEXT,
            "based_on": {"type": "string"},
            "licence": {"type": "string"},
            "sections": {"type": "array", "items": _SECTION, "minItems": 1},
            "indicators": {"type": "array", "items": _INDICATOR, "minItems": 1},
            "windows": {"type": "array", "items": _WINDOW, "minItems": 1},
            "scoring": {"type": "array", "items": _RULE, "minItems": 1},
            "modifiers": {"type": "array", "items": _MODIFIER},
            "hard_rules": {"type": "array", "items": _HARD_RULE},
            "bands": {"type": "array", "items": _BAND, "minItems": 1},
            "domain_thresholds": _THRESHOLDS,
            "domains": {"type": "array", "items": _DOMAIN},
            "review": _obj(
                {
                    "intervals": {"type": "object", "additionalProperties": _INTERVAL},
                    "early_triggers": {"type": "array", "items": _TEXT},
                },
                ["intervals"],
            ),
            "measurement_points": {"type": "array", "items": _POINT, "minItems": 2},
        },
        ["slug", "version", "title", "kind", "description"],
    ),
    "if": {"properties": {"kind": {"const": "outcome"}}},
    "then": {"required": ["domains", "measurement_points"]},
    "else": {"required": ["sections", "indicators", "windows", "scoring", "bands"]},
}
