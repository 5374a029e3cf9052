//! A parsed sentence and the questions event coding asks of it.

use crate::tags::{Deprel, Upos};

/// One word's analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// Its part of speech.
    pub upos: Upos,
    /// Its relation to its head.
    pub deprel: Deprel,
    /// Its head: 0 for the root, else the head's position + 1 (as in CoNLL-U).
    head: u32,
}

/// The tags and dependency tree of a sentence: one [`Node`] per word, words
/// numbered from 0 in the order given to [`crate::Parser::parse`].
///
/// Invariant: the heads form one tree; exactly one word hangs on the root,
/// with the relation `root`, and no other word has that relation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    nodes: Vec<Node>,
}

/// What kind of clause a word stands in (see [`Parse::clause`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClauseKind {
    /// The main clause (the root's, or one coordinated with it).
    Main,
    /// A relative clause on a noun (`acl:relcl`): "Norway, which signed a pact, ...".
    Relative,
    /// Another clause on a noun (`acl`), often a participle: "aid worker X, kidnapped a week ago".
    Adnominal,
    /// An adverbial clause (`advcl`): "after talks collapsed", "to end the war".
    Adverbial,
    /// A complement with its own subject (`ccomp`): reported content, "said that ...".
    Complement,
    /// A complement sharing the subject of its head (`xcomp`): "plans to attack".
    OpenComplement,
    /// A clause as subject (`csubj`).
    Subject,
    /// A clause set beside another (`parataxis`): "..., officials said".
    Parataxis,
}

impl ClauseKind {
    fn of(deprel: Deprel) -> Option<ClauseKind> {
        Some(match deprel {
            Deprel::AclRelcl => ClauseKind::Relative,
            Deprel::Acl => ClauseKind::Adnominal,
            Deprel::Advcl | Deprel::AdvclRelcl => ClauseKind::Adverbial,
            Deprel::Ccomp => ClauseKind::Complement,
            Deprel::Xcomp => ClauseKind::OpenComplement,
            Deprel::Csubj | Deprel::CsubjPass | Deprel::CsubjOuter => ClauseKind::Subject,
            Deprel::Parataxis => ClauseKind::Parataxis,
            _ => return None,
        })
    }
}

/// The clause a word stands in: its kind and the word that heads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The kind of clause.
    pub kind: ClauseKind,
    /// The clause's head word (for a coordinated clause, its first conjunct's head).
    pub head: usize,
}

/// A nominal hanging on a verb through a preposition or another `obl` relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Oblique {
    /// The nominal ("UN" in "complained to the UN").
    pub noun: usize,
    /// Its case marker, if any ("to").
    pub case: Option<usize>,
    /// `obl`, `obl:agent` (the passive's "by") or `obl:unmarked`.
    pub deprel: Deprel,
}

