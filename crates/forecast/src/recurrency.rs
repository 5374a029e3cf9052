//! The recurrency baseline (Gastinger et al., IJCAI 2024): what happened
//! tends to happen again.
//!
//! For a question `(s, r, ?, t)` a candidate `o` gets
//! `α · 2^(−λ·(t − t_last)) + (1 − α) · ξ(r, o)`, where `t_last` is the last
//! time `(s, r, o)` happened (the strict part; 0 if it never did) and
//! `ξ(r, o)` is the share of `r`'s past facts that had `o` as their object
//! (the relaxed part). `λ` and `α` are chosen per relation by grid search on
//! the validation set.

use crate::data::{Entity, Relation, Step};
use crate::eval::{History, Query, RankTable};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// What the baseline knows of one candidate answer.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Recurrence {
    /// Steps since `(s, r, candidate)` last happened, if it ever did.
    pub gap: Option<u32>,
    /// How often `(s, r, candidate)` happened.
    pub count: u32,
    /// The share of the relation's facts that had the candidate as object.
    pub relaxed: f64,
}

/// One relation's parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecurrencyParams {
    /// Decay per step of the strict part (`2^(−λ·gap)`).
    pub lambda: f64,
    /// Weight of the strict part; `1 − α` goes to the relaxed part.
    pub alpha: f64,
}

impl RecurrencyParams {
    /// The candidate's score, in `[0, 1]`.
    pub fn score(&self, f: &Recurrence) -> f64 {
        let strict = f.gap.map_or(0.0, |gap| (-self.lambda * gap as f64).exp2());
        self.alpha * strict + (1.0 - self.alpha) * f.relaxed
    }
}

/// The candidates of `query` with their recurrence features: every object
/// seen with `(s, r)` before now, and the objects of `r` (all of them, or
/// the `relaxed_limit` most frequent ones).
pub fn candidates(history: &History, query: &Query, relaxed_limit: Option<usize>) -> Vec<(Entity, Recurrence)> {
    let now = history.now();
    let mut found: FxHashMap<Entity, Recurrence> = FxHashMap::default();
    for &(time, object) in history.index.edges(query.subject, query.relation, Step(0), now) {
        let f = found.entry(object).or_default();
        f.gap = Some(now.0 - time.0);
        f.count += 1;
    }
    let (counts, total) = history.object_counts(query.relation);
    let mut relaxed: Vec<(Entity, u32)> = counts.iter().map(|(&e, &c)| (e, c)).collect();
    if let Some(limit) = relaxed_limit.filter(|&l| l < relaxed.len()) {
        // The rest count as unscored: an approximation that only tuning uses.
        relaxed.select_nth_unstable_by_key(limit, |&(e, c)| (std::cmp::Reverse(c), e));
        relaxed.truncate(limit);
    }
    for (entity, count) in relaxed {
        found.entry(entity).or_default().relaxed = count as f64 / total as f64;
    }
    if relaxed_limit.is_some() {
        // Strict candidates keep their exact relaxed share even when cut.
        for (entity, f) in found.iter_mut() {
            if f.relaxed == 0.0 {
                f.relaxed = counts.get(entity).map_or(0.0, |&c| c as f64 / total as f64);
            }
        }
    }
    let mut out: Vec<(Entity, Recurrence)> = found.into_iter().collect();
    out.sort_unstable_by_key(|(e, _)| *e);
    out
}

/// Per-relation parameters, chosen on the validation set.
#[derive(Clone, Debug)]
pub struct RecurrencyModel {
    /// Parameters by relation id (inverse relations included).
    pub per_relation: Vec<RecurrencyParams>,
}

impl RecurrencyModel {
    /// The parameters for `relation`.
    pub fn params(&self, relation: Relation) -> RecurrencyParams {
        self.per_relation[relation.0 as usize]
    }

    /// The baseline's score of a candidate of a question about `relation`.
    pub fn score(&self, relation: Relation, f: &Recurrence) -> f64 {
        self.params(relation).score(f)
    }
}

/// The λ values tried.
pub const LAMBDAS: [f64; 10] = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.5, 1.0, 3.0];
/// The α values tried.
pub const ALPHAS: [f64; 10] = [0.0, 0.3, 0.5, 0.7, 0.9, 0.97, 0.99, 0.999, 0.99999, 1.0];
/// Relations asked fewer times than this on the validation set take the
/// parameters that are best over all relations.
pub const MIN_QUESTIONS_PER_RELATION: usize = 10;

/// The grid of every `(λ, α)` pair.
fn grid() -> Vec<RecurrencyParams> {
    LAMBDAS.iter().flat_map(|&lambda| ALPHAS.iter().map(move |&alpha| RecurrencyParams { lambda, alpha })).collect()
}

/// Picks, per relation, the grid point of best mean reciprocal rank on
/// `tables` (the validation questions). Deterministic: ranks are computed
/// in parallel but summed in order.
pub fn tune(tables: &[RankTable<Recurrence>], relations: u32) -> RecurrencyModel {
    let grid = grid();
    let reciprocal: Vec<Vec<f64>> = tables.par_iter().map(|t| grid.iter().map(|p| 1.0 / t.rank(|f| p.score(f))).collect()).collect();
    let mut sums = vec![vec![0.0; grid.len()]; relations as usize];
    let mut asked = vec![0usize; relations as usize];
    let mut overall = vec![0.0; grid.len()];
    for (table, rr) in tables.iter().zip(&reciprocal) {
        let r = table.relation.0 as usize;
        asked[r] += 1;
        for (g, v) in rr.iter().enumerate() {
            sums[r][g] += v;
            overall[g] += v;
        }
    }
    let best = |values: &[f64]| (0..values.len()).fold(0, |b, g| if values[g] > values[b] { g } else { b });
    let fallback = grid[best(&overall)];
    let per_relation = (0..relations as usize)
        .map(|r| if asked[r] >= MIN_QUESTIONS_PER_RELATION { grid[best(&sums[r])] } else { fallback })
        .collect();
    RecurrencyModel { per_relation }
}
