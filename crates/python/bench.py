#!/usr/bin/env python3
"""Throughput of each layer over the same engine, on the same corpus.

Prints documents/s and sentences/s for: the `parley` CLI (all cores, and one
thread), `Coder.code_batch`, `Coder.code_arrow`, and `parley.spark.code_events`
on Spark local[2]. The corpus is the AG News test set (7,600 real news items,
title + description; read from ../shared, never copied) repeated `--copies`
times with distinct ids, so each run lasts seconds, not milliseconds.

    .venv/bin/python crates/python/bench.py [--copies 30] [--no-spark] [--check]

Each figure is the best of `--runs` timed runs (round-robin over the layers).
CPU seconds are those of this process and its children (the CLI, Spark's JVM and
its Python workers): on a shared machine, documents per CPU-second show each
layer's overhead even when wall times are skewed by other load; Spark's are also
split by process (its JVM, its Python workers, this driver). The CLI reads JSON lines from a
file and writes JSON lines to /dev/null, process start and lexicon compilation
included (what a user running it pays); the Python figures time the call on a
coder built beforehand; Spark reads Parquet and writes to the `noop` sink, the
session already warm. Sentences are counted by parley's own splitter.
`--check` exits 1 unless code_arrow is within 20% of the CLI and Spark
local[2] reaches 1.5x the single-thread CLI.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = Path(os.environ.get("PARLEY_SHARED", REPO.parent / "shared"))


def corpus(copies: int) -> list:
    base = []
    with (SHARED / "anchors" / "agnews" / "test.csv").open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            date = (datetime.date(2004, 7, 1) + datetime.timedelta(days=i % 200)).isoformat()
            base.append({"id": f"ag{i}", "title": row[1], "text": row[2], "date": date})
    return [dict(d, id=f"{d['id']}-{c}") for c in range(copies) for d in base]


def best(runs: int, fn) -> tuple:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def tree_cpu() -> float:
    """CPU seconds used so far by this process and every live descendant
    (the CLI's finished runs count through RUSAGE_CHILDREN; Spark's JVM and its
    Python workers are alive, so /proc has them)."""
    return sum(tree_cpu_parts().values())


def tree_cpu_parts() -> dict:
    """:func:`tree_cpu` by part: this process (with its finished children),
    and its live descendants by command name (``java``: Spark's JVM;
    ``python``: Spark's Python workers)."""
    import resource

    me = os.getpid()
    parents, times, names = {}, {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name, fields = stat[stat.find("(") + 1:stat.rfind(")")], stat[stat.rfind(")") + 1:].split()
        pid = int(entry)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
        names[pid] = name
    own = resource.getrusage(resource.RUSAGE_SELF)
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    parts = {"this process": own.ru_utime + own.ru_stime + done.ru_utime + done.ru_stime}
    for pid, t in times.items():
        p = pid
        while p not in (me, 0, 1) and p in parents:
            p = parents[p]
        if p == me and pid != me:
            parts[names[pid]] = parts.get(names[pid], 0.0) + t
    return parts


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # 30 copies (228,000 items, about 5 s a layer): Spark's cost per job (planning, task
    # scheduling, the JIT) is then a small part of a run, as it is on real archives.
    ap.add_argument("--copies", type=int, default=30, help="times the 7,600 AG News items are repeated")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per layer (the best counts)")
    ap.add_argument("--cli", default=os.environ.get("PARLEY_CLI"), help="the parley binary (default: target/release/parley)")
    ap.add_argument("--no-spark", action="store_true", help="leave out Spark local[2]")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()

    import pyarrow as pa
    import pyarrow.parquet as pq

    import parley
    from parley import _parley

    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    cli = Path(args.cli or target / "release" / "parley")
    if not cli.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "parley-cli"], cwd=REPO, check=True)

    docs = corpus(args.copies)
    n_docs = len(docs)
    n_sentences = _parley.count_sentences([f"{d['title'].strip()}\n\n{d['text']}" for d in docs])
    tmp = Path(tempfile.mkdtemp(prefix="parley-bench-"))
    jsonl = tmp / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    table = pa.table({k: [d[k] for d in docs] for k in ("id", "title", "text", "date")})
    table = table.set_column(3, "date", table.column("date").cast(pa.date32()))
    # Row groups of 4,096 rows so that Spark can split the file into even partitions.
    pq.write_table(table, tmp / "corpus.parquet", row_group_size=4096)

    print(f"machine: {machine()}")
    print("load:    %.2f %.2f %.2f (1, 5, 15 min; figures are only comparable on an idle machine)" % os.getloadavg())
    print(f"corpus:  AG News test x{args.copies}: {n_docs} documents, {n_sentences} sentences "
          f"({jsonl.stat().st_size / 1e6:.1f} MB of JSON lines)")

    # Every layer as (name, run, count of events); runs go round-robin so that
    # load from other processes falls on all layers alike.
    layers = []

    def cli_run(*extra: str):
        def run() -> None:
            with open(os.devnull, "wb") as null:
                subprocess.run([str(cli), "code", *extra, str(jsonl)], stdout=null, check=True)
        return run

    cli_events = subprocess.run([str(cli), "code", str(jsonl)], capture_output=True, check=True).stdout.count(b"\n")
    layers.append(("CLI (all cores)", cli_run(), lambda: cli_events))
    layers.append(("CLI (--threads 1)", cli_run("--threads", "1"), lambda: cli_events))

    coder = parley.Coder()
    one = parley.Coder(threads=1)
    layers.append(("Python code_batch", lambda: coder.code_batch(docs),
                   lambda: sum(map(len, coder.code_batch(docs)))))
    arrow = lambda c: c.code_arrow(table, title_col="title", date_col="date")  # noqa: E731
    layers.append(("Python code_arrow", lambda: arrow(coder), lambda: arrow(coder).num_rows))
    layers.append(("Python code_arrow (1 thread)", lambda: arrow(one), lambda: arrow(one).num_rows))

    spark = None
    if not args.no_spark:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession

        import parley.spark

        spark = (
            SparkSession.builder.master("local[2]").appName("parley-bench")
            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.memory", "4g")
            # Four even input partitions: two waves of two tasks on local[2].
            .config("spark.sql.files.maxPartitionBytes", str((tmp / "corpus.parquet").stat().st_size // 4 + 1))
            .config("spark.sql.files.openCostInBytes", "0")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        frame = spark.read.parquet(str(tmp / "corpus.parquet"))
        print(f"Spark:   local[2], {frame.rdd.getNumPartitions()} input partitions (Parquet)")
        coded = lambda: parley.spark.code_events(frame, date_col="date", title_col="title")  # noqa: E731
        layers.append(("Spark local[2] code_events",
                       lambda: coded().write.format("noop").mode("overwrite").save(),
                       lambda: coded().count()))
    print()

    for _, run, _ in layers:
        run()  # warm: page cache, Python workers, one coder per Spark worker
    times = {name: [] for name, _, _ in layers}
    cpus = {name: [] for name, _, _ in layers}
    parts = {name: [] for name, _, _ in layers}
    for _ in range(args.runs):
        for name, run, _ in layers:
            c, t = tree_cpu_parts(), time.perf_counter()
            run()
            times[name].append(time.perf_counter() - t)
            after = tree_cpu_parts()
            cpus[name].append(sum(after.values()) - sum(c.values()))
            parts[name].append({k: v - c.get(k, 0.0) for k, v in after.items()})
    rows = []
    print(f"{'':<28} {'wall':>8}   {'docs/s':>12} {'sentences/s':>12} {'CPU s':>7} {'docs/CPU-s':>11} {'events':>10}")
    for name, _, count in layers:
        seconds, cpu, events = min(times[name]), min(cpus[name]), count()
        rows.append((name, seconds, events))
        print(f"{name:<28} {seconds:8.2f} s {n_docs / seconds:12,.0f} {n_sentences / seconds:12,.0f} "
              f"{cpu:7.2f} {n_docs / cpu:11,.0f} {events:10,d}", flush=True)
    if spark is not None:
        spark.stop()
        # Where Spark's CPU seconds went, in its run with the least.
        split = min(parts["Spark local[2] code_events"], key=lambda d: sum(d.values()))
        labels = {"java": "JVM", "python": "Python workers", "this process": "driver (Python)"}
        print("Spark CPU s by process (its run with the least): " + ", ".join(
            f"{labels.get(k, k)} {v:.2f}" for k, v in sorted(split.items(), key=lambda kv: -kv[1]) if v >= 0.005))

    print("load at the end: %.2f %.2f %.2f" % os.getloadavg())
    print()
    by = {name: secs for name, secs, _ in rows}
    ok = True
    arrow_vs_cli = by["CLI (all cores)"] / by["Python code_arrow"]
    print(f"code_arrow / CLI throughput:            {arrow_vs_cli:.2f}x (target >= 0.80)")
    ok &= arrow_vs_cli >= 0.8
    if "Spark local[2] code_events" in by:
        spark_vs_cli1 = by["CLI (--threads 1)"] / by["Spark local[2] code_events"]
        print(f"Spark local[2] / single-thread CLI:     {spark_vs_cli1:.2f}x (target >= 1.50)")
        ok &= spark_vs_cli1 >= 1.5
    counts = {e for _, _, e in rows}
    if len(counts) != 1:
        print(f"event counts differ between layers: {sorted(counts)}")
        ok = False
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
