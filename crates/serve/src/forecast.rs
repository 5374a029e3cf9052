//! Forecasting over the store: the likely next events of an actor or a
//! dyad, from the store's de-duplicated events (clusters) at CAMEO code
//! level, with the past events that support each. `parley forecast` and
//! `GET /api/forecast` both answer through [`forecast`].
//!
//! The forecaster (parley-forecast's recurrency baseline and temporal rules,
//! fixed parameters) is learned from the store's history on each request:
//! a few thousand clusters take well under a second.

use chrono::{Datelike, NaiveDate};
use parley_forecast::live::{Direction, Event, LiveForecaster, LiveOptions, Prediction, Support};
use parley_store::Store;
use serde_json::{json, Value};

/// At most this many clusters (the latest) are learned from, which bounds
/// a request's time and memory on a large store.
pub const MAX_HISTORY: usize = 200_000;

/// What to forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastRequest {
    /// The actor key (country code when known, else the actor code).
    pub actor: String,
    /// Only events between the actor and this counterpart.
    pub counterpart: Option<String>,
    /// Only the history of the last `days` days (up to the store's last day).
    pub days: Option<u32>,
    /// At most this many forecasts.
    pub limit: usize,
}

/// The forecasts and what they were learned from.
#[derive(Clone, Debug)]
pub struct ForecastAnswer {
    /// The day forecast (the day after the last event of the history).
    pub day: String,
    /// The history's clusters and days.
    pub history_events: usize,
    /// The first day of the history.
    pub history_from: String,
    /// The rules learned.
    pub rules: usize,
    /// Best first.
    pub predictions: Vec<Prediction>,
    /// The event name of each CAMEO code forecast.
    pub event_names: std::collections::HashMap<String, String>,
    /// Milliseconds spent reading the store, learning, and forecasting.
    pub took_ms: [f64; 3],
}

/// Why a forecast could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum ForecastError {
    /// The store could not be read.
    Store(String),
    /// The actor (or counterpart) has no dated event in the history.
    UnknownActor(String),
}

impl std::fmt::Display for ForecastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ForecastError::Store(e) => f.write_str(e),
            ForecastError::UnknownActor(a) => write!(f, "no dated event with both actors known involves {a} in the history"),
        }
    }
}

fn day_number(day: &str) -> Option<i64> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|d| d.num_days_from_ce() as i64)
}

