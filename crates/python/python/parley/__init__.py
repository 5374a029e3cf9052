"""parley: political event coding from raw news text, in Python.

Who did what to whom, when, and how sure, in the CAMEO ontology with its
PLOVER mapping. This package is a thin layer over parley's Rust engine, the
same ``Coder`` the ``parley`` command line runs: its lexicon is compiled into
the extension module, and every event is the very record ``parley code``
writes as a JSON line.

>>> import parley
>>> coder = parley.Coder()                      # build once: compiles the lexicon
>>> events = coder.code("Russian forces shelled Ukrainian positions.", doc_id="d1", date="2024-03-07")
>>> [(e["source"]["code"], e["cameo"]) for e in events]          # doctest: +SKIP
[('RUSMIL', '190')]

Many documents at once, on the engine's threads (the GIL is released)::

    coder.code_batch(["text one", {"id": "b", "text": "text two", "date": "2024-03-07"}])

Arrow tables and record batches (pyarrow), with no Python object per row::

    events = coder.code_arrow(pyarrow.table({"id": ids, "text": texts}))

Spark: see :mod:`parley.spark`.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _parley
from ._parley import DocumentError, LexiconError, ParleyError

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    import pyarrow

__all__ = ["Coder", "ParleyError", "LexiconError", "DocumentError", "ParleyWarning", "event_schema", "__version__"]


class ParleyWarning(UserWarning):
    """A warning from the engine, such as a dictionary entry it could not use."""

try:
    from importlib.metadata import PackageNotFoundError, version as _version

    __version__ = _version("parley")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

#: One coded event: the JSON object ``parley code`` writes on a line.
Event = Dict[str, Any]
#: A date: ISO 8601 text ("2024-03-05", "2024-03-05T10:00:00Z"), or a
#: ``datetime.date``/``datetime.datetime`` (anything with ``isoformat()``).
DateLike = Union[str, "datetime.date"]
#: A document for :meth:`Coder.code_batch`.
DocumentLike = Union[str, Mapping[str, Any], Tuple[Any, str], Tuple[Any, str, Optional[DateLike]]]


class Coder:
    """Codes news reports into events.

    Build it once and reuse it: building compiles the lexicon (a fraction of a
    second), coding is fast and thread-safe. One coder can serve many threads.

    Parameters
    ----------
    lexicon:
        A lexicon folder in parley's format to use instead of the built-in one
        (files it lacks are taken from the built-in lexicon), like the CLI's
        ``--lexicon``. ``None``: the lexicon built into the package.
    dictionaries:
        TABARI/PETRARCH dictionaries to code with instead of the lexicon's
        verbs, actors and agents (the CLI's ``--dictionaries``): a folder (its
        ``PETR_config.ini``, else every ``*verbs*``, ``CAMEO*``, ``*actors*``,
        ``*agents*``, ``*discards*`` .txt file in it), a file, or a list of
        them. The code table, PLOVER mapping, cues and places stay.
    merge:
        With ``dictionaries``: add them on top of the lexicon instead of
        replacing its verbs, actors and agents (``--merge``). The loader's
        warnings are issued as Python warnings and kept in :attr:`warnings`.
    keep_negated:
        Also emit negated events ("did not attack"), with ``mode: "negated"``
        (the CLI's ``--keep-negated``).
    threads:
        Threads for :meth:`code_batch` and :meth:`code_arrow`; ``None`` uses
        one per core (the CLI's default).

    Raises
    ------
    LexiconError
        When the lexicon folder cannot be read or is inconsistent; the message
        is the engine's, with file and line.
    """

    __slots__ = ("_engine", "_args")

    def __init__(
        self,
        lexicon: Union[str, "os.PathLike[str]", None] = None,
        dictionaries: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None] = None,
        *,
        merge: bool = False,
        keep_negated: bool = False,
        threads: Optional[int] = None,
    ) -> None:
        if dictionaries is None:
            paths: List[str] = []
        elif isinstance(dictionaries, (str, os.PathLike)):
            paths = [os.fspath(dictionaries)]
        else:
            paths = [os.fspath(p) for p in dictionaries]
        if merge and not paths:
            raise ValueError("merge=True needs dictionaries")
        lexicon = os.fspath(lexicon) if lexicon is not None else None
        self._args = (lexicon, paths, merge, keep_negated, threads)
        self._engine = _parley.Engine_(lexicon, paths, merge, keep_negated, threads)
        for message in self._engine.warnings:
            warnings.warn(f"parley: {message}", ParleyWarning, stacklevel=2)

    @property
    def warnings(self) -> List[str]:
        """What loading the dictionaries warned about (empty for parley's own lexicon)."""
        return self._engine.warnings

    @property
    def threads(self) -> int:
        """The number of threads :meth:`code_batch` and :meth:`code_arrow` use."""
        return self._engine.threads

    def lexicon_stats(self) -> Dict[str, int]:
        """Counts of the lexicon's entries by kind (as ``parley lexicon stats`` prints them)."""
        return dict(self._engine.lexicon_stats())

    def code(
        self,
        text: str,
        doc_id: Optional[str] = None,
        date: Optional[DateLike] = None,
        *,
        title: Optional[str] = None,
        facts: bool = False,
    ) -> List[Event]:
        """Codes one document.

        Parameters
        ----------
        text:
            The report's text.
        doc_id:
            Its id, copied to each event's ``doc_id``; ``None`` gives ``"0"``
            (a batch of one).
        date:
            The publication date; dates in the text are resolved against it. A
            document without one gets no invented date.
        title:
            A headline, coded as the document's first sentence.
        facts:
            Also return the document's facts (running tolls, when a conflict
            began, how long it has lasted, hedged claims) after its events, as
            ``parley code --facts`` writes them (``"kind": "fact"``).

        Returns
        -------
        list of dict
            The events, each exactly the JSON object ``parley code`` writes
            (then the facts, with ``facts=True``).

        Raises
        ------
        DocumentError
            When the date is not an ISO 8601 day or time, or the id is empty.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        doc_id = "0" if doc_id is None else str(doc_id)
        return json.loads(self._engine.code(text, doc_id, date, title, facts))

    def code_batch(
        self, docs: Iterable[DocumentLike], *, date: Optional[DateLike] = None, facts: bool = False
    ) -> List[List[Event]]:
        """Codes many documents in parallel on the engine's threads, releasing the GIL.

        Parameters
        ----------
        docs:
            Any iterable (a list, a generator) of documents, each one of: a
            ``str`` (its id is its position, ``"0"``, ``"1"``, ...); a mapping
            with ``"text"`` and optional ``"id"``, ``"date"``, ``"title"`` (the
            CLI's JSON-lines record); or a tuple ``(id, text)`` or
            ``(id, text, date)``.
        date:
            The date of documents that carry none (the CLI's ``--date``).
        facts:
            Also return each document's facts after its events (``--facts``).

        Returns
        -------
        list of list of dict
            The events of each document, in the input order.

        Raises
        ------
        DocumentError
            When a document is invalid (its position is in the message).
        TypeError
            When an item is none of the forms above.
        """
        return json.loads(self._engine.code_batch(docs, date, facts))

    def code_arrow(
        self,
        data: Any,
        *,
        text_col: str = "text",
        id_col: Optional[str] = "id",
        date_col: Optional[str] = None,
        title_col: Optional[str] = None,
        date: Optional[DateLike] = None,
        skip_invalid: bool = False,
    ) -> Any:
        """Codes the documents of Arrow data, returning events as Arrow data.

        Rows go to the engine through the Arrow C data interface and events come
        back the same way: no Python object is made per row or per event.

        Parameters
        ----------
        data:
            A ``pyarrow.RecordBatch`` (gives a ``RecordBatch``), a
            ``pyarrow.Table``, ``RecordBatchReader`` or any object with
            ``__arrow_c_stream__`` (gives a ``pyarrow.Table``), or a pandas
            ``DataFrame`` (gives a ``DataFrame``).
        text_col:
            The column of texts (strings); a null text is an empty document.
        id_col:
            The column of document ids (strings or integers); ``None`` numbers
            the rows from 0.
        date_col:
            An optional column of publication dates: ISO 8601 strings, dates or
            timestamps.
        title_col:
            An optional column of headlines.
        date:
            The date of documents that carry none.
        skip_invalid:
            Leave out rows that are not valid documents (a null id, a bad date)
            instead of raising :class:`DocumentError`.

        Returns
        -------
        Events with the schema :func:`event_schema`, one row per event, in the
        order of the documents: the JSON fields of ``parley code``, nested
        objects as structs, ``[start, end]`` spans as ``list<int64>``.
        """
        import pyarrow as pa

        date = None if date is None else (date if isinstance(date, str) else date.isoformat())
        args = (text_col, id_col, date_col, title_col, date, skip_invalid)
        if isinstance(data, pa.RecordBatch):
            return self._engine.code_record_batch(data, *args)
        if _is_pandas(data):
            table = pa.Table.from_pandas(data, preserve_index=False)
            return self._engine.code_stream(table, *args).to_pandas()
        if hasattr(data, "__arrow_c_stream__"):
            return self._engine.code_stream(data, *args)
        if hasattr(data, "__arrow_c_array__"):
            return self._engine.code_record_batch(pa.record_batch(data), *args)
        raise TypeError(
            "code_arrow takes a pyarrow RecordBatch, Table or RecordBatchReader (or any Arrow "
            f"stream), or a pandas DataFrame, not {type(data).__name__}"
        )

    def __repr__(self) -> str:
        return f"parley.Coder(threads={self.threads})"

    def __reduce__(self) -> Any:
        # Pickles as its arguments (for multiprocessing and Spark closures): the
        # receiving process builds its own engine.
        return (_rebuild, self._args)


def _rebuild(lexicon: Optional[str], paths: List[str], merge: bool, keep_negated: bool, threads: Optional[int]) -> Coder:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ParleyWarning)
        return Coder(lexicon, paths or None, merge=merge, keep_negated=keep_negated, threads=threads)


def event_schema() -> "pyarrow.Schema":
    """The Arrow schema of the events :meth:`Coder.code_arrow` returns.

    It is traced from the engine's output types, so it always has the fields of
    ``parley code``'s JSON, in the same order.
    """
    return _parley.event_schema_()


def _is_pandas(data: Any) -> bool:
    cls = type(data)
    return cls.__name__ == "DataFrame" and cls.__module__.startswith("pandas")
