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

use crate::{parse_day, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

    /// Refuses thresholds that make no sense: an unknown kind, windows and
    /// runs that are not positive, negative or non-finite thresholds.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if !["root", "cameo", "quad_class"].contains(&self.first_of_kind.kind.as_str()) {
            return Err(format!("alert config: first_of_kind.kind must be root, cameo or quad_class, not {:?}", self.first_of_kind.kind));
        }
        let positive_days = [
            ("spike.baseline_days", self.spike.baseline_days),
            ("goldstein_turn.recent_days", self.goldstein_turn.recent_days),
            ("goldstein_turn.baseline_days", self.goldstein_turn.baseline_days),
        ];
        for (name, days) in positive_days {
            if !(1..=36_500).contains(&days) {
                return Err(format!("alert config: {name} must be between 1 and 36500 days, not {days}"));
            }
        }
        let days = [("first_of_kind.min_run_days", self.first_of_kind.min_run_days), ("spike.min_history_days", self.spike.min_history_days)];
        for (name, days) in days {
            if !(0..=36_500).contains(&days) {
                return Err(format!("alert config: {name} must be between 0 and 36500 days, not {days}"));
            }
        }
        if self.first_of_kind.min_run == 0 {
            return Err("alert config: first_of_kind.min_run must be positive".into());
        }
        if !(self.spike.min_std.is_finite() && self.spike.min_std > 0.0) {
            return Err(format!("alert config: spike.min_std must be positive, not {}", self.spike.min_std));
        }
        for (name, v) in [("spike.z", self.spike.z), ("goldstein_turn.delta", self.goldstein_turn.delta)] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(format!("alert config: {name} must be a number at least 0, not {v}"));
            }
        }
        Ok(())
    }
}