/// `YYYY-MM-DD` of a day number (days from the common era).
pub fn day_text(day: i64) -> String {
    NaiveDate::from_num_days_from_ce_opt(day as i32).map_or_else(|| day.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// Learns from the store's history and forecasts for `request`.
pub fn forecast(store: &Store, request: &ForecastRequest) -> Result<ForecastAnswer, ForecastError> {
    let clock = std::time::Instant::now();
    let facts = store.cluster_facts(None, MAX_HISTORY).map_err(|e| ForecastError::Store(e.to_string()))?;
    let mut events: Vec<Event> = facts
        .iter()
        .filter_map(|f| {
            Some(Event { id: f.rep_event, day: day_number(&f.day)?, subject: f.source.clone(), relation: f.cameo.clone(), object: f.target.clone() })
        })
        .collect();
    if let (Some(days), Some(last)) = (request.days, events.iter().map(|e| e.day).max()) {
        events.retain(|e| e.day > last - days as i64);
    }
    let read = clock.elapsed();
    let model = LiveForecaster::learn(&events, &LiveOptions::default());
    let learned = clock.elapsed();
    let predictions = model
        .forecast(&request.actor, request.counterpart.as_deref(), request.limit)
        .ok_or_else(|| ForecastError::UnknownActor(match &request.counterpart {
            Some(other) => format!("{} or {other}", request.actor),
            None => request.actor.clone(),
        }))?;
    let mut event_names = std::collections::HashMap::new();
    for p in &predictions {
        if event_names.contains_key(&p.relation) {
            continue;
        }
        // A recurrence's events are of the very code: its name is a look-up by key.
        let example = p.support.iter().find_map(|s| match s {
            Support::Recurrence { events, .. } => events.first().copied(),
            Support::Rule { .. } => None,
        });
        if let Some(name) = store.event_name(&p.relation, example).map_err(|e| ForecastError::Store(e.to_string()))? {
            event_names.insert(p.relation.clone(), name);
        }
    }
    Ok(ForecastAnswer {
        day: day_text(model.forecast_day()),
        history_events: events.len(),
        history_from: events.iter().map(|e| e.day).min().map_or_else(String::new, day_text),
        rules: model.rule_count(),
        predictions,
        event_names,
        took_ms: [read, learned - read, clock.elapsed() - learned].map(|d| d.as_secs_f64() * 1000.0),
    })
}

impl ForecastAnswer {
    /// The answer as the API returns it.
    pub fn to_json(&self, request: &ForecastRequest) -> Value {
        let rows: Vec<Value> = self
            .predictions
            .iter()
            .map(|p| {
                let (source, target) = match p.direction {
                    Direction::ByActor => (&request.actor, &p.counterpart),
                    Direction::ToActor => (&p.counterpart, &request.actor),
                };
                let support: Vec<Value> = p
                    .support
                    .iter()
                    .map(|s| match s {
                        Support::Recurrence { times, last_day, events } => {
                            json!({"kind": "recurrence", "times": times, "last_day": day_text(*last_day), "events": events})
                        }
                        Support::Rule { rule, confidence, events } => json!({"kind": "rule", "rule": rule, "confidence": confidence, "events": events}),
                    })
                    .collect();
                json!({"cameo": p.relation, "event_name": self.event_names.get(&p.relation), "source": source, "target": target, "counterpart": p.counterpart, "score": p.score, "support": support})
            })
            .collect();
        json!({
            "actor": request.actor,
            "counterpart": request.counterpart,
            "day": self.day,
            "history": {"clusters": self.history_events, "from": self.history_from, "rules": self.rules},
            "took_ms": {"read": self.took_ms[0], "learn": self.took_ms[1], "forecast": self.took_ms[2]},
            "rows": rows,
        })
    }
}

/// The query parameters of `GET /api/forecast`.
pub const PARAMS: &[&str] = &["actor", "dyad", "days", "limit"];

/// `GET /api/forecast?actor=A` or `?dyad=A,B` (`days`, `limit`): the answer
/// of [`ForecastAnswer::to_json`]. An actor the history does not know gets
/// no rows (and a note), not an error: nothing is known, nothing forecast.
pub(crate) async fn endpoint(
    axum::extract::State(app): axum::extract::State<std::sync::Arc<crate::App>>,
    headers: axum::http::HeaderMap,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
) -> Result<axum::response::Response, crate::params::ApiError> {
    use crate::params::{ApiError, Params};
    let p = Params::parse(q.as_deref(), PARAMS)?;
    app.check_read(&headers, &p)?;
    let actor = p.code("actor")?;
    let (actor, counterpart) = match (actor, p.dyad()?) {
        (Some(a), Some((x, y))) if a == x || a == y => {
            let other = if a == x { y } else { x };
            (a, Some(other))
        }
        (Some(a), Some((x, y))) => return Err(ApiError::bad("actor", format!("{a} is not in the dyad {x},{y}"))),
        (None, Some((x, y))) => (x, Some(y)),
        (Some(a), None) => (a, None),
        (None, None) => return Err(ApiError::bad("actor", "give actor=A or dyad=A,B")),
    };
    let days = p.int("days", 1, 100_000)?.map(|d| d as u32);
    let limit = p.int("limit", 1, 200)?.unwrap_or(20) as usize;
    let request = ForecastRequest { actor, counterpart, days, limit };
    let body = app
        .read(move |store| match forecast(store, &request) {
            Ok(answer) => Ok(answer.to_json(&request)),
            Err(unknown @ ForecastError::UnknownActor(_)) => Ok(json!({
                "actor": request.actor, "counterpart": request.counterpart, "rows": [], "note": unknown.to_string()
            })),
            Err(ForecastError::Store(message)) => Err(ApiError::internal(message)),
        })
        .await?;
    Ok(crate::json_ok(body))
}
