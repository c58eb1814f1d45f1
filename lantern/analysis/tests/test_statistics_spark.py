"""The statistic definitions run unchanged on Spark SQL (local mode) over the same Parquet
files as DuckDB, and give the same counts (ADR 0023). Skipped only where Java is missing."""

from __future__ import annotations

import shutil

import pytest

from lantern.analysis.statistics import arrow_table, compute_all, duckdb_over_parquet
from lantern.analysis.statistics.spark import spark_over_parquet
from lantern.analysis.tests.test_statistics import PERIOD, WORLD


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: Spark cannot start")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("lantern-statistics-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_the_same_definitions_give_the_same_counts_on_spark(spark, tmp_path):
    import pyarrow.parquet as pq

    for table, rows in WORLD.items():
        if rows:  # a table with no rows is left out: both engines make it an empty table
            pq.write_table(arrow_table(table, rows), tmp_path / f"{table}.parquet")
    on_duckdb = compute_all(duckdb_over_parquet(tmp_path), PERIOD)
    on_spark = compute_all(spark_over_parquet(spark, str(tmp_path)), PERIOD)
    assert [c.definition for c in on_spark] == [c.definition for c in on_duckdb]
    for a, b in zip(on_duckdb, on_spark):
        assert a == b, a.definition
    assert any(any(any(row) for row in c.counts) for c in on_spark)  # not all zeros
