//! Facts of a document: what a report says that is no single event.

use crate::event::{AttributionRef, Event};
use parley_enrich::{CertaintyLevel, Count, DateInfo, Duration, Place};
use serde::{Deserialize, Serialize};

/// What a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactType {
    /// A casualty or displacement figure not tied to one event: a running
    /// toll ("has claimed over 200,000 lives") or a figure in a sentence
    /// that codes no event. See `count`.
    Count,
    /// When a conflict or process began ("began in 2019", "since 2019").
    /// See `start` and `subject`.
    Start,
    /// How long it has lasted ("in its fifth year"). See `duration`.
    Duration,
    /// A hedged claim that is no event ("is believed to be a high-ranking
    /// official"): the sentence, its hedges and its source.
    Statement,
}

/// One fact of a document, written as its own JSON line by
/// `parley code --facts`, told apart from events by `"kind": "fact"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Always `"fact"`.
    pub kind: String,
    #[serde(rename = "type")]
    pub fact_type: FactType,
    pub doc_id: String,
    pub sentence_index: usize,
    pub sentence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
    /// The start date, with its precision and phrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
    /// The process a start or duration is about ("conflict", "war").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The date the sentence speaks of, else the document's: for a running
    /// toll, the date it was counted up to.
    pub date: Option<DateInfo>,
    /// The sentence's place, else the document's main place.
    pub place: Option<Place>,
    /// `stated`, or `hedged` when the sentence hedges.
    pub certainty: CertaintyLevel,
    pub hedges: Vec<String>,
    pub attribution: Option<AttributionRef>,
}

/// A coded document: its events and its facts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coded {
    pub events: Vec<Event>,
    pub facts: Vec<Fact>,
}
