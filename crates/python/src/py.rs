//! The `parley._parley` extension module. The public API, with its docstrings,
//! is the Python package around it (`python/parley/__init__.py`).

use crate::docs::{document, load_lexicon, write_records_json, Engine, Record};
use parley::{Coder, Document, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use std::path::PathBuf;

pyo3::create_exception!(
    _parley,
    ParleyError,
    PyValueError,
    "Base class of parley's errors; the message is the engine's."
);
pyo3::create_exception!(_parley, LexiconError, ParleyError, "A lexicon folder could not be read or is inconsistent.");
pyo3::create_exception!(_parley, DocumentError, ParleyError, "A document could not be read (a bad date, an empty id).");

/// How many documents are turned into Rust documents (with the GIL) before
/// they are coded together (without it).
const CHUNK: usize = 4096;

/// The engine: a `parley::Coder` and the threads it codes batches on.
#[pyclass(frozen, module = "parley._parley")]
pub struct Engine_ {
    engine: Engine,
    warnings: Vec<String>,
}

#[pymethods]
impl Engine_ {
    #[new]
    #[pyo3(signature = (lexicon=None, dictionaries=Vec::new(), merge=false, keep_negated=false, threads=None))]
    fn new(
        py: Python<'_>,
        lexicon: Option<PathBuf>,
        dictionaries: Vec<PathBuf>,
        merge: bool,
        keep_negated: bool,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        // Compiling the lexicon takes a moment: let other Python threads run.
        let built = py.detach(|| {
            load_lexicon(lexicon.as_deref(), &dictionaries, merge).map(|l| {
                let warnings = l.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
                (Coder::new(l).with_options(Options { keep_negated }), warnings)
            })
        });
        let (coder, warnings) = built.map_err(|e| LexiconError::new_err(format!("lexicon error: {e}")))?;
        let engine = Engine::new(coder, threads).map_err(ParleyError::new_err)?;
        Ok(Engine_ { engine, warnings })
    }

    /// What the dictionaries' loader warned about (as `parley: warning: ...` lines in the CLI).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Threads that `code_batch` and `code_arrow` use.
    #[getter]
    fn threads(&self) -> usize {
        self.engine.threads()
    }

    /// Counts of the lexicon's entries, by kind.
    fn lexicon_stats(&self) -> Vec<(&'static str, usize)> {
        self.engine.coder.lexicon().stats()
    }

    /// One document; its events (then, with `facts`, its facts) as a JSON array (bytes).
    #[pyo3(signature = (text, doc_id, date=None, title=None, facts=false))]
    fn code<'py>(
        &self,
        py: Python<'py>,
        text: String,
        doc_id: String,
        date: Option<&Bound<'py, PyAny>>,
        title: Option<String>,
        facts: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let date = date.map(date_string).transpose()?;
        let record = Record { id: &doc_id, text: &text, date: date.as_deref(), title: title.as_deref() };
        let doc = document(&record, None).map_err(|e| DocumentError::new_err(e.0))?;
        let out = py.detach(|| {
            let mut out = Vec::new();
            if facts {
                let coded = self.engine.coder.code_with_facts(&doc);
                write_records_json(&mut out, &coded.events, &coded.facts);
            } else {
                write_records_json(&mut out, &self.engine.coder.code(&doc), &[]);
            }
            out
        });
        Ok(PyBytes::new(py, &out))
    }

    /// Many documents; a JSON array with the events (and facts) of each, in order (bytes).
    #[pyo3(signature = (docs, date=None, facts=false))]
    fn code_batch<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        date: Option<&Bound<'py, PyAny>>,
        facts: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let default_date = date.map(date_string).transpose()?;
        let mut out = vec![b'['];
        let mut first = true;
        let mut chunk: Vec<Document> = Vec::with_capacity(CHUNK);
        let mut index = 0usize;
        let mut items = docs.try_iter()?;
        loop {
            let item = items.next().transpose()?;
            if let Some(item) = &item {
                chunk.push(to_document(item, index, default_date.as_deref())?);
                index += 1;
            }
            if chunk.len() == CHUNK || (item.is_none() && !chunk.is_empty()) {
                py.detach(|| {
                    let mut sep = |out: &mut Vec<u8>| {
                        if !first {
                            out.push(b',');
                        }
                        first = false;
                    };
                    if facts {
                        for coded in self.engine.code_all_with_facts(&chunk) {
                            sep(&mut out);
                            write_records_json(&mut out, &coded.events, &coded.facts);
                        }
                    } else {
                        for events in self.engine.code_all(&chunk) {
                            sep(&mut out);
                            write_records_json(&mut out, &events, &[]);
                        }
                    }
                });
                chunk.clear();
            }
            if item.is_none() {
                break;
            }
        }
        out.push(b']');
        Ok(PyBytes::new(py, &out))
    }

    /// One record batch of documents in, one record batch of events out.
    #[pyo3(signature = (batch, text_col, id_col, date_col=None, title_col=None, date=None, skip_invalid=false))]
    // One parameter per Python keyword argument (pyo3 maps them one to one);
    // without the `pyarrow` feature they go unused.
    #[allow(clippy::too_many_arguments, unused_variables)]
    fn code_record_batch<'py>(
        &self,
        batch: &Bound<'py, PyAny>,
        text_col: String,
        id_col: Option<String>,
        date_col: Option<String>,
        title_col: Option<String>,
        date: Option<String>,
        skip_invalid: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        #[cfg(feature = "pyarrow")]
        return arrow::code_record_batch(&self.engine, batch, columns(text_col, id_col, date_col, title_col), date, skip_invalid);
        #[cfg(not(feature = "pyarrow"))]
        no_arrow()
    }

    /// Any Arrow stream (a Table, a RecordBatchReader, ...) in, a Table of events out.
    #[pyo3(signature = (stream, text_col, id_col, date_col=None, title_col=None, date=None, skip_invalid=false))]
    // One parameter per Python keyword argument (pyo3 maps them one to one);
    // without the `pyarrow` feature they go unused.
    #[allow(clippy::too_many_arguments, unused_variables)]
    fn code_stream<'py>(
        &self,
        stream: &Bound<'py, PyAny>,
        text_col: String,
        id_col: Option<String>,
        date_col: Option<String>,
        title_col: Option<String>,
        date: Option<String>,
        skip_invalid: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        #[cfg(feature = "pyarrow")]
        return arrow::code_stream(&self.engine, stream, columns(text_col, id_col, date_col, title_col), date, skip_invalid);
        #[cfg(not(feature = "pyarrow"))]
        no_arrow()
    }
}

