"""Coding Spark DataFrames with parley.

:func:`code_events` turns a DataFrame of documents into a DataFrame of events
with a declared schema (:func:`event_schema`). It runs on ``mapInArrow``:
executors hand Arrow record batches to the Rust engine and get Arrow record
batches back, with no Python object per row. Each executor's Python worker
builds one :class:`parley.Coder` and keeps it for every task it runs (a
module-level cache; Spark reuses Python workers by default), and the lexicon
travels inside the wheel, so executors need nothing but the package installed.
On that first coder the worker's objects are frozen (``gc.freeze()``), so the
``gc.collect()`` Spark's daemon runs after each task skips the imported modules.

>>> from parley.spark import code_events                         # doctest: +SKIP
>>> events = code_events(docs, text_col="text", id_col="id", date_col="date")
>>> events.groupBy("root").count().show()
"""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterator, Optional, Tuple

import parley

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import DataType, StructType

__all__ = ["code_events", "event_schema"]

# One coder per Python worker process, per configuration: built by the first
# task that needs it and reused by the ones after it.
_CODERS: Dict[Tuple[Optional[str], bool, Optional[int]], parley.Coder] = {}
_LOCK = threading.Lock()
#: How many coders this process has built (tests check it stays at one per configuration).
_BUILT = 0


def _coder(lexicon: Optional[str], keep_negated: bool, threads: Optional[int]) -> parley.Coder:
    key = (lexicon, keep_negated, threads)
    coder = _CODERS.get(key)
    if coder is None:
        with _LOCK:
            coder = _CODERS.get(key)
            if coder is None:
                global _BUILT
                coder = parley.Coder(lexicon, keep_negated=keep_negated, threads=threads)
                _CODERS[key] = coder
                _BUILT += 1
                if _BUILT == 1:
                    _freeze_worker_objects()
    return coder


def _freeze_worker_objects() -> None:
    """Leaves the objects this Python worker holds now out of later garbage collections.

    Spark's daemon runs ``gc.collect()`` after every task of a reused worker, and
    each full collection walks every object of the imported modules (pyspark,
    pyarrow, pandas, numpy: some 75,000), 10 to 30 ms a task, for nothing: they
    live as long as the worker. Done once, on the worker's first coder, after a
    last collection; objects made later are collected as before.
    """
    gc.collect()
    gc.freeze()


def _spark_type(t: "pyarrow.DataType") -> "DataType":
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return T.StringType()
    if pa.types.is_boolean(t):
        return T.BooleanType()
    if pa.types.is_int8(t):
        return T.ByteType()
    if pa.types.is_int16(t):
        return T.ShortType()
    if pa.types.is_int32(t):
        return T.IntegerType()
    if pa.types.is_int64(t):
        return T.LongType()
    if pa.types.is_float32(t):
        return T.FloatType()
    if pa.types.is_float64(t):
        return T.DoubleType()
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return T.ArrayType(_spark_type(t.value_type), t.value_field.nullable)
    if pa.types.is_struct(t):
        return T.StructType([T.StructField(f.name, _spark_type(f.type), f.nullable) for f in t])
    raise TypeError(f"no Spark type for the Arrow type {t}")


def event_schema() -> "StructType":
    """The Spark schema of the events :func:`code_events` returns.

    It is :func:`parley.event_schema` (traced from the engine's output types,
    the fields of ``parley code``'s JSON in order) in Spark's types: nested
    objects are structs, ``[start, end]`` spans arrays of longs, ``goldstein``
    a float.
    """
    from pyspark.sql import types as T

    return T.StructType(
        [T.StructField(f.name, _spark_type(f.type), f.nullable) for f in parley.event_schema()]
    )


def code_events(
    df: "DataFrame",
    text_col: str = "text",
    id_col: str = "id",
    date_col: Optional[str] = None,
    *,
    title_col: Optional[str] = None,
    lexicon: Optional[str] = None,
    keep_negated: bool = False,
    threads: Optional[int] = None,
    skip_invalid: bool = False,
) -> "DataFrame":
    """Codes a DataFrame of documents into a DataFrame of events.

    Parameters
    ----------
    df:
        Documents, one per row.
    text_col:
        The column of texts (string); a null text codes to no event.
    id_col:
        The column of document ids (string or integer), copied to each event's
        ``doc_id``: keep it unique to join events back to their documents.
    date_col:
        An optional column of publication dates (date, timestamp or ISO 8601
        string); dates in the text are resolved against it.
    title_col:
        An optional column of headlines, coded as each document's first sentence.
    lexicon:
        A lexicon folder to use instead of the built-in one. It must exist at
        that path on every executor (a shared file system, or ship it with
        ``--files``/``SparkFiles`` and pass the local path).
    keep_negated:
        Also emit negated events.
    threads:
        Engine threads per task. ``None``: the task's CPUs (``spark.task.cpus``,
        1 by default), since Spark already runs a task per core.
    skip_invalid:
        Drop rows that are not valid documents (a null id, a bad date) instead
        of failing the task.

    Returns
    -------
    DataFrame
        One row per event with the schema :func:`event_schema`, the same
        fields and values as ``parley code``'s JSON lines. Lazily evaluated,
        like any DataFrame transformation.
    """
    schema = event_schema()
    columns = [c for c in (id_col, text_col, date_col, title_col) if c is not None]
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the DataFrame (columns: {', '.join(df.columns)})")
    selected = df.select(*dict.fromkeys(columns))

    def code(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        n = threads if threads is not None else _task_cpus()
        coder = _coder(lexicon, keep_negated, n)
        for batch in batches:
            yield coder.code_arrow(
                batch,
                text_col=text_col,
                id_col=id_col,
                date_col=date_col,
                title_col=title_col,
                skip_invalid=skip_invalid,
            )

    return selected.mapInArrow(code, schema)


def _task_cpus() -> int:
    try:
        from pyspark import TaskContext

        ctx: Any = TaskContext.get()
        if ctx is not None and hasattr(ctx, "cpus"):
            return max(1, int(ctx.cpus()))
    except Exception:  # pragma: no cover - outside a task, or an old pyspark
        pass
    return 1
