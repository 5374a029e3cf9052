//! The evaluation protocol: single-step, time-aware filtered ranking, both
//! query directions, ties ranked as the mean of the tied positions.
//!
//! Every fact `(s, r, o, t)` of a split is asked twice: `(s, r, ?, t)` with
//! answer `o`, and `(o, r⁻¹, ?, t)` with answer `s`. Other true answers of the
//! same question at the same time are left out of the ranking (the
//! time-aware filter); everything before `t` may be used as history, nothing
//! at or after `t`. A method scores some candidates; every entity it does
//! not score has score 0. The answer's rank is
//! `1 + #(greater) + #(equal) / 2` among the remaining candidates, so a
//! method gains nothing from ties.

use crate::data::{Entity, Quad, Relation, Step};
use crate::graph::TemporalIndex;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// A question `(subject, relation, ?, time)` with its true answer and the
/// other true answers at the same time, which the ranking leaves out.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The known entity.
    pub subject: Entity,
    /// The relation asked about (an inverse for subject questions).
    pub relation: Relation,
    /// When.
    pub time: Step,
    /// The entity to rank.
    pub answer: Entity,
    /// The other true answers of this question at this time (filtered out).
    pub filtered: Vec<Entity>,
}

/// Both questions of every fact of `facts`, with their time-aware filters,
/// in time order (ties keep the order of the facts, objects first).
pub fn queries(facts: &[Quad], forward: u32) -> Vec<Query> {
    let mut answers: FxHashMap<(Entity, Relation, Step), Vec<Entity>> = FxHashMap::default();
    let mut asked = Vec::with_capacity(2 * facts.len());
    for q in facts {
        for (subject, relation, answer) in [(q.subject, q.relation, q.object), (q.object, q.relation.inverse(forward), q.subject)] {
            answers.entry((subject, relation, q.time)).or_default().push(answer);
            asked.push((subject, relation, q.time, answer));
        }
    }
    let mut out: Vec<Query> = asked
        .into_iter()
        .map(|(subject, relation, time, answer)| {
            let mut filtered: Vec<Entity> = answers[&(subject, relation, time)].iter().copied().filter(|&e| e != answer).collect();
            filtered.sort_unstable();
            filtered.dedup();
            Query { subject, relation, time, answer, filtered }
        })
        .collect();
    out.sort_by_key(|q| q.time);
    out
}

/// A question's ranking problem: the answer's features and its competitors'
/// (the scored candidates, with the answer and the filtered answers taken
/// out). Entities that are not listed score 0.
#[derive(Clone, Debug)]
pub struct RankTable<F> {
    /// The relation asked about, for per-relation parameters.
    pub relation: Relation,
    /// The answer's features, if the method scored it at all.
    pub answer: Option<F>,
    /// The scored competitors.
    pub competitors: Vec<F>,
    /// Competitors that score 0: neither listed nor filtered.
    pub unlisted: u64,
}

impl<F> RankTable<F> {
    /// Builds the table from a method's candidates (each entity at most
    /// once) for `query` among `entities` entities.
    pub fn new(query: &Query, entities: u32, candidates: impl IntoIterator<Item = (Entity, F)>) -> RankTable<F> {
        let mut answer = None;
        let mut competitors = Vec::new();
        for (entity, features) in candidates {
            if entity == query.answer {
                answer = Some(features);
            } else if query.filtered.binary_search(&entity).is_err() {
                competitors.push(features);
            }
        }
        let unlisted = entities as u64 - 1 - query.filtered.len() as u64 - competitors.len() as u64;
        RankTable { relation: query.relation, answer, competitors, unlisted }
    }

    /// The answer's rank when candidates score `score(features)` (>= 0):
    /// `1 + #(greater) + #(equal) / 2`.
    pub fn rank(&self, score: impl Fn(&F) -> f64) -> f64 {
        let answer = self.answer.as_ref().map_or(0.0, &score);
        let (mut greater, mut equal) = (0u64, 0u64);
        for c in &self.competitors {
            let s = score(c);
            if s > answer {
                greater += 1;
            } else if s == answer {
                equal += 1;
            }
        }
        if answer <= 0.0 {
            equal += self.unlisted;
        }
        1.0 + greater as f64 + equal as f64 / 2.0
    }
}

/// MRR and Hits@1/3/10 over a set of ranks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    /// How many ranks were added.
    pub queries: u64,
    reciprocal_sum: f64,
    hits: [u64; 3],
}

impl Metrics {
    /// Adds one answer's rank.
    pub fn add(&mut self, rank: f64) {
        self.queries += 1;
        self.reciprocal_sum += 1.0 / rank;
        for (k, hits) in [1.0, 3.0, 10.0].into_iter().zip(&mut self.hits) {
            if rank <= k {
                *hits += 1;
            }
        }
    }

    /// The metrics of these ranks.
    pub fn of(ranks: impl IntoIterator<Item = f64>) -> Metrics {
        let mut m = Metrics::default();
        ranks.into_iter().for_each(|r| m.add(r));
        m
    }

    /// Mean reciprocal rank.
    pub fn mrr(&self) -> f64 {
        self.reciprocal_sum / self.queries.max(1) as f64
    }

