//! The sentence being coded, read once for all of its verbs.

use crate::cues::{CueMap, Cues};
use crate::roles::{self, Clause};
use parley_actors::Mention;
use parley_text::Token;

/// One sentence as the events stage reads it: its words, its actors, which
/// actor each word belongs to, its cue phrases and its clauses. Made once per
/// sentence; every question about a verb of it is asked of this.
pub(crate) struct Sentence<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// The resolved actor mentions, in text order (locative ones included).
    pub mentions: &'a [Mention],
    /// For each token, the mention it belongs to ([`roles::owners`]).
    pub owner: Vec<Option<usize>>,
    pub cues: CueMap,
    pub clause: Clause,
}

impl<'a> Sentence<'a> {
    /// Reads `text` (its `tokens` and `mentions`) with the lexicon's `cues`.
    pub fn new(text: &'a str, tokens: &'a [Token], mentions: &'a [Mention], cues: &Cues) -> Sentence<'a> {
        let cues = CueMap::new(cues.find(tokens), tokens.len());
        let owner = roles::owners(tokens.len(), mentions);
        let clause = Clause::new(tokens, &cues, &owner);
        Sentence { text, tokens, mentions, owner, cues, clause }
    }
}
