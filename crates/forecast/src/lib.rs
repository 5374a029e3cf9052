//! # parley-forecast: who will do what to whom next
//!
//! Temporal knowledge-graph forecasting over `(subject, relation, object,
//! time)` quadruples: given everything up to a time, rank the candidate
//! objects of `(s, r, ?, t)` (and, through inverse relations, the subjects of
//! `(?, r, o, t)`).
//!
//! Design:
//! - [`data`] reads the benchmark layout (ICEWS14/18) into typed ids; bad
//!   lines are skipped and reported with `FILE:LINE`.
//! - [`graph::TemporalIndex`] holds every fact in both directions, sorted by
//!   time, so a question at `t` reads only the past by binary search. One
//!   index serves every split; leakage is impossible by construction.
//! - [`eval`] is the protocol: time-aware filter, ties as the mean of tied
//!   positions, a time-ordered sweep that answers one time's questions in
//!   parallel (rayon) and returns them in a fixed order, so runs are
//!   deterministic.
//! - [`recurrency`] is the baseline of Gastinger et al. (IJCAI 2024).
//! - [`pipeline`] puts them together: tune on valid, report on test.
//!
//! The crate does not know about parley's store; the command line feeds it.

#![deny(missing_docs)]

pub mod data;
pub mod eval;
pub mod graph;
pub mod live;
pub mod pipeline;
pub mod recurrency;
pub mod rules;

pub use data::{Dataset, Entity, LoadError, Quad, Relation, Step};
pub use eval::{Metrics, Query, RankTable};
