//! # parley-enrich: when, where, how many, and how sure
//!
//! The fifth stage. It reads one sentence (its text and the tokens of
//! `parley-text`) against the document's date and the lexicon, and returns
//! [`SentenceFacts`]: the dates and durations it names, its places, its
//! casualty and displacement counts, and its certainty and attribution. The
//! coder (`parley::Coder`) then gives each event its date, place and counts,
//! and keeps what belongs to no single event (running tolls, when a conflict
//! began, how long it has lasted, hedged claims) as facts of the document.
//!
//! ## Design
//! - **Built once, read per sentence.** [`Enricher::new`] compiles the
//!   gazetteer (`places.txt`) into a [`parley_text::PhraseTrie`]. The cue
//!   phrases it reads (`cues.txt`: hedges, attribution, reporting verbs,
//!   future markers) are found once per sentence for every stage, by
//!   `parley_events::EventMatcher::cues`, and handed in. [`Enricher::sentence`] then walks the
//!   tokens a few times with `match` on token norms: no regular expressions,
//!   no allocation unless something is found, so a sentence without dates,
//!   places or figures costs a handful of comparisons per token.
//! - **Closed word classes live in code, open ones in the lexicon.** Month
//!   and weekday names, number words, qualifiers ("at least", "more than")
//!   and the harm words of counts ("killed", "displaced", "refugees") are a
//!   fixed part of English news and are written in the modules below, each
//!   with its tests; places and cue phrases are data a user can extend.
//! - **Precision over recall.** A figure is a count only when a harm word
//!   fixes its kind ("the 200 delegates" is not), a currency or unit after a
//!   figure rules it out ("a 5 million dollar grant"), a month name needs a
//!   date-like neighbour ("May" is also a modal), and a country or capital is
//!   a place only after a locative word ("in Russia", not "Russia said").
//! - **No invented dates.** A weekday, "yesterday" or "3 March" needs the
//!   document's date; without one it is dropped, while "March 2024" or
//!   "since 2019" stand on their own.
//!
//! The modules: [`numbers`] (figures, number words, qualifiers, ranges:
//! the text stage's, shared with events), `dates` (dates, weekdays, relative phrases, durations), `places` (the
//! gazetteer), `counts` (casualty and displacement counts, scope) and
//! `certainty` (hedges and attribution).
//!
//! ```
//! use parley_enrich::{Enricher, CountKind, Scope};
//! let lexicon = parley_lexicon::Lexicon::default();
//! let enricher = Enricher::new(&lexicon);
//! let text = "The war has killed at least 12,000 civilians since 2019.";
//! let tokens = parley_text::tokenize(text);
//! let facts = enricher.sentence(text, &tokens, &[], None);
//! assert_eq!(facts.counts[0].kind, CountKind::Killed);
//! assert_eq!(facts.counts[0].value, 12_000);
//! assert_eq!(facts.counts[0].scope, Scope::Cumulative);
//! assert_eq!(facts.dates[0].date.value, "2019");
//! ```

mod certainty;
mod counts;
mod dates;
pub use parley_text::numbers;
mod places;

pub use certainty::{Attribution, Certainty, CertaintyLevel};
pub use counts::{Count, CountKind, Scope};
pub use dates::{DateMention, DateRole, Duration, Precision, Unit};
pub use numbers::Qualifier;
pub use places::{Kind as PlaceKind, MainPlace, Place, PlaceMention};

use chrono::NaiveDate;
use parley_lexicon::{CueMatch, Lexicon};
use parley_text::Token;
use serde::{Deserialize, Serialize};

/// A date with its precision and the phrase it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// ISO 8601: `2024-03-05`, `2024-W10`, `2024-03` or `2024`.
    pub value: String,
    pub precision: Precision,
    /// `document` when taken from the document's date, `sentence` when the
    /// sentence gave it.
    pub source: String,
    /// The words it was read from, when the sentence gave it ("on Tuesday").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
}

impl DateInfo {
    /// The document's own date, day precision.
    pub fn of_document(date: NaiveDate) -> DateInfo {
        DateInfo { value: date.format("%Y-%m-%d").to_string(), precision: Precision::Day, source: "document".into(), phrase: None }
    }
}