pub(crate) fn monitored(key: &str) -> bool {
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
pub(crate) fn day_num(day: &str) -> Option<i32> {
    parse_day(day).map(|d| chrono::Datelike::num_days_from_ce(&d))
}

/// The day of a day number, `YYYY-MM-DD`.
fn day_str(day: i32) -> String {
    chrono::NaiveDate::from_num_days_from_ce_opt(day).map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

/// A monitored dyad: `(dyad_a, dyad_b)`, the smaller key first.
pub(crate) type DyadKey = (String, String);

/// What makes one happening of a dyad for the rules: the events of one day
/// with the same source, target and CAMEO code. Unlike the store's clusters
/// (which also join reports of adjacent days, and so depend on the order
/// reports arrive in), this grouping is a function of the set of events: the
/// rules' input, and so the alerts, are the same whatever the order,
/// batching or repetition of the ingests. Ordered as the rules read them:
/// by day, then by actor codes and code.
type HappeningKey = (i32, Box<str>, Box<str>, Box<str>);

/// What the rules read of a happening. Each field is a commutative fold over
/// its events (the smallest value), so it does not depend on their order;
/// for the coder's output, where root, quad class and Goldstein score follow
/// from the code, every event agrees anyway.
#[derive(Clone, Debug)]
struct Happening {
    quad: u8,
    goldstein: f64,
    root: Box<str>,
}

impl Happening {
    fn fold(&mut self, e: &DatedEvent) {
        self.quad = self.quad.min(e.quad_class);
        self.goldstein = self.goldstein.min(e.goldstein);
        if *e.root < *self.root {
            self.root = e.root.as_str().into();
        }
    }
}

type DyadHappenings = BTreeMap<HappeningKey, Happening>;

/// A dated event of a monitored dyad, as the rules see it.
pub(crate) struct DatedEvent {
    pub dyad: DyadKey,
    pub day: i32,
    pub source: String,
    pub target: String,
    pub cameo: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f64,
}

impl DatedEvent {
    /// The event of a dyad on a `YYYY-MM-DD` day, when the dyad is monitored and the day valid.
    pub(crate) fn of(dyad: (&str, &str), day: &str, e: &parley::Event) -> Option<DatedEvent> {
        if !monitored(dyad.0) || !monitored(dyad.1) {
            return None;
        }
        Some(DatedEvent {
            dyad: (dyad.0.to_string(), dyad.1.to_string()),
            day: day_num(day)?,
            source: e.source.as_ref().map_or(String::new(), |a| a.code.clone()),
            target: e.target.as_ref().map_or(String::new(), |a| a.code.clone()),
            cameo: e.cameo.clone(),
            root: e.root.clone(),
            quad_class: e.quad_class,
            goldstein: e.goldstein as f64,
        })
    }

    fn key(&self) -> HappeningKey {
        (self.day, self.source.as_str().into(), self.target.as_str().into(), self.cameo.as_str().into())
    }
}

/// The happenings of the monitored dyads the rules have looked at, kept in
/// memory by the writing [`crate::Store`] so that a batch does not read a
/// busy dyad's whole history again. A dyad is loaded from the store the
/// first time a batch changes it, then kept in step with what this
/// connection adds; a batch that removes events of a dyad drops it (reloaded
/// when next needed). Any other writer (seen by `PRAGMA data_version`) or a
/// failed transaction empties it. The cache is only a copy: what the rules
/// compute from it is what they would compute from the store.
#[derive(Default)]
pub(crate) struct DyadCache {
    dyads: HashMap<DyadKey, DyadHappenings>,
    happenings: usize,
    /// `PRAGMA data_version` when this connection last wrote.
    pub(crate) data_version: Option<i64>,
}

/// Past this many happenings the cache starts again, so memory stays bounded.
const CACHE_MAX_HAPPENINGS: usize = 2_000_000;

impl DyadCache {
    pub(crate) fn clear(&mut self) {
        self.dyads.clear();
        self.happenings = 0;
    }

    pub(crate) fn forget(&mut self, dyad: &DyadKey) {
        if let Some(d) = self.dyads.remove(dyad) {
            self.happenings -= d.len();
        }
    }

    /// An event written by this connection, if its dyad is loaded.
    pub(crate) fn add(&mut self, e: &DatedEvent) {
        if let Some(d) = self.dyads.get_mut(&e.dyad) {
            match d.entry(e.key()) {
                std::collections::btree_map::Entry::Occupied(mut h) => h.get_mut().fold(e),
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(Happening { quad: e.quad_class, goldstein: e.goldstein, root: e.root.as_str().into() });
                    self.happenings += 1;
                }
            }
        }
    }

    /// The dyad's happenings, read from the store when not held. Its events
    /// are found through their clusters (the index on the clusters' dyad);
    /// an event counts for the dyad its own actors make.
    fn get(&mut self, tx: &Transaction, dyad: &DyadKey) -> Result<&DyadHappenings> {
        if !self.dyads.contains_key(dyad) {
            if self.happenings > CACHE_MAX_HAPPENINGS {
                self.clear();
            }
            let mut st = tx.prepare_cached(
                "SELECT e.day, e.source, e.target, e.cameo, e.root, e.quad_class, e.goldstein,
                        coalesce(e.source_country, e.source), coalesce(e.target_country, e.target)
                 FROM clusters c JOIN events e ON e.cluster_id = c.id
                 WHERE c.dyad_a = ?1 AND c.dyad_b = ?2 AND c.day IS NOT NULL AND e.day IS NOT NULL",
            )?;
            let mut rows = st.query(params![dyad.0, dyad.1])?;
            self.dyads.insert(dyad.clone(), DyadHappenings::new());
            while let Some(r) = rows.next()? {
                let (sk, tk): (String, String) = (r.get(7)?, r.get(8)?);
                let own = if sk <= tk { (sk, tk) } else { (tk, sk) };
                let Some(day) = day_num(&r.get::<_, String>(0)?) else { continue };
                if own != *dyad {
                    continue;
                }
                self.add(&DatedEvent {
                    dyad: own,
                    day,
                    source: r.get(1)?,
                    target: r.get(2)?,
                    cameo: r.get(3)?,
                    root: r.get(4)?,
                    quad_class: r.get(5)?,
                    goldstein: r.get(6)?,
                });
            }
        }
        Ok(&self.dyads[dyad])
    }
}

/// What a batch changed, for the rules: per dyad, the earliest day that
/// gained or lost an event. Every rule looks back only (an alert of a day
/// depends on the happenings up to that day and on the alerts before it),
/// so the alerts before that day stand, and those from it on are computed
/// again from the stored state.
#[derive(Default)]
pub(crate) struct Changes {
    pub(crate) from: HashMap<DyadKey, i32>,
}

impl Changes {
    pub(crate) fn mark(&mut self, dyad: &DyadKey, day: i32) {
        match self.from.get_mut(dyad) {
            Some(d) => *d = (*d).min(day),
            None => {
                self.from.insert(dyad.clone(), day);
            }
        }
    }
}

/// What the rules did to the stored alerts in one batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct AlertChanges {
    /// Alerts added, or whose numbers, message or events changed.
    pub raised: usize,
    /// Alerts the data no longer supports.
    pub withdrawn: usize,
}

