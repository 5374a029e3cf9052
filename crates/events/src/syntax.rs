//! What the dependency parse (`parley-syntax`) says about an event verb, in
//! terms of the sentence's actor mentions.
//!
//! Today the parse gives each event the thing it acts on when that is no
//! actor ("rejected *the allegation*"), which the document then traces back
//! to whoever made the allegation (see `parley::Coder`). Roles still come
//! from the shallow reading in `roles.rs`: on the development sets, taking the
//! source from the parse's subject (nearest `nsubj` in the noun phrase, shared
//! across `conj`/`xcomp`, a relative's antecedent) moved root F1 by -0.003 /
//! +0.004 (wire news / multi-sentence reports), the target from `obj`/`obl`
//! by -0.007 / 0.000, and dropping events in relative clauses by -0.011 /
//! +0.010: with today's model (UAS 0.835) the heuristics still win there.

use parley_syntax::{Deprel, Parse};
use parley_text::Token;

/// A parsed sentence read with its actor mentions.
pub struct Grammar<'a> {
    parse: &'a Parse,
    tokens: &'a [Token],
    /// For each token, the mention that owns it (see `roles::owners`).
    owner: &'a [Option<usize>],
}

impl<'a> Grammar<'a> {
    pub fn new(parse: &'a Parse, tokens: &'a [Token], owner: &'a [Option<usize>]) -> Grammar<'a> {
        debug_assert_eq!(parse.len(), tokens.len());
        Grammar { parse, tokens, owner }
    }

    /// Whether the noun phrase headed by word `head` names an actor: the head
    /// or one of its modifiers ("a spokesman for the UN", "Iraq's government")
    /// belongs to a mention. Relative clauses, appositions and conjuncts are
    /// not looked into: they name someone else.
    fn names_an_actor(&self, head: usize) -> bool {
        let mut words = vec![head];
        let mut k = 0;
        // A noun phrase is small; the bound guards against a degenerate parse.
        while k < words.len() && words.len() < 64 {
            let h = words[k];
            k += 1;
            if self.owner[h].is_some() {
                return true;
            }
            words.extend(self.parse.children(h).filter(|&c| {
                matches!(self.parse.deprel(c), Deprel::Compound | Deprel::Flat | Deprel::Amod | Deprel::NmodPoss)
                    || (h == head && matches!(self.parse.deprel(c), Deprel::Nmod | Deprel::NmodUnmarked))
            }));
        }
        false
    }

    /// The head word of the verb's direct object when that names no actor
    /// ("rejected the allegation": "allegation"); for a relative clause whose
    /// object is the relative, the noun it modifies ("an accusation the party
    /// rejected").
    pub fn object_word(&self, v: usize) -> Option<usize> {
        if let Some(o) = self.parse.object(v) {
            if !matches!(self.tokens[o].norm.as_str(), "which" | "that") {
                return (!self.names_an_actor(o)).then_some(o);
            }
        }
        if self.parse.deprel(v) == Deprel::AclRelcl && self.parse.subject(v).is_some() {
            let head = self.parse.head(v)?;
            return (head < v && !self.names_an_actor(head)).then_some(head);
        }
        None
    }
}

/// Tags and parses a sentence whose tokens' offsets are relative to `text`.
pub fn parse(text: &str, tokens: &[Token]) -> Parse {
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    parley_syntax::Parser::builtin().parse(&words)
}
