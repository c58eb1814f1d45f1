"""The statistics on Spark SQL, for a partnership (or a group of them) whose facts outgrow one
machine (docs/adr/0023-statistics-beyond-one-machine.md).

Nothing here re-implements a statistic: :class:`SparkEngine` is the same ``rows(sql, params)``
adapter as the DuckDB and DB-API engines, and the definitions' SQL runs on Spark unchanged
(Spark SQL takes the ``?`` placeholders as positional parameters). ``spark_over_parquet``
registers the fact tables from Parquet (local files, HDFS or ``s3a://``) as temporary views, as
``duckdb_over_parquet`` does for DuckDB.

Example::

    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    db = spark_over_parquet(spark, "s3a://partnership-facts/2026-11-30/")
    compute_all(db, Filters(start=date(2020, 1, 1), end=date(2025, 12, 31)))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lantern.analysis.statistics.schema import FACT_TABLES

__all__ = ["SparkEngine", "spark_over_parquet"]

_SPARK_TYPES = {"BIGINT": "BIGINT", "INTEGER": "INT", "VARCHAR": "STRING", "DATE": "DATE"}


class SparkEngine:
    """An engine over a SparkSession whose catalogue has the fact tables (or views)."""

    name = "spark"

    def __init__(self, spark) -> None:
        self.spark = spark

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        out = []
        for row in self.spark.sql(sql, args=list(params)).collect():
            # Spark hands back Python dates and ints already; Decimal never arises (no AVG/SUM of
            # decimals in the definitions), so rows compare equal to DuckDB's.
            out.append(tuple(v.date() if isinstance(v, dt.datetime) else v for v in row))
        return out


def spark_over_parquet(spark, folder: str) -> SparkEngine:
    """Temporary views over ``folder/<table>.parquet`` or ``folder/<table>/`` for every fact
    table; a table with no files is an empty view with the schema's columns."""
    base = str(folder).rstrip("/")
    for table, cols in FACT_TABLES.items():
        frame = None
        for path in (f"{base}/{table}.parquet", f"{base}/{table}"):
            try:
                frame = spark.read.parquet(path)
                break
            except Exception:  # noqa: BLE001, S112  # nosec B112 - a missing path: try the next form
                continue
        if frame is None:
            schema = ", ".join(f"{name} {_SPARK_TYPES[typ]}" for name, typ in cols)
            frame = spark.createDataFrame([], schema)
        frame.createOrReplaceTempView(table)
    return SparkEngine(spark)
