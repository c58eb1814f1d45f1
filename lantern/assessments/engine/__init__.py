"""Lantern's assessment scoring engine: tool definitions as data, dated answers, explained results.

Django-free on purpose (house rule 9): plain data in, plain data out, so the same code scores an
assessment in a view, a management command, a nightly re-score and a test, and an import-linter
contract keeps it that way. Only the names in ``__all__`` are public; everything else may change.

Quick start::

    from lantern.assessments.engine import Answers, Child, IndicatorAnswer, Observation, score
    answers = Answers("seraf-style", 1, date(2019, 6, 30), Child(date(2006, 3, 1)),
                      [IndicatorAnswer("sig_controlled_contact", [Observation(date(2019, 1, 12))])])
    result = score(answers)
    result.score, result.level.label, [f.why for f in result.fired]
"""

from .answers import Answers, Child, IndicatorAnswer, Observation, validate_answers
from .batch import rescore_many
from .cli import list_indicators, load_answers_file, parse_answers, score_file, score_many
from .dates import months_after, months_before
from .definition import Band, Indicator, Section, ToolDefinition
from .errors import AnswersError, DefinitionError, EngineError, OverrideError, UnknownTool
from .language import Flag, flag_language
from .loader import load_definition
from .outcomes import (
    DomainProgress,
    Measure,
    Progress,
    cohort_change,
    measure_due_dates,
    progress,
)
from .override import validate_override
from .registry import ToolSummary, list_tools, load_tool, validate_all
from .scoring import DomainProfile, FiredRule, Level, Result, score

__all__ = [
    "Answers",
    "AnswersError",
    "Band",
    "Child",
    "DefinitionError",
    "DomainProfile",
    "DomainProgress",
    "EngineError",
    "FiredRule",
    "Flag",
    "Indicator",
    "IndicatorAnswer",
    "Level",
    "Measure",
    "Observation",
    "OverrideError",
    "Progress",
    "Result",
    "Section",
    "ToolDefinition",
    "ToolSummary",
    "UnknownTool",
    "cohort_change",
    "flag_language",
    "list_indicators",
    "list_tools",
    "load_answers_file",
    "load_definition",
    "load_tool",
    "measure_due_dates",
    "months_after",
    "months_before",
    "parse_answers",
    "progress",
    "rescore_many",
    "score",
    "score_file",
    "score_many",
    "validate_all",
    "validate_answers",
    "validate_override",
]
