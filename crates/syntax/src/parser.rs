//! The parser's features and its greedy loop.
//!
//! Two averaged perceptrons share one pass: a move classifier (SHIFT, LEFT,
//! RIGHT: three classes, so scoring a feature is three additions) over Zhang &
//! Nivre's (2011) templates adapted to arc-hybrid, and a label classifier
//! consulted only when an arc is made, over the head, the dependent (complete
//! by then: arc-hybrid attaches a word only after all its dependents), their
//! dependents' labels, the head's ending (a participle's "-ed": `aux:pass`)
//! and the words around the head.

use crate::hash::key;
use crate::tagger::WordInfo;
use crate::tags::{Deprel, Upos};
use crate::transition::{State, LEFT, MOVES, NO_LABEL, RIGHT, SHIFT};

/// A weight table that can score features: the frozen one when parsing, the
/// learner while training.
pub(crate) trait Scorer {
    /// Sets `scores` to the sum of the weights of `keys`.
    fn score(&self, keys: &[u64], scores: &mut [i32]);
}

impl Scorer for crate::table::Table {
    fn score(&self, keys: &[u64], scores: &mut [i32]) {
        crate::table::Table::score(self, keys, scores)
    }
}

impl Scorer for crate::table::Learner {
    fn score(&self, keys: &[u64], scores: &mut [i32]) {
        crate::table::Learner::score(self, keys, scores)
    }
}

/// Word and tag of every position: 0 the root, 1..=n the words, n+1 "none".
#[derive(Clone, Debug, Default)]
pub(crate) struct Tokens {
    pub(crate) words: Vec<u64>,
    pub(crate) tags: Vec<u64>,
    /// Last three characters and case flags: what is known of rare words.
    pub(crate) suffixes: Vec<u64>,
    pub(crate) flags: Vec<u64>,
    /// How many verbs (VERB or AUX) follow each position, up to 2: whether
    /// the main verb is still to come.
    pub(crate) verbs_after: Vec<u64>,
}

const ROOT_WORD: u64 = 2;
const NONE_WORD: u64 = 1;
const ROOT_TAG: u64 = Upos::COUNT as u64;
const NONE_TAG: u64 = Upos::COUNT as u64 + 1;

impl Tokens {
    /// Fills the positions from the words' hashes and their tags.
    pub(crate) fn fill(&mut self, words: &[WordInfo], tags: &[Upos]) {
        for v in [
            &mut self.words,
            &mut self.tags,
            &mut self.suffixes,
            &mut self.flags,
        ] {
            v.clear();
        }
        self.words.push(ROOT_WORD);
        self.tags.push(ROOT_TAG);
        self.suffixes.push(ROOT_WORD);
        self.flags.push(ROOT_WORD);
        for (w, t) in words.iter().zip(tags) {
            self.words.push(w.norm);
            self.tags.push(t.index() as u64);
            self.suffixes.push(w.suffix[2]);
            self.flags.push(w.flags);
        }
        self.words.push(NONE_WORD);
        self.tags.push(NONE_TAG);
        self.suffixes.push(NONE_WORD);
        self.flags.push(NONE_WORD);
        self.verbs_after.clear();
        self.verbs_after.resize(self.tags.len(), 0);
        let mut seen = 0;
        for i in (0..self.tags.len()).rev() {
            self.verbs_after[i] = seen;
            let tag = self.tags[i];
            if tag == Upos::Verb.index() as u64 || tag == Upos::Aux.index() as u64 {
                seen = (seen + 1).min(2);
            }
        }
    }
}

/// How many move features there are.
pub(crate) const MOVE_FEATURES: usize = 103;
/// How many label features there are.
pub(crate) const LABEL_FEATURES: usize = 33;

