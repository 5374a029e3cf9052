"""Type stubs of the extension module behind :mod:`parley` (not a public API)."""

from typing import Any, Iterable, List, Optional, Tuple

import pyarrow

HAS_ARROW: bool

class ParleyError(ValueError):
    """Base class of parley's errors; the message is the engine's."""

class LexiconError(ParleyError):
    """A lexicon folder could not be read or is inconsistent."""

class DocumentError(ParleyError):
    """A document could not be read (a bad date, an empty id)."""

class Engine_:
    def __init__(
        self,
        lexicon: Optional[str] = None,
        dictionaries: List[str] = ...,
        merge: bool = False,
        keep_negated: bool = False,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def threads(self) -> int: ...
    def lexicon_stats(self) -> List[Tuple[str, int]]: ...
    def code(self, text: str, doc_id: str, date: Any = None, title: Optional[str] = None, facts: bool = False) -> bytes: ...
    def code_batch(self, docs: Iterable[Any], date: Any = None, facts: bool = False) -> bytes: ...
    def code_record_batch(
        self,
        batch: pyarrow.RecordBatch,
        text_col: str,
        id_col: Optional[str],
        date_col: Optional[str] = None,
        title_col: Optional[str] = None,
        date: Optional[str] = None,
        skip_invalid: bool = False,
    ) -> pyarrow.RecordBatch: ...
    def code_stream(
        self,
        stream: Any,
        text_col: str,
        id_col: Optional[str],
        date_col: Optional[str] = None,
        title_col: Optional[str] = None,
        date: Optional[str] = None,
        skip_invalid: bool = False,
    ) -> pyarrow.Table: ...

def event_schema_() -> pyarrow.Schema: ...

def count_sentences(texts: List[str]) -> int: ...
