//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011)
//! and its dynamic oracle (Goldberg & Nivre 2013).
//!
//! A state is a stack (the root, 0, at its bottom), a buffer (the words not
//! yet read, `next..=n`), and the arcs made so far. Three moves:
//! - SHIFT pushes the next word;
//! - LEFT pops the stack's top `s0` and makes it a dependent of the next word `b0`;
//! - RIGHT pops `s0` and makes it a dependent of the word below it, `s1`.
//!
//! A word is attached to the root only once the buffer is empty, so every
//! parse is one tree with one root word, whatever the classifier says.
//! Parsing takes exactly `2n` moves. Words are numbered from 1 as in CoNLL-U.

/// Push the next word.
pub(crate) const SHIFT: usize = 0;
/// `b0` becomes the head of `s0`.
pub(crate) const LEFT: usize = 1;
/// `s1` becomes the head of `s0`.
pub(crate) const RIGHT: usize = 2;
/// The number of moves.
pub(crate) const MOVES: usize = 3;

/// No label yet.
pub(crate) const NO_LABEL: u8 = u8::MAX;

/// A parser state, reused from sentence to sentence (no allocation once warm).
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// The number of words.
    pub(crate) n: u32,
    /// The stack, bottom first; `stack[0]` is the root, 0.
    pub(crate) stack: Vec<u32>,
    /// The first word of the buffer (`n + 1` when it is empty).
    pub(crate) next: u32,
    /// Head of each word (index 0 unused); `none()` until attached.
    pub(crate) heads: Vec<u32>,
    /// Label number of each word's arc; [`NO_LABEL`] until attached.
    pub(crate) labels: Vec<u8>,
    /// The two leftmost dependents of each word (`none()` when missing).
    pub(crate) lefts: Vec<[u32; 2]>,
    /// The two rightmost dependents of each word.
    pub(crate) rights: Vec<[u32; 2]>,
    /// How many dependents each word has on its left and on its right.
    pub(crate) valency: Vec<[u8; 2]>,
    /// The set of labels of each word's left and right dependents (bit = label number).
    pub(crate) label_sets: Vec<[u64; 2]>,
}

impl State {
    /// The empty state for a sentence of `n` words.
    pub(crate) fn reset(&mut self, n: usize) {
        let n32 = n as u32;
        let none = n32 + 1;
        self.n = n32;
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        // Index n+1 is the "no word" sentinel, so that features never branch.
        let len = n + 2;
        self.heads.clear();
        self.heads.resize(len, none);
        self.labels.clear();
        self.labels.resize(len, NO_LABEL);
        self.lefts.clear();
        self.lefts.resize(len, [none; 2]);
        self.rights.clear();
        self.rights.resize(len, [none; 2]);
        self.valency.clear();
        self.valency.resize(len, [0; 2]);
        self.label_sets.clear();
        self.label_sets.resize(len, [0; 2]);
    }

    /// The "no word" sentinel.
    #[inline(always)]
    pub(crate) fn none(&self) -> u32 {
        self.n + 1
    }