/// A Python item of `code_batch` as a document: a string (its id is its
/// position), a mapping with `text` and optional `id`, `date`, `title`, or a
/// tuple `(id, text)` / `(id, text, date)`.
fn to_document(item: &Bound<'_, PyAny>, index: usize, default_date: Option<&str>) -> PyResult<Document> {
    let position = index.to_string();
    let owned;
    let record = if let Ok(text) = item.cast::<PyString>() {
        owned = (text.to_cow()?.into_owned(), None, None, None);
        Record { id: &position, text: &owned.0, date: None, title: None }
    } else if let Ok(map) = item.cast::<PyDict>() {
        let text = match map.get_item("text")? {
            Some(t) => t.extract::<String>().map_err(|_| PyTypeError::new_err(format!("item {index}: \"text\" must be a str")))?,
            None => return Err(PyTypeError::new_err(format!("item {index}: a document mapping needs a \"text\""))),
        };
        let id = map.get_item("id")?.filter(|v| !v.is_none()).map(|v| id_string(&v)).transpose()?;
        let date = map.get_item("date")?.filter(|v| !v.is_none()).map(|v| date_string(&v)).transpose()?;
        let title = map.get_item("title")?.filter(|v| !v.is_none()).map(|v| v.extract::<String>()).transpose()?;
        owned = (text, id, date, title);
        Record {
            id: owned.1.as_deref().unwrap_or(&position),
            text: &owned.0,
            date: owned.2.as_deref(),
            title: owned.3.as_deref(),
        }
    } else if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
        let n = item.len()?;
        if !(2..=3).contains(&n) {
            return Err(PyTypeError::new_err(format!("item {index}: a document tuple is (id, text) or (id, text, date)")));
        }
        let id = id_string(&item.get_item(0)?)?;
        let text: String = item.get_item(1)?.extract().map_err(|_| PyTypeError::new_err(format!("item {index}: the text must be a str")))?;
        let date = if n == 3 { Some(item.get_item(2)?).filter(|v| !v.is_none()).map(|v| date_string(&v)).transpose()? } else { None };
        owned = (text, Some(id), date, None);
        Record { id: owned.1.as_deref().unwrap(), text: &owned.0, date: owned.2.as_deref(), title: None }
    } else {
        return Err(PyTypeError::new_err(format!(
            "item {index}: expected a str, a dict with \"text\", or an (id, text[, date]) tuple, not {}",
            item.get_type().name()?
        )));
    };
    document(&record, default_date).map_err(|e| DocumentError::new_err(format!("item {index}: {}", e.0)))
}

fn id_string(v: &Bound<'_, PyAny>) -> PyResult<String> {
    match v.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Ok(v.str()?.to_cow()?.into_owned()),
    }
}