/// What one sentence says about time, place, tolls and certainty.
#[derive(Clone, Debug, Default)]
pub struct SentenceFacts {
    /// Dates the sentence names, resolved against the document date, in order.
    pub dates: Vec<DateMention>,
    /// How long something has lasted ("in its fifth year").
    pub durations: Vec<Duration>,
    /// Places the sentence names, in order.
    pub places: Vec<PlaceMention>,
    /// Casualty and displacement figures, with scope and source set.
    pub counts: Vec<Count>,
    /// Hedges and attribution of the sentence.
    pub certainty: Certainty,
}

impl SentenceFacts {
    /// The date of the sentence's events: its first date that says when
    /// something happened (not "since 2019" or "began in 2019").
    pub fn event_date(&self) -> Option<&DateInfo> {
        self.dates.iter().find(|d| d.role == DateRole::At).map(|d| &d.date)
    }

    /// Where the sentence's events happened, when it names a place.
    pub fn event_place(&self) -> Option<&Place> {
        places::event_place(&self.places)
    }

    /// Dates that say when a conflict or process began ("began in 2019",
    /// "since 2019"), with the process they date.
    pub fn starts(&self) -> impl Iterator<Item = &DateMention> {
        self.dates.iter().filter(|d| matches!(d.role, DateRole::Start | DateRole::Since) && d.subject.is_some())
    }
}

/// Reads sentences for dates, places, counts and certainty; built once from
/// a lexicon and shared (it needs only `&self`).
pub struct Enricher {
    gazetteer: places::Gazetteer,
}

impl Enricher {
    pub fn new(lexicon: &Lexicon) -> Enricher {
        Enricher { gazetteer: places::Gazetteer::new(lexicon) }
    }

    /// The facts of one sentence. `tokens` are the sentence's own tokens
    /// (offsets into `text`), `cues` the cue phrases found in them (every
    /// kind; the coder finds them once for events and enrichment);
    /// `document_date` resolves relative dates.
    pub fn sentence(&self, text: &str, tokens: &[Token], cues: &[CueMatch], document_date: Option<NaiveDate>) -> SentenceFacts {
        let cues = certainty::SentenceCues::of(cues);
        let ahead = cues.any(certainty::Cue::Ahead) || tokens.iter().any(|t| matches!(t.norm.as_str(), "next" | "tomorrow" | "upcoming"));
        let cx = dates::Context { document: document_date, ahead };
        let dates = dates::find_dates(text, tokens, &cx);
        let durations = dates::find_durations(text, tokens);
        let places = self.gazetteer.find(text, tokens);
        let certainty = certainty::certainty(text, tokens, &cues);
        let mut counts = counts::find_counts(text, tokens);
        let dated_process = !durations.is_empty() || dates.iter().any(|d| d.role != DateRole::At);
        for c in &mut counts {
            if counts::is_cumulative(tokens, c, dated_process) {
                c.scope = Scope::Cumulative;
            }
            c.source = certainty.attribution.as_ref().map(|a| a.text.clone());
        }
        SentenceFacts { dates, durations, places, counts, certainty }
    }

    /// Only the places of a sentence: what a sentence with no event adds to
    /// its document when no facts are wanted (the document's main place).
    pub fn places(&self, text: &str, tokens: &[Token]) -> SentenceFacts {
        SentenceFacts { places: self.gazetteer.find(text, tokens), ..SentenceFacts::default() }
    }

    /// The place of the document's wire dateline ("KHARKIV, Ukraine
    /// (Reuters) -"), which the sentence splitter leaves between sentences:
    /// `tokens` are the document's, `sentences` its sentences.
    pub fn dateline_place(&self, text: &str, tokens: &[Token], sentences: &[parley_text::Sentence]) -> Option<Place> {
        let mut previous_end = 0;
        for s in sentences.iter().take(3) {
            if s.tokens.start > previous_end {
                if let Some(p) = self.gazetteer.dateline(text, &tokens[previous_end..s.tokens.start]) {
                    return Some(p);
                }
            }
            previous_end = s.tokens.end;
        }
        None
    }

