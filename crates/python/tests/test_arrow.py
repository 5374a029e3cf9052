"""code_arrow: Arrow in, Arrow out, the same events as code_batch."""

from __future__ import annotations

import datetime

import pytest

import parley
from conftest import agnews, strip_nulls

pa = pytest.importorskip("pyarrow")

TEXT = "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday. The United Nations urged both sides to negotiate."


@pytest.fixture(scope="module")
def docs():
    return agnews()[:400]


@pytest.fixture(scope="module")
def table(docs):
    return pa.table({k: [d[k] for d in docs] for k in ("id", "title", "text")})


def rows(events) -> list:
    return [strip_nulls(e) for e in events.to_pylist()]


def flat(batches) -> list:
    return [strip_nulls(e) for events in batches for e in events]


def test_tables_give_tables_with_the_batch_events(coder, docs, table):
    out = coder.code_arrow(table, title_col="title")
    assert isinstance(out, pa.Table)
    assert out.schema == parley.event_schema()
    assert out.num_rows > 0
    assert rows(out) == flat(coder.code_batch(docs))


def test_record_batches_give_record_batches(coder, table):
    batch = table.to_batches()[0]
    out = coder.code_arrow(batch, title_col="title")
    assert isinstance(out, pa.RecordBatch)
    assert rows(out) == rows(coder.code_arrow(pa.Table.from_batches([batch]), title_col="title"))


def test_streams_of_many_batches(coder, table):
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=7))
    out = coder.code_arrow(reader, title_col="title")
    assert rows(out) == rows(coder.code_arrow(table, title_col="title"))


def test_goldstein_is_the_json_value(coder, docs, table):
    out = coder.code_arrow(table, title_col="title")
    assert out.schema.field("goldstein").type == pa.float64()
    assert out.column("goldstein").to_pylist() == [e["goldstein"] for b in coder.code_batch(docs) for e in b]


def test_ids_dates_and_nulls(coder):
    t = pa.table({
        "id": pa.array([10, 11, 12], pa.int64()),
        "text": pa.array([TEXT, None, TEXT]),
        "day": pa.array([datetime.date(2024, 3, 7), None, None], pa.date32()),
    })
    out = rows(coder.code_arrow(t, date_col="day", date="2020-01-01"))
    expected = flat(coder.code_batch([
        {"id": "10", "text": TEXT, "date": "2024-03-07"},
        {"id": "11", "text": ""},
        {"id": "12", "text": TEXT, "date": "2020-01-01"},
    ]))
    assert out == expected
    ts = t.set_column(2, "day", pa.array([datetime.datetime(2024, 3, 7, 23, 0), None, None], pa.timestamp("us")))
    assert rows(coder.code_arrow(ts, date_col="day", date="2020-01-01")) == expected
    large = pa.table({"id": pa.array(["a"], pa.large_string()), "text": pa.array([TEXT], pa.large_string())})
    assert rows(coder.code_arrow(large)) == flat(coder.code_batch([("a", TEXT)]))


def test_rows_are_numbered_without_an_id_column(coder):
    t = pa.table({"text": [TEXT, TEXT]})
    out = coder.code_arrow(t, id_col=None)
    assert set(out.column("doc_id").to_pylist()) == {"0", "1"}


def test_errors(coder):
    t = pa.table({"id": ["a", None], "text": [TEXT, TEXT], "date": ["2024-03-07", "someday"]})
    with pytest.raises(parley.DocumentError, match='no column "body"'):
        coder.code_arrow(t, text_col="body")
    with pytest.raises(parley.DocumentError, match="row 1: the id is null"):
        coder.code_arrow(t)
    kept = coder.code_arrow(t, date_col="date", skip_invalid=True)
    assert set(kept.column("doc_id").to_pylist()) == {"a"}
    with pytest.raises(parley.DocumentError, match="ISO 8601"):
        coder.code_arrow(t.slice(1).set_column(0, "id", pa.array(["b"])), date_col="date")
    with pytest.raises(parley.DocumentError, match="expected strings"):
        coder.code_arrow(pa.table({"id": ["a"], "text": [1.5]}))
    with pytest.raises(TypeError):
        coder.code_arrow([TEXT])


def test_empty_input_gives_an_empty_table_with_the_schema(coder):
    empty = pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    out = coder.code_arrow(empty)
    assert out.num_rows == 0 and out.schema == parley.event_schema()


def test_pandas_frames_when_pandas_is_there(coder, table):
    pd = pytest.importorskip("pandas")
    frame = table.to_pandas()
    out = coder.code_arrow(frame, title_col="title")
    assert isinstance(out, pd.DataFrame)
    assert len(out) == coder.code_arrow(table, title_col="title").num_rows
