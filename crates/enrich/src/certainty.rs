//! How sure a sentence is, and who it says so: hedges ("believed to",
//! "reportedly", "analysts suggest") and attribution ("according to the
//! United Nations", "officials said"), read from the cue phrases of
//! `cues.txt` so that facts carry the same certainty vocabulary as events.

use parley_lexicon::{CueKind, CueMatch};
use parley_text::{Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// `stated` or `hedged`, the hedge phrases, and who the sentence cites.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certainty {
    /// The hedge phrases, longest first where they overlap ("widely believed").
    pub hedges: Vec<String>,
    /// Who the sentence attributes its content to.
    pub attribution: Option<Attribution>,
}

impl Certainty {
    /// [`CertaintyLevel::Hedged`] when the sentence hedges, else
    /// [`CertaintyLevel::Stated`].
    pub fn level(&self) -> CertaintyLevel {
        if self.hedges.is_empty() {
            CertaintyLevel::Stated
        } else {
            CertaintyLevel::Hedged
        }
    }
}

/// How sure a sentence is of what it says, as events and facts carry it
/// (`"stated"` or `"hedged"` in JSON).
///
/// ```
/// use parley_enrich::CertaintyLevel;
/// assert_eq!(CertaintyLevel::Hedged.as_str(), "hedged");
/// assert_eq!(serde_json::to_string(&CertaintyLevel::Stated).unwrap(), "\"stated\"");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CertaintyLevel {
    /// Said without a hedge.
    #[default]
    Stated,
    /// Hedged: "reportedly", "is believed to", "analysts suggest".
    Hedged,
}

impl CertaintyLevel {
    /// Its name in JSON and in the store: `stated` or `hedged`.
    pub fn as_str(self) -> &'static str {
        match self {
            CertaintyLevel::Stated => "stated",
            CertaintyLevel::Hedged => "hedged",
        }
    }
}

impl std::fmt::Display for CertaintyLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cited source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source's words ("the United Nations", "health officials").
    pub text: String,
    /// The cue that introduced it ("according to", "said").
    pub cue: String,
    /// Token range of `text` in the sentence, so a caller can look up the
    /// actor it names.
    #[serde(skip)]
    pub tokens: Range<usize>,
}

/// The cue kinds enrichment reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    Hedge,
    Attribution,
    Reporting,
    /// Future, intended or expected: the sentence looks ahead.
    Ahead,
}

/// The cues of one sentence that enrichment reads, in text order.
pub(crate) struct SentenceCues {
    pub found: Vec<(Cue, Range<usize>)>,
}

impl SentenceCues {
    /// The cues enrichment reads among those found in a sentence.
    pub fn of(cues: &[CueMatch]) -> SentenceCues {
        let kind = |k: CueKind| match k {
            CueKind::Hedge => Some(Cue::Hedge),
            CueKind::Attribution => Some(Cue::Attribution),
            CueKind::Reporting => Some(Cue::Reporting),
            CueKind::Future | CueKind::Intended | CueKind::Expected => Some(Cue::Ahead),
            _ => None,
        };
        SentenceCues { found: cues.iter().filter_map(|c| Some((kind(c.kind)?, c.tokens.clone()))).collect() }
    }

    pub fn any(&self, cue: Cue) -> bool {
        self.found.iter().any(|(c, _)| *c == cue)
    }
}

/// Hedges and attribution of a sentence.
pub(crate) fn certainty(text: &str, tokens: &[Token], cues: &SentenceCues) -> Certainty {
    Certainty { hedges: hedges(tokens, cues), attribution: attribution(text, tokens, cues) }
}

fn hedges(tokens: &[Token], cues: &SentenceCues) -> Vec<String> {
    let mut found: Vec<&Range<usize>> = cues.found.iter().filter(|(c, _)| *c == Cue::Hedge).map(|(_, r)| r).collect();
    if found.is_empty() {
        return Vec::new();
    }
    // Longest first, so "widely believed" hides "believed"; then in text order.
    found.sort_by_key(|r| (std::cmp::Reverse(r.len()), r.start));
    let mut taken: Vec<&Range<usize>> = Vec::new();
    for r in found {
        if !taken.iter().any(|t| t.start < r.end && r.start < t.end) {
            taken.push(r);
        }
    }
    taken.sort_by_key(|r| r.start);
    taken.into_iter().map(|r| tokens[r.clone()].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ")).collect()
}

fn is_stop(t: &Token) -> bool {
    t.kind == TokenKind::Punct
        || matches!(
            t.norm.as_str(),
            "that" | "which" | "who" | "and" | "but" | "while" | "as" | "because" | "although" | "though" | "when" | "after" | "before"
        )
}

fn is_auxiliary(norm: &str) -> bool {
    matches!(norm, "has" | "have" | "had" | "is" | "are" | "was" | "were" | "be" | "been" | "also" | "later" | "previously" | "earlier" | "it" | "he" | "she" | "they" | "we" | "i" | "you")
}

fn attribution(text: &str, tokens: &[Token], cues: &SentenceCues) -> Option<Attribution> {
    let span = |r: Range<usize>| text[tokens[r.start].start..tokens[r.end - 1].end].to_string();
    let cue_text = |r: &Range<usize>| tokens[r.clone()].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
    // "according to X": X runs to the next punctuation.
    for (c, r) in &cues.found {
        if *c != Cue::Attribution {
            continue;
        }
        let start = r.end;
        let end = (start..tokens.len()).find(|&k| matches!(tokens[k].norm.as_str(), "," | "." | ";" | ":" | "(" | ")")).unwrap_or(tokens.len());
        if end > start {
            return Some(Attribution { text: span(start..end), cue: cue_text(r), tokens: start..end });
        }
        // "sources close to" is itself the source.
        if r.len() > 1 && tokens[r.start].norm == "sources" {
            return Some(Attribution { text: span(r.clone()), cue: cue_text(r), tokens: r.clone() });
        }
    }
    // "officials said", ", a senior official said.": the words before the verb.
    for (c, r) in &cues.found {
        if *c != Cue::Reporting || r.len() != 1 {
            continue;
        }
        let v = r.start;
        // "the United States": a capitalised word mid-sentence is a name.
        if v > 0 && tokens[v].capitalized {
            continue;
        }
        // "has claimed over 200,000 lives": a toll, not a statement.
        if tokens.get(v + 1).is_some_and(|t| t.kind == TokenKind::Number || matches!(t.norm.as_str(), "lives" | "over" | "more" | "at" | "the" | "responsibility")) && tokens[v].norm.starts_with("claim") {
            continue;
        }
        let mut start = v;
        while start > 0 && v - start < 6 && !is_stop(&tokens[start - 1]) {
            start -= 1;
        }
        let mut end = v;
        while start < end && is_auxiliary(&tokens[end - 1].norm) {
            end -= 1;
        }
        while start < end && is_auxiliary(&tokens[start].norm) {
            start += 1;
        }
        if start < end && tokens[start..end].iter().any(|t| t.is_word()) {
            return Some(Attribution { text: span(start..end), cue: tokens[v].norm.to_string(), tokens: start..end });
        }
    }
    None
}
