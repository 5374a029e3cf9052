//! Discards: a sentence discard silences its sentence, a story discard
//! (TABARI's `+PHRASE`) the whole document.

use parley::{Coder, Document, Lexicon};
use parley_lexicon::Phrase;

const TEXT: &str = "Russian forces attacked Ukrainian troops on Tuesday. A typhoon struck the coast. Ukraine accused Russia of war crimes.";

fn events(lexicon: Lexicon) -> usize {
    Coder::new(lexicon).code(&Document::new("d", TEXT)).len()
}

#[test]
fn a_sentence_discard_drops_its_sentence_only() {
    let mut lex = Lexicon::builtin().unwrap();
    let all = events(lex.clone());
    assert!(all >= 2, "the report codes its attack and its accusation");
    lex.discards.push(Phrase::new("war crimes"));
    let left = events(lex);
    assert!(left > 0 && left < all, "{left} of {all} events left");
}

#[test]
fn a_story_discard_drops_the_whole_document() {
    let mut lex = Lexicon::builtin().unwrap();
    lex.story_discards.push(Phrase::new("typhoon"));
    assert_eq!(events(lex), 0);
}
