//! The sentence being coded, read once for all of its verbs.

use crate::cues::CueMap;
use crate::roles::{self, Clause};
use parley_actors::{Mention, MentionKind};
use parley_lexicon::CueMatch;
use parley_text::Token;

/// One sentence as the events stage reads it: its words, its actors, which
/// actor each word belongs to, its cue phrases and its clauses. Made once per
/// sentence; every question about a verb of it is asked of this.
pub struct Sentence<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    /// The resolved actor mentions, in text order (locative ones included).
    pub(crate) mentions: &'a [Mention],
    /// For each token, the mention it belongs to ([`roles::owners`]).
    pub(crate) owner: Vec<Option<usize>>,
    pub(crate) cues: CueMap<'a>,
    pub(crate) clause: Clause,
    /// The mentions joined by "and" or a list ([`parley_actors::conjoined`]).
    pub(crate) groups: &'a [Vec<usize>],
}

impl<'a> Sentence<'a> {
    /// Reads `text`: its `tokens`, its resolved actor `mentions` in text order
    /// and their `groups` of conjoined mentions (as the resolver returns them),
    /// and the cue phrases found in it ([`crate::EventMatcher::cues`]), which
    /// the coder finds once and hands to enrichment too.
    pub fn new(text: &'a str, tokens: &'a [Token], mentions: &'a [Mention], groups: &'a [Vec<usize>], cues: &'a [CueMatch]) -> Sentence<'a> {
        // A name is no cue phrase: "Doctors *Without* Borders criticised" is no
        // negation, nor "Movement *for* ..." anything but a name.
        let in_a_name = |c: &CueMatch| {
            mentions.iter().any(|m| {
                matches!(m.kind, MentionKind::Organization | MentionKind::Provisional | MentionKind::Person)
                    && m.tokens.start <= c.tokens.start
                    && c.tokens.end <= m.tokens.end
            })
        };
        let cues = CueMap::new(cues.iter().filter(|c| !in_a_name(c)).collect(), tokens.len());
        let owner = roles::owners(tokens.len(), mentions);
        let clause = Clause::new(tokens, &cues, &owner);
        Sentence { text, tokens, mentions, owner, cues, clause, groups }
    }
}
