"""parley.spark on a local[2] Spark: thousands of real documents, counts and parity with the CLI.

Needs pyspark and a Java runtime (17+); set PARLEY_SKIP_SPARK=1 to leave it out
on a machine without them (CI never does).
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from conftest import agnews, docs_table, jsonl, run_cli, strip_nulls

if os.environ.get("PARLEY_SKIP_SPARK") == "1":
    pytest.skip("PARLEY_SKIP_SPARK=1", allow_module_level=True)

pytest.importorskip("pyarrow")
pyspark = pytest.importorskip("pyspark")
assert shutil.which("java") or os.environ.get("JAVA_HOME"), "Spark needs Java: apt-get install openjdk-17-jre-headless"

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import parley  # noqa: E402
import parley.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    # Everything on the loopback interface: the test talks to no other address.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    # Executors' Python workers run this interpreter, where the wheel is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("parley-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def docs():
    # All 7,600 AG News test items (World, Sports, Business, Sci/Tech), dated.
    docs = agnews(world_only=False, dated=True)
    assert len(docs) == 7600
    return docs


@pytest.fixture(scope="module")
def frame(spark, docs):
    rows = docs_table(docs, date_col="published").to_pylist()
    return spark.createDataFrame(rows, "id string, title string, text string, published date").repartition(4)


@pytest.fixture(scope="module")
def expected(cli, docs):
    events = run_cli(cli, "--input", "jsonl", stdin=jsonl(docs))
    assert len(events) > 1000
    return events


def key(e):
    return (e["doc_id"], e["sentence_index"], e["verb"]["span"][0], e["cameo"], repr(e))


def test_code_events_equals_the_cli(spark, frame, expected):
    events = parley.spark.code_events(frame, text_col="text", id_col="id", date_col="published", title_col="title")
    assert events.schema == parley.spark.event_schema()
    rows = [strip_nulls(r.asDict(recursive=True)) for r in events.collect()]
    assert len(rows) == len(expected)
    assert sorted(rows, key=key) == sorted((strip_nulls(e) for e in expected), key=key)


def test_counts_per_root_and_documents(spark, frame, expected):
    events = parley.spark.code_events(frame, date_col="published", title_col="title")
    assert events.count() == len(expected)
    per_root = {r["root"]: r["count"] for r in events.groupBy("root").count().collect()}
    want = {}
    for e in expected:
        want[e["root"]] = want.get(e["root"], 0) + 1
    assert per_root == want
    assert events.select("doc_id").distinct().count() == len({e["doc_id"] for e in expected})
    assert events.filter(F.col("date").isNull()).count() == 0


def test_one_coder_per_python_worker(spark, frame):
    parley.spark.code_events(frame, date_col="published").count()

    def probe(_):
        import os

        import parley.spark as ps

        yield (os.getpid(), ps._BUILT)

    built = spark.sparkContext.parallelize(range(8), 8).mapPartitions(probe).collect()
    assert built and max(n for _, n in built) <= 1, built


def test_bad_columns_fail_early(frame):
    with pytest.raises(ValueError, match="no column 'body'"):
        parley.spark.code_events(frame, text_col="body")
