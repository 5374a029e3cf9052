//! What the dependency parse (`parley-syntax`) says about an event verb, in
//! terms of the sentence's actor mentions.
//!
//! Today the parse gives each event the thing it acts on when that is no
//! actor ("rejected *the allegation*"), which the document then traces back
//! to whoever made the allegation (see `parley::Coder`), and it overrules the
//! shallow reading of `roles.rs` in one place: a source found inside an
//! apposition or a clause on the subject ("The Hawks, a militant group
//! operating in northern *Meshara*, released ...") gives way to the parse's
//! subject. Elsewhere roles still come from `roles.rs`: on the development
//! sets, taking every source from the parse's subject moved root F1 by
//! -0.003 / +0.004 (wire news / multi-sentence reports), the target from
//! `obj`/`obl` by -0.007 / 0.000, and dropping events in relative clauses by
//! -0.011 / +0.010: with today's model (UAS 0.835) the heuristics still win
//! there. The model also reads "France, which has troops in Mali, condemned"
//! with the name as root, so that case is a rule of `roles.rs`.

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
            words.extend(self.parse.children(h).filter(|&c| self.in_noun_phrase(h == head, c)));
        }
        false
    }

    /// The mentions of the noun phrase headed by `head`, in text order (see
    /// [`Grammar::names_an_actor`] for what the phrase includes).
    fn mentions_in(&self, head: usize) -> Vec<usize> {
        let mut words = vec![head];
        let mut k = 0;
        while k < words.len() && words.len() < 64 {
            let h = words[k];
            k += 1;
            words.extend(self.parse.children(h).filter(|&c| self.in_noun_phrase(h == head, c)));
        }
        words.sort_unstable();
        let mut out: Vec<usize> = Vec::new();
        for m in words.into_iter().filter_map(|w| self.owner[w]) {
            if out.last() != Some(&m) {
                out.push(m);
            }
        }
        out
    }

    /// Whether word `c`, a dependent, belongs to its head's noun phrase: its
    /// compounds, adjectives and possessors, and the head's own "of"/"from"
    /// phrases (not theirs: "gunmen from the Brigade", not "... in Ombaya's north").
    fn in_noun_phrase(&self, of_the_head: bool, c: usize) -> bool {
        matches!(self.parse.deprel(c), Deprel::Compound | Deprel::Flat | Deprel::Amod | Deprel::NmodPoss)
            || (of_the_head && matches!(self.parse.deprel(c), Deprel::Nmod | Deprel::NmodUnmarked))
    }

    /// The mention that is the grammatical subject of the verb at `v`: the
    /// one nearest the verb in its subject's noun phrase ("gunmen from the
    /// Brigade abducted": the Brigade); the subject of the verb it is
    /// coordinated with or whose subject it takes ("denied ... and accused",
    /// "plans to attack"); for a relative whose pronoun is the subject, the
    /// noun it modifies.
    pub fn subject(&self, v: usize) -> Option<usize> {
        self.subject_word(v).and_then(|s| self.mentions_in(s).last().copied())
    }

    /// The word heading the subject [`Grammar::subject`] reads, actor or not.
    fn subject_word(&self, v: usize) -> Option<usize> {
        let mut at = v;
        for _ in 0..4 {
            // A dateline parsed as a second subject ("JERUSALEM: The army is set
            // to ...") stands further from the verb than the real one.
            let nearest = self
                .parse
                .children(at)
                .filter(|&j| matches!(self.parse.deprel(j), Deprel::Nsubj | Deprel::NsubjPass))
                .min_by_key(|&j| j.abs_diff(at));
            if let Some(s) = nearest {
                let relative = matches!(self.tokens[s].norm.as_str(), "which" | "who" | "that");
                return if relative && self.parse.deprel(at) == Deprel::AclRelcl { self.parse.head(at) } else { Some(s) };
            }
            match self.parse.deprel(at) {
                Deprel::Conj | Deprel::Xcomp => at = self.parse.head(at)?,
                _ => return None,
            }
        }
        None
    }

    /// The subject of a verb coordinated with an earlier one ("they had
    /// dissolved the government and *suspended* the constitution": `Some(they)`;
    /// "*A man* attacked a post and stabbed two officers": `Some(None)`, a
    /// subject that names no actor), or `None` when the parse does not read `v`
    /// as such a conjunct or reads no subject.
    pub fn conjunct_subject_read(&self, v: usize) -> Option<Option<usize>> {
        if self.parse.deprel(v) != Deprel::Conj {
            return None;
        }
        let word = self.subject_word(v)?;
        Some(self.mentions_in(word).last().copied())
    }

    /// The subject of a verb coordinated with an earlier active one, when
    /// `v` is such a conjunct: "they had beheaded a hostage and *threatened*
    /// ...": they. Not the subject of a passive ("was seized by militants but
    /// then *released*": the journalist did not release anyone).
    pub fn conjunct_agent(&self, v: usize) -> Option<usize> {
        let first = self.parse.head(v).filter(|_| self.parse.deprel(v) == Deprel::Conj)?;
        (!self.parse.is_passive(first)).then(|| self.subject(v)).flatten()
    }

    /// Whether word `t` stands inside a relative clause, a clause on a noun or
    /// an apposition that does not hold the verb at `v`: "Brazil, which
    /// borders *both countries*, offered", "China, whose state *oil company*
    /// runs the line, urged". Such words name no one the verb's act is by.
    pub fn outside_verb_phrase(&self, t: usize, v: usize) -> bool {
        let mut at = t;
        for _ in 0..self.parse.len() {
            if at == v {
                return false;
            }
            if matches!(self.parse.deprel(at), Deprel::AclRelcl | Deprel::Acl | Deprel::Appos) {
                return !self.dominates(at, v);
            }
            match self.parse.head(at) {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// Whether `v` is `a` or stands below it in the tree.
    fn dominates(&self, a: usize, v: usize) -> bool {
        let mut at = v;
        for _ in 0..self.parse.len() {
            if at == a {
                return true;
            }
            match self.parse.head(at) {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// The head word of the verb's direct object when that names no actor
    /// ("rejected the allegation": "allegation"); for a relative clause whose
    /// object is the relative, the noun it modifies ("an accusation the party
    /// rejected").
    pub fn object_word(&self, v: usize) -> Option<usize> {
        // "appealed for their release", "called for a ceasefire": what is
        // asked for is the object of an appeal told with "for".
        let asked_for = || {
            self.parse.obliques(v).find(|o| o.case.is_some_and(|c| self.tokens[c].norm == "for")).map(|o| o.noun)
        };
        if let Some(o) = self.parse.object(v).or_else(asked_for) {
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

    /// The object word of `v` ([`Grammar::object_word`]) and the nouns
    /// compounded onto it, nearest the verb first: in "rejected the demand
    /// outright" the model may read "outright" as the head and "demand" as
    /// its compound.
    pub fn object_words(&self, v: usize) -> Vec<usize> {
        let Some(o) = self.object_word(v) else { return Vec::new() };
        let mut words: Vec<usize> = self.parse.children(o).filter(|&c| self.parse.deprel(c) == Deprel::Compound).collect();
        words.push(o);
        words
    }
}

/// Tags and parses a sentence whose tokens' offsets are relative to `text`.
pub fn parse(text: &str, tokens: &[Token]) -> Parse {
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    parley_syntax::Parser::builtin().parse(&words)
}
