//! # parley-events: what the actors did to each other
//!
//! The fourth stage. Given a sentence's tokens and its resolved actor mentions
//! (from `parley-actors`), it finds event verbs and codes them:
//!
//! 1. **Cues** (`cues.txt`) are located first: modals, negations, hedges,
//!    reporting verbs, clause openers, determiners.
//! 2. **Verbs**: a token whose norm is a form of a lexicon verb is a candidate.
//!    Noun-verb ambiguity ("the attack" vs "rebels attack") is settled by the
//!    word before it: a determiner, adjective or preposition makes a noun, an
//!    actor, pronoun, auxiliary or "to" a verb; a bare "-ing" form is a verb
//!    only after a form of "be". Reporting verbs with no pattern of their own
//!    ("said that ...") give attribution, not events.
//! 3. **Patterns** (`verbs.txt`) choose the code from the verb's surroundings:
//!    the most specific pattern that matches wins ("called for talks" 026 over
//!    "called" 020). Consecutive pattern words may be up to [`SKIP`] tokens apart
//!    ("imposed targeted sanctions"), or [`GAP`] after `..`; neither crosses a
//!    clause boundary.
//! 4. **Roles**: the source is the nearest actor to the left in the verb's
//!    clause that is not the object of a preposition; the target the first actor
//!    to the right. In the passive ("was accused by") they swap and "by" names
//!    the source. A verb after "to" under another event verb ("urged X to
//!    negotiate") is that verb's complement, not an event of its own. A verb with
//!    no subject of its own after "and" shares the previous verb's source.
//!    Conjoined actors ("India and Pakistan") give one event per actor, and a
//!    reciprocal verb ("met", "clashed") with a conjoined subject and no object
//!    gives one event in each direction.
//! 5. **The parse** (`parley-syntax`, only of sentences with a verb and an
//!    actor) gives each event what it acts on when that is no actor ("denied
//!    *the charge*"), so that the document can say whose charge it was
//!    (`syntax.rs` records what else the parse was measured for).
//! 6. **Mode and tense** from the cues around the verb. (How sure the sentence
//!    is and whom it cites are read once per sentence by `parley-enrich`.)

mod answers;
mod cues;
mod nouns;
mod roles;
mod sentence;
mod speech;
mod syntax;
mod verbs;

pub use answers::Antecedent;
pub use cues::{Cues, Mode};
pub use sentence::Sentence;
pub use speech::{statement_code, Statement};
pub use verbs::EventMatcher;

use std::ops::Range;

/// How far apart two consecutive pattern elements may stand.
pub const SKIP: usize = 3;
/// How far apart they may stand after `..`.
pub const GAP: usize = 8;

/// One side of an event: a mention of the sentence, and for a mention that
/// stands for several entities ("both sides"), which one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Participant {
    pub mention: usize,
    pub member: Option<usize>,
}

impl Participant {
    /// The whole of mention `mention`.
    pub fn of(mention: usize) -> Participant {
        Participant { mention, member: None }
    }

    /// The document entity it stands for, once resolved.
    pub fn entity(self, mentions: &[parley_actors::Mention]) -> Option<usize> {
        let m = &mentions[self.mention];
        match self.member {
            Some(k) => m.members.get(k).map(|(_, id)| *id),
            None => m.entity,
        }
    }
}

/// The verb tense as far as the auxiliaries show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Present,
    Perfect,
    Pluperfect,
    Future,
}

/// A coded event in one sentence, before it is dressed for output.
#[derive(Clone, Debug)]
pub struct SentenceEvent {
    /// Token range of the verb.
    pub verb: Range<usize>,
    pub lemma: String,
    pub code: String,
    pub source: Option<Participant>,
    pub target: Option<Participant>,
    pub mode: Mode,
    pub tense: Tense,
    pub background: bool,
    pub passive: bool,
    /// The lexicon entries that fired: verb and pattern, as "file:line ...".
    pub lexicon: Vec<String>,
    /// The action inside a statement ("pledged to give aid": 071, intended),
    /// when `code` is the statement's (0331) by CAMEO's conventions.
    pub embedded: Option<Embedded>,
    /// What the verb acts on when that is no actor but a thing said or done,
    /// as the parse gives it: the norm of the object's head word ("denied *the
    /// charge*": "charge"), for the document to find whose charge it was.
    pub object_noun: Option<String>,
}

/// The action a statement is about, as the verb and its pattern coded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embedded {
    /// The action's CAMEO code.
    pub code: String,
    /// The action's mode ("intended" for a pledge, "demanded" for a demand).
    pub mode: Mode,
}