/// An alert as the rules compute it, before it is stored.
struct Computed {
    rule: &'static str,
    key: String,
    day: i32,
    score: f64,
    message: String,
    detail: serde_json::Value,
    /// Happenings whose events it names, and single events (representatives).
    happenings: Vec<HappeningKey>,
    representatives: Vec<HappeningKey>,
}

/// The alert rules of one batch: for every dyad the batch changed, the
/// alerts from its earliest changed day on are computed again from the
/// stored happenings, and the stored alerts made to match (kept when equal,
/// so their ids and creation times stay).
pub(crate) fn evaluate(tx: &Transaction, config: &AlertConfig, cache: &mut DyadCache, changes: &Changes, now: &str) -> Result<AlertChanges> {
    let mut total = AlertChanges::default();
    let mut dyads: Vec<(&DyadKey, &i32)> = changes.from.iter().collect();
    dyads.sort_unstable();
    for (dyad, &from) in dyads {
        let happenings = cache.get(tx, dyad)?;
        let rules = Rules { tx, config, dyad, happenings };
        let computed = rules.compute(from)?;
        let changed = store_alerts(tx, dyad, from, computed, now)?;
        total.raised += changed.raised;
        total.withdrawn += changed.withdrawn;
    }
    Ok(total)
}

/// The rules over one dyad's happenings.
struct Rules<'a, 't> {
    tx: &'a Transaction<'t>,
    config: &'a AlertConfig,
    dyad: &'a DyadKey,
    happenings: &'a DyadHappenings,
}