impl Parse {
    /// An empty parse, to be filled by [`crate::Parser::parse_into`].
    pub fn new() -> Parse {
        Parse::default()
    }

    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
    }

    pub(crate) fn push(&mut self, upos: Upos, head: u32, deprel: Deprel) {
        self.nodes.push(Node { upos, deprel, head });
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every word's analysis, in order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The part of speech of word `i`.
    pub fn upos(&self, i: usize) -> Upos {
        self.nodes[i].upos
    }

    /// The relation of word `i` to its head.
    pub fn deprel(&self, i: usize) -> Deprel {
        self.nodes[i].deprel
    }

    /// The head of word `i`; `None` for the root word.
    pub fn head(&self, i: usize) -> Option<usize> {
        (self.nodes[i].head as usize).checked_sub(1)
    }

    /// The root word (the main predicate); `None` only for an empty sentence.
    pub fn root(&self) -> Option<usize> {
        self.nodes.iter().position(|n| n.head == 0)
    }

    /// The dependents of word `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let head = i as u32 + 1;
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.head == head)
            .map(|(j, _)| j)
    }

    /// The first dependent of word `i` with relation `deprel`.
    pub fn child(&self, i: usize, deprel: Deprel) -> Option<usize> {
        self.children(i).find(|&j| self.nodes[j].deprel == deprel)
    }

    /// The subject of `verb`: its `nsubj` or, in the passive, `nsubj:pass`
    /// (the patient: see [`Parse::agent`] for who acted).
    pub fn subject(&self, verb: usize) -> Option<usize> {
        self.children(verb)
            .find(|&j| matches!(self.nodes[j].deprel, Deprel::Nsubj | Deprel::NsubjPass))
    }

    /// The direct object of `verb`.
    pub fn object(&self, verb: usize) -> Option<usize> {
        self.child(verb, Deprel::Obj)
    }

    /// The indirect object of `verb`.
    pub fn indirect_object(&self, verb: usize) -> Option<usize> {
        self.child(verb, Deprel::Iobj)
    }

    /// The agent of a passive `verb` (the noun of its "by" phrase).
    pub fn agent(&self, verb: usize) -> Option<usize> {
        self.child(verb, Deprel::OblAgent)
    }

    /// Whether `verb` is passive (it has a passive subject or auxiliary).
    pub fn is_passive(&self, verb: usize) -> bool {
        self.children(verb)
            .any(|j| matches!(self.nodes[j].deprel, Deprel::NsubjPass | Deprel::AuxPass))
    }

    /// The oblique nominals of `verb`, each with its case marker.
    pub fn obliques(&self, verb: usize) -> impl Iterator<Item = Oblique> + '_ {
        self.children(verb)
            .filter(|&j| {
                matches!(
                    self.nodes[j].deprel,
                    Deprel::Obl | Deprel::OblAgent | Deprel::OblUnmarked
                )
            })
            .map(|noun| Oblique {
                noun,
                case: self.child(noun, Deprel::Case),
                deprel: self.nodes[noun].deprel,
            })
    }

    /// The words coordinated with word `i` (its `conj` dependents).
    pub fn conjuncts(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(i)
            .filter(|&j| self.nodes[j].deprel == Deprel::Conj)
    }

    /// The clause word `i` stands in: the nearest clausal relation on the
    /// path from `i` (itself included) to the root. A conjunct belongs to the
    /// clause of what it is coordinated with, so a verb coordinated with the
    /// main verb is in the main clause.
    pub fn clause(&self, i: usize) -> Clause {
        let mut at = i;
        // A tree has no cycles; the bound only guards the loop.
        for _ in 0..=self.nodes.len() {
            let node = self.nodes[at];
            if let Some(kind) = ClauseKind::of(node.deprel) {
                return Clause { kind, head: at };
            }
            match self.head(at) {
                Some(head) => at = head,
                None => break,
            }
        }
        Clause {
            kind: ClauseKind::Main,
            head: at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Norway , which signed a pact , called for calm"
    fn norway() -> Parse {
        let mut p = Parse::new();
        let rows: &[(Upos, u32, Deprel)] = &[
            (Upos::Propn, 8, Deprel::Nsubj),   // 0 Norway
            (Upos::Punct, 4, Deprel::Punct),   // 1 ,
            (Upos::Pron, 4, Deprel::Nsubj),    // 2 which
            (Upos::Verb, 1, Deprel::AclRelcl), // 3 signed
            (Upos::Det, 6, Deprel::Det),       // 4 a
            (Upos::Noun, 4, Deprel::Obj),      // 5 pact
            (Upos::Punct, 4, Deprel::Punct),   // 6 ,
            (Upos::Verb, 0, Deprel::Root),     // 7 called
            (Upos::Adp, 10, Deprel::Case),     // 8 for
            (Upos::Noun, 8, Deprel::Obl),      // 9 calm
        ];
        for &(upos, head, deprel) in rows {
            p.push(upos, head, deprel);
        }
        p
    }

    #[test]
    fn the_questions_of_event_coding() {
        let p = norway();
        assert_eq!(p.root(), Some(7));
        assert_eq!(p.subject(7), Some(0));
        assert_eq!(p.subject(3), Some(2));
        assert_eq!(p.object(3), Some(5));
        assert_eq!(p.object(7), None);
        let obl: Vec<Oblique> = p.obliques(7).collect();
        assert_eq!(
            obl,
            [Oblique {
                noun: 9,
                case: Some(8),
                deprel: Deprel::Obl
            }]
        );
        assert_eq!(p.children(3).collect::<Vec<_>>(), [1, 2, 5, 6]);
    }

    #[test]
    fn a_relative_clause_is_not_the_main_clause() {
        let p = norway();
        assert_eq!(
            p.clause(7),
            Clause {
                kind: ClauseKind::Main,
                head: 7
            }
        );
        assert_eq!(
            p.clause(9),
            Clause {
                kind: ClauseKind::Main,
                head: 7
            }
        );
        assert_eq!(
            p.clause(3),
            Clause {
                kind: ClauseKind::Relative,
                head: 3
            }
        );
        assert_eq!(
            p.clause(5),
            Clause {
                kind: ClauseKind::Relative,
                head: 3
            }
        );
        assert_eq!(
            p.clause(0),
            Clause {
                kind: ClauseKind::Main,
                head: 7
            }
        );
    }
}
