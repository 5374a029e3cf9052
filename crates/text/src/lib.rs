//! # parley-text: the first stage, text -> sentences -> tokens
//!
//! Everything later in parley (actors, events, enrichment) works on the tokens
//! this crate produces, and the lexicon is tokenized by the very same function,
//! so a dictionary phrase and a sentence always agree on where words begin and end.
//!
//! The stage has three steps:
//! 1. [`clean`] repairs what real feeds do to text (`#39;`, `&amp;`, `quot;`,
//!    backslash line breaks) and returns the text every byte offset refers to.
//! 2. [`tokenize`] cuts text into [`Token`]s: words, numbers and punctuation, with
//!    byte offsets and a lower-cased form (`norm`) for matching. Initialisms
//!    ("U.S.", "U.N."), decimals and thousands ("5.5", "200,000") stay whole;
//!    clitics ("Russia's" -> `Russia` `'s`, "didn't" -> `did` `n't`) and hyphens
//!    are split, so "pro-Russian" still contains the word "Russian".
//! 3. [`sentences`] groups tokens into sentences. A period ends a sentence
//!    unless it belongs to an abbreviation ("Gen.", "Mr.", "Jan."); a blank line
//!    always ends one, and so does the end of a headline-like line that has no
//!    final punctuation. Wire datelines ("BAGHDAD (Reuters) -") are skipped.
//!
//! [`numbers`] reads figures in tokens as news writes them ("at least 30",
//! "tens of thousands"): events use it to tell a verb from a participle,
//! enrichment to read counts and dates.
//!
//! ```
//! let text = "Gen. Smith met U.S. officials. Talks went well.";
//! let tokens = parley_text::tokenize(text);
//! let sentences = parley_text::sentences(text, &tokens);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(&text[sentences[0].span.clone()], "Gen. Smith met U.S. officials.");
//! ```

mod clean;
mod norm;
pub mod numbers;
mod sentence;
mod token;
mod trie;

pub use clean::clean;
pub use norm::Norm;
pub use sentence::{is_month, sentences, Sentence};
pub use token::{tokenize, Token, TokenKind, Tokenizer};
pub use trie::PhraseTrie;

/// Lower-cases a phrase and splits it into token norms, exactly as sentence
/// text is split: the one way the lexicon and the coder agree on words.
pub fn norms(phrase: &str) -> Vec<String> {
    tokenize(phrase).into_iter().map(|t| t.norm.into()).collect()
}
