"""`parley export --format parquet`: pyarrow and pandas read the file as it is,
with the schema of the package's Arrow output and one row per stored event."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import parley
from conftest import SEED, agnews, jsonl, strip_nulls

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def store(cli: Path, tmp_path_factory) -> Path:
    """The seed and 600 dated AG News world items, coded into a store."""
    assert SEED.exists(), f"the seed article is missing: {SEED}"
    dir = tmp_path_factory.mktemp("parquet")
    docs = [{"id": "seed", "text": SEED.read_text(encoding="utf-8"), "date": "2024-03-05"}] + agnews(dated=True)[:600]
    corpus = dir / "corpus.jsonl"
    corpus.write_text(jsonl(docs), encoding="utf-8")
    db = dir / "events.db"
    subprocess.run([str(cli), "ingest", "--db", str(db), str(corpus)], check=True, capture_output=True)
    return db


def export(cli: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([str(cli), "export", "--db", str(db), *args], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    return out


def test_pyarrow_reads_the_event_schema_and_every_stored_event(cli, store, tmp_path):
    path = tmp_path / "events.parquet"
    export(cli, store, "--format", "parquet", "--output", str(path))
    table = pq.read_table(path)
    assert table.schema == parley.event_schema()
    stored = [json.loads(line) for line in export(cli, store, "--format", "parley").stdout.decode().splitlines()]
    assert len(stored) > 200
    assert table.num_rows == len(stored)
    # Row for row the stored events, nested fields included.
    assert [strip_nulls(r) for r in table.to_pylist()] == [strip_nulls(e) for e in stored]


def test_filters_and_pandas(cli, store, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "conflict.parquet"
    export(cli, store, "--format", "parquet", "--quad-class", "4", "--output", str(path))
    frame = pd.read_parquet(path)
    assert len(frame) > 0
    assert set(frame["quad_class"]) == {4}
    assert frame["source"].map(lambda s: s is None or "code" in s).all()
    # One row per happening: fewer rows than reports once reports were merged.
    everything, clusters = tmp_path / "all.parquet", tmp_path / "clusters.parquet"
    export(cli, store, "--format", "parquet", "--output", str(everything))
    export(cli, store, "--format", "parquet", "--unit", "clusters", "--output", str(clusters))
    assert 0 < pq.read_table(clusters).num_rows < pq.read_table(everything).num_rows
