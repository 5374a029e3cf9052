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

/// A [`Document`] from a record, through [`Document::from_json`], the very
/// reader `parley code` uses for JSON lines: same validation, same date
/// parsing, same messages. `default_date` is the CLI's `--date`: the date of a
/// record that carries none.
pub fn document(record: &Record<'_>, default_date: Option<&str>) -> Result<Document, DocumentError> {
    let mut record = record.clone();
    if record.date.is_none_or(|d| d.trim().is_empty()) {
        record.date = default_date;
    }
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
    fn events_json_is_an_array_of_cli_lines() {
        let mut out = Vec::new();
        write_events_json(&mut out, &[]);
        assert_eq!(out, b"[]");
    }
}
