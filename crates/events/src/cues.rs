//! Cue phrases located in a sentence: what they mark, token by token.

use parley_lexicon::{CueKind, CueMatch, Lexicon};
use parley_text::{PhraseTrie, Token};
use std::ops::Range;

/// What a sentence says about whether an event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Reported as having happened or happening.
    Asserted,
    /// Announced or intended by the source ("will", "pledged to").
    Intended,
    /// Expected by others ("is expected to").
    Expected,
    /// Dependent on a condition or merely possible ("if", "could").
    Conditional,
    /// Demanded of the source ("must", "should").
    Demanded,
    /// Said not to have happened ("did not", "has not yet").
    Negated,
}

/// The cue trie, compiled once from `cues.txt`.
pub struct Cues {
    trie: PhraseTrie<CueKind>,
}

impl Cues {
    pub fn new(lexicon: &Lexicon) -> Cues {
        let mut trie = PhraseTrie::new();
        for cue in &lexicon.cues {
            for p in &cue.phrases {
                trie.insert(&p.norms, cue.kind);
            }
        }
        Cues { trie }
    }

    /// Every cue phrase in the sentence, all kinds, overlapping allowed, in
    /// text order.
    pub fn find(&self, tokens: &[Token]) -> Vec<CueMatch> {
        let mut out = Vec::new();
        for i in 0..tokens.len() {
            for (len, kinds) in self.trie.all_at(tokens, i) {
                for &kind in kinds {
                    out.push(CueMatch { kind, tokens: i..i + len });
                }
            }
        }
        out
    }
}

/// Per-token view of the cues, for the questions the coder asks often.
pub struct CueMap<'a> {
    found: Vec<&'a CueMatch>,
    /// For each token, the kinds of single-word cues it is.
    word: Vec<Vec<CueKind>>,
}

impl<'a> CueMap<'a> {
    pub fn new(found: Vec<&'a CueMatch>, len: usize) -> CueMap<'a> {
        let mut word = vec![Vec::new(); len];
        for f in &found {
            if f.tokens.len() == 1 {
                word[f.tokens.start].push(f.kind);
            }
        }
        CueMap { found, word }
    }

    /// Whether token `i` is by itself a cue of `kind`.
    pub fn is(&self, i: usize, kind: CueKind) -> bool {
        self.word.get(i).is_some_and(|k| k.contains(&kind))
    }

    /// Cues of `kind` lying inside `range`.
    pub fn within(&self, kind: CueKind, range: Range<usize>) -> impl Iterator<Item = &CueMatch> {
        self.found.iter().copied().filter(move |f| f.kind == kind && f.tokens.start >= range.start && f.tokens.end <= range.end)
    }
}
