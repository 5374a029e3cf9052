//! Temporal logical rules learned from random walks (after TLogic, Liu et
//! al., AAAI 2022), applied with a time-decayed score and noisy-or.
//!
//! A rule of length `l` says
//! `h(X, Y, T) ← b1(X, Z1, T1) ∧ b2(Z1, Z2, T2) ∧ … ∧ bl(Z(l−1), Y, Tl)`
//! with `T1 ≤ T2 ≤ … ≤ Tl < T`: a path of events in time order from `X` to
//! `Y` predicts the event `h` from `X` to `Y`. Learning:
//! 1. Sample cyclic walks backwards in time: take a fact `h(x, y, t)`, walk
//!    from `y` along earlier edges (each no later than the one before,
//!    recent edges preferred), and close the walk on `x`. Read backwards, the
//!    walk is a rule's body.
//! 2. Estimate each rule's confidence by sampling groundings of its body and
//!    counting how many are followed by the head: `support / groundings`.
//!
//! Applying to `(s, h, ?, t)`: ground each body of a rule for `h` from `s`
//! in the history before `t`; a candidate `y` reached gets
//! `a · confidence + (1 − a) · e^(−λ (t − T1))` from that rule (the best
//! grounding), and the rules' scores `f` for `y` combine by noisy-or:
//! `1 − Π (1 − f)`.
//!
//! Sampling uses a seeded generator per head relation, so learning is
//! deterministic whatever the number of threads.

use crate::data::{Entity, Relation, Step};
use crate::graph::{Edge, TemporalIndex};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// A rule: its head relation, its body relations in time order, and the
/// share of sampled body groundings that were followed by the head.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The relation predicted.
    pub head: Relation,
    /// The relations of the path from the subject to the object, in time order.
    pub body: Vec<Relation>,
    /// `support / groundings`, in `[0, 1]`.
    pub confidence: f64,
    /// How many sampled groundings were followed by the head.
    pub support: u32,
    /// How many distinct body groundings were sampled.
    pub groundings: u32,
}

/// How rules are learned.
#[derive(Clone, Copy, Debug)]
pub struct LearnOptions {
    /// Longest body (1 to 3).
    pub max_length: usize,
    /// Walks tried per head relation and length.
    pub walks: usize,
    /// Body groundings sampled per rule to estimate its confidence.
    pub confidence_samples: usize,
    /// Rules with fewer sampled groundings are dropped.
    pub min_groundings: u32,
    /// Rules with a lower confidence are dropped.
    pub min_confidence: f64,
    /// Seed of the random walks.
    pub seed: u64,
}

impl Default for LearnOptions {
    fn default() -> LearnOptions {
        LearnOptions { max_length: 3, walks: 200, confidence_samples: 500, min_groundings: 2, min_confidence: 0.01, seed: 2022 }
    }
}

/// How rules are applied.
#[derive(Clone, Copy, Debug)]
pub struct ApplyOptions {
    /// Weight of the confidence against recency in a rule's score (`a`).
    pub confidence_weight: f64,
    /// Decay per step of the recency part (`λ`).
    pub decay: f64,
    /// Rules are applied in order of confidence until this many candidates
    /// have been found (TLogic's `top_k`).
    pub enough_candidates: usize,
    /// At most this many rules per head relation are applied.
    pub max_rules: usize,
    /// At most this many edges are expanded per rule and question, which
    /// bounds the time a hub entity costs.
    pub max_expansions: usize,
}

impl Default for ApplyOptions {
    fn default() -> ApplyOptions {
        ApplyOptions { confidence_weight: 0.5, decay: 0.1, enough_candidates: 200, max_rules: 1000, max_expansions: 20_000 }
    }
}

/// The rules learned, by head relation, most confident first.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    by_head: Vec<Vec<Rule>>,
}

/// SplitMix64: a small, good, seedable generator (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Picks one of `times` with weight `e^(time − latest)`: recent edges first.
fn pick_recent(rng: &mut Rng, times: impl Iterator<Item = Step> + Clone) -> Option<usize> {
    let latest = times.clone().map(|t| t.0).max()?;
    let weights = times.map(|t| (t.0 as f64 - latest as f64).exp());
    let total: f64 = weights.clone().sum();
    let mut target = rng.unit() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        last = i;
        if target < w {
            return Some(i);
        }
        target -= w;
    }
    Some(last)
}