fn distance_bucket(a: u32, b: u32, none: u32) -> u64 {
    if a == none || b == none {
        return 9;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// The move features of `state`.
#[inline]
pub(crate) fn move_features(state: &State, tokens: &Tokens, out: &mut [u64; MOVE_FEATURES]) {
    let none = state.none();
    let (s0, s1, s2) = (state.s(0), state.s(1), state.s(2));
    let (b0, b1, b2) = (state.b(0), state.b(1), state.b(2));
    let [s0l, s0l2] = state.lefts[s0 as usize];
    let [s0r, s0r2] = state.rights[s0 as usize];
    let [b0l, b0l2] = state.lefts[b0 as usize];
    let [s1l, _] = state.lefts[s1 as usize];
    let [s1r, _] = state.rights[s1 as usize];
    let w = |t: u32| tokens.words[t as usize];
    let p = |t: u32| tokens.tags[t as usize];
    let l = |t: u32| state.labels[t as usize] as u64;
    let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
    let (b1w, b1p, b2w, b2p, s2p) = (w(b1), p(b1), w(b2), p(b2), p(s2));
    let d = distance_bucket(s0, b0, none);
    let va = tokens.verbs_after[b0 as usize];
    let d1 = distance_bucket(s1, s0, none);
    let [s0vl, s0vr] = state.valency[s0 as usize].map(u64::from);
    let [b0vl, _] = state.valency[b0 as usize].map(u64::from);
    let [s1vl, s1vr] = state.valency[s1 as usize].map(u64::from);
    let [s0sl, s0sr] = state.label_sets[s0 as usize];
    let [b0sl, _] = state.label_sets[b0 as usize];
    let [_, s1sr] = state.label_sets[s1 as usize];
    *out = [
        // The stack's top, the buffer's front and their neighbours.
        key(0, &[s0w, s0p]),
        key(1, &[s0w]),
        key(2, &[s0p]),
        key(3, &[b0w, b0p]),
        key(4, &[b0w]),
        key(5, &[b0p]),
        key(6, &[b1w, b1p]),
        key(7, &[b1w]),
        key(8, &[b1p]),
        key(9, &[b2w, b2p]),
        key(10, &[b2w]),
        key(11, &[b2p]),
        key(12, &[s1w, s1p]),
        key(13, &[s1w]),
        key(14, &[s1p]),
        key(15, &[s2p]),
        // Pairs: the two arcs a move can make are s0-b0 and s1-s0.
        key(16, &[s0w, s0p, b0w, b0p]),
        key(17, &[s0w, s0p, b0w]),
        key(18, &[s0w, b0w, b0p]),
        key(19, &[s0w, s0p, b0p]),
        key(20, &[s0p, b0w, b0p]),
        key(21, &[s0w, b0w]),
        key(22, &[s0p, b0p]),
        key(23, &[b0p, b1p]),
        key(24, &[s1w, s1p, s0w, s0p]),
        key(25, &[s1w, s0w]),
        key(26, &[s1p, s0w, s0p]),
        key(27, &[s1w, s1p, s0p]),
        // Triples of tags.
        key(28, &[b0p, b1p, b2p]),
        key(29, &[s0p, b0p, b1p]),
        key(30, &[s1p, s0p, b0p]),
        key(31, &[s0p, p(s0l), b0p]),
        key(32, &[s0p, p(s0r), b0p]),
        key(33, &[s0p, b0p, p(b0l)]),
        key(34, &[s1p, s0p, p(s0l)]),
        key(35, &[s1p, s0p, p(s0r)]),
        key(36, &[s1p, p(s1r), s0p]),
        key(37, &[s2p, s1p, s0p]),
        key(38, &[s1p, p(s1l), s0p]),
        // Distance.
        key(39, &[s0w, d]),
        key(40, &[s0p, d]),
        key(41, &[b0w, d]),
        key(42, &[b0p, d]),
        key(43, &[s0w, b0w, d]),
        key(44, &[s0p, b0p, d]),
        key(45, &[s1p, s0p, d1]),
        key(46, &[s1w, s0w, d1]),
        // Valency.
        key(47, &[s0w, s0vr]),
        key(48, &[s0p, s0vr]),
        key(49, &[s0w, s0vl]),
        key(50, &[s0p, s0vl]),
        key(51, &[b0w, b0vl]),
        key(52, &[b0p, b0vl]),
        key(53, &[s1p, s1vr, s1vl]),
        // Dependents: words, tags and labels.
        key(54, &[w(s0l), p(s0l), l(s0l)]),
        key(55, &[s0p, l(s0l)]),
        key(56, &[w(s0r), p(s0r), l(s0r)]),
        key(57, &[s0p, l(s0r)]),
        key(58, &[w(b0l), p(b0l), l(b0l)]),
        key(59, &[b0p, l(b0l)]),
        key(60, &[s1p, l(s1r), s0p]),
        key(61, &[s0p, l(s0l), l(s0l2)]),
        key(62, &[s0p, l(s0r), l(s0r2)]),
        key(63, &[b0p, l(b0l), l(b0l2)]),
        key(64, &[s0p, p(s0l), p(s0l2)]),
        key(65, &[s0p, p(s0r), p(s0r2)]),
        key(66, &[b0p, p(b0l), p(b0l2)]),
        // Label sets.
        key(67, &[s0w, s0sr]),
        key(68, &[s0p, s0sr]),
        key(69, &[s0w, s0sl]),
        key(70, &[s0p, s0sl]),
        key(71, &[b0w, b0sl]),
        key(72, &[b0p, b0sl]),
        key(73, &[s1p, s1sr, s0p]),
        // What is known of rare words: their ending and case.
        key(74, &[tokens.suffixes[s0 as usize], s0p]),
        key(75, &[tokens.suffixes[b0 as usize], b0p]),
        key(76, &[s0p, tokens.suffixes[b0 as usize], b0p]),
        key(77, &[tokens.flags[s0 as usize], s0p, b0p]),
        key(78, &[tokens.flags[b0 as usize], b0p, s0p]),
        // Whether a verb has its subject already ("Norway , which signed":
        // "Norway" is not the subject of "signed", it is what "which" stands for).
        key(79, &[s0p, b0p, b0sl]),
        key(80, &[s1p, s0p, s0sl]),
        // The words that open b0's clause: ", which", ", who", "that".
        key(81, &[s0p, w(b0l), w(b0l2)]),
        key(82, &[s0p, b0p, w(b0l2)]),
        // More context: the buffer's words in pairs, s1 against b0, s2, and
        // the words of s1's dependents.
        key(83, &[b0w, b1w]),
        key(84, &[b0p, b1w]),
        key(85, &[b0w, b1p]),
        key(86, &[s1p, b0p]),
        key(87, &[s1w, b0p]),
        key(88, &[s1p, b0w]),
        key(89, &[s1p, s0p, b0p, b1p]),
        key(90, &[w(s2), s2p]),
        key(91, &[s2p, s1p, b0p]),
        key(92, &[w(s1r), p(s1r), l(s1r)]),
        key(93, &[w(s1l), p(s1l), l(s1l)]),
        key(94, &[w(s0l2), p(s0l2), l(s0l2)]),
        key(95, &[w(s0r2), p(s0r2), l(s0r2)]),
        key(96, &[s0w, b0p, b1p]),
        // Whether a verb is still to come after b0; a punctuation mark or
        // conjunction between its neighbours; what opens s0's phrase.
        key(97, &[s0p, b0p, va]),
        key(98, &[s1p, s0p, va]),
        key(99, &[s0w, s1p, b0p]),
        key(100, &[s1p, s0p, w(s0l)]),
        key(101, &[s1p, s0p, b0p, va]),
        key(102, &[s0p, l(s0l), b0p, va]),
    ];
}

/// The label features of the arc `head -> dependent` about to be made.
#[inline]
pub(crate) fn label_features(
    state: &State,
    tokens: &Tokens,
    head: u32,
    dependent: u32,
    out: &mut [u64; LABEL_FEATURES],
) {
    let none = state.none();
    let w = |t: u32| tokens.words[t as usize];
    let p = |t: u32| tokens.tags[t as usize];
    let l = |t: u32| state.labels[t as usize] as u64;
    let dir = (dependent > head) as u64;
    let dist = distance_bucket(head, dependent, none);
    let (hw, hp, dw, dp) = (w(head), p(head), w(dependent), p(dependent));
    let [dl, dl2] = state.lefts[dependent as usize];
    let [dr, _] = state.rights[dependent as usize];
    let [hl, _] = state.lefts[head as usize];
    let [dsl, dsr] = state.label_sets[dependent as usize];
    let [hsl, hsr] = state.label_sets[head as usize];
    let before = if dependent > 0 { dependent - 1 } else { none };
    let after = (dependent + 1).min(none);
    let head_after = (head + 1).min(none);
    let suffix = |t: u32| tokens.suffixes[t as usize];
    let flags = |t: u32| tokens.flags[t as usize];
    // What stays below the dependent on the stack once the arc is made.
    let below = if head == state.s(1) {
        state.s(2)
    } else {
        state.s(1)
    };
    let [dvl, dvr] = state.valency[dependent as usize].map(|v| v.min(3) as u64);
    *out = [
        key(100, &[dir]),
        key(101, &[dir, hp, dp]),
        key(102, &[dir, hw]),
        key(103, &[dir, dw]),
        key(104, &[dir, hw, dp]),
        key(105, &[dir, hp, dw]),
        key(106, &[dir, hw, dw]),
        key(107, &[dir, hp, dp, dist]),
        key(108, &[dir, dp, l(dl), l(dr)]),
        key(109, &[dir, dp, dsl]),
        key(110, &[dir, dp, dsr]),
        key(111, &[dir, w(dl), dp]),
        key(112, &[dir, w(dl), hp]),
        key(113, &[dir, hp, hsl]),
        key(114, &[dir, hp, hsr]),
        key(115, &[dir, hp, dp, p(before), p(after)]),
        key(116, &[dir, dw, dp, hp]),
        key(117, &[dir, hw, hp, dp]),
        key(118, &[dir, dp, w(dr)]),
        key(119, &[dir, hp, l(hl), dp]),
        key(120, &[dir, hp, dp, p(dl)]),
        key(121, &[dir, dp, w(dl), w(dl2)]),
        key(122, &[dir, hp, dp, dsl, hsl]),
        key(123, &[dir, hw, dp, dsl]),
        // Endings tell participles ("was killed": aux:pass) and case names.
        key(124, &[dir, suffix(head), dw]),
        key(125, &[dir, suffix(head), hp, dp]),
        key(126, &[dir, suffix(dependent), dp, hp]),
        key(127, &[dir, w(head_after), hp, dp]),
        key(128, &[dir, p(head_after), hp, dp, dist]),
        key(129, &[dir, w(before), dp, hp]),
        key(130, &[dir, flags(dependent), flags(head), dp, hp]),
        key(131, &[dir, dp, hp, dvl, dvr]),
        key(132, &[dir, dp, hp, p(below)]),
    ];
}

/// The best label for an arc from `head`: the root's dependent is `root`;
/// any other arc takes the best-scoring other label.
#[inline]
pub(crate) fn best_label(head: u32, scores: &[i32]) -> u8 {
    if head == 0 {
        return Deprel::Root.index() as u8;
    }
    let mut best = 1;
    for (i, &s) in scores.iter().enumerate().skip(2) {
        if s > scores[best] {
            best = i;
        }
    }
    best as u8
}

/// The label the model gives the arc that `mv` (LEFT or RIGHT) makes; the
/// root's dependent is always `root`. Leaves the label features in `feats`.
#[inline]
pub(crate) fn predict_label(
    labels: &impl Scorer,
    state: &State,
    tokens: &Tokens,
    mv: usize,
    feats: &mut [u64; LABEL_FEATURES],
    scores: &mut [i32; Deprel::COUNT],
) -> u8 {
    let (head, dependent) = state.arc(mv);
    if head == 0 {
        return Deprel::Root.index() as u8;
    }
    label_features(state, tokens, head, dependent, feats);
    labels.score(feats, scores);
    best_label(head, scores)
}

/// The best legal move.
#[inline]
pub(crate) fn best_move(legal: [bool; MOVES], scores: &[i32; MOVES]) -> usize {
    let mut best = usize::MAX;
    for mv in [SHIFT, LEFT, RIGHT] {
        if legal[mv] && (best == usize::MAX || scores[mv] > scores[best]) {
            best = mv;
        }
    }
    best
}

/// Parses the sentence in `tokens` into `state`, greedily.
pub(crate) fn parse(moves: &impl Scorer, labels: &impl Scorer, tokens: &Tokens, state: &mut State) {
    let n = tokens.words.len() - 2;
    state.reset(n);
    let mut feats = [0u64; MOVE_FEATURES];
    let mut label_feats = [0u64; LABEL_FEATURES];
    let mut scores = [0i32; MOVES];
    let mut label_scores = [0i32; Deprel::COUNT];
    while !state.is_terminal() {
        let legal = state.legal();
        let mv = if legal == [true, false, false] {
            SHIFT // the only move: no need to score
        } else {
            move_features(state, tokens, &mut feats);
            moves.score(&feats, &mut scores);
            best_move(legal, &scores)
        };
        let mut label_of = |mv: usize, state: &State| {
            if mv == SHIFT {
                NO_LABEL
            } else {
                predict_label(labels, state, tokens, mv, &mut label_feats, &mut label_scores)
            }
        };
        let mut label = label_of(mv, state);
        let mut mv = mv;
        if mv != SHIFT && second_subject(state, mv, label) && margin_small(legal, &scores, mv) {
            // A predicate has one subject: "Norway , which signed": "which"
            // is the subject of "signed", so "Norway" waits for another head.
            let mut others = legal;
            others[mv] = false;
            mv = best_move(others, &scores);
            label = label_of(mv, state);
        }
        state.apply(mv, label);
    }
}

/// How far ahead of the next-best move a move that makes a second subject
/// may be and still give way, in score units; weights are quantised so that
/// the largest is 32,767, so this is about 0.6 of the strongest feature.
/// Measured on dev: always giving way costs 0.002 UAS, this margin nothing.
const SUBJECT_MARGIN: i64 = 20_000;

/// Whether `mv` scores less than [`SUBJECT_MARGIN`] above the best other legal move.
#[inline]
fn margin_small(legal: [bool; MOVES], scores: &[i32; MOVES], mv: usize) -> bool {
    let mut others = legal;
    others[mv] = false;
    if !others.contains(&true) {
        return false;
    }
    let alt = best_move(others, scores);
    (scores[mv] as i64 - scores[alt] as i64) < SUBJECT_MARGIN
}

/// The relations of a subject (not the `:outer` ones, which come with another).
const SUBJECTS: u64 = 1 << Deprel::Nsubj as u64
    | 1 << Deprel::NsubjPass as u64
    | 1 << Deprel::Csubj as u64
    | 1 << Deprel::CsubjPass as u64;

/// Whether `mv` is a LEFT arc, labelled `label`, that would give its head a
/// second subject on its left (the relative clause's pattern; forbidding
/// second subjects on either side cost as much as always giving way).
#[inline]
fn second_subject(state: &State, mv: usize, label: u8) -> bool {
    if mv != LEFT || label == NO_LABEL || label >= 64 || SUBJECTS & (1 << label) == 0 {
        return false;
    }
    let (head, _) = state.arc(mv);
    state.label_sets[head as usize][0] & SUBJECTS != 0
}
