//! The write path: documents and their events in, clusters, actors, facts and
//! alerts updated, all in one transaction per batch.

use crate::{alerts, day_of, shift_day, text_hash, Result, Store};
use parley::{Document, Event};
use rusqlite::{params, OptionalExtension, Statement, Transaction, TransactionBehavior};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// What one [`Store::ingest`] call did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestStats {
    /// Documents written (new or replaced).
    pub documents: usize,
    /// Of those, documents that replaced an earlier version with the same id.
    pub replaced: usize,
    /// Documents skipped because the same id with the same text is stored.
    pub unchanged: usize,
    /// Events written.
    pub events: usize,
    /// Event clusters created.
    pub clusters: usize,
    /// Alerts raised, or changed by what the batch added or removed.
    pub alerts: usize,
    /// Alerts withdrawn: what the batch removed no longer supports them.
    pub alerts_withdrawn: usize,
}

impl IngestStats {
    pub fn add(&mut self, o: &IngestStats) {
        self.documents += o.documents;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.events += o.events;
        self.clusters += o.clusters;
        self.alerts += o.alerts;
        self.alerts_withdrawn += o.alerts_withdrawn;
    }
}

/// Fields of the event JSON kept in columns; each of an event's `counts` and
/// any other field with a value is also kept as a fact.
const CORE_FIELDS: &[&str] = &[
    "doc_id", "sentence_index", "sentence", "source", "target", "cameo", "root", "quad_class", "goldstein", "event_name", "plover",
    "mode", "certainty", "hedges", "attribution", "date", "date_info", "place", "tense", "background", "passive", "verb", "lexicon",
];

#[derive(Default)]
struct ActorAgg {
    country: Option<String>,
    role: Option<String>,
    provisional: bool,
    mentions: i64,
    first: Option<String>,
    last: Option<String>,
    names: HashMap<String, i64>,
}

impl Store {
    /// Stores a batch of coded documents in one transaction. A document whose
    /// id is stored already is replaced (its events, cluster memberships,
    /// facts and the alerts they alone raised go first), unless its title and
    /// text are unchanged and `force` is false, when it is skipped. Returns
    /// once the transaction is committed: what it reports is on disk.
    pub fn ingest<'a, I>(&mut self, batch: I, force: bool) -> Result<IngestStats>
    where
        I: IntoIterator<Item = (&'a Document, &'a [Event])>,
    {
        let items = batch.into_iter().map(|(doc, events)| Item { doc, events: events.iter().map(|e| (e, None)).collect(), facts: Vec::new() });
        self.write(items.collect(), force)
    }