impl RuleSet {
    /// Learns rules from the facts in `index` (the training split only).
    pub fn learn(index: &TemporalIndex, options: &LearnOptions) -> RuleSet {
        let relations = 2 * index.forward_relations();
        let forward = index.forward_relations();
        let by_head = (0..relations)
            .into_par_iter()
            .map(|h| {
                let head = Relation(h);
                let mut rng = Rng(options.seed ^ (h as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
                let mut bodies: FxHashSet<Vec<Relation>> = FxHashSet::default();
                for length in 1..=options.max_length {
                    for _ in 0..options.walks {
                        if let Some(body) = walk(index, head, length, forward, &mut rng) {
                            bodies.insert(body);
                        }
                    }
                }
                let mut bodies: Vec<Vec<Relation>> = bodies.into_iter().collect();
                bodies.sort();
                let mut rules: Vec<Rule> = bodies
                    .into_iter()
                    .filter_map(|body| confidence(index, head, body, options, &mut rng))
                    .filter(|r| r.groundings >= options.min_groundings && r.confidence >= options.min_confidence)
                    .collect();
                rules.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then_with(|| a.body.cmp(&b.body)));
                rules
            })
            .collect();
        RuleSet { by_head }
    }

    /// The rules for `head`, most confident first.
    pub fn rules(&self, head: Relation) -> &[Rule] {
        self.by_head.get(head.0 as usize).map_or(&[], |r| r)
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.by_head.iter().map(Vec::len).sum()
    }

    /// Whether no rule was learned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies the rules for `relation` from `subject` to the history before
    /// `now`: each candidate's noisy-or score, and for each candidate the
    /// rule (index into [`RuleSet::rules`]) and body grounding that scored
    /// best, as `(rule, first body time)`.
    pub fn apply(&self, index: &TemporalIndex, subject: Entity, relation: Relation, now: Step, options: &ApplyOptions) -> Vec<(Entity, RuleScore)> {
        let mut scores: FxHashMap<Entity, RuleScore> = FxHashMap::default();
        let mut per_rule: FxHashMap<Entity, (f64, Step)> = FxHashMap::default();
        for (rule_index, rule) in self.rules(relation).iter().enumerate().take(options.max_rules) {
            if scores.len() >= options.enough_candidates {
                break;
            }
            per_rule.clear();
            let mut grounding = Grounding { index, before: now, budget: options.max_expansions };
            grounding.follow(&rule.body, subject, None, Step(0), &mut |object, first| {
                let recency = (-options.decay * (now.0 - first.0) as f64).exp();
                let f = options.confidence_weight * rule.confidence + (1.0 - options.confidence_weight) * recency;
                let best = per_rule.entry(object).or_insert((f, first));
                if f > best.0 {
                    *best = (f, first);
                }
            });
            for (&object, &(f, first)) in &per_rule {
                let s = scores.entry(object).or_insert(RuleScore { complement: 1.0, best_rule: rule_index, best_score: f, best_time: first });
                s.complement *= 1.0 - f;
                if f > s.best_score {
                    (s.best_rule, s.best_score, s.best_time) = (rule_index, f, first);
                }
            }
        }
        let mut out: Vec<(Entity, RuleScore)> = scores.into_iter().collect();
        out.sort_unstable_by_key(|(e, _)| *e);
        out
    }
}

impl RuleSet {
    /// The grounding of `rule` from `subject` to `object` before `now` whose
    /// first event is the latest (the one that scored best), as its edges in
    /// time order.
    pub fn explain(index: &TemporalIndex, rule: &Rule, subject: Entity, object: Entity, now: Step) -> Option<Vec<Edge>> {
        let mut search = Explanation { index, object, now, path: Vec::with_capacity(rule.body.len()), best: None };
        search.extend(&rule.body, subject, Step(0));
        search.best
    }
}

/// The depth-first search of [`RuleSet::explain`].
struct Explanation<'a> {
    index: &'a TemporalIndex,
    object: Entity,
    now: Step,
    path: Vec<Edge>,
    best: Option<Vec<Edge>>,
}

impl Explanation<'_> {
    /// Extends the path from `at` along `body`, with times from `after` on.
    fn extend(&mut self, body: &[Relation], at: Entity, after: Step) {
        let Some((&relation, rest)) = body.split_first() else {
            if at == self.object && !matches!(&self.best, Some(b) if b[0].time >= self.path[0].time) {
                self.best = Some(self.path.clone());
            }
            return;
        };
        for &(time, next) in self.index.edges(at, relation, after, self.now).iter().rev().take(EXPLAIN_BRANCHING) {
            self.path.push(Edge { head: at, relation, tail: next, time });
            self.extend(rest, next, time);
            self.path.pop();
        }
    }
}

