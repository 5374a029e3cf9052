//! # parley-formats: the field's event data formats
//!
//! Parley's own output is the JSON of [`parley::Event`]. Analysts hold and
//! load event data in other shapes; this crate converts, in both directions,
//! and does nothing else: it neither codes text nor touches the store. The
//! command line glues it to both (`parley export`, `parley import`,
//! `parley code --format`).
//!
//! | format | out | in | specification |
//! |---|---|---|---|
//! | [PLOVER JSON lines](plover) | yes | yes | PLOVER manual, chapter "Data Fields" |
//! | [GDELT 2.0 event table](gdelt) | yes | | GDELT 2.0 Event Codebook: 61 tab-separated columns |
//! | [Parquet](parquet) (feature `parquet`) | yes | | the Python package's Arrow event schema |
//! | [ICEWS TKG benchmark layout](icews) | | yes | `s r o t` id quadruples with `entity2id.txt`, `relation2id.txt` |
//! | [parley JSON lines](parley_json) | (the coder's own) | yes | README, "Output schema" |
//!
//! ## Design
//!
//! - **One event type in the middle.** Every writer takes a
//!   [`parley::Event`] with its [`Context`] (what the store knows beyond
//!   the event: its cluster's counts, its document's URL and publisher);
//!   every reader yields [`Imported`] documents of events. Converting
//!   between two foreign formats goes through parley's event, so each
//!   format is written once.
//! - **Nothing invented.** A field the source does not give is left out
//!   (PLOVER), empty (GDELT) or null (Parquet); a context the caller does not
//!   know (`parley code` has no clusters) is `None`, never a made-up count.
//! - **Bad records cost only themselves.** Readers report each bad line as a
//!   [`RecordError`] naming `FILE:LINE` and go on with the next; the caller
//!   decides whether to stop.
//! - **Bounded memory.** Readers yield one document's events at a time and
//!   keep only id maps (ICEWS) or the set of documents seen (JSON lines).

#![deny(missing_docs)]

pub mod gdelt;
pub mod icews;
pub mod parley_json;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod plover;
mod vocabulary;

pub use vocabulary::Vocabulary;

use chrono::NaiveDate;
use parley::{Document, Event};
use std::fmt;

/// What is known about an event beyond the event itself: where the store
/// keeps it and what its document says. Every field may be unknown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// The event's position among its document's events (0-based).
    pub ordinal: usize,
    /// The happening it belongs to, when a store de-duplicated it.
    pub cluster: Option<Cluster>,
    /// Its document.
    pub document: DocumentInfo,
}

/// A de-duplicated happening: the store's cluster of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// The cluster's id in the store (stable within one store).
    pub id: u64,
    /// Reports of it (events).
    pub mentions: u64,
    /// Distinct documents that report it.
    pub articles: u64,
    /// Distinct publishers of those documents.
    pub sources: u64,
}

/// What a document says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentInfo {
    /// Its headline.
    pub title: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Its publisher.
    pub publisher: Option<String>,
    /// Its publication day.
    pub date: Option<NaiveDate>,
    /// When it was coded and stored (UTC, RFC 3339), when a store did.
    pub added: Option<String>,
}

impl DocumentInfo {
    /// What a coder's input document says.
    pub fn of(doc: &Document) -> DocumentInfo {
        DocumentInfo { title: doc.title.clone(), url: doc.url.clone(), publisher: doc.source.clone(), date: doc.date, added: None }
    }
}

/// One document's events read from a foreign format, ready for the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The document (its text is empty: formats carry sentences, not stories).
    pub document: Document,
    /// Its events, in order.
    pub events: Vec<Event>,
}

/// A record that could not be read: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// The file as the caller named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for RecordError {}

/// Tabs and line breaks inside a field would shift every later column of a
/// tab-separated row: they become spaces.
pub(crate) fn tsv_clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