    /// The `i`-th word from the stack's top (0 is the top), or `none()`.
    #[inline(always)]
    pub(crate) fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            self.none()
        }
    }

    /// The `i`-th word of the buffer, or `none()`.
    #[inline(always)]
    pub(crate) fn b(&self, i: u32) -> u32 {
        let w = self.next + i;
        if w <= self.n {
            w
        } else {
            self.none()
        }
    }

    fn buffer_empty(&self) -> bool {
        self.next > self.n
    }

    /// Whether parsing is over.
    pub(crate) fn is_terminal(&self) -> bool {
        self.buffer_empty() && self.stack.len() == 1
    }

    /// Which moves are allowed.
    pub(crate) fn legal(&self) -> [bool; MOVES] {
        let depth = self.stack.len();
        let buffer = !self.buffer_empty();
        [
            buffer,
            buffer && depth >= 2,
            depth >= 3 || (depth == 2 && !buffer),
        ]
    }

    /// The arc a move makes: `(head, dependent)`.
    #[inline]
    pub(crate) fn arc(&self, mv: usize) -> (u32, u32) {
        match mv {
            LEFT => (self.next, self.s(0)),
            _ => (self.s(1), self.s(0)),
        }
    }

    /// Applies `mv` (legal); an arc move attaches with `label`.
    pub(crate) fn apply(&mut self, mv: usize, label: u8) {
        if mv == SHIFT {
            self.stack.push(self.next);
            self.next += 1;
            return;
        }
        let (head, dependent) = self.arc(mv);
        self.stack.pop();
        self.heads[dependent as usize] = head;
        self.labels[dependent as usize] = label;
        let h = head as usize;
        let none = self.none();
        let side = (dependent > head) as usize;
        self.valency[h][side] = self.valency[h][side].saturating_add(1);
        if label != NO_LABEL {
            self.label_sets[h][side] |= 1u64 << (label & 63);
        }
        if side == 0 {
            let l = &mut self.lefts[h];
            if l[0] == none || dependent < l[0] {
                *l = [dependent, l[0]];
            } else if l[1] == none || dependent < l[1] {
                l[1] = dependent;
            }
        } else {
            let r = &mut self.rights[h];
            if r[0] == none || dependent > r[0] {
                *r = [dependent, r[0]];
            } else if r[1] == none || dependent > r[1] {
                r[1] = dependent;
            }
        }
    }

    /// The dynamic oracle: for each move, how many gold arcs it makes
    /// unreachable (`u32::MAX` for illegal moves). `gold[w]` is the gold head
    /// of word `w` (index 0 unused). Exact for projective gold trees.
    pub(crate) fn costs(&self, gold: &[u32]) -> [u32; MOVES] {
        let legal = self.legal();
        let mut costs = [u32::MAX; MOVES];
        let s0 = self.s(0);
        let buffer = self.next..=self.n;
        let in_buffer = |w: u32| buffer.contains(&w);
        // Dependents of w still in the buffer (from `from` on).
        let buffer_children =
            |w: u32, from: u32| (from..=self.n).filter(|&k| gold[k as usize] == w).count() as u32;
        if legal[SHIFT] {
            let b0 = self.next;
            let depth = self.stack.len();
            let mut cost = self
                .stack
                .iter()
                .filter(|&&k| k != 0 && gold[k as usize] == b0)
                .count() as u32;
            let head = gold[b0 as usize];
            if self.stack[..depth - 1].contains(&head) {
                cost += 1;
            }
            costs[SHIFT] = cost;
        }
        if legal[LEFT] {
            let head = gold[s0 as usize];
            let mut cost = buffer_children(s0, self.next);
            if head != self.next && (head == self.s(1) || (in_buffer(head))) {
                cost += 1;
            }
            costs[LEFT] = cost;
        }
        if legal[RIGHT] {
            let head = gold[s0 as usize];
            let mut cost = buffer_children(s0, self.next);
            if in_buffer(head) {
                cost += 1;
            }
            costs[RIGHT] = cost;
        }
        costs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the oracle's zero-cost moves (the first of them) from the
    /// initial state and returns the heads it builds.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let n = gold.len() - 1;
        let mut state = State::default();
        state.reset(n);
        let mut moves = 0;
        while !state.is_terminal() {
            let costs = state.costs(gold);
            let mv = (0..MOVES)
                .find(|&m| costs[m] == 0)
                .expect("a zero-cost move from a gold-reachable state");
            state.apply(mv, 0);
            moves += 1;
        }
        assert_eq!(moves, 2 * n, "arc-hybrid parses in 2n moves");
        state.heads[1..=n].to_vec()
    }

    #[test]
    fn the_oracle_reproduces_projective_gold_trees() {
        // index 0 unused; heads of words 1..
        let trees: &[&[u32]] = &[
            &[0, 0],                   // "Go"
            &[0, 2, 0, 2],             // "Israel kills five"
            &[0, 2, 0, 4, 2, 6, 4, 2], // "Iran wants to resume enrichment in Natanz ."
            &[0, 3, 3, 0, 3, 6, 4, 3], // left and right arms, nested
            &[0, 0, 1, 2, 3, 4, 5],    // a right-branching chain
            &[0, 6, 6, 6, 6, 6, 0],    // everything hangs on the last word
        ];
        for gold in trees {
            assert_eq!(oracle_parse(gold), gold[1..], "gold {gold:?}");
        }
    }

    #[test]
    fn illegal_moves_cost_the_most_and_the_root_waits_for_the_end() {
        let mut state = State::default();
        state.reset(2);
        assert_eq!(state.legal(), [true, false, false]);
        state.apply(SHIFT, 0);
        // The root may not take a dependent while words remain.
        assert_eq!(state.legal(), [true, true, false]);
        let costs = state.costs(&[0, 0, 1]);
        assert_eq!(costs[RIGHT], u32::MAX);
        assert_eq!(
            costs[LEFT], 2,
            "attaching word 1 to word 2 loses its root arc and its dependent"
        );
        assert_eq!(costs[SHIFT], 0);
    }

    #[test]
    fn every_sequence_of_legal_moves_builds_one_tree() {
        // Whatever the classifier picks among legal moves: a tree with one root word.
        for seed in 0..50u64 {
            let n = 1 + (seed % 9) as usize;
            let mut state = State::default();
            state.reset(n);
            let mut r = seed;
            while !state.is_terminal() {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let legal = state.legal();
                let options: Vec<usize> = (0..MOVES).filter(|&m| legal[m]).collect();
                state.apply(options[(r >> 33) as usize % options.len()], 0);
            }
            let heads = &state.heads[1..=n];
            assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "{heads:?}");
            for w in 1..=n {
                // Following heads from any word reaches the root without a cycle.
                let (mut at, mut steps) = (w as u32, 0);
                while at != 0 {
                    at = state.heads[at as usize];
                    steps += 1;
                    assert!(steps <= n, "cycle in {heads:?}");
                }
            }
        }
    }
}
