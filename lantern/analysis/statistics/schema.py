"""The canonical fact schema every statistic is defined over.

Why a fact schema: the definitions in :mod:`.definitions` are SQL over these few flat tables and
nothing else, so one definition runs unchanged on an in-process DuckDB fed from the app's
database, on PostgreSQL, or on DuckDB over Parquet files at national scale (ADR 0022). The app
builds the rows (``lantern/reporting/facts.py``); the benchmarks build them from the
generator's files. Columns are plain: dates, whole numbers, short codes. Flags are 0/1 integers
and years and ages are columns (not date arithmetic), so no engine's date functions are needed.

``area`` and ``team`` are names ("" when not recorded); ``team`` is the team of the child's
lead professional. Codes are those of :mod:`.vocab`.
"""

from __future__ import annotations

#: table -> ((column, SQL type), ...), in column order.
FACT_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    # One row per child known to the partnership.
    "facts_children": (
        ("person_id", "BIGINT"),
        ("date_of_birth", "DATE"),
        ("sex", "VARCHAR"),
        ("area", "VARCHAR"),
        ("team", "VARCHAR"),
    ),
    # One row per chronology event about a child (any agency).
    "facts_events": (
        ("event_id", "BIGINT"),
        ("person_id", "BIGINT"),
        ("event_date", "DATE"),
        ("event_year", "INTEGER"),
        ("event_type", "VARCHAR"),
        ("subtype", "VARCHAR"),
        ("concern_type", "VARCHAR"),
        ("method", "VARCHAR"),
        ("area", "VARCHAR"),
        ("team", "VARCHAR"),
        ("age_at_event", "INTEGER"),
        ("arrested", "INTEGER"),
        ("charged", "INTEGER"),
        ("convicted", "INTEGER"),
    ),
    # One row per missing episode, with what happened about a return home interview.
    "facts_missing": (
        ("episode_id", "BIGINT"),
        ("person_id", "BIGINT"),
        ("started_on", "DATE"),
        ("start_year", "INTEGER"),
        ("area", "VARCHAR"),
        ("team", "VARCHAR"),
        ("risk_grade", "VARCHAR"),
        ("rhi", "VARCHAR"),
    ),
    # One row per NRM referral and exploitation type it names.
    "facts_nrm": (
        ("referral_id", "BIGINT"),
        ("person_id", "BIGINT"),
        ("referred_on", "DATE"),
        ("referral_year", "INTEGER"),
        ("area", "VARCHAR"),
        ("team", "VARCHAR"),
        ("exploitation_type", "VARCHAR"),
    ),
    # One row per County Line and period it held a status: [valid_from, valid_to), valid_to
    # null while it still holds.
    "facts_lines": (
        ("line_id", "BIGINT"),
        ("area", "VARCHAR"),
        ("status", "VARCHAR"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
    ),
    # One row per submitted risk assessment of a child.
    "facts_assessments": (
        ("assessment_id", "BIGINT"),
        ("person_id", "BIGINT"),
        ("as_at", "DATE"),
        ("area", "VARCHAR"),
        ("team", "VARCHAR"),
        ("final_level", "VARCHAR"),
        ("overridden", "INTEGER"),
        ("review_due", "DATE"),
        ("next_done", "DATE"),
    ),
    # One row per item about a person discussed at a signed panel meeting.
    "facts_panel_items": (
        ("item_id", "BIGINT"),
        ("held_on", "DATE"),
        ("route", "VARCHAR"),
        ("risk_level", "VARCHAR"),
    ),
    # One row per disruption action.
    "facts_disruption": (
        ("action_id", "BIGINT"),
        ("started_on", "DATE"),
        ("tactic", "VARCHAR"),
        ("outcome", "VARCHAR"),
        ("breached", "INTEGER"),
    ),
}


def columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in FACT_TABLES[table])


def ddl(table: str) -> str:
    """``CREATE TABLE`` for one fact table, in SQL that DuckDB, PostgreSQL and SQLite all read."""
    body = ", ".join(f"{name} {typ}" for name, typ in FACT_TABLES[table])
    return f"CREATE TABLE {table} ({body})"
