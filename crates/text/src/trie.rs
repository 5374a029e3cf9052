//! A trie over token norms: how every stage finds lexicon phrases in text.
//!
//! Phrases are inserted as norm sequences (see [`crate::norms`]); matching walks
//! the sentence's tokens from a start position and reports every phrase that
//! ends on the way, so callers can take the longest one or all of them.

use crate::Token;
use std::collections::HashMap;

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
    nodes: Vec<Node<T>>,
}

#[derive(Clone, Debug)]
struct Node<T> {
    next: HashMap<Box<str>, u32>,
    values: Vec<T>,
}

impl<T> Default for PhraseTrie<T> {
    fn default() -> Self {
        PhraseTrie { nodes: vec![Node { next: HashMap::new(), values: Vec::new() }] }
    }
}

impl<T> PhraseTrie<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `value` under the phrase `norms`. Empty phrases are ignored.
    pub fn insert(&mut self, norms: &[String], value: T) {
        if norms.is_empty() {
            return;
        }
        let mut node = 0usize;
        for norm in norms {
            node = match self.nodes[node].next.get(norm.as_str()) {
                Some(&n) => n as usize,
                None => {
                    self.nodes.push(Node { next: HashMap::new(), values: Vec::new() });
                    let n = self.nodes.len() - 1;
                    self.nodes[node].next.insert(norm.as_str().into(), n as u32);
                    n
                }
            };
        }
        self.nodes[node].values.push(value);
    }

    /// Whether no phrase was inserted.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }

    /// Every phrase that starts at `tokens[start]`, shortest first, as
    /// (length in tokens, values).
    pub fn all_at<'a>(&'a self, tokens: &'a [Token], start: usize) -> impl Iterator<Item = (usize, &'a [T])> + 'a {
        let mut node = 0usize;
        let mut i = start;
        std::iter::from_fn(move || {
            while i < tokens.len() {
                let next = *self.nodes[node].next.get(tokens[i].norm.as_str())?;
                node = next as usize;
                i += 1;
                if !self.nodes[node].values.is_empty() {
                    return Some((i - start, self.nodes[node].values.as_slice()));
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
    fn longest_respects_acceptance() {
        let mut trie = PhraseTrie::new();
        trie.insert(&norms("us"), "USA");
        let tokens = tokenize("told us");
        assert!(trie.longest_at(&tokens, 1, |_, t| t[0].all_caps).is_none());
    }
}
