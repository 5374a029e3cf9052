//! Discard lists: `PHRASE` (sentence) and `+PHRASE` (whole story).

use super::{phrase_norms, Lines};
use crate::model::*;
use crate::parse::LexiconError;

pub(crate) fn parse(lex: &mut Lexicon, lines: Lines) -> Result<(), LexiconError> {
    for &(n, content) in &lines.lines {
        let line = content.trim();
        let (story, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p),
            None => (false, line),
        };
        let (norms, _) = phrase_norms(phrase);
        if norms.is_empty() {
            return Err(lines.error(n, "expected a discard phrase"));
        }
        let phrase = Phrase { norms, case: Case::Any };
        if story {
            lex.story_discards.push(phrase);
        } else {
            lex.discards.push(phrase);
        }
    }
    Ok(())
}

/// Which discard list a text hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Discard {
    /// A `+` phrase: the whole story is not coded.
    Story,
    /// The sentence is not coded.
    Sentence,
}

impl Lexicon {
    /// Whether `text` holds a discard phrase, story-level first.
    pub fn discard_in(&self, text: &str) -> Option<Discard> {
        let norms = parley_text::norms(text);
        let hit = |phrases: &[Phrase]| phrases.iter().any(|p| !p.norms.is_empty() && norms.windows(p.norms.len()).any(|w| w == p.norms.as_slice()));
        if hit(&self.story_discards) {
            Some(Discard::Story)
        } else if hit(&self.discards) {
            Some(Discard::Sentence)
        } else {
            None
        }
    }
}
