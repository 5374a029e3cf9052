//! The recurrency baseline (Gastinger et al., IJCAI 2024): what happened
//! tends to happen again.
//!
//! For a question `(s, r, ?, t)` a candidate `o` gets `α · ψ + (1 − α) · ξ`:
//! - the strict part `ψ = Σ_i 2^(−λ·(t − t_i)) / Σ_{k=1..t} 2^(−λ·k)` sums
//!   a decayed weight over the past times `t_i` of `(s, r, o)`, normalised by
//!   what a fact that happened at every past step would get (so `ψ ∈ [0, 1]`;
//!   with `λ = 0` it is the share of past steps with the fact);
//! - the relaxed part `ξ(r, o)` is the share of `r`'s past facts that had `o`
//!   as their object.
//!
//! `λ` and `α` are chosen per relation by grid search on the validation set;
//! the strict part is computed for every `λ` of the grid at once.

use crate::data::{Entity, Relation, Step};
use crate::eval::{choose_per_relation, History, Query, RankTable};
use rustc_hash::FxHashMap;

/// What the baseline knows of one candidate answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recurrence {
    /// Steps since `(s, r, candidate)` last happened, if it ever did.
    pub gap: Option<u32>,
    /// How often `(s, r, candidate)` happened.
    pub count: u32,
    /// The strict part `ψ` for each decay of [`LAMBDAS`] (empty if the fact
    /// never happened).
    pub strict: Box<[f64]>,
    /// The share of the relation's facts that had the candidate as object.
    pub relaxed: f64,
}

/// A decay of the grid [`LAMBDAS`] (an index into it, so that the strict
/// part is computed once for all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lambda(usize);

impl Lambda {
    /// The grid's decay nearest to `lambda`.
    pub fn nearest(lambda: f64) -> Lambda {
        Lambda((0..LAMBDAS.len()).min_by(|&a, &b| (LAMBDAS[a] - lambda).abs().total_cmp(&(LAMBDAS[b] - lambda).abs())).unwrap())
    }

    /// Its value per step.
    pub fn value(self) -> f64 {
        LAMBDAS[self.0]
    }
}

/// One relation's parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecurrencyParams {
    /// Decay per step of the strict part (`2^(−λ·gap)`).
    pub lambda: Lambda,
    /// Weight of the strict part; `1 − α` goes to the relaxed part.
    pub alpha: f64,
}

impl RecurrencyParams {
    /// Parameters with the grid's decay nearest to `lambda`.
    pub fn new(lambda: f64, alpha: f64) -> RecurrencyParams {
        RecurrencyParams { lambda: Lambda::nearest(lambda), alpha }
    }

    /// The candidate's score, in `[0, 1]`.
    pub fn score(&self, f: &Recurrence) -> f64 {
        let strict = f.strict.get(self.lambda.0).copied().unwrap_or(0.0);
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
        let gap = now.0 - time.0;
        f.gap = Some(gap);
        f.count += 1;
        if f.strict.is_empty() {
            f.strict = vec![0.0; LAMBDAS.len()].into_boxed_slice();
        }
        for (sum, lambda) in f.strict.iter_mut().zip(LAMBDAS) {
            *sum += (-lambda * gap as f64).exp2();
        }
    }
    // Normalise by Σ_{k=1..now} 2^(−λk), what a fact of every past step gets.
    let most: Vec<f64> = LAMBDAS
        .iter()
        .map(|&lambda| {
            let q = (-lambda).exp2();
            if lambda == 0.0 {
                now.0 as f64
            } else {
                q * (1.0 - q.powi(now.0 as i32)) / (1.0 - q)
            }
        })
        .collect();
    for f in found.values_mut() {
        for (sum, most) in f.strict.iter_mut().zip(&most) {
            *sum /= most;
        }
    }
    let (counts, total) = history.object_counts(query.relation);
    let share = |count: u32| count as f64 / total as f64;
    let mut strict: Vec<(Entity, Recurrence)> = found.into_iter().collect();
    strict.sort_unstable_by_key(|(e, _)| *e);
    let cut: Vec<(Entity, u32)>;
    let relaxed: &[(Entity, u32)] = match relaxed_limit.filter(|&l| l < counts.len()) {
        Some(limit) => {
            // The rest count as unscored: an approximation that only tuning uses.
            let mut top = counts.to_vec();
            top.select_nth_unstable_by_key(limit, |&(e, c)| (std::cmp::Reverse(c), e));
            top.truncate(limit);
            top.sort_unstable_by_key(|c| c.0);
            cut = top;
            &cut
        }
        None => counts,
    };
    // Merge the two entity-sorted lists; strict candidates keep their exact
    // relaxed share even when the relaxed list was cut.
    let mut out = Vec::with_capacity(strict.len() + relaxed.len());
    let mut rest = relaxed.iter().peekable();
    for (entity, mut f) in strict {
        while let Some(&&(e, c)) = rest.peek() {
            if e >= entity {
                break;
            }
            out.push((e, Recurrence { relaxed: share(c), ..Recurrence::default() }));
            rest.next();
        }
        if rest.peek().is_some_and(|&&(e, _)| e == entity) {
            rest.next();
        }
        f.relaxed = counts.binary_search_by_key(&entity, |c| c.0).map_or(0.0, |at| share(counts[at].1));
        out.push((entity, f));
    }
    out.extend(rest.map(|&(e, c)| (e, Recurrence { relaxed: share(c), ..Recurrence::default() })));
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
/// The grid of every `(λ, α)` pair.
fn grid() -> Vec<RecurrencyParams> {
    (0..LAMBDAS.len()).flat_map(|l| ALPHAS.iter().map(move |&alpha| RecurrencyParams { lambda: Lambda(l), alpha })).collect()
}

/// Picks, per relation, the grid point of best mean reciprocal rank on
/// `tables` (the validation questions).
pub fn tune(tables: &[RankTable<Recurrence>], relations: u32) -> RecurrencyModel {
    RecurrencyModel { per_relation: choose_per_relation(tables, relations, &grid(), |p, _, f| p.score(f)) }
}
