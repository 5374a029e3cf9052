//! Alerts, computed as events arrive.
//!
//! Alerts look at event clusters (happenings, not mentions) of a *dyad*: an
//! unordered pair of actors, each keyed by its country when known ("USA" for
//! USAGOV and USAMIL) and by its code otherwise ("IGOUNO",
//! "X-REVOLUTIONARY-FRONT-REB"). Actors with no country and a generic code
//! ("---GOV") and events with one side missing raise no alert. Three rules:
//!
//! - `first_of_kind`: a cluster whose *kind* (its CAMEO root by default) is
//!   new after a run of at least `min_run` clusters of the other family
//!   (cooperation: quad classes 1-2; conflict: 3-4) spanning at least
//!   `min_run_days` days: "the first appeal for mediation after years of
//!   fighting", or the first attack after a long calm.
//! - `spike`: the day's material-conflict clusters (quad class 4) number at
//!   least `min_count` and stand `z` standard deviations (at least
//!   `min_std`) above the dyad's daily mean over the previous
//!   `baseline_days` days; the dyad needs `min_history_days` of history.
//! - `goldstein_turn`: the mean Goldstein score of the dyad's clusters over
//!   the last `recent_days` days differs by at least `delta` from their mean
//!   over the `baseline_days` days before, each window holding at least
//!   `min_clusters` clusters. A turn is not raised again in the same
//!   direction within `recent_days` days.
//!
//! Each alert lists the events behind it. Thresholds come from
//! [`AlertConfig`], read from a JSON file by `--alert-config`.

