//! Forecasting over a live event history (parley's store) rather than a
//! benchmark: names instead of ids, days instead of steps, and for every
//! forecast the past events that support it.
//!
//! There is no validation split to tune on, so the baseline and the
//! combination take fixed parameters ([`LiveOptions`]); the rules are
//! learned from the whole history given.

use crate::eval::History;
use crate::graph::{Edge, TemporalIndex};
use crate::pipeline::Forecaster;
use crate::recurrency::{RecurrencyModel, RecurrencyParams};
use crate::rules::{ApplyOptions, LearnOptions, RuleSet};
use crate::{Entity, Quad, Relation, Step};
use rustc_hash::FxHashMap;

/// One past event: the caller's id for it, its day (any day count, e.g.
/// days since the common era) and its actors and relation by name.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The caller's id (parley: the cluster id).
    pub id: i64,
    /// The day, as a count of days.
    pub day: i64,
    /// Who acted.
    pub subject: String,
    /// What was done (parley: the CAMEO code).
    pub relation: String,
    /// To whom.
    pub object: String,
}

/// Which way a forecast event goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The actor does it to the counterpart.
    ByActor,
    /// The counterpart does it to the actor.
    ToActor,
}

/// Why a forecast is made: the past events (ids) behind it.
#[derive(Clone, Debug, PartialEq)]
pub enum Support {
    /// The same event happened before: how often, the last day, and the
    /// last few events.
    Recurrence {
        /// How many times.
        times: u32,
        /// The last day it happened.
        last_day: i64,
        /// The latest events (at most three), newest first.
        events: Vec<i64>,
    },
    /// A learned rule fired: its text, its confidence and the events of its
    /// best grounding, in time order.
    Rule {
        /// The rule, e.g. `042(X,Y) <= 036(X,Y)` or a path through `Z`.
        rule: String,
        /// Its confidence.
        confidence: f64,
        /// The events that ground it.
        events: Vec<i64>,
    },
}

/// One likely next event.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The relation (parley: the CAMEO code).
    pub relation: String,
    /// Who does it to whom.
    pub direction: Direction,
    /// The other actor.
    pub counterpart: String,
    /// The combined score, in `[0, 1]`.
    pub score: f64,
    /// What supports it.
    pub support: Vec<Support>,
}

/// Fixed parameters for a history without a validation split.
#[derive(Clone, Copy, Debug)]
pub struct LiveOptions {
    /// The baseline's parameters for every relation.
    pub baseline: RecurrencyParams,
    /// The weight of the baseline against the rules.
    pub baseline_weight: f64,
    /// How rules are learned.
    pub learn: LearnOptions,
    /// How rules are applied.
    pub apply: ApplyOptions,
}

impl Default for LiveOptions {
    fn default() -> LiveOptions {
        LiveOptions {
            baseline: RecurrencyParams::new(0.1, 0.99),
            baseline_weight: 0.5,
            // A store holds thousands of events, not hundreds of thousands:
            // fewer walks suffice, and a rule needs more groundings to count.
            learn: LearnOptions { walks: 60, confidence_samples: 100, min_groundings: 3, ..LearnOptions::default() },
            apply: ApplyOptions::default(),
        }
    }
}

/// A forecaster learned from a history of named events.
pub struct LiveForecaster {
    entities: Vec<String>,
    entity_ids: FxHashMap<String, Entity>,
    relations: Vec<String>,
    facts: Vec<Quad>,
    index: TemporalIndex,
    forecaster: Forecaster,
    event_ids: FxHashMap<Quad, Vec<i64>>,
    first_day: i64,
    now: Step,
}

impl LiveForecaster {
    /// Learns from `events` (any order). The forecast is for the day after
    /// the last event.
    pub fn learn(events: &[Event], options: &LiveOptions) -> LiveForecaster {
        let mut entity_ids: FxHashMap<String, Entity> = FxHashMap::default();
        let mut entities = Vec::new();
        let mut relation_ids: FxHashMap<&str, Relation> = FxHashMap::default();
        let mut relations = Vec::new();
        let first_day = events.iter().map(|e| e.day).min().unwrap_or(0);
        let mut intern = |name: &str| {
            *entity_ids.entry(name.to_owned()).or_insert_with(|| {
                entities.push(name.to_owned());
                Entity(entities.len() as u32 - 1)
            })
        };
        let mut facts = Vec::with_capacity(events.len());
        let mut event_ids: FxHashMap<Quad, Vec<i64>> = FxHashMap::default();
        for e in events {
            let relation = *relation_ids.entry(&e.relation).or_insert_with(|| {
                relations.push(e.relation.clone());
                Relation(relations.len() as u32 - 1)
            });
            let q = Quad { subject: intern(&e.subject), relation, object: intern(&e.object), time: Step((e.day - first_day) as u32) };
            facts.push(q);
            event_ids.entry(q).or_default().push(e.id);
        }
        facts.sort_by_key(|q| q.time);
        let forward = relations.len() as u32;
        let index = TemporalIndex::new(entities.len() as u32, forward, &facts);
        let rules = RuleSet::learn(&index, &options.learn);
        let now = Step(facts.last().map_or(0, |q| q.time.0 + 1));
        let forecaster = Forecaster {
            baseline: RecurrencyModel { per_relation: vec![options.baseline; 2 * forward as usize] },
            rules,
            apply: options.apply,
            weights: vec![options.baseline_weight; 2 * forward as usize],
        };
        LiveForecaster { entities, entity_ids, relations, facts, index, forecaster, event_ids, first_day, now }
    }

