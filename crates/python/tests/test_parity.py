"""Python and the CLI give the same events, computed on the fly from the same tree.

The engine changes every day, so nothing here is frozen: each test runs the
`parley` CLI and the Python package on the same input and compares.
"""

from __future__ import annotations

import datetime

import pytest

from conftest import SEED, agnews, by_document, jsonl, run_cli, strip_nulls


def test_seed_code_equals_cli(cli, coder, seed_text):
    expected = run_cli(cli, str(SEED))
    assert expected, "the CLI codes no event in the seed"
    assert coder.code(seed_text, doc_id=SEED.name) == expected


def test_seed_with_date_and_negated_equals_cli(cli, seed_text):
    import parley

    expected = run_cli(cli, "--date", "2024-03-07", "--keep-negated", str(SEED))
    coder = parley.Coder(keep_negated=True)
    assert coder.code(seed_text, doc_id=SEED.name, date=datetime.date(2024, 3, 7)) == expected


@pytest.fixture(scope="module")
def world():
    docs = agnews(world_only=True, dated=True)
    assert len(docs) == 1900
    return docs


@pytest.fixture(scope="module")
def world_cli(cli, world):
    events = run_cli(cli, "--input", "jsonl", stdin=jsonl(world))
    assert len(events) > 100, "the CLI codes almost nothing in AG News World"
    return events


def test_agnews_world_code_batch_equals_cli(coder, world, world_cli):
    batch = coder.code_batch(world)
    assert batch == by_document(world_cli, [d["id"] for d in world])


def test_agnews_world_code_equals_cli(coder, world, world_cli):
    expected = by_document(world_cli, [d["id"] for d in world])
    for doc, events in list(zip(world, expected))[::7]:
        assert coder.code(doc["text"], doc_id=doc["id"], date=doc["date"], title=doc["title"]) == events


def test_agnews_world_code_arrow_equals_cli(coder, world, world_cli):
    pa = pytest.importorskip("pyarrow")
    table = pa.table({
        "id": [d["id"] for d in world],
        "title": [d["title"] for d in world],
        "text": [d["text"] for d in world],
        "date": pa.array([datetime.date.fromisoformat(d["date"]) for d in world], pa.date32()),
    })
    out = coder.code_arrow(table, title_col="title", date_col="date")
    assert [strip_nulls(e) for e in out.to_pylist()] == [strip_nulls(e) for e in world_cli]


def test_seed_facts_equal_cli(cli, coder, seed_text):
    expected = run_cli(cli, "--facts", "--date", "2024-03-07", str(SEED))
    got = coder.code(seed_text, doc_id=SEED.name, date="2024-03-07", facts=True)
    assert got == expected
    assert any(r.get("kind") == "fact" for r in got), "the seed states tolls: the CLI writes facts"


def test_agnews_world_facts_equal_cli(cli, coder, world):
    expected = run_cli(cli, "--facts", "--input", "jsonl", stdin=jsonl(world))
    got = coder.code_batch(world, facts=True)
    assert [r for records in got for r in records] == expected
