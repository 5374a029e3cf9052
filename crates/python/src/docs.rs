//! Documents in, JSON out: the paths shared with the CLI.

use parley::{Coder, Document, DocumentError, Event};
use serde::Serialize;

/// One input record, as the CLI's JSON-lines reader takes it.
#[derive(Serialize, Debug, Default, Clone)]
pub struct Record<'a> {
    pub id: &'a str,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
}

/// A [`Document`] from a record, as [`Document::from_json`] (the very reader
/// `parley code` uses for JSON lines) reads it: same validation, same date
/// parsing, same messages. `default_date` is the CLI's `--date`: the date of a
/// record that carries none.
///
/// The record is not written out as JSON and read back: only its date goes
/// through the reader ([`read_date`]), and a record the reader would reject is
/// read whole by it ([`document_via_json`]), so that its error is the reader's.
pub fn document(record: &Record<'_>, default_date: Option<&str>) -> Result<Document, DocumentError> {
    let dated = match effective_date(record.date, default_date) {
        Some(d) => read_date(d),
        None => Ok(None),
    };
    match dated {
        Ok(dated) => document_with_date(record, dated.as_ref(), default_date),
        Err(_) => document_via_json(record, default_date),
    }
}

/// The date a record is read with: its own (`date`), or `default_date` when it
/// has none or a blank one.
pub fn effective_date<'a>(date: Option<&'a str>, default_date: Option<&'a str>) -> Option<&'a str> {
    match date {
        Some(d) if !d.trim().is_empty() => Some(d),
        _ => default_date,
    }
}

/// The document of a record whose date has been read already (`dated`, from
/// [`read_date`] of its [`effective_date`]; `None` when it has none).
pub fn document_with_date(
    record: &Record<'_>,
    dated: Option<&Document>,
    default_date: Option<&str>,
) -> Result<Document, DocumentError> {
    if record.id.is_empty() {
        return document_via_json(record, default_date);
    }
    Ok(Document {
        id: record.id.to_owned(),
        text: record.text.to_owned(),
        date: dated.and_then(|d| d.date),
        title: record.title.map(str::to_owned),
        url: None,
        source: None,
    })
}

/// A date as the JSON-lines reader reads a record's `"date"` (blank is none,
/// else an ISO 8601 day or time: its day), carried by an empty document.
pub fn read_date(date: &str) -> Result<Option<Document>, DocumentError> {
    let record = Record { id: "-", text: "", date: Some(date), title: None };
    document_via_json(&record, None).map(Some)
}

/// A record through [`Document::from_json`] itself, written out as a JSON line.
pub fn document_via_json(record: &Record<'_>, default_date: Option<&str>) -> Result<Document, DocumentError> {
    let mut record = record.clone();
    record.date = effective_date(record.date, default_date);
    let line = serde_json::to_string(&record).expect("a record of strings serializes");
    Document::from_json(&line).map_err(|e| DocumentError(without_position(&e.0)))
}

/// serde_json's " at line 1 column 42" points into the record we made, not into
/// anything the caller wrote: drop it.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => message[..at].to_string(),
        _ => message.to_string(),
    }
}

/// The lexicon as `parley code --lexicon DIR --dictionaries PATH... [--merge]`
/// builds it: the built-in lexicon or a folder; then, with dictionaries,
/// TABARI/PETRARCH files replacing its verbs, actors and agents (keeping the
/// code table, PLOVER, cues and places), or added on top with `merge`.
pub fn load_lexicon(
    dir: Option<&std::path::Path>,
    dictionaries: &[std::path::PathBuf],
    merge: bool,
) -> Result<parley::Lexicon, parley::LexiconError> {
    parley::Lexicon::assemble(dir, dictionaries, merge)
}

/// A coder and, optionally, the threads it codes batches on.
pub struct Engine {
    pub coder: Coder,
    pool: Option<rayon::ThreadPool>,
}

impl Engine {
    /// `threads`: `None` for rayon's global pool (all cores), else a pool of its own.
    pub fn new(coder: Coder, threads: Option<usize>) -> Result<Engine, String> {
        let pool = match threads {
            None => None,
            Some(n) => Some(rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().map_err(|e| e.to_string())?),
        };
        Ok(Engine { coder, pool })
    }