    /// As [`Store::ingest`], with the document's facts (as `parley code
    /// --facts` prints them: objects with a `type`, `sentence_index`, ...).
    pub fn ingest_with_facts<'a, I>(&mut self, batch: I, force: bool) -> Result<IngestStats>
    where
        I: IntoIterator<Item = (&'a Document, &'a [Event], &'a [Value])>,
    {
        let items =
            batch.into_iter().map(|(doc, events, facts)| Item { doc, events: events.iter().map(|e| (e, None)).collect(), facts: facts.to_vec() });
        self.write(items.collect(), force)
    }

    /// As [`Store::ingest_with_facts`], with each event's JSON given: fields
    /// the JSON has beyond [`Event`]'s (from a newer coder or another tool)
    /// are kept.
    pub fn ingest_values<'a, I>(&mut self, batch: I, force: bool) -> Result<IngestStats>
    where
        I: IntoIterator<Item = (&'a Document, &'a [(Event, Value)], &'a [Value])>,
    {
        let items = batch.into_iter().map(|(doc, events, facts)| Item {
            doc,
            events: events.iter().map(|(e, v)| (e, Some(v.clone()))).collect(),
            facts: facts.to_vec(),
        });
        self.write(items.collect(), force)
    }

    fn write(&mut self, items: Vec<Item>, force: bool) -> Result<IngestStats> {
        let config = self.alert_config.clone();
        let mut cache = std::mem::take(&mut self.cache);
        let out = Self::write_in(&mut self.conn, &mut cache, &config, items, force);
        if let (Ok(_), Some(checkpointer)) = (&out, &self.checkpointer) {
            checkpointer.committed(&self.conn);
        }
        if out.is_err() {
            // What the cache learnt from a transaction that did not commit is not in the store.
            cache.clear();
            cache.data_version = None;
        }
        self.cache = cache;
        out
    }

    fn write_in(
        conn: &mut rusqlite::Connection,
        cache: &mut alerts::DyadCache,
        config: &crate::AlertConfig,
        items: Vec<Item>,
        force: bool,
    ) -> Result<IngestStats> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another connection wrote since this one last did: what the cache holds may be stale.
        let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if cache.data_version != Some(version) {
            cache.clear();
            cache.data_version = Some(version);
        }
        let mut stats = IngestStats::default();
        let mut w = Writer::new(&tx)?;
        // The events' JSON is written on a thread of its own while this one
        // runs the SQL: serialising took a tenth of the writer's time.
        std::thread::scope(|scope| -> Result<()> {
            let (send, jsons) = std::sync::mpsc::sync_channel(256);
            let items = &items;
            scope.spawn(move || {
                for item in items {
                    if send.send(item.events_json()).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
            for item in items {
                let json = jsons.recv().map_err(|_| crate::StoreError("event JSON: the serialising thread stopped".into()))??;
                w.document(item, json, force, &mut stats)?;
            }
            Ok(())
        })?;
        w.finish(config, cache, &mut stats)?;
        drop(w);
        tx.commit()?;
        Ok(stats)
    }
}

/// A document to write: its events, each with its JSON when the caller gave
/// it (it may hold fields [`Event`] lacks), and its facts.
struct Item<'a> {
    doc: &'a Document,
    events: Vec<(&'a Event, Option<Value>)>,
    facts: Vec<Value>,
}

impl Item<'_> {
    /// The events as stored: the caller's JSON, or the typed event serialised.
    fn events_json(&self) -> Result<Vec<String>> {
        self.events
            .iter()
            .map(|(e, value)| match value {
                Some(v) => Ok(v.to_string()),
                None => serde_json::to_string(e).map_err(|err| crate::StoreError(format!("event JSON: {err}"))),
            })
            .collect()
    }
}

/// The statements run for every document and event, prepared once per
/// batch: `prepare_cached` hashes the whole SQL text at each call, and for
/// these statements that was a visible share of the write.
struct Statements<'t> {
    find_document: Statement<'t>,
    add_document: Statement<'t>,
    find_cluster: Statement<'t>,
    find_cluster_at: Statement<'t>,
    add_cluster: Statement<'t>,
    add_event: Statement<'t>,
    add_fact: Statement<'t>,
}

impl<'t> Statements<'t> {
    fn new(tx: &'t Transaction<'t>) -> Result<Statements<'t>> {
        Ok(Statements {
            find_document: tx.prepare("SELECT text_hash, date FROM documents WHERE id = ?1")?,
            add_document: tx.prepare(
                "INSERT INTO documents (id, date, title, url, source, text_hash, n_events, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            // Two forms, with and without a place: a condition like `?6 IS
            // NULL` makes SQLite compile the statement again at every step,
            // as its plan depends on the value.
            find_cluster: tx.prepare(
                "SELECT id, place, day FROM clusters
                 WHERE source = ?1 AND target = ?2 AND day BETWEEN ?3 AND ?4 AND cameo = ?5 AND scope = ''",
            )?,
            find_cluster_at: tx.prepare(
                "SELECT id, place, day FROM clusters
                 WHERE source = ?1 AND target = ?2 AND day BETWEEN ?3 AND ?4 AND cameo = ?5 AND scope = ''
                   AND (place IS NULL OR place = ?6)",
            )?,
            add_cluster: tx.prepare(
                "INSERT INTO clusters (id, day, date, scope, source, target, source_key, target_key, dyad_a, dyad_b,
                                       cameo, root, quad_class, goldstein, place, rep_event, mentions, articles, sources)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1, 1, 1)",
            )?,
            add_event: tx.prepare(
                "INSERT INTO events (id, doc_id, ordinal, sentence_index, cluster_id, date, day, source, target,
                                     source_country, target_country, cameo, root, quad_class, goldstein, mode, certainty,
                                     tense, background, passive, place, place_country, lat, lon, sentence, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                         ?22, ?23, ?24, ?25, ?26)",
            )?,
            add_fact: tx
                .prepare("INSERT OR IGNORE INTO facts (doc_id, sentence_index, event_id, kind, value) VALUES (?1, ?2, ?3, ?4, ?5)")?,
        })
    }
}

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    st: Statements<'t>,
    next_event: i64,
    next_cluster: i64,
    now: String,
    /// Clusters that gained or lost members and need their counts again.
    dirty: HashSet<i64>,
    /// Of those, the clusters that lost members: their representative may have changed.
    shrunk: HashSet<i64>,
    /// The dated events of monitored dyads this batch added, for the rules' cache.
    added: Vec<alerts::DatedEvent>,
    /// The dyads whose events this batch removed: the rules' cache forgets them.
    shrunk_dyads: HashSet<alerts::DyadKey>,
    /// Per dyad, the earliest day that gained or lost events: the rules run from there.
    changes: alerts::Changes,
    /// The members of the clusters this batch created, as [`cluster_counts`]
    /// reads them: their counts need no query.
    fresh: HashMap<i64, Vec<Member>>,
    actors: HashMap<String, ActorAgg>,
    /// What the batch changed in `dyad_months`: per (dyad, month), the
    /// happenings, cooperative ones and Goldstein sum added (or removed).
    months: HashMap<(String, String, String), (i64, i64, f64)>,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'t>) -> Result<Writer<'t>> {
        let next_event: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM events", [], |r| r.get(0))?;
        let next_cluster: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM clusters", [], |r| r.get(0))?;
        Ok(Writer {
            tx,
            st: Statements::new(tx)?,
            next_event,
            next_cluster,
            now: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            dirty: HashSet::new(),
            shrunk: HashSet::new(),
            added: Vec::new(),
            shrunk_dyads: HashSet::new(),
            changes: alerts::Changes::default(),
            fresh: HashMap::new(),
            actors: HashMap::new(),
            months: HashMap::new(),
        })
    }

    fn document(&mut self, item: &Item, json: Vec<String>, force: bool, stats: &mut IngestStats) -> Result<()> {
        let doc = item.doc;
        let hash = text_hash(&[doc.title.as_deref().unwrap_or(""), &doc.text]);
        let date = doc.date.map(|d| d.format("%Y-%m-%d").to_string());
        let existing: Option<(String, Option<String>)> =
            self.st.find_document.query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        if let Some((old_hash, old_date)) = existing {
            if old_hash == hash && old_date == date && !force {
                stats.unchanged += 1;
                return Ok(());
            }
            self.remove_document(&doc.id)?;
            stats.replaced += 1;
        }
        self.st.add_document.execute(params![doc.id, date, doc.title, doc.url, doc.source, hash, item.events.len() as i64, self.now])?;
        stats.documents += 1;
        for (ordinal, ((event, value), json)) in item.events.iter().zip(json).enumerate() {
            self.event(doc, ordinal, event, value.as_ref(), json, stats)?;
        }
        for fact in &item.facts {
            let kind = fact.get("type").and_then(Value::as_str).unwrap_or("fact").to_string();
            let index = fact.get("sentence_index").and_then(Value::as_i64).unwrap_or(-1);
            self.fact(&doc.id, index, None, &kind, fact)?;
        }
        Ok(())
    }

    /// `value` is the event's JSON object when the caller gave it, `json`
    /// the event as stored.
    fn event(&mut self, doc: &Document, ordinal: usize, e: &Event, value: Option<&Value>, json: String, stats: &mut IngestStats) -> Result<()> {
        let (place, place_country, lat, lon) = match value {
            Some(v) => place_of(v),
            None => match &e.place {
                Some(p) => (Some(p.name.clone()), Some(p.country.clone()), Some(p.lat), Some(p.lon)),
                None => (None, None, None, None),
            },
        };
        let label = |v: Value| v.as_str().unwrap_or("").to_string();
        let mode = label(serde_json::to_value(e.mode).unwrap_or(Value::Null));
        let tense = label(serde_json::to_value(e.tense).unwrap_or(Value::Null));
        let id = self.next_event;
        self.next_event += 1;
        let day = day_of(e.date.as_deref());
        let (source, target) = (code_of(&e.source), code_of(&e.target));
        let (source_country, target_country) = (country_of(&e.source), country_of(&e.target));
        let (sk, tk) = (source_country.unwrap_or(source), target_country.unwrap_or(target));
        let (dyad_a, dyad_b) = if sk <= tk { (sk, tk) } else { (tk, sk) };

        // Which cluster: the nearest-day one of the same dyad and code whose
        // place agrees (same, or either unknown); undated events cluster only
        // within their document.
        // Two forms of each lookup, with and without a place (see Statements).
        let found: Option<(i64, Option<String>)> = match (&day, &place) {
            (Some(day), place) => {
                // The nearest day first, then the oldest cluster; computed
                // here, as `julianday(?)` in the SQL made SQLite compile the
                // statement again at every step.
                let (lo, hi) = (shift_day(day, -1), shift_day(day, 1));
                let mut rows = match place {
                    Some(p) => self.st.find_cluster_at.query(params![source, target, lo, hi, e.cameo, p])?,
                    None => self.st.find_cluster.query(params![source, target, lo, hi, e.cameo])?,
                };
                let mut best: Option<((bool, i64), Option<String>)> = None;
                while let Some(r) = rows.next()? {
                    let (id, p, d): (i64, Option<String>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    let key = (d != *day, id);
                    if best.as_ref().is_none_or(|(k, _)| key < *k) {
                        best = Some((key, p));
                    }
                }
                best.map(|((_, id), p)| (id, p))
            }
            (None, None) => self
                .tx
                .prepare_cached(
                    "SELECT id, place FROM clusters
                     WHERE scope = ?1 AND source = ?2 AND target = ?3 AND cameo = ?4 AND date IS ?5
                     ORDER BY id LIMIT 1",
                )?
                .query_row(params![doc.id, source, target, e.cameo, e.date], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
            (None, Some(place)) => self
                .tx
                .prepare_cached(
                    "SELECT id, place FROM clusters
                     WHERE scope = ?1 AND source = ?2 AND target = ?3 AND cameo = ?4 AND date IS ?5
                       AND (place IS NULL OR place = ?6)
                     ORDER BY id LIMIT 1",
                )?
                .query_row(params![doc.id, source, target, e.cameo, e.date, place], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
        };
        let cluster = match found {
            Some((cluster, cluster_place)) => {
                if cluster_place.is_none() && place.is_some() {
                    self.tx.prepare_cached("UPDATE clusters SET place = ?2 WHERE id = ?1")?.execute(params![cluster, place])?;
                }
                self.dirty.insert(cluster);
                cluster
            }
            None => {
                let cluster = self.next_cluster;
                self.next_cluster += 1;
                let scope = if day.is_some() { String::new() } else { doc.id.clone() };
                self.st.add_cluster.execute(params![
                    cluster, day, e.date, scope, source, target, sk, tk, dyad_a, dyad_b, e.cameo, e.root, e.quad_class,
                    e.goldstein, place, id
                ])?;
                stats.clusters += 1;
                self.fresh.insert(cluster, Vec::new());
                self.month_changed(dyad_a, dyad_b, day.as_deref(), 1, e.quad_class as i64, e.goldstein as f64);
                cluster
            }
        };
        if let Some(members) = self.fresh.get_mut(&cluster) {
            members.push((id, doc.id.clone(), doc.source.clone().unwrap_or_else(|| doc.id.clone())));
        }
        if let Some(dated) = day.as_deref().and_then(|day| alerts::DatedEvent::of((dyad_a, dyad_b), day, e)) {
            self.changes.mark(&dated.dyad, dated.day);
            self.added.push(dated);
        }
        self.st.add_event.execute(params![
            id,
            doc.id,
            ordinal as i64,
            e.sentence_index as i64,
            cluster,
            e.date,
            day,
            source,
            target,
            source_country,
            target_country,
            e.cameo,
            e.root,
            e.quad_class,
            e.goldstein,
            mode,
            e.certainty.as_str(),
            tense,
            e.background,
            e.passive,
            place,
            place_country,
            lat,
            lon,
            e.sentence,
            json
        ])?;
        stats.events += 1;
        for actor in [&e.source, &e.target].into_iter().flatten() {
            // Looked up before inserting: most events name actors seen already in the batch.
            if !self.actors.contains_key(&actor.code) {
                self.actors.insert(actor.code.clone(), ActorAgg::default());
            }
            let agg = self.actors.get_mut(&actor.code).expect("inserted above");
            agg.country = agg.country.take().or_else(|| actor.country.clone());
            agg.role = agg.role.take().or_else(|| actor.role.map(|r| r.to_string()));
            agg.provisional |= actor.provisional;
            agg.mentions += 1;
            if let Some(day) = &day {
                if agg.first.as_ref().is_none_or(|f| day < f) {
                    agg.first = Some(day.clone());
                }
                if agg.last.as_ref().is_none_or(|l| day > l) {
                    agg.last = Some(day.clone());
                }
            }
            let name = actor.refers_to.as_ref().unwrap_or(&actor.text);
            match agg.names.get_mut(name) {
                Some(n) => *n += 1,
                None => {
                    agg.names.insert(name.clone(), 1);
                }
            }
        }
        // Facts of the event: its counts, and fields beyond the known schema.
        if value.is_none() {
            for c in &e.counts {
                if let Ok(v) = serde_json::to_value(c) {
                    self.fact(&doc.id, e.sentence_index as i64, Some(id), "count", &v)?;
                }
            }
        }
        if let Some(Value::Object(map)) = value {
            for (k, v) in map {
                if k == "counts" {
                    for c in v.as_array().into_iter().flatten() {
                        self.fact(&doc.id, e.sentence_index as i64, Some(id), "count", c)?;
                    }
                } else if !CORE_FIELDS.contains(&k.as_str()) && !v.is_null() {
                    self.fact(&doc.id, e.sentence_index as i64, Some(id), k, v)?;
                }
            }
        }
        Ok(())
    }

    fn fact(&mut self, doc_id: &str, sentence_index: i64, event: Option<i64>, kind: &str, value: &Value) -> Result<()> {
        self.st.add_fact.execute(params![doc_id, sentence_index, event, kind, value.to_string()])?;
        Ok(())
    }

    /// Takes a document and everything derived from it out of the store.
    fn remove_document(&mut self, doc_id: &str) -> Result<()> {
        let mut gone: Vec<(i64, String)> = Vec::new();
        {
            let mut st = self.tx.prepare_cached("SELECT cluster_id, json FROM events WHERE doc_id = ?1")?;
            let rows = st.query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                gone.push(row?);
            }
        }
        let mut names: HashMap<(String, String), i64> = HashMap::new();
        let mut codes: HashMap<String, i64> = HashMap::new();
        for (cluster, json) in &gone {
            self.dirty.insert(*cluster);
            self.shrunk.insert(*cluster);
            let Ok(v) = serde_json::from_str::<Value>(json) else { continue };
            for side in ["source", "target"] {
                let Some(a) = v.get(side).filter(|a| a.is_object()) else { continue };
                let code = a.get("code").and_then(Value::as_str).unwrap_or("").to_string();
                let name = a.get("refers_to").and_then(Value::as_str).or(a.get("text").and_then(Value::as_str)).unwrap_or("");
                *codes.entry(code.clone()).or_default() += 1;
                *names.entry((code, name.to_string())).or_default() += 1;
            }
        }
        // The rules look again at the days that lose events.
        {
            let mut st = self.tx.prepare_cached(
                "SELECT day, coalesce(source_country, source), coalesce(target_country, target) FROM events
                 WHERE doc_id = ?1 AND day IS NOT NULL",
            )?;
            let rows = st.query_map([doc_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
            for row in rows {
                let (day, sk, tk) = row?;
                let dyad = if sk <= tk { (sk, tk) } else { (tk, sk) };
                if let Some(day) = alerts::day_num(&day).filter(|_| alerts::monitored(&dyad.0) && alerts::monitored(&dyad.1)) {
                    self.changes.mark(&dyad, day);
                    self.shrunk_dyads.insert(dyad);
                }
            }
        }
        for ((code, name), n) in names {
            self.tx
                .prepare_cached("UPDATE actor_names SET count = count - ?3 WHERE code = ?1 AND name = ?2")?
                .execute(params![code, name, n])?;
        }
        for (code, n) in codes {
            self.tx.prepare_cached("UPDATE actors SET mentions = mentions - ?2 WHERE code = ?1")?.execute(params![code, n])?;
        }
        self.tx.execute("DELETE FROM actor_names WHERE count <= 0", [])?;
        self.tx.execute("DELETE FROM actors WHERE mentions <= 0", [])?;
        self.tx
            .prepare_cached("DELETE FROM alert_events WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?1)")?
            .execute([doc_id])?;
        self.tx.prepare_cached("DELETE FROM facts WHERE doc_id = ?1")?.execute([doc_id])?;
        self.tx.prepare_cached("DELETE FROM events WHERE doc_id = ?1")?.execute([doc_id])?;
        self.tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?.execute([doc_id])?;
        Ok(())
    }

    /// A happening of the dyad on `day` added (`n` 1) or removed (-1), with
    /// its quad class and Goldstein score (negated when removed).
    fn month_changed(&mut self, a: &str, b: &str, day: Option<&str>, n: i64, quad_class: i64, goldstein: f64) {
        // As SQLite's `ifnull(substr(day, 1, 7), '')`.
        let month = day.map_or("", |d| d.get(..7).unwrap_or(d));
        let cell = self.months.entry((a.to_string(), b.to_string(), month.to_string())).or_default();
        cell.0 += n;
        cell.1 += if quad_class <= 2 { n } else { 0 };
        cell.2 += goldstein;
    }

    fn finish(&mut self, config: &crate::AlertConfig, cache: &mut alerts::DyadCache, stats: &mut IngestStats) -> Result<()> {
        for (code, a) in self.actors.drain() {
            self.tx
                .prepare_cached(
                    "INSERT INTO actors (code, country, role, provisional, mentions, first_day, last_day)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (code) DO UPDATE SET
                       country = coalesce(country, excluded.country),
                       role = coalesce(role, excluded.role),
                       provisional = max(provisional, excluded.provisional),
                       mentions = mentions + excluded.mentions,
                       first_day = min(coalesce(first_day, excluded.first_day), coalesce(excluded.first_day, first_day)),
                       last_day = max(coalesce(last_day, excluded.last_day), coalesce(excluded.last_day, last_day))",
                )?
                .execute(params![code, a.country, a.role, a.provisional, a.mentions, a.first, a.last])?;
            for (name, n) in a.names {
                self.tx
                    .prepare_cached(
                        "INSERT INTO actor_names (code, name, count) VALUES (?1, ?2, ?3)
                         ON CONFLICT (code, name) DO UPDATE SET count = count + excluded.count",
                    )?
                    .execute(params![code, name, n])?;
            }
        }
        let mut dirty: Vec<i64> = self.dirty.drain().collect();
        dirty.sort_unstable();
        for cluster in dirty {
            // Its counts again, from its members: those of a cluster this
            // batch made are known here; the others are a few rows to read.
            let (mentions, articles, sources, rep_event) = match self.fresh.get(&cluster).filter(|_| !self.shrunk.contains(&cluster)) {
                Some(members) => cluster_counts(members.iter().cloned()),
                None => {
                    let mut st = self.tx.prepare_cached(
                        "SELECT e.id, e.doc_id, coalesce(d.source, d.id) FROM events e JOIN documents d ON d.id = e.doc_id
                         WHERE e.cluster_id = ?1",
                    )?;
                    let members = st.query_map([cluster], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                    cluster_counts(members.collect::<rusqlite::Result<Vec<Member>>>()?)
                }
            };
            if mentions == 0 {
                let gone: (String, String, Option<String>, i64, f64) = self
                    .tx
                    .prepare_cached("DELETE FROM clusters WHERE id = ?1 RETURNING dyad_a, dyad_b, day, quad_class, goldstein")?
                    .query_row([cluster], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
                self.month_changed(&gone.0, &gone.1, gone.2.as_deref(), -1, gone.3, -gone.4);
                continue;
            }
            self.tx
                .prepare_cached("UPDATE clusters SET mentions = ?2, articles = ?3, sources = ?4, rep_event = ?5 WHERE id = ?1")?
                .execute(params![cluster, mentions, articles, sources, rep_event])?;
        }
        // The batch's changes to the dyad-months, in a fixed order (the
        // Goldstein sums are added in the same order whatever the hashing).
        let mut months: Vec<_> = self.months.drain().filter(|(_, v)| *v != (0, 0, 0.0)).collect();
        months.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        for ((a, b, month), (n, cooperative, goldstein)) in months {
            self.tx
                .prepare_cached(
                    "INSERT INTO dyad_months (dyad_a, dyad_b, month, happenings, cooperative, goldstein) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT DO UPDATE SET happenings = happenings + excluded.happenings,
                       cooperative = cooperative + excluded.cooperative, goldstein = goldstein + excluded.goldstein",
                )?
                .execute(params![a, b, month, n, cooperative, goldstein])?;
            if n < 0 {
                self.tx
                    .prepare_cached("DELETE FROM dyad_months WHERE dyad_a = ?1 AND dyad_b = ?2 AND month = ?3 AND happenings <= 0")?
                    .execute(params![a, b, month])?;
            }
        }
        // The cache forgets the dyads that lost events before it learns the
        // new ones: a forgotten dyad is read again, new events included.
        for dyad in &self.shrunk_dyads {
            cache.forget(dyad);
        }
        for e in self.added.drain(..) {
            cache.add(&e);
        }
        let changed = alerts::evaluate(self.tx, config, cache, &self.changes, &self.now)?;
        stats.alerts += changed.raised;
        stats.alerts_withdrawn += changed.withdrawn;
        Ok(())
    }
}

/// A cluster's member: its event id, its document, and the document's
/// publisher (the document itself when it names none).
type Member = (i64, String, String);

/// A cluster's `(mentions, articles, sources, rep_event)`: its events, their
/// distinct documents and publishers, and the first event.
fn cluster_counts(members: impl IntoIterator<Item = Member>) -> (i64, i64, i64, Option<i64>) {
    let (mut mentions, mut rep_event) = (0, None::<i64>);
    let (mut docs, mut publishers) = (HashSet::new(), HashSet::new());
    for (id, doc, publisher) in members {
        mentions += 1;
        rep_event = Some(rep_event.map_or(id, |m| m.min(id)));
        docs.insert(doc);
        publishers.insert(publisher);
    }
    (mentions, docs.len() as i64, publishers.len() as i64, rep_event)
}

/// An actor's code; "" when the event has no such actor.
fn code_of(actor: &Option<parley::ActorRef>) -> &str {
    actor.as_ref().map_or("", |a| a.code.as_str())
}

fn country_of(actor: &Option<parley::ActorRef>) -> Option<&str> {
    actor.as_ref().and_then(|a| a.country.as_deref())
}

/// The event's place, when enrichment gave one: `place: {name, country, lat, lon}`.
fn place_of(v: &Value) -> (Option<String>, Option<String>, Option<f64>, Option<f64>) {
    match v.get("place") {
        Some(Value::Object(p)) => (
            p.get("name").and_then(Value::as_str).map(str::to_string),
            p.get("country").and_then(Value::as_str).map(str::to_string),
            p.get("lat").and_then(Value::as_f64),
            p.get("lon").and_then(Value::as_f64),
        ),
        Some(Value::String(name)) => (Some(name.clone()), None, None, None),
        _ => (None, None, None, None),
    }
}
