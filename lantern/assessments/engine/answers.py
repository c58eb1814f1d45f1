"""What a practitioner recorded: indicators with the dates they were seen.

Why dates and not ticks: a tick means "present" only on the day it was ticked. With dates the score
can be recomputed as at any day, indicators age out on their own, and two people re-scoring the
same record get the same answer (DOMAIN.md, "Risk assessment tools").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import month_only_effective
from .definition import EVIDENCE_TYPES, ToolDefinition
from .errors import AnswersError


@dataclass(frozen=True)
class Observation:
    """One time an indicator was seen. ``month_only`` means only the month is known.

    For a month-only observation the day part of ``date`` is ignored (see ``dates`` for the rule).
    """

    date: date
    month_only: bool = False
    source_agency: str = ""
    evidence_type: str | None = None
    note: str = ""

    def effective_date(self, as_at: date) -> date | None:
        """The date used for window membership as at ``as_at``; ``None`` if after ``as_at``."""
        if self.month_only:
            return month_only_effective(self.date, as_at)
        return self.date if self.date <= as_at else None


@dataclass(frozen=True)
class IndicatorAnswer:
    indicator_id: str
    observations: tuple[Observation, ...] = ()

    def __post_init__(self) -> None:
        # Accept any iterable (a list from a form or JSON) but store a tuple: answers are values.
        object.__setattr__(self, "observations", tuple(self.observations))


@dataclass(frozen=True)
class Child:
    """Only what scoring needs. ``date_of_birth`` may be unknown (``None``): see ``scoring``."""

    date_of_birth: date | None
    disability: bool = False


@dataclass(frozen=True)
class Answers:
    """A completed assessment: which tool and version, as at which date, for which child."""

    tool: str
    version: int | None
    as_at: date
    child: Child
    answers: tuple[IndicatorAnswer, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", tuple(self.answers))


def check_against_tool(answers: Answers, tool: ToolDefinition) -> None:
    """Raise :class:`AnswersError` listing every way ``answers`` do not fit ``tool``.

    Called by ``score``: scoring answers against the wrong tool or with an indicator the tool does
    not have must fail loudly, never score zero quietly.
    """
    problems = []
    if answers.tool != tool.slug:
        problems.append(f"answers are for '{answers.tool}' but the tool is '{tool.slug}'")
    if answers.version is not None and answers.version != tool.version:
        problems.append(
            f"answers were recorded against {answers.tool} v{answers.version}, not v{tool.version}"
        )
    if tool.kind == "outcome":
        problems.append(f"'{tool.slug}' is an outcome measure: use progress(), not score()")
    seen: set[str] = set()
    for ans in answers.answers:
        indicator = tool.indicators_by_id.get(ans.indicator_id)
        if indicator is None:
            problems.append(
                f"unknown indicator '{ans.indicator_id}' for {tool.slug} v{tool.version}"
            )
            continue
        if ans.indicator_id in seen:
            problems.append(f"indicator '{ans.indicator_id}' is answered twice")
        seen.add(ans.indicator_id)
        for obs in ans.observations:
            if obs.evidence_type is None:
                continue
            if obs.evidence_type not in EVIDENCE_TYPES:
                problems.append(
                    f"'{ans.indicator_id}': unknown evidence type '{obs.evidence_type}' "
                    f"(use one of {', '.join(EVIDENCE_TYPES)})"
                )
            elif obs.evidence_type not in indicator.evidence_types:
                problems.append(
                    f"'{ans.indicator_id}': evidence type '{obs.evidence_type}' is not accepted "
                    f"for this indicator (accepted: {', '.join(indicator.evidence_types)})"
                )
    if problems:
        raise AnswersError(problems)


def validate_answers(answers: Answers, tool: ToolDefinition, *, today: date) -> None:
    """Check answers at entry: everything ``score`` checks, plus no dates in the future.

    Scoring itself ignores observations after the as-at date (so old assessments can be replayed);
    entry is stricter because a date after ``today`` is always a typing mistake.
    """
    problems: list[str] = []
    try:
        check_against_tool(answers, tool)
    except AnswersError as exc:
        problems.extend(exc.problems)
    if answers.as_at > today:
        problems.append(f"the as-at date {answers.as_at.isoformat()} is in the future")
    dob = answers.child.date_of_birth
    if dob is not None and dob > min(today, answers.as_at):
        problems.append(f"the date of birth {dob.isoformat()} is after the as-at date or today")
    for ans in answers.answers:
        for obs in ans.observations:
            first_day = obs.date.replace(day=1) if obs.month_only else obs.date
            if first_day > today:
                shown = obs.date.strftime("%Y-%m") if obs.month_only else obs.date.isoformat()
                problems.append(f"'{ans.indicator_id}': observation date {shown} is in the future")
    if problems:
        raise AnswersError(problems)
