//! Input documents.

use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt;

/// A news report to code.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// The publication date; dates in the text are resolved against it. A
    /// document without one gets no invented date.
    #[serde(default, deserialize_with = "deserialize_date")]
    pub date: Option<NaiveDate>,
    /// A headline, coded as the document's first sentence.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// A document that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError(pub String);

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocumentError {}

/// Reads an ISO 8601 day or time ("2024-03-05", "2024-03-05T10:00:00Z") as its day.
pub fn parse_date(s: &str) -> Result<NaiveDate, DocumentError> {
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| DocumentError(format!("date {s:?} is not an ISO 8601 day (YYYY-MM-DD) or time")))
}

fn deserialize_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_date(s).map(Some).map_err(serde::de::Error::custom),
    }
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document { id: id.into(), text: text.into(), date: None, title: None, url: None, source: None }
    }

    pub fn with_date(mut self, date: NaiveDate) -> Document {
        self.date = Some(date);
        self
    }

    /// Reads one JSON-lines record (`id` and `text` required; `date`, `title`,
    /// `url`, `source` optional).
    pub fn from_json(line: &str) -> Result<Document, DocumentError> {
        let doc: Document = serde_json::from_str(line).map_err(|e| DocumentError(format!("not a document record: {e}")))?;
        if doc.id.is_empty() {
            return Err(DocumentError("the document's \"id\" is empty".into()));
        }
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_lines_records() {
        let doc = Document::from_json(r#"{"id":"a","text":"x","date":"2024-03-05T10:00:00Z","title":"T"}"#).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(doc.title.as_deref(), Some("T"));
    }

    #[test]
    fn rejects_bad_records_with_reasons() {
        assert!(Document::from_json(r#"{"text":"x"}"#).unwrap_err().0.contains("missing field `id`"));
        assert!(Document::from_json(r#"{"id":"a","text":"x","date":"March"}"#).unwrap_err().0.contains("ISO 8601"));
        assert!(Document::from_json("{not json").is_err());
    }
}
