"""Shared fixtures: the `parley` CLI to compare against, and the real-text corpora.

The CLI is `$PARLEY_CLI`, else `$CARGO_TARGET_DIR/release/parley` (`<repo>/target/...` by default) (built with
`cargo build --release -p parley-cli` when missing). Build it from the same
tree as the installed wheel: both embed the lexicon, and parity means nothing
across two lexicons. The corpora are read from `$PARLEY_SHARED`, else the
`shared/` folder beside the repository; they are never copied into the repo.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("PARLEY_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "article.txt"
AGNEWS = SHARED / "anchors" / "agnews" / "test.csv"


@pytest.fixture(scope="session")
def cli() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = Path(os.environ.get("PARLEY_CLI", target / "release" / "parley"))
    if not path.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "parley-cli"], cwd=REPO, check=True)
    assert path.exists(), f"no parley CLI at {path}"
    return path


def run_cli(cli: Path, *args: str, stdin: str | None = None) -> List[Dict[str, Any]]:
    """`parley code ARGS`, its JSON lines parsed."""
    out = subprocess.run(
        [str(cli), "code", *args], input=stdin, capture_output=True, text=True, encoding="utf-8"
    )
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def coder():
    import parley

    return parley.Coder()


@pytest.fixture(scope="session")
def seed_text() -> str:
    assert SEED.exists(), f"the seed article is missing: {SEED}"
    return SEED.read_text(encoding="utf-8")


def agnews(world_only: bool = True, dated: bool = False) -> List[Dict[str, str]]:
    """AG News test items as CLI JSON-lines records (title, description as text).

    With `dated`, each gets a publication date (AG News has none) so that date
    handling is compared too.
    """
    assert AGNEWS.exists(), f"the AG News test set is missing: {AGNEWS}"
    docs = []
    with AGNEWS.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            if world_only and row[0] != "1":
                continue
            doc = {"id": f"ag{i}", "title": row[1], "text": row[2]}
            if dated:
                doc["date"] = (datetime.date(2004, 7, 1) + datetime.timedelta(days=i % 200)).isoformat()
            docs.append(doc)
    return docs


def docs_table(docs: List[Dict[str, Any]], date_col: str = "date") -> Any:
    """Dated documents as a pyarrow Table: id, title, text, and the date as `date32` in `date_col`."""
    import pyarrow as pa

    return pa.table({
        "id": [d["id"] for d in docs],
        "title": [d["title"] for d in docs],
        "text": [d["text"] for d in docs],
        date_col: pa.array([datetime.date.fromisoformat(d["date"]) for d in docs], pa.date32()),
    })


def jsonl(docs: List[Dict[str, Any]]) -> str:
    return "".join(json.dumps(d) + "\n" for d in docs)


def strip_nulls(value: Any) -> Any:
    """An event with its null fields left out: JSON omits some (`refers_to`), Arrow has them as null."""
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value]
    return value


def by_document(events: List[Dict[str, Any]], ids: List[str]) -> List[List[Dict[str, Any]]]:
    """Flat events grouped per document id, in the order of `ids`."""
    groups: Dict[str, List[Dict[str, Any]]] = {i: [] for i in ids}
    for e in events:
        groups[e["doc_id"]].append(e)
    return [groups[i] for i in ids]
