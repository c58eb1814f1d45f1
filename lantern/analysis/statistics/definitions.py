"""One function per published statistic, each SQL over the fact schema (:mod:`.schema`).

Every function takes an :class:`~.engine.Engine` and :class:`Filters` and returns a
:class:`Count`: the raw counts in rows and columns, before disclosure control. Nothing here is
publishable as it stands; :func:`lantern.analysis.statistics.publish` passes counts through
``lantern.analysis.disclosure``. The words of each definition (what counts, which date, which
area, which children) are in ``docs/reference/statistics.md``, under the function's id; a test
checks the two lists match.

Linked tables: some statistics break down another's figures (methods break down CSE incidents;
the age profile breaks down children arrested for drug supply; return home interviews break
down missing episodes). They share row and total names (``row_ns``, ``total_ns``) so disclosure
control protects them together and no hidden figure comes back by subtraction across them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lantern.analysis.statistics import vocab
from lantern.analysis.statistics.engine import Engine

__all__ = ["DEFINITIONS", "Count", "Definition", "Filters", "compute_all"]


@dataclass(frozen=True)
class Filters:
    """Which period, area and team a statistic covers.

    ``start``/``end`` are inclusive dates of the period; ``as_at`` is the day a "how things
    stood" figure is taken (County Lines, risk levels, overdue reviews); defaults to ``end``.
    ``area`` and ``team`` are names, None for all.
    """

    start: dt.date
    end: dt.date
    as_at: dt.date | None = None
    area: str | None = None
    team: str | None = None

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("The start of the period must be on or before its end")
        if self.as_at is None:
            object.__setattr__(self, "as_at", self.end)

    @property
    def years(self) -> tuple[str, ...]:
        return tuple(str(y) for y in range(self.start.year, self.end.year + 1))


@dataclass(frozen=True)
class Count:
    """A statistic's counts before disclosure control."""

    definition: str
    title: str
    row_heading: str
    column_heading: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    total_label: str = "Total"
    #: Names that link this table's figures with another's (see the module docstring).
    row_ns: str = ""
    column_ns: str = ""
    total_ns: str = ""
    #: Raw detail a derived figure needs (the age profile's exact ages), never published.
    detail: dict = field(default_factory=dict, compare=False, repr=False)

    def value(self, row: str, column: str) -> int:
        return self.counts[self.rows.index(row)][self.columns.index(column)]

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {r: dict(zip(self.columns, c)) for r, c in zip(self.rows, self.counts)}


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    function: Callable[[Engine, Filters], Count]
    chart: str = "bar"  # how the dashboard draws it: "bar" (stacked by column) or "line"


# --- helpers --------------------------------------------------------------------------------

def _where(f: Filters, date_col: str, *, area: bool = True, team: bool = True) -> tuple[str, list]:
    clauses, params = [f"{date_col} >= ?", f"{date_col} <= ?"], [f.start, f.end]
    if area and f.area:
        clauses.append("area = ?")
        params.append(f.area)
    if team and f.team:
        clauses.append("team = ?")
        params.append(f.team)
    return " AND ".join(clauses), params


def _areas(f: Filters, found: set[str]) -> tuple[str, ...]:
    if f.area:
        return (f.area,)
    rows = list(vocab.AREAS) + sorted(a for a in found if a and a not in vocab.AREAS)
    if "" in found or None in found:
        rows.append(vocab.AREA_NOT_KNOWN)
    return tuple(rows)


def _area_label(area) -> str:
    return area or vocab.AREA_NOT_KNOWN


def _grid(rows: Sequence[str], columns: Sequence[str], cells: dict) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(cells.get((r, c), 0)) for c in columns) for r in rows)


def _labelled(codes: dict[str, str], found, other_label: str = "Not recorded") -> tuple[list[str], dict]:
    """Column labels for coded values: every known code, then anything else found, then blank."""
    labels = dict(codes)
    order = list(codes)
    for code in sorted(c for c in found if c and c not in codes):
        labels[code] = code
        order.append(code)
    if "" in found or None in found:
        labels[""] = other_label
        order.append("")
    return order, labels


# --- the statistics -------------------------------------------------------------------------

def cse_incidents(db: Engine, f: Filters) -> Count:
    """Child sexual exploitation incidents per year (events of type ``cse_incident``)."""
    where, params = _where(f, "event_date")
    rows = db.rows(
        "SELECT event_year, COUNT(*) FROM facts_events "  # noqa: S608  # nosec B608
        f"WHERE event_type = 'cse_incident' AND {where} GROUP BY event_year", params)
    cells = {(str(y), "Incidents"): n for y, n in rows}
    return Count("cse_incidents", "Child sexual exploitation incidents per year", "Year", "",
                 f.years, ("Incidents",), _grid(f.years, ("Incidents",), cells),
                 total_label="Incidents", row_ns="cse", column_ns="cse_n", total_ns="cse")


