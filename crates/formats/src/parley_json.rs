//! parley's own JSON lines (`parley code` output, and `parley export
//! --format jsonl`, whose extra fields are ignored), read back into
//! documents of events; and the line reader that PLOVER shares.
//!
//! Events of one document must stand together in the file, in order, as
//! every parley output writes them: a document's events are stored in one
//! piece, and a document seen again later would replace the first part.
//! Such a record is reported and skipped instead. Lines with `"kind":
//! "fact"` (`parley code --facts`) are not events and are passed over.

use crate::{Imported, RecordError};
use parley::{Document, Event};
use rustc_hash::FxHashSet;
use std::collections::VecDeque;
use std::io::BufRead;

/// Reads parley JSON lines; `file` names the input in errors.
pub fn read<R: BufRead>(file: &str, input: R) -> impl Iterator<Item = Result<Imported, RecordError>> {
    grouped(file, input, |line| {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        if value.get("kind").and_then(|k| k.as_str()) == Some("fact") {
            return Ok(None);
        }
        let event: Event = serde_json::from_value(value).map_err(|e| format!("not a parley event: {e}"))?;
        if event.doc_id.is_empty() {
            return Err("the event's \"doc_id\" is empty".into());
        }
        Ok(Some((Document::new(event.doc_id.clone(), ""), event)))
    })
}

/// Lines parsed by `parse` (`Ok(None)`: not a record, passed over) and
/// gathered into documents: consecutive records with the same document id.
pub(crate) fn grouped<R, P>(file: &str, input: R, parse: P) -> impl Iterator<Item = Result<Imported, RecordError>>
where
    R: BufRead,
    P: FnMut(&str) -> Result<Option<(Document, Event)>, String>,
{
    Grouped { file: file.to_string(), lines: input.lines(), number: 0, parse, current: None, seen: FxHashSet::default(), ready: VecDeque::new() }
}

struct Grouped<R, P> {
    file: String,
    lines: std::io::Lines<R>,
    number: usize,
    parse: P,
    current: Option<Imported>,
    /// Documents already handed out.
    seen: FxHashSet<String>,
    ready: VecDeque<Result<Imported, RecordError>>,
}

impl<R: BufRead, P: FnMut(&str) -> Result<Option<(Document, Event)>, String>> Iterator for Grouped<R, P> {
    type Item = Result<Imported, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            let line = match self.lines.next() {
                None => return self.current.take().map(Ok),
                Some(line) => line,
            };
            self.number += 1;
            let error = |reason: String| RecordError { file: self.file.clone(), line: self.number, reason };
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    // An unreadable file ends here; what came before stands.
                    self.ready.push_back(Err(error(format!("cannot read: {e}"))));
                    self.ready.extend(self.current.take().map(Ok));
                    while self.lines.next().is_some() {}
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let (document, event) = match (self.parse)(&line) {
                Ok(Some(record)) => record,
                Ok(None) => continue,
                Err(reason) => {
                    self.ready.push_back(Err(error(reason)));
                    continue;
                }
            };
            match &mut self.current {
                Some(current) if current.document.id == document.id => current.events.push(event),
                _ if self.seen.contains(&document.id) => self.ready.push_back(Err(error(format!(
                    "document {:?} was already read further up: its events must stand together; record skipped",
                    document.id
                )))),
                _ => {
                    self.seen.insert(document.id.clone());
                    let done = self.current.replace(Imported { document, events: vec![event] });
                    if let Some(done) = done {
                        return Some(Ok(done));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_gather_into_documents_and_bad_lines_are_named() {
        let coder = parley::Coder::builtin().unwrap();
        let a = coder.code(&Document::new("a", "Russian forces shelled Ukrainian positions near Kharkiv. Ukraine asked the United Nations to mediate."));
        let b = coder.code(&Document::new("b", "Police arrested 40 protesters in Nairobi."));
        assert!(a.len() >= 2 && !b.is_empty());
        let line = |e: &Event| serde_json::to_string(e).unwrap();
        let mut text = String::new();
        text += &format!("{}\n{{not json\n\n{}\n", line(&a[0]), line(&a[1]));
        text += "{\"kind\": \"fact\", \"type\": \"count\"}\n";
        text += &format!("{}\n{}\n", line(&b[0]), line(&a[0]));
        let out: Vec<_> = read("in.jsonl", text.as_bytes()).collect();
        let docs: Vec<&Imported> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        let errors: Vec<String> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(docs.iter().map(|d| (d.document.id.as_str(), d.events.len())).collect::<Vec<_>>(), [("a", 2), ("b", 1)]);
        assert_eq!(docs[0].events[1], a[1]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("in.jsonl:2: not JSON"), "{errors:?}");
        assert!(errors[1].starts_with("in.jsonl:7: document \"a\" was already read"), "{errors:?}");
    }
}
