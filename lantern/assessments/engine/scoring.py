"""Score answers against a tool definition; the result explains every point.

House rule 8: scoring rules are small and explain themselves. Each point in a score comes from a
:class:`FiredRule` with the rule's code, the indicator, the points and a plain-English ``why``, so
a stored result can be read by a panel, a parent's advocate or an auditor without the code.

Example::

    result = score(answers)            # loads answers.tool at answers.version
    result.level.code                  # 'category_3'
    [f.why for f in result.fired]      # ["Significant indicator '...' seen 12 Jan 2019, ..."]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .answers import Answers, Child, check_against_tool
from .dates import age_in_years, format_date
from .definition import PROFILE_LEVELS, ToolDefinition
from .evaluate import condition_holds, dated_observations, in_window
from .explain import what_would_change
from .registry import load_tool


@dataclass(frozen=True)
class Level:
    code: str
    label: str


@dataclass(frozen=True)
class FiredRule:
    """One rule that contributed to the result. ``indicator`` is ``None`` for child-level rules."""

    rule: str
    indicator: str | None
    points: int
    why: str

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "indicator": self.indicator,
            "points": self.points,
            "why": self.why,
        }


@dataclass(frozen=True)
class DomainProfile:
    """Points per domain and the High/Medium/Low level each reaches (Cambridgeshire-style).

    An indicator's points count in each of its domains; modifiers (points for the child, such as
    a recorded disability) belong to no domain and do not count.
    """

    levels: dict[str, str]
    points: dict[str, int]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(PROFILE_LEVELS, 0)
        for level in self.levels.values():
            counts[level] += 1
        return counts

    def to_dict(self) -> dict:
        return {"profile": dict(self.levels), "points": dict(self.points), "counts": self.counts}


@dataclass(frozen=True)
class Result:
    tool: str
    version: int
    as_at: date
    score: int
    level: Level
    fired: tuple[FiredRule, ...]
    domains: DomainProfile
    mandatory_actions: tuple[str, ...]
    review_due: date | None
    what_would_change: tuple[str, ...]
    recommended_actions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """JSON-safe form, as stored with an assessment and printed by ``score_assessment``."""
        return {
            "tool": self.tool,
            "version": self.version,
            "as_at": self.as_at.isoformat(),
            "score": self.score,
            "level": self.level.code,
            "fired": [f.to_dict() for f in self.fired],
            "domains": self.domains.to_dict(),
            "mandatory_actions": list(self.mandatory_actions),
            "level_label": self.level.label,
            "review_due": self.review_due.isoformat() if self.review_due else None,
            "what_would_change": list(self.what_would_change),
        }


def _why_indicator(
    tool: ToolDefinition, ind_id: str, window_id: str, hits: list, points: int, as_at: date
) -> str:
    indicator = tool.indicators_by_id[ind_id]
    noun = tool.sections_by_id[indicator.section].noun
    latest_obs = hits[0][1]
    seen = format_date(latest_obs.date, latest_obs.month_only)
    if latest_obs.month_only:
        seen += " (month only)"
    if len(hits) > 1:
        seen += f" (most recent of {len(hits)} in this window)"
    window = tool.windows_by_id[window_id]
    when = window.why.format(as_at=format_date(as_at))
    return f"{noun[:1].upper()}{noun[1:]} '{indicator.short}' seen {seen}, {when}: +{points}"


def _why_hard_rule(rule, child: Child, as_at: date) -> str:
    dob = child.date_of_birth
    age = str(age_in_years(dob, as_at)) if dob else "unknown"
    why = rule.why.format(age=age, as_at=format_date(as_at))
    uses_age = rule.when.age_at_most is not None or rule.when.age_at_least is not None
    if dob is None and uses_age:
        why += " (date of birth not recorded: the age condition is treated as met, as a precaution)"
    return why


def score(
    answers: Answers,
    tool: ToolDefinition | None = None,
    *,
    extra_dir: str | Path | None = None,
    explain: bool = True,
) -> Result:
    """Score ``answers`` as at ``answers.as_at``; the tool defaults to the pinned version.

    Raises ``AnswersError`` if the answers do not fit the tool (unknown indicator, wrong tool or
    version, evidence type not accepted). Observations after the as-at date are ignored.
    ``explain=False`` skips ``what_would_change`` (the only part that looks beyond the as-at date).
    """
    if tool is None:
        tool = load_tool(answers.tool, answers.version, extra_dir=extra_dir)
    check_against_tool(answers, tool)
    as_at, child = answers.as_at, answers.child
    dated = dated_observations(answers, as_at)
    bounds = tool.window_bounds(as_at)
    fired: list[FiredRule] = []
    for ind in tool.indicators:  # definition order, so stored results read like the form
        items = dated.get(ind.id)
        if not items:
            continue
        for rule in tool.rules_for[ind.id]:
            hits = in_window(bounds[rule.window], items)
            if hits:
                why = _why_indicator(tool, ind.id, rule.window, hits, rule.points, as_at)
                fired.append(FiredRule(rule.code, ind.id, rule.points, why))
    for mod in tool.modifiers:
        if condition_holds(mod.when, tool, child, as_at, dated):
            fired.append(FiredRule(mod.code, None, mod.points, f"{mod.why}: +{mod.points}"))
    total = sum(f.points for f in fired)
    band = tool.band_for(total)

    domain_points = {d.id: 0 for d in tool.domains}
    for f in fired:
        if f.indicator is not None:
            for d in tool.indicators_by_id[f.indicator].domains:
                domain_points[d] += f.points
    profile = DomainProfile(
        {d.id: d.profile_level(domain_points[d.id]) for d in tool.domains}, domain_points
    )

    mandatory: list[str] = []
    for rule in tool.hard_rules:
        if condition_holds(rule.when, tool, child, as_at, dated):
            fired.append(FiredRule(rule.code, None, 0, _why_hard_rule(rule, child, as_at)))
            mandatory.extend(a for a in rule.actions if a not in mandatory)

    interval = tool.review.get(band.code)
    changes: tuple[str, ...] = ()
    if explain:
        scored = {(f.rule, f.indicator) for f in fired}
        changes = tuple(what_would_change(answers, tool, total, band, scored))
    return Result(
        tool=tool.slug,
        version=tool.version,
        as_at=as_at,
        score=total,
        level=Level(band.code, band.label),
        fired=tuple(fired),
        domains=profile,
        mandatory_actions=tuple(mandatory),
        review_due=interval.after(as_at) if interval else None,
        what_would_change=changes,
        recommended_actions=band.actions,
    )