def cse_methods(db: Engine, f: Filters) -> Count:
    """The same incidents by method (how the exploitation began), per year."""
    where, params = _where(f, "event_date")
    rows = db.rows(
        "SELECT event_year, method, COUNT(*) FROM facts_events "  # noqa: S608  # nosec B608
        f"WHERE event_type = 'cse_incident' AND {where} GROUP BY event_year, method", params)
    order, labels = _labelled(vocab.METHODS, {m for _, m, _ in rows})
    cols = tuple(labels[c] for c in order)
    cells = {(str(y), labels[m or ""]): n for y, m, n in rows}
    return Count("cse_methods", "Methods in child sexual exploitation incidents", "Year", "Method",
                 f.years, cols, _grid(f.years, cols, cells), total_label="Incidents",
                 row_ns="cse", column_ns="cse_method", total_ns="cse")


def drug_supply_arrests(db: Engine, f: Filters) -> Count:
    """Children arrested for drug supply, per year of arrest (a child counts once a year)."""
    where, params = _where(f, "event_date")
    rows = db.rows(
        "SELECT event_year, COUNT(DISTINCT person_id) FROM facts_events "  # noqa: S608  # nosec B608
        f"WHERE arrested = 1 AND concern_type = 'drug_supply' AND {where} GROUP BY event_year",
        params)
    cells = {(str(y), "Children"): n for y, n in rows}
    return Count("drug_supply_arrests", "Children arrested for drug supply per year", "Year", "",
                 f.years, ("Children",), _grid(f.years, ("Children",), cells),
                 total_label="Children", row_ns="drugs", column_ns="drugs_n", total_ns="drugs")


def age_profile(db: Engine, f: Filters) -> Count:
    """Age of the children arrested for drug supply, at their first such arrest each year."""
    where, params = _where(f, "event_date")
    rows = db.rows(
        "SELECT event_year, age, COUNT(*) FROM ("  # noqa: S608  # nosec B608
        " SELECT person_id, event_year, MIN(age_at_event) AS age FROM facts_events"
        f" WHERE arrested = 1 AND concern_type = 'drug_supply' AND {where}"
        " GROUP BY person_id, event_year) firsts GROUP BY event_year, age", params)
    bands = list(vocab.AGE_BANDS)
    cells: dict = defaultdict(int)
    ages: dict[str, dict[int, int]] = defaultdict(dict)
    unknown = False
    for year, age, n in rows:
        if age is None:
            cells[(str(year), "Age not known")] += n
            unknown = True
        else:
            cells[(str(year), vocab.age_band(int(age)))] += n
            ages[str(year)][int(age)] = n
    if unknown:
        bands.append("Age not known")
    return Count("age_profile", "Age profile of children arrested for drug supply", "Year", "Age",
                 f.years, tuple(bands), _grid(f.years, bands, cells), total_label="Children",
                 row_ns="drugs", column_ns="drugs_age", total_ns="drugs",
                 detail={"ages": {y: dict(a) for y, a in ages.items()}})


def county_lines(db: Engine, f: Filters) -> Count:
    """County Lines by area and status as at a date (a line's status on that day)."""
    params: list = [f.as_at, f.as_at]
    extra = ""
    if f.area:
        extra = " AND area = ?"
        params.append(f.area)
    rows = db.rows(
        "SELECT area, status, COUNT(DISTINCT line_id) FROM facts_lines "  # noqa: S608  # nosec B608
        f"WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?){extra} GROUP BY area, status",
        params)
    order, labels = _labelled(vocab.LINE_STATUSES, {s for _, s, _ in rows})
    cols = tuple(labels[c] for c in order)
    areas = _areas(f, {a for a, _, _ in rows})
    cells = {(_area_label(a), labels[s or ""]): n for a, s, n in rows}
    return Count("county_lines", f"County Lines by area and status as at {f.as_at:%-d %B %Y}",
                 "Area", "Status", areas, cols, _grid(areas, cols, cells), total_label="Lines",
                 row_ns="lines", column_ns="lines_status", total_ns="lines")


def nrm_referrals(db: Engine, f: Filters) -> Count:
    """NRM referrals of children by exploitation type, per year referred."""
    where, params = _where(f, "referred_on")
    rows = db.rows(
        "SELECT referral_year, exploitation_type, COUNT(DISTINCT referral_id) FROM facts_nrm "  # noqa: S608  # nosec B608
        f"WHERE {where} GROUP BY referral_year, exploitation_type", params)
    order, labels = _labelled(vocab.NRM_TYPES, {t for _, t, _ in rows}, "Type not recorded")
    cols = tuple(labels[c] for c in order)
    cells = {(str(y), labels[t or ""]): n for y, t, n in rows}
    return Count("nrm_referrals", "NRM referrals by exploitation type", "Year", "Exploitation type",
                 f.years, cols, _grid(f.years, cols, cells), total_label="Types named",
                 row_ns="nrm", column_ns="nrm_type", total_ns="nrm")


