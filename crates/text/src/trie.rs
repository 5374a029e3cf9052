//! A trie over token norms: how every stage finds lexicon phrases in text.
//!
//! Phrases are inserted as norm sequences (see [`crate::norms`]); matching walks
//! the sentence's tokens from a start position and reports every phrase that
//! ends on the way, so callers can take the longest one or all of them.
//!
//! Every stage probes its tries at every token of every sentence, and most
//! probes fail at the first word, so the edges of all nodes live in one flat
//! open-addressing table keyed by (node, hash of the word): a probe is one
//! multiply, one or two cache lines, and a string comparison only on a hit.

use crate::Token;

/// Maps token-norm sequences to values.
///
/// ```
/// use parley_text::{tokenize, PhraseTrie};
/// let mut trie = PhraseTrie::new();
/// trie.insert(&["united".into(), "nations".into()], "IGOUNO");
/// trie.insert(&["united".into(), "nations".into(), "security".into(), "council".into()], "IGOUNOSEC");
/// let tokens = tokenize("The United Nations Security Council met.");
/// let (len, values) = trie.longest_at(&tokens, 1, |_, _| true).unwrap();
/// assert_eq!((len, values), (4, &["IGOUNOSEC"][..]));
/// ```
#[derive(Clone, Debug)]
pub struct PhraseTrie<T> {
    /// The values of each node; node 0 is the root.
    values: Vec<Vec<T>>,
    edges: Vec<Edge>,
    /// Open addressing over `edges`: 0 is an empty slot, else edge index + 1.
    /// Its length is a power of two, `1 << bits`, at most half full.
    table: Vec<u32>,
    bits: u32,
}

#[derive(Clone, Debug)]
struct Edge {
    parent: u32,
    child: u32,
    hash: u64,
    word: Box<str>,
}

/// The hash of a token norm the tries use (FxHash-like, 8 bytes a step).
#[inline]
pub fn norm_hash(norm: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = norm.as_bytes();
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().expect("8 bytes"))).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The last bytes as a little-endian word, zero-padded, built in
        // registers: copying them into a buffer called `memcpy` at every
        // probe of every trie.
        let tail = rest.iter().rev().fold(0u64, |word, &b| word << 8 | u64::from(b));
        h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
    }
    h
}

impl<T> Default for PhraseTrie<T> {
    fn default() -> Self {
        PhraseTrie { values: vec![Vec::new()], edges: Vec::new(), table: Vec::new(), bits: 0 }
    }
}

impl<T> PhraseTrie<T> {
    pub fn new() -> Self {
        Self::default()
    }

    #[inline]
    fn slot(&self, node: u32, hash: u64) -> usize {
        let x = (hash ^ (node as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        (x >> (64 - self.bits)) as usize
    }

    /// The child of `node` along `word` (whose hash is `hash`).
    #[inline]
    fn child(&self, node: u32, word: &str, hash: u64) -> Option<u32> {
        if self.edges.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut slot = self.slot(node, hash);
        loop {
            let e = self.table[slot];
            if e == 0 {
                return None;
            }
            let edge = &self.edges[e as usize - 1];
            if edge.hash == hash && edge.parent == node && &*edge.word == word {
                return Some(edge.child);
            }
            slot = (slot + 1) & mask;
        }
    }

    fn place(&mut self, edge: usize) {
        let mask = self.table.len() - 1;
        let mut slot = self.slot(self.edges[edge].parent, self.edges[edge].hash);
        while self.table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.table[slot] = edge as u32 + 1;
    }

    fn add_edge(&mut self, parent: u32, word: &str, hash: u64) -> u32 {
        let child = self.values.len() as u32;
        self.values.push(Vec::new());
        self.edges.push(Edge { parent, child, hash, word: word.into() });
        if self.edges.len() * 2 > self.table.len() {
            self.bits = (self.bits + 1).max(4);
            self.table = vec![0; 1 << self.bits];
            for e in 0..self.edges.len() {
                self.place(e);
            }
        } else {
            self.place(self.edges.len() - 1);
        }
        child
    }

    /// Adds `value` under the phrase `norms`. Empty phrases are ignored.
    pub fn insert(&mut self, norms: &[String], value: T) {
        if norms.is_empty() {
            return;
        }
        let mut node = 0u32;
        for norm in norms {
            let hash = norm_hash(norm);
            node = match self.child(node, norm, hash) {
                Some(n) => n,
                None => self.add_edge(node, norm, hash),
            };
        }
        self.values[node as usize].push(value);
    }

    /// Whether no phrase was inserted.
    pub fn is_empty(&self) -> bool {
        self.edges.is_empty()
    }

    /// Every phrase that starts at `tokens[start]`, shortest first, as
    /// (length in tokens, values).
    pub fn all_at<'a>(&'a self, tokens: &'a [Token], start: usize) -> impl Iterator<Item = (usize, &'a [T])> + 'a {
        let mut node = 0u32;
        let mut i = start;
        std::iter::from_fn(move || {
            while i < tokens.len() {
                let norm = tokens[i].norm.as_str();
                node = self.child(node, norm, norm_hash(norm))?;
                i += 1;
                let values = &self.values[node as usize];
                if !values.is_empty() {
                    return Some((i - start, values.as_slice()));
                }
            }
            None
        })
    }

    /// The longest phrase at `tokens[start]` that has a value `accept` takes;
    /// `accept` sees a value and the matched tokens. Returns the length and
    /// the node's values (all of them, accepted or not: callers filter again
    /// when they need to).
    pub fn longest_at<'a>(
        &'a self,
        tokens: &'a [Token],
        start: usize,
        accept: impl Fn(&T, &[Token]) -> bool,
    ) -> Option<(usize, &'a [T])> {
        let mut best = None;
        for (len, values) in self.all_at(tokens, start) {
            if values.iter().any(|v| accept(v, &tokens[start..start + len])) {
                best = Some((len, values));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{norms, tokenize};

    #[test]
    fn finds_all_prefixes_in_order() {
        let mut trie = PhraseTrie::new();
        trie.insert(&norms("foreign"), 1);
        trie.insert(&norms("foreign minister"), 2);
        let tokens = tokenize("the Foreign Minister said");
        let found: Vec<(usize, Vec<i32>)> = trie.all_at(&tokens, 1).map(|(l, v)| (l, v.to_vec())).collect();
        assert_eq!(found, [(1, vec![1]), (2, vec![2])]);
        assert!(trie.all_at(&tokens, 0).next().is_none());
    }

    #[test]
    fn many_phrases_share_prefixes_and_grow_the_table() {
        let mut trie = PhraseTrie::new();
        for i in 0..2000 {
            trie.insert(&norms(&format!("w{} x{} y{}", i % 37, i % 101, i)), i);
        }
        for i in (0..2000).step_by(7) {
            let tokens = tokenize(&format!("a w{} x{} y{} b", i % 37, i % 101, i));
            assert_eq!(trie.longest_at(&tokens, 1, |_, _| true), Some((3, &[i][..])));
            assert!(trie.all_at(&tokens, 2).next().is_none());
        }
        let tokens = tokenize("w1 x1 y999999");
        assert!(trie.all_at(&tokens, 0).next().is_none());
    }

    #[test]
    fn longest_respects_acceptance() {
        let mut trie = PhraseTrie::new();
        trie.insert(&norms("us"), "USA");
        let tokens = tokenize("told us");
        assert!(trie.longest_at(&tokens, 1, |_, t| t[0].all_caps).is_none());
    }
}
