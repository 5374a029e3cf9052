//! The facts, both directions, indexed for look-ups bounded in time.
//!
//! Every fact `(s, r, o, t)` is stored twice: as the edge `s -r-> o` and as
//! `o -r⁻¹-> s`. Edge lists are sorted by time, so "what `s` did with `r`
//! before `t`" is a prefix found by binary search. One index over every
//! split serves every query: a query at `t` only ever reads the prefix before
//! `t`, which is what keeps the evaluation honest.

use crate::data::{Entity, Quad, Relation, Step};
use rustc_hash::FxHashMap;

/// One directed, timed edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Where the edge starts.
    pub head: Entity,
    /// Its relation (possibly an inverse).
    pub relation: Relation,
    /// Where it ends.
    pub tail: Entity,
    /// When it happened.
    pub time: Step,
}

/// The time-sorted edge lists by `(head, relation)`, by head and by relation.
pub struct TemporalIndex {
    entities: u32,
    forward: u32,
    by_head_relation: FxHashMap<(Entity, Relation), (u32, u32)>,
    head_relation_edges: Vec<(Step, Entity)>,
    head_offsets: Vec<u32>,
    head_edges: Vec<(Step, Relation, Entity)>,
    relation_offsets: Vec<u32>,
    relation_edges: Vec<Edge>,
}

/// The edges of `list` with time in `from..before` (the list is time-sorted).
fn window<T>(list: &[T], time: impl Fn(&T) -> Step, from: Step, before: Step) -> &[T] {
    let start = list.partition_point(|e| time(e) < from);
    let end = list.partition_point(|e| time(e) < before);
    &list[start..end.max(start)]
}

impl TemporalIndex {
    /// Indexes `facts` (any order) among `entities` entities and `forward`
    /// forward relations.
    pub fn new<'a>(entities: u32, forward: u32, facts: impl IntoIterator<Item = &'a Quad>) -> TemporalIndex {
        let mut edges: Vec<Edge> = Vec::new();
        for q in facts {
            edges.push(Edge { head: q.subject, relation: q.relation, tail: q.object, time: q.time });
            edges.push(Edge { head: q.object, relation: q.relation.inverse(forward), tail: q.subject, time: q.time });
        }
        edges.sort_unstable_by_key(|e| (e.head, e.relation, e.time, e.tail));
        edges.dedup();
        let mut by_head_relation = FxHashMap::default();
        let mut head_relation_edges = Vec::with_capacity(edges.len());
        let mut start = 0;
        while start < edges.len() {
            let key = (edges[start].head, edges[start].relation);
            let mut end = start;
            while end < edges.len() && (edges[end].head, edges[end].relation) == key {
                head_relation_edges.push((edges[end].time, edges[end].tail));
                end += 1;
            }
            by_head_relation.insert(key, (start as u32, end as u32));
            start = end;
        }
        let mut head_edges: Vec<(Entity, Step, Relation, Entity)> = edges.iter().map(|e| (e.head, e.time, e.relation, e.tail)).collect();
        head_edges.sort_unstable();
        let head_offsets = offsets(entities as usize, head_edges.iter().map(|e| e.0 .0 as usize));
        let head_edges = head_edges.into_iter().map(|(_, t, r, o)| (t, r, o)).collect();
        let mut relation_edges = edges;
        relation_edges.sort_unstable_by_key(|e| (e.relation, e.time, e.head, e.tail));
        let relation_offsets = offsets(2 * forward as usize, relation_edges.iter().map(|e| e.relation.0 as usize));
        TemporalIndex { entities, forward, by_head_relation, head_relation_edges, head_offsets, head_edges, relation_offsets, relation_edges }
    }

    /// How many entities there are.
    pub fn entities(&self) -> u32 {
        self.entities
    }

    /// How many forward relations there are (relations with inverses: twice that).
    pub fn forward_relations(&self) -> u32 {
        self.forward
    }

    /// The edges `head -relation-> ?` with time in `from..before`, by time.
    pub fn edges(&self, head: Entity, relation: Relation, from: Step, before: Step) -> &[(Step, Entity)] {
        match self.by_head_relation.get(&(head, relation)) {
            Some(&(start, end)) => window(&self.head_relation_edges[start as usize..end as usize], |e| e.0, from, before),
            None => &[],
        }
    }

    /// Every edge out of `head` with time in `from..before`, by time.
    pub fn edges_of(&self, head: Entity, from: Step, before: Step) -> &[(Step, Relation, Entity)] {
        let h = head.0 as usize;
        if h + 1 >= self.head_offsets.len() {
            return &[];
        }
        let list = &self.head_edges[self.head_offsets[h] as usize..self.head_offsets[h + 1] as usize];
        window(list, |e| e.0, from, before)
    }

    /// Every edge of `relation` with time in `from..before`, by time.
    pub fn edges_with(&self, relation: Relation, from: Step, before: Step) -> &[Edge] {
        let r = relation.0 as usize;
        if r + 1 >= self.relation_offsets.len() {
            return &[];
        }
        let list = &self.relation_edges[self.relation_offsets[r] as usize..self.relation_offsets[r + 1] as usize];
        window(list, |e| e.time, from, before)
    }
}

/// CSR offsets: `offsets[k]..offsets[k + 1]` are the items with key `k`, for
/// keys given in ascending order.
fn offsets(keys: usize, sorted_keys: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut counts = vec![0u32; keys + 1];
    for k in sorted_keys {
        counts[k + 1] += 1;
    }
    for k in 0..keys {
        counts[k + 1] += counts[k];
    }
    counts
}