def missing_episodes(db: Engine, f: Filters) -> Count:
    """Missing episodes by area (of the child's home when the episode began) and year."""
    where, params = _where(f, "started_on")
    rows = db.rows(
        "SELECT area, start_year, COUNT(*) FROM facts_missing "  # noqa: S608  # nosec B608
        f"WHERE {where} GROUP BY area, start_year", params)
    areas = _areas(f, {a for a, _, _ in rows})
    cells = {(_area_label(a), str(y)): n for a, y, n in rows}
    return Count("missing_episodes", "Missing episodes by area", "Area", "Year", areas, f.years,
                 _grid(areas, f.years, cells), total_label="Episodes",
                 row_ns="missing", column_ns="missing_year", total_ns="missing")


def return_interviews(db: Engine, f: Filters) -> Count:
    """Return home interviews after those episodes: held within 72 hours, held later, offered
    and declined, not offered (each episode once)."""
    where, params = _where(f, "started_on")
    rows = db.rows(
        f"SELECT area, rhi, COUNT(*) FROM facts_missing WHERE {where} GROUP BY area, rhi",  # noqa: S608  # nosec B608
        params)
    labels = vocab.RHI_OUTCOMES
    cols = tuple(labels.values())
    areas = _areas(f, {a for a, _, _ in rows})
    cells = {(_area_label(a), labels.get(r or "not_offered", labels["not_offered"])): n for a, r, n in rows}
    return Count("return_interviews", "Return home interviews after missing episodes", "Area",
                 "Return home interview", areas, cols, _grid(areas, cols, cells),
                 total_label="Episodes", row_ns="missing", column_ns="rhi", total_ns="missing")


def children_by_risk(db: Engine, f: Filters) -> Count:
    """Children known to the partnership by their latest risk level as at a date, and area."""
    params: list = [f.as_at]
    extra = ""
    if f.area:
        extra += " AND c.area = ?"
        params.append(f.area)
    if f.team:
        extra += " AND c.team = ?"
        params.append(f.team)
    rows = db.rows(
        "SELECT c.area, l.final_level, COUNT(*) FROM facts_children c LEFT JOIN ("  # noqa: S608  # nosec B608
        " SELECT person_id, final_level, ROW_NUMBER() OVER ("
        "  PARTITION BY person_id ORDER BY as_at DESC, assessment_id DESC) AS rn"
        " FROM facts_assessments WHERE as_at <= ?) l ON l.person_id = c.person_id AND l.rn = 1 "
        f"WHERE 1 = 1{extra} GROUP BY c.area, l.final_level", params)
    levels = sorted({lv for _, lv, _ in rows if lv})
    cols = tuple(levels) + (("Not assessed",) if any(lv is None or lv == "" for _, lv, _ in rows) else ())
    cols = cols or ("Not assessed",)
    areas = _areas(f, {a for a, _, _ in rows})
    cells: dict = defaultdict(int)
    for a, lv, n in rows:
        cells[(_area_label(a), lv or "Not assessed")] += n
    return Count("children_by_risk", f"Children by risk level and area as at {f.as_at:%-d %B %Y}",
                 "Area", "Risk level", areas, cols, _grid(areas, cols, cells), total_label="Children",
                 row_ns="risk", column_ns="risk_level", total_ns="risk")


def reviews_on_time(db: Engine, f: Filters) -> Count:
    """Risk assessment reviews due in the period (and by the as-at date): done on time, done
    late, not done yet."""
    where, params = _where(f, "review_due")
    params = [f.as_at, *params, f.as_at]
    rows = db.rows(
        "SELECT area, CASE WHEN next_done IS NOT NULL AND next_done <= review_due THEN 'on_time' "  # noqa: S608  # nosec B608
        "WHEN next_done IS NOT NULL AND next_done <= ? THEN 'late' ELSE 'not_done' END AS state, "
        f"COUNT(*) FROM facts_assessments WHERE {where} AND review_due <= ? GROUP BY area, state",
        params)
    labels = {"on_time": "On time", "late": "Late", "not_done": "Overdue, not done"}
    cols = tuple(labels.values())
    areas = _areas(f, {a for a, _, _ in rows})
    cells: dict = defaultdict(int)
    for a, s, n in rows:
        cells[(_area_label(a), labels[s])] += n
    return Count("reviews_on_time", "Risk assessment reviews on time", "Area", "Review", areas, cols,
                 _grid(areas, cols, cells), total_label="Reviews due",
                 row_ns="reviews", column_ns="reviews_state", total_ns="reviews")


