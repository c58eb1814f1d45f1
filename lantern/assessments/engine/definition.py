"""The in-memory form of a tool definition, built from a validated YAML file by ``loader``.

Why plain dataclasses: the Django side, the command line and the tests all read the same objects,
and nothing here knows about files or databases. A definition is immutable once loaded; the only
mutable part is a private cache of window boundaries per as-at date, which makes re-scoring
thousands of assessments at one date cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import months_after, months_before

KINDS = ("risk", "outcome", "screen")
EVIDENCE_TYPES = ("observed", "disclosed", "intelligence", "professional_concern")
PROFILE_LEVELS = ("High", "Medium", "Low")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    noun: str
    noun_plural: str


@dataclass(frozen=True)
class Indicator:
    """One thing a practitioner can record, with the dates it was seen."""

    id: str
    section: str
    text: str
    short: str
    help: str
    domains: tuple[str, ...]
    evidence_types: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    """A period counted back from the as-at date.

    Membership for an observation dated ``d`` (``from_months`` = a, ``to_months`` = b):
    ``months_before(as_at, b) <= d``, and ``d <= as_at`` when a == 0, otherwise
    ``d < months_before(as_at, a)``. So windows 0-6 and 6-12 never overlap and leave no gap.
    ``to_months`` of ``None`` means no lower limit ("at any time up to the as-at date").
    """

    id: str
    label: str
    why: str
    from_months: int = 0
    to_months: int | None = None

    def bounds(self, as_at: date) -> tuple[date | None, date]:
        """Inclusive ``(earliest, latest)`` dates in this window as at ``as_at``."""
        lo = None if self.to_months is None else months_before(as_at, self.to_months)
        hi = (
            as_at
            if self.from_months == 0
            else months_before(as_at, self.from_months) - timedelta(1)
        )
        return lo, hi

    @property
    def contains_as_at(self) -> bool:
        return self.from_months == 0


@dataclass(frozen=True)
class ScoringRule:
    """Points for each matching indicator seen at least once in ``window``."""

    code: str
    window: str
    points: int
    section: str | None = None
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    """All given parts must hold. Parts left as ``None`` are not checked."""

    age_at_most: int | None = None
    age_at_least: int | None = None
    disability: bool | None = None
    section: str | None = None  # "any indicator in this section ..."
    indicators: tuple[str, ...] = ()  # "... or any of these indicators ..."
    window: str | None = None  # "... seen in this window"
    at_least: int = 1  # "... at least this many of them"


@dataclass(frozen=True)
class Modifier:
    code: str
    when: Condition
    points: int
    why: str


@dataclass(frozen=True)
class HardRule:
    """A rule that makes actions mandatory whatever the score (e.g. age 13 or under)."""

    code: str
    when: Condition
    actions: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    min: int
    max: int | None
    description: str
    actions: tuple[str, ...]

    def contains(self, score: int) -> bool:
        return score >= self.min and (self.max is None or score <= self.max)


@dataclass(frozen=True)
class Interval:
    months: int = 0
    weeks: int = 0
    days: int = 0

    def after(self, d: date) -> date:
        return months_after(d, self.months) + timedelta(weeks=self.weeks, days=self.days)

    def describe(self) -> str:
        parts = [(self.months, "month"), (self.weeks, "week"), (self.days, "day")]
        return ", ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n)


@dataclass(frozen=True)
class Anchor:
    value: int
    text: str


@dataclass(frozen=True)
class Domain:
    """A risk domain (for the High/Medium/Low profile) or an outcome scale domain."""

    id: str
    title: str
    high: int | None = None
    medium: int | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    better: str = "higher"
    anchors: tuple[Anchor, ...] = ()

    def profile_level(self, points: int) -> str:
        if self.high is not None and points >= self.high:
            return "High"
        if self.medium is not None and points >= self.medium:
            return "Medium"
        return "Low"


@dataclass(frozen=True)
class MeasurementPoint:
    id: str
    label: str
    offset_days: int
    configurable: bool = False


@dataclass(eq=False)
class ToolDefinition:
    """A loaded, validated tool version. Look things up with the ``*_by_id`` dicts."""

    slug: str
    version: int
    title: str
    kind: str
    description: str
    path: str
    based_on: str = ""
    licence: str = ""
    sections: tuple[Section, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    windows: tuple[Window, ...] = ()
    scoring: tuple[ScoringRule, ...] = ()
    modifiers: tuple[Modifier, ...] = ()
    hard_rules: tuple[HardRule, ...] = ()
    bands: tuple[Band, ...] = ()
    domains: tuple[Domain, ...] = ()
    review: dict[str, Interval] = field(default_factory=dict)
    early_review_triggers: tuple[str, ...] = ()
    measurement_points: tuple[MeasurementPoint, ...] = ()
    _bounds_cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.sections_by_id = {s.id: s for s in self.sections}
        self.indicators_by_id = {i.id: i for i in self.indicators}
        self.windows_by_id = {w.id: w for w in self.windows}
        self.bands_by_code = {b.code: b for b in self.bands}
        self.domains_by_id = {d.id: d for d in self.domains}
        # Which scoring rules apply to each indicator, in file order: computed once, used per score.
        self.rules_for: dict[str, tuple[ScoringRule, ...]] = {
            ind.id: tuple(
                r for r in self.scoring if r.section == ind.section or ind.id in r.indicators
            )
            for ind in self.indicators
        }

    @property
    def key(self) -> tuple[str, int]:
        return (self.slug, self.version)

    def window_bounds(self, as_at: date) -> dict[str, tuple[date | None, date]]:
        """Inclusive bounds of every window at ``as_at``, cached: many children share one as-at."""
        cached = self._bounds_cache.get(as_at)
        if cached is None:
            if len(self._bounds_cache) > 512:
                self._bounds_cache.clear()
            cached = {w.id: w.bounds(as_at) for w in self.windows}
            self._bounds_cache[as_at] = cached
        return cached

    def band_for(self, score: int) -> Band:
        for band in self.bands:
            if band.contains(score):
                return band
        raise ValueError(f"no band for score {score} in {self.slug} v{self.version}")

    def __repr__(self) -> str:
        return f"<ToolDefinition {self.slug} v{self.version} ({self.kind})>"