    /// Share of answers ranked within the first `k` (1, 3 or 10).
    pub fn hits_at(&self, k: u32) -> f64 {
        let slot = match k {
            1 => 0,
            3 => 1,
            10 => 2,
            _ => panic!("Hits@{k} is not kept (1, 3, 10 are)"),
        };
        self.hits[slot] as f64 / self.queries.max(1) as f64
    }
}

/// What is known just before a time: the index (read only before `now`) and
/// how often each entity was the object of each relation so far.
pub struct History<'a> {
    /// Every fact; read only before [`History::now`].
    pub index: &'a TemporalIndex,
    now: Step,
    pending: &'a [Quad],
    /// Per relation, `(object, count)` sorted by object.
    object_counts: Vec<Vec<(Entity, u32)>>,
    relation_totals: Vec<u64>,
}

impl<'a> History<'a> {
    /// An empty history over `index`; `facts` (sorted by time) are taken in
    /// as [`History::advance`] passes their time.
    pub fn new(index: &'a TemporalIndex, facts: &'a [Quad]) -> History<'a> {
        debug_assert!(facts.windows(2).all(|w| w[0].time <= w[1].time));
        let relations = 2 * index.forward_relations() as usize;
        History { index, now: Step(0), pending: facts, object_counts: vec![Vec::new(); relations], relation_totals: vec![0; relations] }
    }

    /// Takes in every fact before `now`.
    pub fn advance(&mut self, now: Step) {
        let forward = self.index.forward_relations();
        let split = self.pending.partition_point(|q| q.time < now);
        for q in &self.pending[..split] {
            for (relation, object) in [(q.relation, q.object), (q.relation.inverse(forward), q.subject)] {
                let counts = &mut self.object_counts[relation.0 as usize];
                match counts.binary_search_by_key(&object, |c| c.0) {
                    Ok(at) => counts[at].1 += 1,
                    Err(at) => counts.insert(at, (object, 1)),
                }
                self.relation_totals[relation.0 as usize] += 1;
            }
        }
        self.pending = &self.pending[split..];
        self.now = self.now.max(now);
    }

    /// The time questions are asked at: nothing at or after it is known.
    pub fn now(&self) -> Step {
        self.now
    }

    /// How often each entity was the object of `relation` before now (sorted
    /// by entity), and the relation's number of facts before now.
    pub fn object_counts(&self, relation: Relation) -> (&[(Entity, u32)], u64) {
        (&self.object_counts[relation.0 as usize], self.relation_totals[relation.0 as usize])
    }
}

/// Walks through `queries` (time-sorted) in time order, answering the
/// questions of one time in parallel with `answer`, and returns the answers
/// in the order of `queries`. `facts` is every fact, sorted by time.
pub fn sweep<'a, T: Send>(
    index: &'a TemporalIndex,
    facts: &'a [Quad],
    queries: &[Query],
    answer: impl Fn(&History<'a>, &Query) -> T + Sync,
) -> Vec<T> {
    let mut history = History::new(index, facts);
    let mut out = Vec::with_capacity(queries.len());
    let mut start = 0;
    while start < queries.len() {
        let now = queries[start].time;
        let end = start + queries[start..].partition_point(|q| q.time == now);
        history.advance(now);
        out.par_extend(queries[start..end].par_iter().map(|q| answer(&history, q)));
        start = end;
    }
    out
}

/// Every fact of the data set, sorted by time (stable).
pub fn all_facts_by_time(splits: &[&[Quad]]) -> Vec<Quad> {
    let mut all: Vec<Quad> = splits.iter().flat_map(|s| s.iter().copied()).collect();
    all.sort_by_key(|q| q.time);
    all
}

/// Relations asked fewer times than this on the validation set take the
/// choice that is best over all relations.
pub const MIN_QUESTIONS_PER_RELATION: usize = 10;

/// Tuning: picks per relation the value of `choices` with the best summed
/// reciprocal rank over `tables`; relations asked fewer than
/// [`MIN_QUESTIONS_PER_RELATION`] times take the overall best.
pub fn choose_per_relation<F: Sync, C: Copy + Sync>(tables: &[RankTable<F>], relations: u32, choices: &[C], score: impl Fn(&C, Relation, &F) -> f64 + Sync) -> Vec<C> {
    let reciprocal: Vec<Vec<f64>> =
        tables.par_iter().map(|t| choices.iter().map(|c| 1.0 / t.rank(|f| score(c, t.relation, f))).collect()).collect();
    let mut sums = vec![vec![0.0; choices.len()]; relations as usize];
    let mut asked = vec![0usize; relations as usize];
    let mut overall = vec![0.0; choices.len()];
    for (table, rr) in tables.iter().zip(&reciprocal) {
        let r = table.relation.0 as usize;
        asked[r] += 1;
        for (g, v) in rr.iter().enumerate() {
            sums[r][g] += v;
            overall[g] += v;
        }
    }
    let best = |values: &[f64]| (0..values.len()).fold(0, |b, g| if values[g] > values[b] { g } else { b });
    let fallback = choices[best(&overall)];
    (0..relations as usize).map(|r| if asked[r] >= MIN_QUESTIONS_PER_RELATION { choices[best(&sums[r])] } else { fallback }).collect()
}
