"""Python and the CLI give the same events, computed on the fly from the same tree.

The engine changes every day, so nothing here is frozen: each test runs the
`parley` CLI and the Python package on the same input and compares.
"""

from __future__ import annotations

import datetime

import pytest

from conftest import SEED, SHARED, agnews, by_document, docs_table, jsonl, run_cli, strip_nulls


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
    pytest.importorskip("pyarrow")
    out = coder.code_arrow(docs_table(world), title_col="title", date_col="date")
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


PETRARCH = SHARED / "anchors" / "petrarch2"
PHOENIX = ["CAMEO.2.0.txt", "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
           "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt"]


@pytest.mark.filterwarnings("ignore::parley.ParleyWarning")
@pytest.mark.parametrize("merge", [False, True])
def test_agnews_world_with_petrarch_dictionaries_equals_cli(cli, world, merge):
    import parley

    paths = [str(PETRARCH / name) for name in PHOENIX]
    flags = [arg for p in paths for arg in ("--dictionaries", p)] + (["--merge"] if merge else [])
    docs = world[:600]
    expected = run_cli(cli, *flags, "--input", "jsonl", stdin=jsonl(docs))
    assert expected, "the PETRARCH dictionaries code nothing in AG News World"
    coder = parley.Coder(dictionaries=paths, merge=merge)
    assert [e for events in coder.code_batch(docs) for e in events] == expected


def test_dictionary_warnings_are_the_clis(cli):
    import subprocess
    import warnings

    import parley

    paths = [str(PETRARCH / name) for name in PHOENIX]
    flags = [arg for p in paths for arg in ("--dictionaries", p)]
    out = subprocess.run([str(cli), "code", *flags, str(SEED)], capture_output=True, text=True)
    cli_warnings = [line for line in out.stderr.splitlines() if line.startswith("parley: warning: ")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coder = parley.Coder(dictionaries=paths)
    assert ["parley: warning: " + w for w in coder.warnings] == cli_warnings
    assert [str(w.message) for w in caught if w.category is parley.ParleyWarning] == [
        "parley: " + w for w in coder.warnings
    ]
