//! The whole benchmark run: learn rules on train, tune on valid, report on
//! test.
//!
//! Tuning is done in two sweeps over the validation questions, so that no
//! more than one kind of table is held at a time: the first chooses the
//! baseline's per-relation `(λ, α)`, the second (with the rules applied)
//! chooses per relation the weight `w` of `w · baseline + (1 − w) · rules`.
//! The test sweep then ranks with the baseline, the rules and their
//! combination at once.

use crate::data::{Dataset, Entity};
use crate::eval::{all_facts_by_time, choose_per_relation, queries, sweep, History, Metrics, Query, RankTable};
use crate::graph::TemporalIndex;
use crate::recurrency::{self, Recurrence, RecurrencyModel};
use crate::rules::{ApplyOptions, LearnOptions, RuleScore, RuleSet};
use crate::Relation;
use std::time::{Duration, Instant};

/// How many of a relation's most frequent objects tuning looks at (ranking
/// on the test split always looks at all of them).
pub const TUNING_RELAXED_LIMIT: usize = 100;

/// The combination weights tried (weight of the baseline).
pub const WEIGHTS: [f64; 11] = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

/// One method's test figures.
#[derive(Clone, Debug)]
pub struct MethodResult {
    /// The method's name.
    pub method: &'static str,
    /// Its test metrics.
    pub test: Metrics,
}

/// What a benchmark run measured.
#[derive(Clone, Debug)]
pub struct Report {
    /// Test figures by method, the final combination last.
    pub results: Vec<MethodResult>,
    /// Wall time of each phase.
    pub phases: Vec<(&'static str, Duration)>,
    /// How many rules were learned.
    pub rules: usize,
}

/// Everything known of one candidate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// The recurrency features.
    pub recurrence: Recurrence,
    /// The rules' standing, if any rule reached the candidate.
    pub rules: Option<RuleScore>,
}

impl Evidence {
    /// The rules' noisy-or score (0 if no rule reached the candidate).
    pub fn rule_score(&self) -> f64 {
        self.rules.map_or(0.0, |r| r.score())
    }
}

/// The forecaster: the tuned baseline, the rules and the weights that
/// combine them.
pub struct Forecaster {
    /// The baseline.
    pub baseline: RecurrencyModel,
    /// The rules.
    pub rules: RuleSet,
    /// How rules are applied.
    pub apply: ApplyOptions,
    /// Per relation, the weight of the baseline against the rules.
    pub weights: Vec<f64>,
}

impl Forecaster {
    /// Every candidate of `query` with its evidence (all relaxed candidates,
    /// or the `relaxed_limit` most frequent).
    pub fn evidence(&self, history: &History, subject: Entity, relation: Relation, relaxed_limit: Option<usize>) -> Vec<(Entity, Evidence)> {
        let probe = Query { subject, relation, time: history.now(), answer: subject, filtered: Vec::new() };
        evidence(history, &self.rules, &self.apply, &probe, relaxed_limit)
    }

    /// The combined score of a candidate of a question about `relation`.
    pub fn score(&self, relation: Relation, e: &Evidence) -> f64 {
        let w = self.weights[relation.0 as usize];
        w * self.baseline.score(relation, &e.recurrence) + (1.0 - w) * e.rule_score()
    }
}

/// Merges the baseline's and the rules' candidates (both sorted by entity).
fn evidence(history: &History, rules: &RuleSet, apply: &ApplyOptions, q: &Query, relaxed_limit: Option<usize>) -> Vec<(Entity, Evidence)> {
    let mut base = recurrency::candidates(history, q, relaxed_limit);
    let ruled = rules.apply(history.index, q.subject, q.relation, history.now(), apply);
    let mut out = Vec::with_capacity(base.len() + ruled.len());
    let (mut i, mut j) = (0, 0);
    while i < base.len() || j < ruled.len() {
        let take_base = j == ruled.len() || (i < base.len() && base[i].0 <= ruled[j].0);
        let take_rule = i == base.len() || (j < ruled.len() && ruled[j].0 <= base[i].0);
        let entity = if take_base { base[i].0 } else { ruled[j].0 };
        let recurrence = if take_base { std::mem::take(&mut base[i].1) } else { Recurrence::default() };
        let rule = if take_rule { Some(ruled[j].1) } else { None };
        out.push((entity, Evidence { recurrence, rules: rule }));
        i += take_base as usize;
        j += take_rule as usize;
    }
    out
}

/// Runs the benchmark on `dataset`.
pub fn run(dataset: &Dataset, learn: &LearnOptions, apply: &ApplyOptions) -> Report {
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
        phases.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let forward = dataset.forward_relations();
    let relations = 2 * forward;
    let entities = dataset.entities.len() as u32;
    let facts = all_facts_by_time(&[&dataset.train, &dataset.valid, &dataset.test]);
    let index = TemporalIndex::new(entities, forward, &facts);
    let valid = queries(&dataset.valid, forward);
    let test = queries(&dataset.test, forward);
    lap("index", &mut phases);

    let rules = RuleSet::learn(&TemporalIndex::new(entities, forward, &dataset.train), learn);
    lap("rule learning (train)", &mut phases);

    let tables = sweep(&index, &facts, &valid, |history, q| {
        RankTable::new(q, entities, recurrency::candidates(history, q, Some(TUNING_RELAXED_LIMIT)))
    });
    let baseline: RecurrencyModel = recurrency::tune(&tables, relations);
    drop(tables);
    lap("baseline tuning (valid)", &mut phases);

    let tables = sweep(&index, &facts, &valid, |history, q| {
        let found = evidence(history, &rules, apply, q, Some(TUNING_RELAXED_LIMIT));
        RankTable::new(q, entities, found.into_iter().map(|(e, ev)| (e, (baseline.score(q.relation, &ev.recurrence), ev.rule_score()))))
    });
    let weights = choose_per_relation(&tables, relations, &WEIGHTS, |&w, _, &(b, r)| w * b + (1.0 - w) * r);
    drop(tables);
    lap("rules + combination tuning (valid)", &mut phases);

    let forecaster = Forecaster { baseline, rules, apply: *apply, weights };
    let ranks: Vec<[f64; 3]> = sweep(&index, &facts, &test, |history, q| {
        let table = RankTable::new(q, entities, evidence(history, &forecaster.rules, apply, q, None));
        [
            table.rank(|e| forecaster.baseline.score(q.relation, &e.recurrence)),
            table.rank(Evidence::rule_score),
            table.rank(|e| forecaster.score(q.relation, e)),
        ]
    });
    lap("test", &mut phases);
    let methods = ["recurrency baseline", "temporal rules", "combined"];
    let results = methods.iter().enumerate().map(|(k, &method)| MethodResult { method, test: Metrics::of(ranks.iter().map(|r| r[k])) }).collect();
    Report { results, phases, rules: forecaster.rules.len() }
}
