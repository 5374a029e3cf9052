//! # parley-enrich: when, where, how many
//!
//! The fifth stage. It reads a sentence (its text and tokens) against the
//! document's date and the lexicon's gazetteer and returns what the sentence
//! says about time, place and tolls. The coder then attaches these facts to the
//! sentence's events, or keeps them as facts of the document.
//!
//! This first version resolves only the document date; explicit and relative
//! dates, places and counts come with the enrichment issue.

use chrono::NaiveDate;
use parley_lexicon::Lexicon;
use parley_text::Token;
use serde::{Deserialize, Serialize};

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A date with its precision and the phrase it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// ISO 8601: `2024-03-05`, `2024-03` or `2024`.
    pub value: String,
    pub precision: Precision,
    /// `document` when taken from the document's date, `sentence` when the
    /// sentence gave it.
    pub source: String,
    /// The words it was read from, when the sentence gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
}

impl DateInfo {
    /// The document's own date, day precision.
    pub fn of_document(date: NaiveDate) -> DateInfo {
        DateInfo { value: date.format("%Y-%m-%d").to_string(), precision: Precision::Day, source: "document".into(), phrase: None }
    }
}

/// What one sentence says about time, place and tolls.
#[derive(Clone, Debug, Default)]
pub struct SentenceFacts {
    /// Dates the sentence names, resolved against the document date.
    pub dates: Vec<DateInfo>,
}

/// Reads sentences for dates, places and counts; built once from a lexicon.
pub struct Enricher {}

impl Enricher {
    pub fn new(_lexicon: &Lexicon) -> Enricher {
        Enricher {}
    }

    /// The facts of one sentence.
    pub fn sentence(&self, _text: &str, _tokens: &[Token], _document_date: Option<NaiveDate>) -> SentenceFacts {
        SentenceFacts::default()
    }
}
