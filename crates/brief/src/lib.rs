//! # parley-brief: situation briefs with citations
//!
//! A brief is what an analyst forwards: who the parties are, what happened
//! between them over time, who else took a stance toward them, which appeals,
//! demands and offers are still open, the latest tolls, and, kept apart,
//! what is only claimed, hedged or expected. It is written from the event
//! store by fixed templates (no language model), so the same store and
//! question always give the same text.
//!
//! **Every line cites what it rests on**: the type [`Line`] cannot be built
//! without at least one [`Citation`], an event id of the store or a
//! document (and sentence) of it. Markdown prints them as `[e12]` and
//! `[doc ID s4]`; HTML links them to the dashboard's event view.
//!
//! What the brief reads, for parties P (one actor, or the two of a dyad),
//! codes matching as prefixes as everywhere in parley ("ISR" is ISRGOV,
//! ISRMIL, ...), within the period:
//! - the happenings (clusters) between the two parties, bucketed by week
//!   (a period of up to 92 days) or month, with the most reported ones of
//!   each period and the alerts on the dyad as turning points;
//! - the happenings between a party and anyone else, grouped by third
//!   party, event code and direction;
//! - the *context*: the [`CONTEXT_DOCUMENTS`] latest documents that name a
//!   party. Their other events (an appeal to a mediator the parties are not
//!   named in), their figures (tolls) and their hedged statements come from
//!   there, so the brief stays bounded on a store of millions of events.
//!
//! ```no_run
//! use parley_brief::{Brief, BriefQuery, Format, Subject};
//! let store = parley_store::Store::open_read_only("events.db").unwrap();
//! let query = BriefQuery::new(Subject::dyad("ISR", "PSE").unwrap());
//! let brief = Brief::build(&store, &query).unwrap();
//! print!("{}", brief.render(Format::Markdown, "http://127.0.0.1:8080/"));
//! ```

#![deny(missing_docs)]

mod gather;
mod phrase;
mod render;
mod write;

use serde::Serialize;
use std::fmt;

pub use render::Format;

/// 1234567 as "1,234,567": a comma before every third digit from the right.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut reversed = String::new();
    let mut run = 0;
    for c in digits.chars().rev() {
        if run == 3 {
            reversed.push(',');
            run = 0;
        }
        reversed.push(c);
        run += 1;
    }
    reversed.chars().rev().collect()
}

/// How many of the latest documents naming a party the brief reads for
/// figures, statements and events beyond the parties'.
pub const CONTEXT_DOCUMENTS: usize = 100;

/// A party of a brief: an actor code as the store holds it (`USAGOV`,
/// `X-COUNTRY-X-GOV`) or the start of one (`PSE`), which matches itself and
/// every longer code it starts. Not [`parley::ActorCode`], which reads a whole
/// code into its parts: a party may be any prefix an analyst types.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PartyCode(String);

impl PartyCode {
    /// Checks the characters (letters, digits, `-`, `_`; 1 to 64 of them)
    /// and upper-cases the code.
    pub fn parse(raw: &str) -> Result<PartyCode, String> {
        let code = raw.trim().to_ascii_uppercase();
        let ok = !code.is_empty() && code.len() <= 64 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(PartyCode(code))
        } else {
            Err(format!("{raw:?} is not an actor code (letters, digits, '-' and '_', as USAGOV or X-COUNTRY-X-GOV)"))
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `code` (as stored on an event) falls under this one.
    pub fn covers(&self, code: &str) -> bool {
        code.starts_with(&self.0)
    }
}

impl fmt::Display for PartyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whom the brief is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    /// One actor and everyone it deals with.
    Actor(PartyCode),
    /// Two parties: what passes between them, and who else takes part.
    Dyad(PartyCode, PartyCode),
}

impl Subject {
    /// A dyad of two distinct codes.
    pub fn dyad(a: &str, b: &str) -> Result<Subject, String> {
        let (a, b) = (PartyCode::parse(a)?, PartyCode::parse(b)?);
        if a == b {
            return Err(format!("a dyad needs two different actors, got {a} twice"));
        }
        Ok(Subject::Dyad(a, b))
    }

    /// One actor.
    pub fn actor(a: &str) -> Result<Subject, String> {
        Ok(Subject::Actor(PartyCode::parse(a)?))
    }

    /// The parties: one or two codes.
    pub fn parties(&self) -> Vec<&PartyCode> {
        match self {
            Subject::Actor(a) => vec![a],
            Subject::Dyad(a, b) => vec![a, b],
        }
    }

    /// The party `code` falls under, if any.
    pub fn party_of(&self, code: &str) -> Option<&PartyCode> {
        self.parties().into_iter().find(|p| p.covers(code))
    }
}

/// A `YYYY-MM-DD` day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(chrono::NaiveDate);

