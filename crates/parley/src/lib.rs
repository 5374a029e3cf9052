//! # parley: political event coding from raw news text
//!
//! This crate is the library API. A [`Coder`] is built once from a
//! [`Lexicon`] and then codes documents into [`Event`]s, who did what to whom,
//! when, where and how sure, in the CAMEO ontology with its PLOVER mapping.
//! The `parley` command line, the HTTP server and the Python bindings all call
//! [`Coder::code`]; there is no other code path.
//!
//! The stages, each a crate of its own:
//! text (`parley-text`: cleaning, tokens, sentences) -> actors
//! (`parley-actors`: mentions and document entities) -> events
//! (`parley-events`: verbs, patterns, roles, mode) -> enrichment
//! (`parley-enrich`: dates, places, counts) -> the [`Event`] records of this crate.
//!
//! ```
//! use parley::{Coder, Document};
//! let coder = Coder::builtin().unwrap();
//! let doc = Document::new("d1", "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday.")
//!     .with_date("2024-03-07".parse().unwrap());
//! let events = coder.code(&doc);
//! assert_eq!(events[0].source.as_ref().unwrap().code, "RUSMIL");
//! assert_eq!(events[0].root, "19");
//! ```

mod anaphora;
mod coder;
mod document;
mod event;
mod fact;

pub use coder::{Coder, Options};
pub use document::{Document, DocumentError};
pub use event::{ActorRef, AttributionRef, EmbeddedRef, Event, PloverRef, VerbRef};
pub use fact::{Coded, Fact, FactType};
pub use parley_actors::{ActorCode, Role};
pub use parley_enrich::{CertaintyLevel, Count, CountKind, DateInfo, Duration, Place, PlaceKind, Precision, Qualifier, Scope};
pub use parley_events::{Mode, Tense};
pub use parley_lexicon::{Lexicon, LexiconError};