use crate::ingest::NewCluster;
use crate::{days_between, parse_day, shift_day, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Thresholds of the alert rules; every field has a documented default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertConfig {
    pub first_of_kind: FirstOfKind,
    pub spike: Spike,
    pub goldstein_turn: GoldsteinTurn,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FirstOfKind {
    pub enabled: bool,
    /// What makes a kind: `root` (CAMEO root, default), `cameo` (full code) or `quad_class`.
    pub kind: String,
    /// Clusters of the other family immediately before (default 5).
    pub min_run: usize,
    /// Days from the first cluster of that run to the new one (default 30).
    pub min_run_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Spike {
    pub enabled: bool,
    /// Days before the day that make the baseline (default 28).
    pub baseline_days: i64,
    /// Material-conflict clusters needed on the day (default 3).
    pub min_count: usize,
    /// Standard deviations above the baseline mean (default 3).
    pub z: f64,
    /// Floor of the standard deviation, so a flat baseline is not infinitely sensitive (default 0.5).
    pub min_std: f64,
    /// Days of history the dyad needs (its first cluster at least this long
    /// before the day) to have a baseline at all (default 14).
    pub min_history_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GoldsteinTurn {
    pub enabled: bool,
    /// The recent window, in days, ending on the event's day (default 7).
    pub recent_days: i64,
    /// The window before it (default 30).
    pub baseline_days: i64,
    /// Clusters needed in each window (default 3).
    pub min_clusters: usize,
    /// Change of mean Goldstein score that makes a turn (default 5.0).
    pub delta: f64,
}

impl Default for FirstOfKind {
    fn default() -> Self {
        FirstOfKind { enabled: true, kind: "root".into(), min_run: 5, min_run_days: 30 }
    }
}

impl Default for Spike {
    fn default() -> Self {
        Spike { enabled: true, baseline_days: 28, min_count: 3, z: 3.0, min_std: 0.5, min_history_days: 14 }
    }
}

impl Default for GoldsteinTurn {
    fn default() -> Self {
        GoldsteinTurn { enabled: true, recent_days: 7, baseline_days: 30, min_clusters: 3, delta: 5.0 }
    }
}

impl AlertConfig {
    /// Reads a JSON file; fields it leaves out keep their defaults.
    pub fn from_json(text: &str) -> std::result::Result<AlertConfig, String> {
        let config: AlertConfig = serde_json::from_str(text).map_err(|e| format!("alert config: {e}"))?;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> std::result::Result<(), String> {
        if !["root", "cameo", "quad_class"].contains(&self.first_of_kind.kind.as_str()) {
            return Err(format!("alert config: first_of_kind.kind must be root, cameo or quad_class, not {:?}", self.first_of_kind.kind));
        }
        if self.first_of_kind.min_run == 0 || self.spike.baseline_days <= 0 || self.goldstein_turn.recent_days <= 0 {
            return Err("alert config: min_run, baseline_days and recent_days must be positive".into());
        }
        if self.goldstein_turn.baseline_days <= 0 || self.spike.min_std <= 0.0 {
            return Err("alert config: goldstein_turn.baseline_days and spike.min_std must be positive".into());
        }
        Ok(())
    }
}

fn monitored(key: &str) -> bool {
    !key.is_empty() && !key.starts_with("---")
}

fn family(quad: u8) -> &'static str {
    if quad <= 2 {
        "cooperation"
    } else {
        "conflict"
    }
}

/// A day as a number (days from the common era), so windows are arithmetic.
fn day_num(day: &str) -> Option<i32> {
    parse_day(day).map(|d| chrono::Datelike::num_days_from_ce(&d))
}

type DyadKey = (String, String);
/// A dyad's dated clusters, `(day, id) -> (goldstein, quad_class)`: the
/// order of the rules' queries (`ORDER BY day, id`).
type DyadClusters = BTreeMap<(i32, i64), (f64, u8)>;

/// The dated clusters of the monitored dyads the rules have looked at, kept
/// in memory by the writing [`crate::Store`] so that the rules read memory
/// instead of querying the store per event. A dyad is loaded from the store
/// the first time a batch touches it, then kept in step with what this
/// connection writes. Clusters never change day, Goldstein score or quad
/// class once written, so only new and deleted clusters matter: new ones are
/// added, a deletion drops the dyad (reloaded when next needed). Any other
/// writer (seen by `PRAGMA data_version`) or a failed transaction empties it.
#[derive(Default)]
pub(crate) struct DyadCache {
    dyads: HashMap<DyadKey, DyadClusters>,
    clusters: usize,
    /// `PRAGMA data_version` when this connection last wrote.
    pub(crate) data_version: Option<i64>,
}

/// Past this many clusters the cache starts again, so memory stays bounded.
const CACHE_MAX_CLUSTERS: usize = 4_000_000;

impl DyadCache {
    pub(crate) fn clear(&mut self) {
        self.dyads.clear();
        self.clusters = 0;
    }

    pub(crate) fn forget(&mut self, dyad: &DyadKey) {
        if let Some(d) = self.dyads.remove(dyad) {
            self.clusters -= d.len();
        }
    }

    /// A cluster written by this connection, if its dyad is loaded.
    pub(crate) fn add(&mut self, c: &NewCluster) {
        if let (Some(d), Some(day)) = (self.dyads.get_mut(&c.dyad), day_num(&c.day)) {
            if d.insert((day, c.id), (c.goldstein, c.quad_class)).is_none() {
                self.clusters += 1;
            }
        }
    }

    fn get(&mut self, tx: &Transaction, dyad: &DyadKey) -> Result<&DyadClusters> {
        if !self.dyads.contains_key(dyad) {
            if self.clusters > CACHE_MAX_CLUSTERS {
                self.clear();
            }
            let mut st = tx.prepare_cached(
                "SELECT day, id, goldstein, quad_class FROM clusters WHERE dyad_a = ?1 AND dyad_b = ?2 AND day IS NOT NULL",
            )?;
            let mut rows = st.query(params![dyad.0, dyad.1])?;
            let mut map = DyadClusters::new();
            while let Some(r) = rows.next()? {
                let day: String = r.get(0)?;
                if let Some(d) = day_num(&day) {
                    map.insert((d, r.get(1)?), (r.get(2)?, r.get(3)?));
                }
            }
            self.clusters += map.len();
            self.dyads.insert(dyad.clone(), map);
        }
        Ok(&self.dyads[dyad])
    }
}

/// Runs the rules over what a batch added; returns the alerts raised or
/// updated. `cache` holds the batch's clusters already; `shrunk` are the
/// clusters that lost members (their representative may have changed).
#[allow(clippy::too_many_arguments)]
pub(crate) fn evaluate(
    tx: &Transaction,
    config: &AlertConfig,
    cache: &mut DyadCache,
    new_clusters: &[NewCluster],
    deleted: &HashSet<i64>,
    shrunk: &HashSet<i64>,
    touched: &HashSet<(String, String, String)>,
    now: &str,
) -> Result<usize> {
    let mut raised = 0;
    let mut order: Vec<&NewCluster> = new_clusters
        .iter()
        .filter(|c| monitored(&c.dyad.0) && monitored(&c.dyad.1) && !deleted.contains(&c.id))
        .collect();
    order.sort_by(|a, b| (&a.day, a.id).cmp(&(&b.day, b.id)));
    if config.first_of_kind.enabled {
        for c in &order {
            raised += first_of_kind(tx, &config.first_of_kind, cache, c, shrunk.contains(&c.id), now)?;
        }
    }
    let conflict_days: BTreeSet<(&str, &str, &str)> =
        order.iter().filter(|c| c.quad_class == 4).map(|c| (c.dyad.0.as_str(), c.dyad.1.as_str(), c.day.as_str())).collect();
    if config.spike.enabled {
        for (a, b, day) in &conflict_days {
            raised += spike(tx, &config.spike, cache, a, b, day, now)?;
        }
    }
    if config.goldstein_turn.enabled {
        let mut touched: Vec<_> = touched.iter().filter(|(a, b, _)| monitored(a) && monitored(b)).collect();
        touched.sort_unstable();
        for (a, b, day) in touched {
            raised += goldstein_turn(tx, &config.goldstein_turn, cache, a, b, day, now)?;
        }
    }
    Ok(raised)
}

#[allow(clippy::too_many_arguments)]
fn upsert(
    tx: &Transaction,
    rule: &str,
    key: &str,
    (a, b): (&str, &str),
    day: &str,
    score: f64,
    message: &str,
    detail: &serde_json::Value,
    events: &[i64],
    now: &str,
) -> Result<usize> {
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO alerts (rule, key, actor_a, actor_b, day, score, message, detail, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (key) DO UPDATE SET score = excluded.score, message = excluded.message, detail = excluded.detail
             RETURNING id",
        )?
        .query_row(params![rule, key, a, b, day, score, message, detail.to_string(), now], |r| r.get(0))?;
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO alert_events (alert_id, event_id) VALUES (?1, ?2)")?;
    for e in events {
        st.execute(params![id, e])?;
    }
    Ok(1)
}

fn cluster_events(tx: &Transaction, cluster: i64) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached("SELECT id FROM events WHERE cluster_id = ?1 ORDER BY id")?;
    let ids = st.query_map([cluster], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

fn first_of_kind(tx: &Transaction, cfg: &FirstOfKind, cache: &mut DyadCache, c: &NewCluster, shrunk: bool, now: &str) -> Result<usize> {
    // The cluster's kind and name as its representative event gives them:
    // the event that made it, unless the batch took that event away.
    let (kind, name, quad): (String, String, u8) = if shrunk {
        let kind_col = match cfg.kind.as_str() {
            "cameo" => "cameo",
            "quad_class" => "quad_class",
            _ => "root",
        };
        tx.prepare_cached(&format!(
            "SELECT CAST(c.{kind_col} AS TEXT), json_extract(e.json, '$.event_name'), c.quad_class
             FROM clusters c JOIN events e ON e.id = c.rep_event WHERE c.id = ?1"
        ))?
        .query_row([c.id], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default(), r.get(2)?)))?
    } else {
        let kind = match cfg.kind.as_str() {
            "cameo" => c.cameo.clone(),
            "quad_class" => c.quad_class.to_string(),
            _ => c.root.clone(),
        };
        (kind, c.name.clone(), c.quad_class)
    };
    let fam = family(quad);
    let Some(day) = day_num(&c.day) else { return Ok(0) };
    // The clusters just before, newest first: the run must be all of the other family.
    let dyad = cache.get(tx, &c.dyad)?;
    let prior: Vec<(i64, i32, u8)> =
        dyad.range(..(day, i64::MIN)).rev().take(cfg.min_run).map(|(&(d, id), &(_, q))| (id, d, q)).collect();
    if prior.len() < cfg.min_run || prior.iter().any(|p| family(p.2) == fam) {
        return Ok(0);
    }
    let span = day - prior.last().map_or(day, |p| p.1);
    if span < cfg.min_run_days as i32 {
        return Ok(0);
    }
    // The whole run, for the message (bounded).
    let other: &[u8] = if fam == "conflict" { &[1, 2] } else { &[3, 4] };
    let last_same: Option<String> = tx
        .prepare_cached(
            "SELECT max(day) FROM clusters WHERE dyad_a = ?1 AND dyad_b = ?2 AND day < ?3 AND quad_class NOT IN (?4, ?5)",
        )?
        .query_row(params![c.dyad.0, c.dyad.1, c.day, other[0], other[1]], |r| r.get(0))
        .optional()?
        .flatten();
    let run_len: i64 = tx
        .prepare_cached("SELECT count(*) FROM clusters WHERE dyad_a = ?1 AND dyad_b = ?2 AND day < ?3 AND day > ?4")?
        .query_row(params![c.dyad.0, c.dyad.1, c.day, last_same.clone().unwrap_or_default()], |r| r.get(0))?;
    let run_from: String = tx
        .prepare_cached("SELECT min(day) FROM clusters WHERE dyad_a = ?1 AND dyad_b = ?2 AND day < ?3 AND day > ?4")?
        .query_row(params![c.dyad.0, c.dyad.1, c.day, last_same.unwrap_or_default()], |r| r.get(0))?;
    let run_family = if fam == "conflict" { "cooperation" } else { "conflict" };
    let message = format!(
        "first {fam} of kind {kind} ({name}) between {} and {} after {run_len} {run_family} events over {} days",
        c.dyad.0,
        c.dyad.1,
        days_between(&run_from, &c.day)
    );
    let mut events = cluster_events(tx, c.id)?;
    let mut run_events: Vec<i64> = Vec::new();
    for p in prior.iter().take(3) {
        run_events.push(tx.prepare_cached("SELECT rep_event FROM clusters WHERE id = ?1")?.query_row([p.0], |r| r.get(0))?);
    }
    events.extend(&run_events);
    let detail = json!({
        "kind": kind, "kind_of": cfg.kind, "name": name, "family": fam, "run_family": run_family,
        "run_length": run_len, "run_since": run_from, "cluster_id": c.id, "run_events": run_events,
    });
    let key = format!("first_of_kind|{}|{}|{}|{}", c.dyad.0, c.dyad.1, kind, c.day);
    upsert(tx, "first_of_kind", &key, (&c.dyad.0, &c.dyad.1), &c.day, run_len as f64, &message, &detail, &events, now)
}

#[allow(clippy::too_many_arguments)]
fn spike(tx: &Transaction, cfg: &Spike, cache: &mut DyadCache, a: &str, b: &str, day: &str, now: &str) -> Result<usize> {
    let Some(d) = day_num(day) else { return Ok(0) };
    let dyad = cache.get(tx, &(a.to_string(), b.to_string()))?;
    let today: Vec<i64> = dyad.range((d, i64::MIN)..=(d, i64::MAX)).filter(|(_, v)| v.1 == 4).map(|(k, _)| k.1).collect();
    if today.len() < cfg.min_count {
        return Ok(0);
    }
    let first = dyad.keys().next().map(|k| k.0);
    if first.is_none_or(|f| ((d - f) as i64) < cfg.min_history_days) {
        return Ok(0);
    }
    // Material-conflict clusters per day of the baseline, days with none left out.
    let mut counts: Vec<f64> = Vec::new();
    let mut last_day = None;
    for (&(k, _), _) in dyad.range((d - cfg.baseline_days as i32, i64::MIN)..(d, i64::MIN)).filter(|(_, v)| v.1 == 4) {
        if last_day == Some(k) {
            *counts.last_mut().expect("a day counted") += 1.0;
        } else {
            counts.push(1.0);
            last_day = Some(k);
        }
    }
    let n = cfg.baseline_days as f64;
    let mean = counts.iter().sum::<f64>() / n;
    let var = (counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() + (n - counts.len() as f64) * mean * mean) / n;
    let std = var.sqrt();
    let c = today.len() as f64;
    let threshold = mean + cfg.z * std.max(cfg.min_std);
    if c < threshold {
        return Ok(0);
    }
    let z = (c - mean) / std.max(cfg.min_std);
    let message = format!(
        "spike of material conflict between {a} and {b} on {day}: {c} events against a daily mean of {mean:.2} over the previous {} days",
        cfg.baseline_days
    );
    let mut events = Vec::new();
    for cl in &today {
        events.extend(cluster_events(tx, *cl)?);
    }
    let detail = json!({"count": c, "baseline_mean": mean, "baseline_std": std, "z": z, "baseline_days": cfg.baseline_days, "clusters": today});
    upsert(tx, "spike", &format!("spike|{a}|{b}|{day}"), (a, b), day, z, &message, &detail, &events, now)
}

#[allow(clippy::too_many_arguments)]
fn goldstein_turn(tx: &Transaction, cfg: &GoldsteinTurn, cache: &mut DyadCache, a: &str, b: &str, day: &str, now: &str) -> Result<usize> {
    let Some(d) = day_num(day) else { return Ok(0) };
    let (recent_d, base_d) = (d - (cfg.recent_days as i32 - 1), d - (cfg.recent_days as i32 - 1) - cfg.baseline_days as i32);
    let dyad = cache.get(tx, &(a.to_string(), b.to_string()))?;
    // The windows' Goldstein scores in the order of the clusters (day, id).
    let (mut recent, mut base) = (Vec::new(), Vec::new());
    for (&(k, _), &(g, _)) in dyad.range((base_d, i64::MIN)..=(d, i64::MAX)) {
        if k >= recent_d {
            recent.push(g);
        } else {
            base.push(g);
        }
    }
    if recent.len() < cfg.min_clusters || base.len() < cfg.min_clusters {
        return Ok(0);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (m_recent, m_base) = (mean(&recent), mean(&base));
    let delta = m_recent - m_base;
    if delta.abs() < cfg.delta {
        return Ok(0);
    }
    let recent_from = shift_day(day, -(cfg.recent_days - 1));
    let base_from = shift_day(&recent_from, -cfg.baseline_days);
    let direction = if delta < 0.0 { "conflict" } else { "cooperation" };
    // Not again in the same direction within the recent window (another day).
    let earlier: Option<String> = tx
        .prepare_cached(
            "SELECT detail FROM alerts WHERE actor_a = ?1 AND actor_b = ?2 AND rule = 'goldstein_turn'
             AND day >= ?3 AND day <> ?4 AND day <= ?5 AND json_extract(detail, '$.direction') = ?6 LIMIT 1",
        )?
        .query_row(params![a, b, shift_day(day, -cfg.recent_days), day, shift_day(day, cfg.recent_days), direction], |r| r.get(0))
        .optional()?;
    if earlier.is_some() {
        return Ok(0);
    }
    let message = format!(
        "turn toward {direction} between {a} and {b}: mean Goldstein {m_recent:+.1} over the {} days to {day}, against {m_base:+.1} over the {} days before",
        cfg.recent_days, cfg.baseline_days
    );
    let mut st = tx.prepare_cached(
        "SELECT rep_event FROM clusters WHERE dyad_a = ?1 AND dyad_b = ?2 AND day >= ?3 AND day <= ?4 ORDER BY day, id LIMIT 200",
    )?;
    let events: Vec<i64> = st.query_map(params![a, b, recent_from, day], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let detail = json!({
        "direction": direction, "recent_mean": m_recent, "baseline_mean": m_base, "delta": delta,
        "recent_clusters": recent.len(), "baseline_clusters": base.len(), "recent_from": recent_from, "baseline_from": base_from,
    });
    upsert(tx, "goldstein_turn", &format!("goldstein_turn|{a}|{b}|{day}"), (a, b), day, delta, &message, &detail, &events, now)
}
