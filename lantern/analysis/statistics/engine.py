"""Where the fact tables live and how a definition's SQL reaches them.

A definition asks an :class:`Engine` for rows with ``engine.rows(sql, params)``; the SQL uses
``?`` placeholders and only what DuckDB, PostgreSQL and SQLite share (no date functions, no
``FILTER`` clauses, ``CASE`` and ``COUNT(DISTINCT ...)`` only). Three engines are provided:

* :func:`duckdb_from_rows`: an in-process DuckDB over rows handed over in memory (what the app
  does: it reads the facts through the ORM and counts them here, on SQLite or PostgreSQL alike);
* :func:`duckdb_over_parquet`: DuckDB over a folder of Parquet files, one sub-folder or file
  per fact table (the national-scale benchmark; on object storage the same views read
  ``s3://`` paths through DuckDB's httpfs);
* :class:`DBAPIEngine`: any DB-API connection holding the fact tables (PostgreSQL through
  psycopg, whose placeholders are ``%s``; SQLite, whose are ``?``).

Example::

    db = duckdb_from_rows({"facts_events": rows})
    definitions.cse_incidents(db, Filters(start=date(2020, 1, 1), end=date(2025, 12, 31)))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from lantern.analysis.statistics.schema import FACT_TABLES, columns

__all__ = ["DBAPIEngine", "DuckDBEngine", "Engine", "duckdb_from_rows", "duckdb_over_parquet"]


class Engine(Protocol):
    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]: ...


class DuckDBEngine:
    """An engine over a DuckDB connection that already has the fact tables (or views)."""

    name = "duckdb"

    def __init__(self, con) -> None:
        self.con = con

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        # A cursor per query: one cached database may serve several threads.
        return self.con.cursor().execute(sql, list(params)).fetchall()


class DBAPIEngine:
    """An engine over a DB-API connection; ``paramstyle`` is the driver's (``qmark`` for
    sqlite3, ``format`` or ``pyformat`` for psycopg)."""

    def __init__(self, connection, *, paramstyle: str = "qmark", name: str = "dbapi") -> None:
        self.connection = connection
        self.paramstyle = paramstyle
        self.name = name

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        if self.paramstyle in ("format", "pyformat"):
            sql = re.sub(r"\?", "%s", sql)
        cur = self.connection.cursor()
        try:
            cur.execute(sql, tuple(params))
            return [tuple(r) for r in cur.fetchall()]
        finally:
            cur.close()


def _arrow_schema(table: str):
    import pyarrow as pa

    kinds = {"BIGINT": pa.int64(), "INTEGER": pa.int32(), "VARCHAR": pa.string(), "DATE": pa.date32()}
    return pa.schema([(name, kinds[typ]) for name, typ in FACT_TABLES[table]])


def arrow_table(table: str, rows: Iterable[Sequence]):
    """Rows (tuples in the schema's column order) as a typed Arrow table."""
    import pyarrow as pa

    names = columns(table)
    data = list(zip(*rows)) or [() for _ in names]
    return pa.Table.from_arrays(
        [pa.array(list(col), type=field.type) for col, field in zip(data, _arrow_schema(table))],
        schema=_arrow_schema(table),
    )


def duckdb_from_rows(tables: Mapping[str, Iterable[Sequence]], *, threads: int | None = None) -> DuckDBEngine:
    """An in-process DuckDB holding every fact table: those given as rows, the rest empty."""
    import duckdb

    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    for table in FACT_TABLES:
        data = arrow_table(table, tables.get(table, ()))  # noqa: F841 (read by DuckDB by name)
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM data")  # noqa: S608  # nosec B608
    return DuckDBEngine(con)


def duckdb_over_parquet(folder: str | Path, *, threads: int | None = None) -> DuckDBEngine:
    """DuckDB views over ``folder/<table>.parquet`` or ``folder/<table>/*.parquet``; a table
    with no files is an empty table."""
    import duckdb

    folder = Path(folder)
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    for table in FACT_TABLES:
        single, many = folder / f"{table}.parquet", folder / table
        if single.exists():
            source = str(single)
        elif many.is_dir() and any(many.glob("*.parquet")):
            source = str(many / "*.parquet")
        else:
            data = arrow_table(table, ())  # noqa: F841
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM data")  # noqa: S608  # nosec B608
            continue
        source = source.replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{source}')")  # noqa: S608  # nosec B608
    return DuckDBEngine(con)