def override_rate(db: Engine, f: Filters) -> Count:
    """Risk assessments submitted in the period whose final level was changed by professional
    judgement (an approved override), by area."""
    where, params = _where(f, "as_at")
    rows = db.rows(
        f"SELECT area, overridden, COUNT(*) FROM facts_assessments WHERE {where} GROUP BY area, overridden",  # noqa: S608  # nosec B608
        params)
    cols = ("Level changed by professional judgement", "Level as scored")
    areas = _areas(f, {a for a, _, _ in rows})
    cells: dict = defaultdict(int)
    for a, o, n in rows:
        cells[(_area_label(a), cols[0] if o else cols[1])] += n
    return Count("override_rate", "Professional judgement: levels changed from the score", "Area",
                 "Level", areas, cols, _grid(areas, cols, cells), total_label="Assessments",
                 row_ns="override", column_ns="override_kind", total_ns="override")


def panel_outcomes(db: Engine, f: Filters) -> Count:
    """Items about people discussed at signed panel meetings in the period, by route and risk."""
    rows = db.rows(
        "SELECT route, risk_level, COUNT(*) FROM facts_panel_items "  # noqa: S608  # nosec B608
        "WHERE held_on >= ? AND held_on <= ? GROUP BY route, risk_level", [f.start, f.end])
    routes = sorted({r or "Route not recorded" for r, _, _ in rows}) or ["No items"]
    levels = sorted({lv or "Level not recorded" for _, lv, _ in rows}) or ["Items"]
    cells: dict = defaultdict(int)
    for r, lv, n in rows:
        cells[(r or "Route not recorded", lv or "Level not recorded")] += n
    return Count("panel_outcomes", "Panel outcomes by route and agreed risk level", "Route",
                 "Agreed risk level", tuple(routes), tuple(levels), _grid(routes, levels, cells),
                 total_label="Items", row_ns="panel", column_ns="panel_level", total_ns="panel")


def disruption_actions(db: Engine, f: Filters) -> Count:
    """Disruption actions started in the period, by tactic and outcome."""
    rows = db.rows(
        "SELECT tactic, outcome, COUNT(*) FROM facts_disruption "  # noqa: S608  # nosec B608
        "WHERE started_on >= ? AND started_on <= ? GROUP BY tactic, outcome", [f.start, f.end])
    tactics = sorted({t for t, _, _ in rows}) or ["No actions"]
    outcomes = sorted({o or "Still in force" for _, o, _ in rows}) or ["Actions"]
    cells: dict = defaultdict(int)
    for t, o, n in rows:
        cells[(t, o or "Still in force")] += n
    return Count("disruption_actions", "Disruption actions by tactic and outcome", "Tactic",
                 "Outcome", tuple(tactics), tuple(outcomes), _grid(tactics, outcomes, cells),
                 total_label="Actions", row_ns="disruption", column_ns="disruption_outcome",
                 total_ns="disruption")


DEFINITIONS: dict[str, Definition] = {
    d.id: d
    for d in (
        Definition("cse_incidents", "Child sexual exploitation incidents per year", cse_incidents, "line"),
        Definition("cse_methods", "Methods in child sexual exploitation incidents", cse_methods),
        Definition("drug_supply_arrests", "Children arrested for drug supply per year", drug_supply_arrests, "line"),
        Definition("age_profile", "Age profile of children arrested for drug supply", age_profile),
        Definition("county_lines", "County Lines by area and status as at a date", county_lines),
        Definition("nrm_referrals", "NRM referrals by exploitation type", nrm_referrals),
        Definition("missing_episodes", "Missing episodes by area", missing_episodes),
        Definition("return_interviews", "Return home interviews offered, accepted and held within 72 hours",
                   return_interviews),
        Definition("children_by_risk", "Children by risk level and area", children_by_risk),
        Definition("reviews_on_time", "Risk assessment reviews on time", reviews_on_time),
        Definition("override_rate", "Override rate: levels changed by professional judgement", override_rate),
        Definition("panel_outcomes", "Panel outcomes", panel_outcomes),
        Definition("disruption_actions", "Disruption actions", disruption_actions),
    )
}


def compute_all(db: Engine, f: Filters, ids: Sequence[str] | None = None) -> list[Count]:
    """Every statistic (or those named), in the order of :data:`DEFINITIONS`."""
    return [d.function(db, f) for key, d in DEFINITIONS.items() if ids is None or key in ids]