    /// How many rules were learned.
    pub fn rule_count(&self) -> usize {
        self.forecaster.rules.len()
    }

    /// The most likely next events of `actor` (with `counterpart` only, if
    /// given), best first, at most `limit`. Only candidates that the actor's
    /// own history supports (a recurrence or a rule) are listed. `None` when
    /// the actor has no event in the history.
    pub fn forecast(&self, actor: &str, counterpart: Option<&str>, limit: usize) -> Option<Vec<Prediction>> {
        let subject = *self.entity_ids.get(actor)?;
        let only = match counterpart {
            Some(name) => Some(*self.entity_ids.get(name)?),
            None => None,
        };
        let mut history = History::new(&self.index, &self.facts);
        history.advance(self.now);
        let forward = self.relations.len() as u32;
        let mut found = Vec::new();
        for r in 0..2 * forward {
            let relation = Relation(r);
            for (object, evidence) in self.forecaster.evidence(&history, subject, relation, Some(0)) {
                // A domestic event (object = actor) is listed once, forwards.
                let domestic_twice = object == subject && relation.is_inverse(forward);
                if domestic_twice || only.is_some_and(|o| o != object) || (evidence.recurrence.gap.is_none() && evidence.rules.is_none()) {
                    continue;
                }
                found.push((self.forecaster.score(relation, &evidence), relation, object, evidence));
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| (a.1, a.2).cmp(&(b.1, b.2))));
        found.truncate(limit);
        let predictions = found
            .into_iter()
            .map(|(score, relation, object, evidence)| {
                let mut support = Vec::new();
                if evidence.recurrence.gap.is_some() {
                    support.push(self.recurrence(subject, relation, object));
                }
                if let Some(r) = evidence.rules {
                    let rule = &self.forecaster.rules.rules(relation)[r.best_rule];
                    let path = RuleSet::explain(&self.index, rule, subject, object, self.now).unwrap_or_default();
                    support.push(Support::Rule {
                        rule: self.rule_text(relation, &rule.body),
                        confidence: rule.confidence,
                        events: {
                            let mut ids: Vec<i64> = path.iter().filter_map(|e| self.events_of(e).last().copied()).collect();
                            ids.dedup();
                            ids
                        },
                    });
                }
                let direction = if relation.is_inverse(forward) { Direction::ToActor } else { Direction::ByActor };
                Prediction {
                    relation: self.relations[(relation.0 % forward) as usize].clone(),
                    direction,
                    counterpart: self.entities[object.0 as usize].clone(),
                    score,
                    support,
                }
            })
            .collect();
        Some(predictions)
    }

    /// The day forecasts are made for.
    pub fn forecast_day(&self) -> i64 {
        self.first_day + self.now.0 as i64
    }

    fn recurrence(&self, subject: Entity, relation: Relation, object: Entity) -> Support {
        let past: Vec<Step> = self.index.edges(subject, relation, Step(0), self.now).iter().filter(|e| e.1 == object).map(|e| e.0).collect();
        let mut events: Vec<i64> = Vec::new();
        for &time in past.iter().rev() {
            let edge = Edge { head: subject, relation, tail: object, time };
            events.extend(self.events_of(&edge).iter().rev());
            if events.len() >= 3 {
                break;
            }
        }
        events.truncate(3);
        Support::Recurrence { times: past.len() as u32, last_day: self.first_day + past.last().map_or(0, |t| t.0 as i64), events }
    }

    /// The caller's ids of the events behind an edge (either direction).
    fn events_of(&self, edge: &Edge) -> &[i64] {
        let forward = self.relations.len() as u32;
        let q = if edge.relation.is_inverse(forward) {
            Quad { subject: edge.tail, relation: edge.relation.inverse(forward), object: edge.head, time: edge.time }
        } else {
            Quad { subject: edge.head, relation: edge.relation, object: edge.tail, time: edge.time }
        };
        self.event_ids.get(&q).map_or(&[], |v| v)
    }

    /// A rule as text: `head(X,Y) <= b1(X,Z1) & b2(Z1,Y)`, an inverse
    /// relation written `r^-1`.
    fn rule_text(&self, head: Relation, body: &[Relation]) -> String {
        let forward = self.relations.len() as u32;
        let name = |r: Relation| {
            let base = &self.relations[(r.0 % forward) as usize];
            if r.is_inverse(forward) {
                format!("{base}^-1")
            } else {
                base.clone()
            }
        };
        let variable = |k: usize| if k == 0 { "X".to_string() } else if k == body.len() { "Y".to_string() } else { format!("Z{k}") };
        let atoms: Vec<String> = body.iter().enumerate().map(|(k, &r)| format!("{}({},{})", name(r), variable(k), variable(k + 1))).collect();
        format!("{}(X,Y) <= {}", name(head), atoms.join(" & "))
    }
}