/// How many edges per step [`RuleSet::explain`] tries (the latest ones).
const EXPLAIN_BRANCHING: usize = 200;

/// A candidate's standing under the rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuleScore {
    /// `Π (1 − f)` over the rules that reached the candidate.
    pub complement: f64,
    /// The rule that scored the candidate best (an index into [`RuleSet::rules`]).
    pub best_rule: usize,
    /// That rule's score.
    pub best_score: f64,
    /// The time of the first body event of that rule's best grounding.
    pub best_time: Step,
}

impl RuleScore {
    /// The noisy-or of the rules' scores, in `[0, 1]`.
    pub fn score(&self) -> f64 {
        1.0 - self.complement
    }
}

/// The state of grounding one rule body: where it reads, until when, and
/// how many more edges it may expand.
struct Grounding<'a> {
    index: &'a TemporalIndex,
    before: Step,
    budget: usize,
}

impl Grounding<'_> {
    /// Follows `body` from `from` over edges from time `after` on (each no
    /// earlier than the one before, all before `self.before`); calls
    /// `reached(object, first body time)` for every grounding.
    fn follow(&mut self, body: &[Relation], from: Entity, first: Option<Step>, after: Step, reached: &mut impl FnMut(Entity, Step)) {
        let Some((&relation, rest)) = body.split_first() else {
            return;
        };
        for &(time, next) in self.index.edges(from, relation, after, self.before) {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let first = first.unwrap_or(time);
            if rest.is_empty() {
                reached(next, first);
            } else {
                self.follow(rest, next, Some(first), time, reached);
            }
        }
    }
}

/// One cyclic walk of `length` body edges for `head`, read as a rule body.
fn walk(index: &TemporalIndex, head: Relation, length: usize, forward: u32, rng: &mut Rng) -> Option<Vec<Relation>> {
    let all = index.edges_with(head, Step(0), Step(u32::MAX));
    if all.is_empty() {
        return None;
    }
    let start = all[rng.below(all.len())];
    let (x, mut at, mut before) = (start.head, start.tail, start.time);
    let mut reversed = Vec::with_capacity(length);
    for step in 0..length {
        // The first step goes strictly before the head; later ones may share a time.
        let until = if step == 0 { before } else { Step(before.0 + 1) };
        let edges = index.edges_of(at, Step(0), until);
        let last = step + 1 == length;
        let choices: Vec<&(Step, Relation, Entity)> = edges.iter().filter(|e| !last || e.2 == x).collect();
        let chosen = choices[pick_recent(rng, choices.iter().map(|e| e.0))?];
        reversed.push(chosen.1.inverse(forward));
        at = chosen.2;
        before = chosen.0;
    }
    reversed.reverse();
    Some(reversed)
}

/// Samples groundings of `body` and counts those followed by `head`.
fn confidence(index: &TemporalIndex, head: Relation, body: Vec<Relation>, options: &LearnOptions, rng: &mut Rng) -> Option<Rule> {
    let firsts = index.edges_with(body[0], Step(0), Step(u32::MAX));
    if firsts.is_empty() {
        return None;
    }
    let mut seen: FxHashSet<(Entity, Entity, Step)> = FxHashSet::default();
    let mut support = 0;
    for _ in 0..options.confidence_samples {
        let e = firsts[rng.below(firsts.len())];
        let (x, mut at, mut time) = (e.head, e.tail, e.time);
        let mut complete = true;
        for &relation in &body[1..] {
            let next = index.edges(at, relation, time, Step(u32::MAX));
            if next.is_empty() {
                complete = false;
                break;
            }
            let (t, o) = next[rng.below(next.len())];
            (at, time) = (o, t);
        }
        if !complete || !seen.insert((x, at, time)) {
            continue;
        }
        if index.edges(x, head, Step(time.0 + 1), Step(u32::MAX)).iter().any(|&(_, o)| o == at) {
            support += 1;
        }
    }
    let groundings = seen.len() as u32;
    (groundings > 0).then(|| Rule { head, body, confidence: support as f64 / groundings as f64, support, groundings })
}