    /// The document's main place: the place its sentences name most often.
    /// Events whose sentence names no place take it, marked `document`.
    pub fn main_place<'a>(&self, sentences: impl IntoIterator<Item = &'a SentenceFacts>) -> Option<Place> {
        self.gazetteer.main_place(sentences.into_iter().flat_map(|s| s.places.iter()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.add_file("cues.txt", include_str!("../../../lexicon/cues.txt")).unwrap();
        lex.add_file("places.txt", "Kharkiv; Kharkov | UKR | 49.9935 | 36.2304 | city\nUkraine | UKR | 49.0 | 32.0 | country\n").unwrap();
        lex
    }

    fn facts(text: &str, date: Option<&str>) -> SentenceFacts {
        let lexicon = lexicon();
        let tokens = parley_text::tokenize(text);
        let cues = parley_events::Cues::new(&lexicon).find(&tokens);
        Enricher::new(&lexicon).sentence(text, &tokens, &cues, date.map(|d| d.parse().unwrap()))
    }

    #[test]
    fn a_full_sentence() {
        let f = facts("Russian shelling killed at least seven civilians in Kharkiv on Tuesday, officials said.", Some("2024-03-07"));
        let d = f.event_date().unwrap();
        assert_eq!((d.value.as_str(), d.precision, d.phrase.as_deref()), ("2024-03-05", Precision::Day, Some("on Tuesday")));
        let p = f.event_place().unwrap();
        assert_eq!((p.name.as_str(), p.country.as_str(), p.source.as_str()), ("Kharkiv", "UKR", "sentence"));
        let c = &f.counts[0];
        assert_eq!((c.kind, c.value, c.qualifier, c.scope), (CountKind::Killed, 7, Some(Qualifier::AtLeast), Scope::Event));
        assert_eq!(c.victims.as_deref(), Some("civilians"));
        assert_eq!(c.source.as_deref(), Some("officials"));
        assert_eq!(f.certainty.level(), CertaintyLevel::Stated);
    }

    #[test]
    fn seed_toll_sentence() {
        let f = facts(
            "The conflict, which began in 2019, has claimed over 200,000 lives and displaced more than 5 million people, according to the United Nations.",
            None,
        );
        let start: Vec<_> = f.starts().map(|d| (d.date.value.as_str(), d.date.precision, d.subject.as_deref())).collect();
        assert_eq!(start, [("2019", Precision::Year, Some("conflict"))]);
        assert!(f.event_date().is_none());
        assert_eq!(f.counts.len(), 2);
        for c in &f.counts {
            assert_eq!(c.scope, Scope::Cumulative);
            assert_eq!(c.qualifier, Some(Qualifier::MoreThan));
            assert_eq!(c.source.as_deref(), Some("the United Nations"));
        }
        assert_eq!((f.counts[0].kind, f.counts[0].value), (CountKind::Killed, 200_000));
        assert_eq!((f.counts[1].kind, f.counts[1].value), (CountKind::Displaced, 5_000_000));
    }

    #[test]
    fn hedges_and_sources() {
        let f = facts(
            "The individual is believed to be a high-ranking official, according to sources close to the negotiation process.",
            None,
        );
        assert_eq!(f.certainty.level(), CertaintyLevel::Hedged);
        assert!(f.certainty.hedges.iter().any(|h| h == "is believed"), "{:?}", f.certainty.hedges);
        assert_eq!(f.certainty.attribution.as_ref().unwrap().text, "sources close to the negotiation process");
        let f = facts("The two parties are widely believed to be the government and the opposition.", None);
        assert_eq!(f.certainty.hedges[0], "widely believed");
        let f = facts("The office has not responded, but analysts suggest that a deal could follow.", None);
        assert_eq!(f.certainty.level(), CertaintyLevel::Hedged);
        assert_eq!(f.certainty.attribution.as_ref().unwrap().text, "analysts");
        let f = facts("This is the first overture from the faction to the United States since 2019.", None);
        assert_eq!(f.certainty.attribution, None);
        let f = facts("Troops reportedly entered the town.", None);
        assert_eq!(f.certainty.hedges, ["reportedly"]);
        let f = facts("Troops entered the town.", None);
        assert_eq!(f.certainty, Certainty::default());
    }

    #[test]
    fn a_sentence_with_nothing_gives_nothing() {
        let f = facts("The 200 delegates welcomed a 5 million dollar grant.", Some("2024-03-07"));
        assert!(f.dates.is_empty() && f.durations.is_empty() && f.places.is_empty() && f.counts.is_empty());
    }
}