/// A date as text: a str as it is; a `datetime.date`/`datetime` (or anything
/// with `isoformat()`, such as a pandas Timestamp) in ISO 8601.
fn date_string(v: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(iso) = v.call_method0("isoformat") {
        return Ok(iso.str()?.to_cow()?.into_owned());
    }
    Ok(v.str()?.to_cow()?.into_owned())
}

#[cfg(feature = "pyarrow")]
mod arrow {
    use super::{DocumentError, ParleyError, CHUNK};
    use crate::arrow::{documents, documents_events_batch, event_schema, Columns};
    use crate::docs::Engine;
    use arrow_array::ffi_stream::RecordBatchStreamReader;
    use arrow_array::RecordBatch;
    use arrow_pyarrow::{FromPyArrow, IntoPyArrow, Table, ToPyArrow};
    use pyo3::prelude::*;

    /// One record batch of documents in, one record batch of events out.
    pub fn code_record_batch<'py>(
        engine: &Engine,
        batch: &Bound<'py, PyAny>,
        cols: Columns,
        date: Option<String>,
        skip_invalid: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = batch.py();
        let batch = RecordBatch::from_pyarrow_bound(batch)?;
        let out = py.detach(|| {
            let docs = documents(&batch, &cols, date.as_deref(), 0, skip_invalid).map_err(DocumentError::new_err)?;
            documents_events_batch(&engine.code_all(&docs)).map_err(ParleyError::new_err)
        })?;
        out.to_pyarrow(py)
    }

    /// Any Arrow stream (a Table, a RecordBatchReader, ...) in, a Table of events out.
    pub fn code_stream<'py>(
        engine: &Engine,
        stream: &Bound<'py, PyAny>,
        cols: Columns,
        date: Option<String>,
        skip_invalid: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = stream.py();
        let reader = RecordBatchStreamReader::from_pyarrow_bound(stream)?;
        let batches = py.detach(|| -> PyResult<Vec<RecordBatch>> {
            let mut out = Vec::new();
            let mut docs = Vec::new();
            let mut row = 0;
            let flush = |docs: &mut Vec<parley::Document>, out: &mut Vec<RecordBatch>| -> PyResult<()> {
                let events = engine.code_all(docs);
                docs.clear();
                out.push(documents_events_batch(&events).map_err(ParleyError::new_err)?);
                Ok(())
            };
            for batch in reader {
                let batch = batch.map_err(|e| ParleyError::new_err(e.to_string()))?;
                let mut more = documents(&batch, &cols, date.as_deref(), row, skip_invalid).map_err(DocumentError::new_err)?;
                row += batch.num_rows();
                docs.append(&mut more);
                if docs.len() >= CHUNK {
                    flush(&mut docs, &mut out)?;
                }
            }
            if !docs.is_empty() || out.is_empty() {
                flush(&mut docs, &mut out)?;
            }
            Ok(out)
        })?;
        let table = Table::try_new(batches, event_schema()).map_err(|e| ParleyError::new_err(e.to_string()))?;
        table.into_pyarrow(py)
    }

    /// The Arrow schema of coded events (a `pyarrow.Schema`).
    #[pyfunction]
    pub fn event_schema_(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        event_schema().as_ref().to_pyarrow(py)
    }
}

#[cfg(feature = "pyarrow")]
fn columns(text_col: String, id_col: Option<String>, date_col: Option<String>, title_col: Option<String>) -> crate::arrow::Columns {
    crate::arrow::Columns { text: text_col, id: id_col, date: date_col, title: title_col }
}

#[cfg(not(feature = "pyarrow"))]
fn no_arrow<T>() -> PyResult<T> {
    Err(pyo3::exceptions::PyNotImplementedError::new_err("this build of parley has no Arrow support (feature `pyarrow`)"))
}

/// How many sentences parley's splitter finds in each text, summed (for
/// throughput figures in sentences per second). Runs on rayon's threads.
#[pyfunction]
fn count_sentences(py: Python<'_>, texts: Vec<String>) -> usize {
    use rayon::prelude::*;
    py.detach(|| {
        texts
            .par_iter()
            .map(|raw| {
                let text = parley_text::clean(raw);
                let tokens = parley_text::tokenize(&text);
                parley_text::sentences(&text, &tokens).len()
            })
            .sum()
    })
}

#[pymodule]
fn _parley(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine_>()?;
    m.add("ParleyError", m.py().get_type::<ParleyError>())?;
    m.add("LexiconError", m.py().get_type::<LexiconError>())?;
    m.add("DocumentError", m.py().get_type::<DocumentError>())?;
    m.add("HAS_ARROW", cfg!(feature = "pyarrow"))?;
    m.add_function(pyo3::wrap_pyfunction!(count_sentences, m)?)?;
    #[cfg(feature = "pyarrow")]
    m.add_function(pyo3::wrap_pyfunction!(arrow::event_schema_, m)?)?;
    Ok(())
}
