"""Partnership statistics: one definition per figure, SQL over a small fact schema, the same on
every engine (an in-process DuckDB fed by the app, PostgreSQL, DuckDB over Parquet).

Django-free (import-linter contract). The app builds fact rows (``lantern/reporting/facts.py``)
and publishes only what :func:`publish` returns; definitions are in words in
``docs/reference/statistics.md`` and the design is ADR 0022.

Example::

    from lantern.analysis.statistics import Filters, compute_all, duckdb_from_rows, publish
    db = duckdb_from_rows({"facts_events": rows})
    shown = publish(compute_all(db, Filters(start=date(2020, 1, 1), end=date(2025, 12, 31))),
                    threshold=5)
"""

from lantern.analysis.statistics.definitions import (
    DEFINITIONS,
    Count,
    Definition,
    Filters,
    compute_all,
)
from lantern.analysis.statistics.engine import (
    DBAPIEngine,
    DuckDBEngine,
    Engine,
    arrow_table,
    duckdb_from_rows,
    duckdb_over_parquet,
)
from lantern.analysis.statistics.publish import Derived, Figure, PublishedStatistic, publish
from lantern.analysis.statistics.schema import FACT_TABLES, columns, ddl

__all__ = [
    "DEFINITIONS",
    "FACT_TABLES",
    "Count",
    "DBAPIEngine",
    "Definition",
    "Derived",
    "DuckDBEngine",
    "Engine",
    "Figure",
    "Filters",
    "PublishedStatistic",
    "arrow_table",
    "columns",
    "compute_all",
    "ddl",
    "duckdb_from_rows",
    "duckdb_over_parquet",
    "publish",
]