impl Rules<'_, '_> {
    /// The alerts of the days from `from` on, in order of day.
    fn compute(&self, from: i32) -> Result<Vec<Computed>> {
        let mut out = Vec::new();
        let first_key = (from, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        let days: BTreeSet<i32> = self.happenings.range(first_key..).map(|(k, _)| k.0).collect();
        let mut turns = self.turns_before(from)?;
        for &day in &days {
            if self.config.first_of_kind.enabled {
                self.first_of_kind(day, &mut out)?;
            }
            if self.config.spike.enabled {
                self.spike(day, &mut out);
            }
            if self.config.goldstein_turn.enabled {
                self.goldstein_turn(day, &mut turns, &mut out);
            }
        }
        Ok(out)
    }

    fn on_day(&self, day: i32) -> impl Iterator<Item = (&HappeningKey, &Happening)> {
        let lo = (day, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        self.happenings.range(lo..).take_while(move |(k, _)| k.0 == day)
    }

    fn before(&self, day: i32) -> impl DoubleEndedIterator<Item = (&HappeningKey, &Happening)> {
        let hi = (day, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        self.happenings.range(..hi)
    }

    fn first_of_kind(&self, day: i32, out: &mut Vec<Computed>) -> Result<()> {
        let cfg = &self.config.first_of_kind;
        let (a, b) = (&self.dyad.0, &self.dyad.1);
        // The happenings just before (earlier days), newest first: the run must be all of the other family.
        let prior: Vec<(&HappeningKey, &Happening)> = self.before(day).rev().take(cfg.min_run).collect();
        if prior.len() < cfg.min_run {
            return Ok(());
        }
        let span = day - prior.last().map_or(day, |p| p.0 .0);
        if span < cfg.min_run_days as i32 {
            return Ok(());
        }
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        for (key, h) in self.on_day(day) {
            let fam = family(h.quad);
            if prior.iter().any(|p| family(p.1.quad) == fam) {
                continue;
            }
            let kind = match cfg.kind.as_str() {
                "cameo" => key.3.to_string(),
                "quad_class" => h.quad.to_string(),
                _ => h.root.to_string(),
            };
            let alert_key = format!("first_of_kind|{a}|{b}|{kind}|{}", day_str(day));
            if let Some(&i) = by_key.get(&alert_key) {
                // Another happening of the same kind that day: one alert, naming both.
                out[i].happenings.push(key.clone());
                continue;
            }
            // The whole run: the happenings since the last one of this family.
            let run: Vec<&HappeningKey> = self.before(day).rev().take_while(|(_, p)| family(p.quad) != fam).map(|(k, _)| k).collect();
            let run_from = run.last().map_or(day, |k| k.0);
            let run_family = if fam == "conflict" { "cooperation" } else { "conflict" };
            let name = self.event_name(key)?;
            let message = format!(
                "first {fam} of kind {kind} ({name}) between {a} and {b} after {} {run_family} events over {} days",
                run.len(),
                day - run_from
            );
            let detail = json!({
                "kind": kind, "kind_of": cfg.kind, "name": name, "family": fam, "run_family": run_family,
                "run_length": run.len(), "run_since": day_str(run_from),
                "source": &*key.1, "target": &*key.2, "cameo": &*key.3,
            });
            by_key.insert(alert_key.clone(), out.len());
            out.push(Computed {
                rule: "first_of_kind",
                key: alert_key,
                day,
                score: run.len() as f64,
                message,
                detail,
                happenings: vec![key.clone()],
                representatives: prior.iter().take(3).map(|p| p.0.clone()).collect(),
            });
        }
        Ok(())
    }

    fn spike(&self, day: i32, out: &mut Vec<Computed>) {
        let cfg = &self.config.spike;
        let (a, b) = (&self.dyad.0, &self.dyad.1);
        let today: Vec<&HappeningKey> = self.on_day(day).filter(|(_, h)| h.quad == 4).map(|(k, _)| k).collect();
        if today.len() < cfg.min_count {
            return;
        }
        let first = self.happenings.keys().next().map(|k| k.0);
        if first.is_none_or(|f| ((day - f) as i64) < cfg.min_history_days) {
            return;
        }
        // Material-conflict happenings per day of the baseline, days with none left out.
        let lo = (day - cfg.baseline_days as i32, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        let hi = (day, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        let mut counts: Vec<f64> = Vec::new();
        let mut last_day = None;
        for (k, _) in self.happenings.range(lo..hi).filter(|(_, h)| h.quad == 4) {
            if last_day == Some(k.0) {
                *counts.last_mut().expect("a day counted") += 1.0;
            } else {
                counts.push(1.0);
                last_day = Some(k.0);
            }
        }
        let n = cfg.baseline_days as f64;
        let mean = counts.iter().sum::<f64>() / n;
        let var = (counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() + (n - counts.len() as f64) * mean * mean) / n;
        let std = var.sqrt();
        let c = today.len() as f64;
        if c < mean + cfg.z * std.max(cfg.min_std) {
            return;
        }
        let z = (c - mean) / std.max(cfg.min_std);
        let day_s = day_str(day);
        let message = format!(
            "spike of material conflict between {a} and {b} on {day_s}: {c} events against a daily mean of {mean:.2} over the previous {} days",
            cfg.baseline_days
        );
        let detail = json!({"count": c, "baseline_mean": mean, "baseline_std": std, "z": z, "baseline_days": cfg.baseline_days});
        out.push(Computed {
            rule: "spike",
            key: format!("spike|{a}|{b}|{day_s}"),
            day,
            score: z,
            message,
            detail,
            happenings: today.into_iter().cloned().collect(),
            representatives: Vec::new(),
        });
    }

    /// The stored turns of the `recent_days` before `from`, as `(day, direction)`.
    fn turns_before(&self, from: i32) -> Result<Vec<(i32, String)>> {
        let cfg = &self.config.goldstein_turn;
        let mut st = self.tx.prepare_cached(
            "SELECT day, json_extract(detail, '$.direction') FROM alerts
             WHERE actor_a = ?1 AND actor_b = ?2 AND rule = 'goldstein_turn' AND day >= ?3 AND day < ?4",
        )?;
        let rows = st.query_map(params![self.dyad.0, self.dyad.1, day_str(from - cfg.recent_days as i32), day_str(from)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default()))
        })?;
        let mut turns = Vec::new();
        for row in rows {
            let (day, direction) = row?;
            if let Some(d) = day_num(&day) {
                turns.push((d, direction));
            }
        }
        Ok(turns)
    }

    /// `turns`: the turns raised before `day` (stored, then computed), to
    /// raise a turn only once in the same direction within `recent_days`.
    fn goldstein_turn(&self, day: i32, turns: &mut Vec<(i32, String)>, out: &mut Vec<Computed>) {
        let cfg = &self.config.goldstein_turn;
        let (a, b) = (&self.dyad.0, &self.dyad.1);
        let recent_d = day - (cfg.recent_days as i32 - 1);
        let base_d = recent_d - cfg.baseline_days as i32;
        let lo = (base_d, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        let hi = (day + 1, Box::<str>::from(""), Box::<str>::from(""), Box::<str>::from(""));
        let (mut recent, mut base) = (Vec::new(), Vec::new());
        let mut recent_keys = Vec::new();
        for (k, h) in self.happenings.range(lo..hi) {
            if k.0 >= recent_d {
                recent.push(h.goldstein);
                recent_keys.push(k.clone());
            } else {
                base.push(h.goldstein);
            }
        }
        if recent.len() < cfg.min_clusters || base.len() < cfg.min_clusters {
            return;
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let (m_recent, m_base) = (mean(&recent), mean(&base));
        let delta = m_recent - m_base;
        if delta.abs() < cfg.delta {
            return;
        }
        let direction = if delta < 0.0 { "conflict" } else { "cooperation" };
        if turns.iter().any(|(d, dir)| *d >= day - cfg.recent_days as i32 && *d < day && dir == direction) {
            return;
        }
        turns.push((day, direction.to_string()));
        let day_s = day_str(day);
        let message = format!(
            "turn toward {direction} between {a} and {b}: mean Goldstein {m_recent:+.1} over the {} days to {day_s}, against {m_base:+.1} over the {} days before",
            cfg.recent_days, cfg.baseline_days
        );
        let detail = json!({
            "direction": direction, "recent_mean": m_recent, "baseline_mean": m_base, "delta": delta,
            "recent_clusters": recent.len(), "baseline_clusters": base.len(), "recent_from": day_str(recent_d), "baseline_from": day_str(base_d),
        });
        recent_keys.truncate(200);
        out.push(Computed {
            rule: "goldstein_turn",
            key: format!("goldstein_turn|{a}|{b}|{day_s}"),
            day,
            score: delta,
            message,
            detail,
            happenings: Vec::new(),
            representatives: recent_keys,
        });
    }

    /// The event name of a happening, as its representative event gives it.
    fn event_name(&self, key: &HappeningKey) -> Result<String> {
        let rep = representative(self.tx, self.dyad, key)?;
        let name: Option<String> = match rep {
            Some(id) => self
                .tx
                .prepare_cached("SELECT json_extract(json, '$.event_name') FROM events WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .flatten(),
            None => None,
        };
        Ok(name.unwrap_or_default())
    }
}

/// The events of a happening, by `(doc_id, ordinal)`: the first is its
/// representative. A happening's events lie in clusters of its dyad whose
/// day is at most a day away from it.
fn happening_events(tx: &Transaction, dyad: &DyadKey, key: &HappeningKey) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached(
        "SELECT e.id FROM clusters c JOIN events e ON e.cluster_id = c.id
         WHERE c.dyad_a = ?1 AND c.dyad_b = ?2 AND c.day BETWEEN ?3 AND ?4
           AND e.day = ?5 AND e.source = ?6 AND e.target = ?7 AND e.cameo = ?8
           AND min(coalesce(e.source_country, e.source), coalesce(e.target_country, e.target)) = ?1
           AND max(coalesce(e.source_country, e.source), coalesce(e.target_country, e.target)) = ?2
         ORDER BY e.doc_id, e.ordinal",
    )?;
    let ids = st
        .query_map(params![dyad.0, dyad.1, day_str(key.0 - 1), day_str(key.0 + 1), day_str(key.0), &*key.1, &*key.2, &*key.3], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

fn representative(tx: &Transaction, dyad: &DyadKey, key: &HappeningKey) -> Result<Option<i64>> {
    Ok(happening_events(tx, dyad, key)?.first().copied())
}

/// Makes the stored alerts of `dyad` from day `from` on equal to `computed`.
fn store_alerts(tx: &Transaction, dyad: &DyadKey, from: i32, computed: Vec<Computed>, now: &str) -> Result<AlertChanges> {
    let mut changes = AlertChanges::default();
    // What is stored: key -> (id, score, message, detail, events).
    let mut stored: HashMap<String, (i64, f64, String, String)> = HashMap::new();
    {
        let mut st = tx.prepare_cached("SELECT id, key, score, message, detail FROM alerts WHERE actor_a = ?1 AND actor_b = ?2 AND day >= ?3")?;
        let rows = st.query_map(params![dyad.0, dyad.1, day_str(from)], |r| Ok((r.get(1)?, (r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?))))?;
        for row in rows {
            let (key, v): (String, (i64, f64, String, String)) = row?;
            stored.insert(key, v);
        }
    }
    for alert in computed {
        let mut events: Vec<i64> = Vec::new();
        for h in &alert.happenings {
            events.extend(happening_events(tx, dyad, h)?);
        }
        for h in &alert.representatives {
            events.extend(representative(tx, dyad, h)?);
        }
        events.sort_unstable();
        events.dedup();
        let detail = alert.detail.to_string();
        if let Some((id, score, message, old_detail)) = stored.remove(&alert.key) {
            let old_events: Vec<i64> = tx
                .prepare_cached("SELECT event_id FROM alert_events WHERE alert_id = ?1 ORDER BY event_id")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if score == alert.score && message == alert.message && old_detail == detail && old_events == events {
                continue;
            }
            tx.prepare_cached("UPDATE alerts SET score = ?2, message = ?3, detail = ?4 WHERE id = ?1")?
                .execute(params![id, alert.score, alert.message, detail])?;
            tx.prepare_cached("DELETE FROM alert_events WHERE alert_id = ?1")?.execute([id])?;
            link_events(tx, id, &events)?;
        } else {
            let id: i64 = tx
                .prepare_cached(
                    "INSERT INTO alerts (rule, key, actor_a, actor_b, day, score, message, detail, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                )?
                .query_row(params![alert.rule, alert.key, dyad.0, dyad.1, day_str(alert.day), alert.score, alert.message, detail, now], |r| {
                    r.get(0)
                })?;
            link_events(tx, id, &events)?;
        }
        changes.raised += 1;
    }
    // What the data no longer supports goes.
    for (_, (id, ..)) in stored {
        tx.prepare_cached("DELETE FROM alert_events WHERE alert_id = ?1")?.execute([id])?;
        tx.prepare_cached("DELETE FROM alerts WHERE id = ?1")?.execute([id])?;
        changes.withdrawn += 1;
    }
    Ok(changes)
}

fn link_events(tx: &Transaction, alert: i64, events: &[i64]) -> Result<()> {
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO alert_events (alert_id, event_id) VALUES (?1, ?2)")?;
    for e in events {
        st.execute(params![alert, e])?;
    }
    Ok(())
}
