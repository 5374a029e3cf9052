"""The binding's API: what goes in, what comes out, and how it fails."""

from __future__ import annotations

import datetime
import threading

import pytest

import parley

TEXT = "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday. The United Nations urged both sides to negotiate."
REQUIRED = {"doc_id", "sentence_index", "sentence", "source", "target", "cameo", "root", "quad_class",
            "goldstein", "event_name", "plover", "mode", "certainty", "verb", "lexicon"}


def test_code_returns_event_dicts(coder):
    events = coder.code(TEXT, doc_id="d1", date="2024-03-07")
    assert events, "the built-in lexicon codes nothing in a plain shelling report"
    for e in events:
        assert isinstance(e, dict)
        assert REQUIRED <= set(e)
        assert e["doc_id"] == "d1"
        assert e["root"] == e["cameo"][:2]
        assert e["quad_class"] in (1, 2, 3, 4)


def test_doc_id_defaults_to_position_zero(coder):
    events = coder.code(TEXT)
    assert events and {e["doc_id"] for e in events} == {"0"}
    assert coder.code(TEXT, doc_id=17)[0]["doc_id"] == "17"


def test_dates_as_strings_dates_and_datetimes_agree(coder):
    as_text = coder.code(TEXT, doc_id="d", date="2024-03-07")
    assert coder.code(TEXT, doc_id="d", date=datetime.date(2024, 3, 7)) == as_text
    assert coder.code(TEXT, doc_id="d", date=datetime.datetime(2024, 3, 7, 10, 30)) == as_text
    assert coder.code(TEXT, doc_id="d", date="2024-03-07T10:00:00Z") == as_text


def test_undated_documents_get_no_invented_date(coder):
    for e in coder.code("The United Nations urged both sides to negotiate.", doc_id="d"):
        assert e["date"] is None or e["date_info"]["source"] == "sentence"


def test_title_is_the_first_sentence(coder):
    title = "Russia shells Ukraine"
    with_title = coder.code("The United Nations urged both sides to negotiate.", doc_id="d", title=title)
    joined = coder.code(title + "\n\nThe United Nations urged both sides to negotiate.", doc_id="d")
    assert with_title == joined


def test_errors_are_python_exceptions_with_the_engines_messages(coder, tmp_path):
    with pytest.raises(parley.DocumentError, match="ISO 8601"):
        coder.code(TEXT, date="March")
    with pytest.raises(parley.DocumentError, match='"id" is empty'):
        coder.code(TEXT, doc_id="")
    with pytest.raises(TypeError):
        coder.code(b"bytes are not text")
    with pytest.raises(parley.LexiconError, match="not a readable folder"):
        parley.Coder(lexicon=tmp_path / "nowhere")
    with pytest.raises(parley.LexiconError, match="no dictionary files"):
        parley.Coder(dictionaries=tmp_path)
    with pytest.raises(ValueError, match="merge"):
        parley.Coder(merge=True)
    assert issubclass(parley.DocumentError, parley.ParleyError)
    assert issubclass(parley.ParleyError, ValueError)


def test_a_bad_lexicon_file_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "verbs.txt").write_text("@attack\n  - * 999 nonexistent code\n", encoding="utf-8")
    with pytest.raises(parley.LexiconError) as info:
        parley.Coder(lexicon=tmp_path)
    assert "verbs.txt" in str(info.value)


def test_a_lexicon_folder_overrides_only_its_files(coder, tmp_path, seed_text):
    assert parley.Coder(lexicon=tmp_path).code(seed_text) == coder.code(seed_text)
    assert parley.Coder(lexicon=str(tmp_path)).lexicon_stats() == coder.lexicon_stats()


def test_lexicon_stats(coder):
    stats = coder.lexicon_stats()
    assert stats["event codes"] > 0 and "verbs" in stats


def test_keep_negated_adds_only_negated_events(coder):
    text = "Russian forces did not attack Ukrainian positions. Russian forces shelled Kyiv."
    plain = coder.code(text, doc_id="d")
    more = parley.Coder(keep_negated=True).code(text, doc_id="d")
    assert [e for e in more if e["mode"] != "negated"] == plain
    assert all(e["mode"] != "negated" for e in plain)


def test_code_batch_accepts_strings_mappings_and_tuples(coder):
    texts = [TEXT, "The United Nations urged both sides to negotiate.", ""]
    batch = coder.code_batch(texts)
    assert batch == [coder.code(t, doc_id=str(i)) for i, t in enumerate(texts)]
    mixed = coder.code_batch([
        {"id": "a", "text": TEXT, "date": "2024-03-07"},
        ("b", TEXT),
        ("c", TEXT, datetime.date(2024, 3, 7)),
        {"text": TEXT, "title": "Shelling"},
    ])
    assert mixed[0] == coder.code(TEXT, doc_id="a", date="2024-03-07")
    assert mixed[1] == coder.code(TEXT, doc_id="b")
    assert mixed[2] == coder.code(TEXT, doc_id="c", date="2024-03-07")
    assert mixed[3] == coder.code(TEXT, doc_id="3", title="Shelling")


def test_code_batch_takes_any_iterable_keeps_order_and_default_date(coder):
    docs = [(f"d{i}", TEXT if i % 2 else "Nothing happened here.") for i in range(10_000)]
    batch = coder.code_batch(iter(docs), date="2024-03-07")
    assert len(batch) == len(docs)
    for (doc_id, text), events in zip(docs[:50], batch[:50]):
        assert events == coder.code(text, doc_id=doc_id, date="2024-03-07")
    assert [e[0]["doc_id"] for e in batch[1::2]] == [d for d, _ in docs[1::2]]
    assert coder.code_batch([]) == []


def test_code_batch_errors_name_the_item(coder):
    with pytest.raises(parley.DocumentError, match="item 1"):
        coder.code_batch(["fine", {"id": "x", "text": "t", "date": "soon"}])
    with pytest.raises(TypeError, match="item 0"):
        coder.code_batch([42])
    with pytest.raises(TypeError, match="text"):
        coder.code_batch([{"id": "x"}])


def test_threads_and_concurrent_callers(seed_text):
    one = parley.Coder(threads=1)
    assert one.threads == 1
    docs = [seed_text] * 64
    expected = one.code_batch(docs)
    shared = parley.Coder()
    results = [None] * 4

    def work(k):
        results[k] = shared.code_batch(docs)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_event_schema_has_every_json_field(coder):
    schema = parley.event_schema()
    names = schema.names
    for e in coder.code(TEXT, doc_id="d", date="2024-03-07"):
        assert set(e) <= set(names)
    assert names[:3] == ["doc_id", "sentence_index", "sentence"]


def test_version_and_typing_files_ship():
    import importlib.resources as res

    assert isinstance(parley.__version__, str)
    files = {p.name for p in res.files("parley").iterdir()}
    assert {"py.typed", "_parley.pyi", "spark.py"} <= files


def test_coders_pickle_as_their_arguments(seed_text):
    import pickle

    coder = parley.Coder(keep_negated=True, threads=1)
    clone = pickle.loads(pickle.dumps(coder))
    assert clone.threads == 1
    assert clone.code(seed_text) == coder.code(seed_text)