    /// [`Coder::code_all`] on this engine's threads, keeping the input order.
    pub fn code_all(&self, docs: &[Document]) -> Vec<Vec<Event>> {
        match &self.pool {
            Some(pool) => pool.install(|| self.coder.code_all(docs)),
            None => self.coder.code_all(docs),
        }
    }

    /// [`Coder::code_all_with_facts`] on this engine's threads, keeping the input order.
    pub fn code_all_with_facts(&self, docs: &[Document]) -> Vec<parley::Coded> {
        match &self.pool {
            Some(pool) => pool.install(|| self.coder.code_all_with_facts(docs)),
            None => self.coder.code_all_with_facts(docs),
        }
    }

    pub fn threads(&self) -> usize {
        self.pool.as_ref().map_or_else(rayon::current_num_threads, |p| p.current_num_threads())
    }
}

/// Appends the events as a JSON array, each event exactly as `parley code`
/// writes it on its line.
pub fn write_events_json(out: &mut Vec<u8>, events: &[Event]) {
    write_records_json(out, events, &[]);
}

/// Appends events then facts as one JSON array, as `parley code --facts`
/// writes a document's lines.
pub fn write_records_json(out: &mut Vec<u8>, events: &[Event], facts: &[parley::Fact]) {
    out.push(b'[');
    let mut first = true;
    let mut sep = |out: &mut Vec<u8>| {
        if !first {
            out.push(b',');
        }
        first = false;
    };
    for event in events {
        sep(out);
        serde_json::to_writer(&mut *out, event).expect("events serialize");
    }
    for fact in facts {
        sep(out);
        serde_json::to_writer(&mut *out, fact).expect("facts serialize");
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_documents_the_cli_way() {
        let r = Record { id: "a", text: "Text.", date: Some("2024-03-05T10:00:00Z"), title: Some("T") };
        let doc = document(&r, None).unwrap();
        assert_eq!(doc.id, "a");
        assert_eq!(doc.date.unwrap().to_string(), "2024-03-05");
        assert_eq!(doc.title.as_deref(), Some("T"));
    }

    #[test]
    fn default_date_fills_only_missing_dates() {
        let r = Record { id: "a", text: "x", ..Default::default() };
        assert_eq!(document(&r, Some("2020-01-02")).unwrap().date.unwrap().to_string(), "2020-01-02");
        let r = Record { date: Some("2021-05-06"), ..r };
        assert_eq!(document(&r, Some("2020-01-02")).unwrap().date.unwrap().to_string(), "2021-05-06");
    }

    #[test]
    fn errors_carry_the_engine_message_without_json_positions() {
        let bad = Record { id: "a", text: "x", date: Some("March"), title: None };
        let e = document(&bad, None).unwrap_err().0;
        assert!(e.contains("ISO 8601"), "{e}");
        assert!(!e.contains("column"), "{e}");
        let e = document(&Record { id: "", text: "x", ..Default::default() }, None).unwrap_err().0;
        assert!(e.contains("\"id\" is empty"), "{e}");
    }

    #[test]
    fn records_read_as_the_json_reader_reads_them() {
        let dates = [None, Some(""), Some("  "), Some("2024-03-05"), Some(" 2024-03-05 "), Some("2024-03-05T10:00:00Z"),
            Some("2024-02-30"), Some("March"), Some("2024-03"), Some("+10000-01-01"), Some("2024-03-05junk")];
        let texts = ["", "Text.", "quote \" and \\ and \u{1F600} and \n\t and \u{0}"];
        for id in ["", "a", "\"q\""] {
            for text in texts {
                for date in dates {
                    for title in [None, Some(""), Some("T \" x")] {
                        for default in [None, Some("2020-01-02"), Some("bad")] {
                            let r = Record { id, text, date, title };
                            assert_eq!(document(&r, default), document_via_json(&r, default), "{r:?} {default:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn events_json_is_an_array_of_cli_lines() {
        let mut out = Vec::new();
        write_events_json(&mut out, &[]);
        assert_eq!(out, b"[]");
    }
}
