"""The Spark backend: the same model on a cluster when a region outgrows one machine.

``local_session()`` starts Spark in local mode (no cluster, no network beyond the loopback
interface) with Splink's similarity functions (Jaro-Winkler and friends, a jar that ships
inside the Splink wheel) on the class path; pass it to ``link(..., backend="spark",
spark=session)``. On a real cluster, build the session as the platform requires and add the
same jar (``splink.backends.spark.similarity_jar_location()``).

Nothing here changes the model: ``model.settings`` is written in SQL both engines accept, so a
model trained on DuckDB (``Linker.misc.save_model_to_json``) scores identically on Spark; the
local-mode test holds that to within rounding.
"""

from __future__ import annotations

__all__ = ["local_session"]


def local_session(cores: int = 1, memory: str = "1g", app: str = "lantern-linkage"):
    """A small local-mode SparkSession with Splink's UDF jar (Java 17 or later needed)."""
    import os

    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only: no network needed
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app)
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
        .config("spark.default.parallelism", str(max(2, cores * 2)))
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