impl Day {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(raw: &str) -> Result<Day, String> {
        chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map(Day).map_err(|_| format!("{raw:?} is not a day YYYY-MM-DD"))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// The question: whom, and over which days (both ends inclusive, open when
/// not given).
#[derive(Clone, Debug)]
pub struct BriefQuery {
    /// The parties.
    pub subject: Subject,
    /// First day.
    pub from: Option<Day>,
    /// Last day.
    pub to: Option<Day>,
}

impl BriefQuery {
    /// The whole store's period.
    pub fn new(subject: Subject) -> BriefQuery {
        BriefQuery { subject, from: None, to: None }
    }
}

/// What a line rests on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Citation {
    /// An event of the store (for a happening told several times, its
    /// representative report).
    Event {
        /// The event id, as in `/api/events/{id}`.
        id: i64,
    },
    /// A document of the store, and the sentence when one is meant.
    Document {
        /// The document id, as in `/api/documents/{id}`.
        id: String,
        /// The sentence's index in the document.
        sentence: Option<i64>,
    },
}

impl Citation {
    /// An event.
    pub fn event(id: i64) -> Citation {
        Citation::Event { id }
    }

    /// A document's sentence.
    pub fn sentence(doc: &str, sentence: i64) -> Citation {
        Citation::Document { id: doc.to_string(), sentence: Some(sentence) }
    }

    /// A whole document.
    pub fn document(doc: &str) -> Citation {
        Citation::Document { id: doc.to_string(), sentence: None }
    }
}

/// One sentence of the brief and what it rests on: never nothing.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    text: String,
    citations: Vec<Citation>,
}

impl Line {
    /// A line resting on `first` and `more` (duplicates dropped, order kept).
    pub fn new(text: impl Into<String>, first: Citation, more: impl IntoIterator<Item = Citation>) -> Line {
        let mut citations = vec![first];
        for c in more {
            if !citations.contains(&c) {
                citations.push(c);
            }
        }
        Line { text: text.into(), citations }
    }

    /// A line resting on `cites`, or none when they are empty: a claim
    /// without a source is left out of the brief.
    pub fn cited(text: impl Into<String>, cites: impl IntoIterator<Item = Citation>) -> Option<Line> {
        let mut it = cites.into_iter();
        let first = it.next()?;
        Some(Line::new(text, first, it))
    }

    /// The sentence.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its citations: at least one.
    pub fn citations(&self) -> &[Citation] {
        &self.citations
    }
}

/// A titled part of the brief.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// Its lines; a section with none says why in `empty`.
    pub lines: Vec<Line>,
    /// What an empty section means ("no figure was reported").
    pub empty: String,
}

/// A situation brief.
#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    /// "Situation brief: A – B".
    pub title: String,
    /// The period the brief covers, as read from the store.
    pub period: String,
    /// Whom it is about.
    pub subject: Subject,
    /// Parties; over time; third parties; open appeals; figures; hedged;
    /// also reported.
    pub sections: Vec<Section>,
}

impl Brief {
    /// Reads the store and writes the brief.
    pub fn build(store: &parley_store::Store, query: &BriefQuery) -> Result<Brief, String> {
        let evidence = gather::Evidence::read(store.connection(), query).map_err(|e| format!("brief: {e}"))?;
        Ok(write::brief(query, &evidence))
    }

    /// Every citation of every line.
    pub fn citations(&self) -> impl Iterator<Item = &Citation> {
        self.sections.iter().flat_map(|s| s.lines.iter()).flat_map(|l| l.citations.iter())
    }

    /// The brief as Markdown or HTML (whose citations link to the dashboard
    /// at `dashboard`, e.g. `/` or `http://127.0.0.1:8080/`), or JSON.
    pub fn render(&self, format: Format, dashboard: &str) -> String {
        render::render(self, format, dashboard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_cover_their_children() {
        let usa = PartyCode::parse(" usa ").unwrap();
        assert_eq!(usa.as_str(), "USA");
        assert!(usa.covers("USAGOV") && usa.covers("USA") && !usa.covers("RUSGOV"));
        assert!(PartyCode::parse("US A").is_err());
        assert!(PartyCode::parse("").is_err());
        assert!(Subject::dyad("USA", "usa").is_err());
        let dyad = Subject::dyad("ISR", "PSE").unwrap();
        assert_eq!(dyad.party_of("PSEREB").map(PartyCode::as_str), Some("PSE"));
        assert_eq!(dyad.party_of("EGYGOV"), None);
    }

    #[test]
    fn a_line_cannot_be_without_a_citation() {
        assert!(Line::cited("said nothing", []).is_none());
        let line = Line::new("x", Citation::event(3), [Citation::event(3), Citation::sentence("d", 1)]);
        assert_eq!(line.citations().len(), 2, "duplicates are dropped");
    }

    #[test]
    fn days_are_read_strictly() {
        assert_eq!(Day::parse("2024-03-05").unwrap().to_string(), "2024-03-05");
        assert!(Day::parse("2024-13-01").is_err());
        assert!(Day::parse("March").is_err());
    }
}
