//! The whole benchmark run: index, tune on the validation split, report on
//! the test split.

use crate::data::Dataset;
use crate::eval::{all_facts_by_time, queries, sweep, Metrics, RankTable};
use crate::graph::TemporalIndex;
use crate::recurrency::{self, RecurrencyModel};
use std::time::{Duration, Instant};

/// How many of a relation's most frequent objects tuning looks at (ranking
/// on the test split always looks at all of them).
pub const TUNING_RELAXED_LIMIT: usize = 100;

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
}

/// Runs the benchmark on `dataset`.
pub fn run(dataset: &Dataset) -> Report {
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
        phases.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let forward = dataset.forward_relations();
    let entities = dataset.entities.len() as u32;
    let facts = all_facts_by_time(&[&dataset.train, &dataset.valid, &dataset.test]);
    let index = TemporalIndex::new(entities, forward, &facts);
    let valid = queries(&dataset.valid, forward);
    let test = queries(&dataset.test, forward);
    lap("index", &mut phases);

    let tables = sweep(&index, &facts, &valid, |history, q| {
        RankTable::new(q, entities, recurrency::candidates(history, q, Some(TUNING_RELAXED_LIMIT)))
    });
    let baseline: RecurrencyModel = recurrency::tune(&tables, 2 * forward);
    drop(tables);
    lap("recurrency tuning (valid)", &mut phases);

    let ranks = sweep(&index, &facts, &test, |history, q| {
        let model = &baseline;
        RankTable::new(q, entities, recurrency::candidates(history, q, None)).rank(|f| model.score(q.relation, f))
    });
    lap("recurrency test", &mut phases);
    let results = vec![MethodResult { method: "recurrency baseline", test: Metrics::of(ranks) }];
    Report { results, phases }
}
