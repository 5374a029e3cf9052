//! The read path: events, clusters, timelines, actors, alerts, facts, exports.

use crate::{Result, Store, StoreError};
use parley::{ActorCode, Role};
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::io::Write;

/// Count happenings (clusters, the default) or every report of them (mentions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Clusters,
    Mentions,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    Newest,
    Oldest,
}

/// Which events: every field is optional and they combine with AND. Actor
/// codes match as prefixes ("USA" matches USAGOV and USAMIL), as in CAMEO's
/// hierarchy.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Either side.
    pub actor: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Two actors, either direction unless `directed`.
    pub dyad: Option<(String, String)>,
    pub directed: bool,
    /// CAMEO code prefix ("19", "190", "0871").
    pub cameo: Option<String>,
    pub root: Option<String>,
    pub quad_class: Option<u8>,
    /// First and last day, inclusive, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Place name, case-insensitive.
    pub place: Option<String>,
    /// Words the sentence contains (case-insensitive substring).
    pub text: Option<String>,
    pub doc_id: Option<String>,
    pub unit: Unit,
    pub order: Order,
}

/// Which alerts: every field is optional and they combine with AND.
#[derive(Clone, Debug, Default)]
pub struct AlertFilter {
    /// `first_of_kind`, `spike` or `goldstein_turn`.
    pub rule: Option<String>,
    /// Either side's key.
    pub actor: Option<String>,
    /// Both sides, in either order.
    pub dyad: Option<(String, String)>,
    /// First and last day, inclusive, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A page of rows; `next_offset` is set when more follow.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub offset: usize,
    pub limit: usize,
    pub next_offset: Option<usize>,
}

impl<T> Page<T> {
    /// A page from `limit + 1` fetched rows: the extra row, if there is one,
    /// only tells that a next page exists.
    fn from_overfetch(mut rows: Vec<T>, limit: usize, offset: usize) -> Page<T> {
        let more = rows.len() > limit;
        rows.truncate(limit);
        Page { rows, offset, limit, next_offset: more.then_some(offset + limit) }
    }
}

/// One event as listed: its id, its cluster's counts, and the event's JSON.
#[derive(Clone, Debug, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub cluster_id: i64,
    pub mentions: i64,
    pub articles: i64,
    pub sources: i64,
    pub event: Value,
}

/// One event with its document, its cluster's reports and its alerts.
#[derive(Clone, Debug, Serialize)]
pub struct EventDetail {
    pub id: i64,
    pub event: Value,
    pub document: Value,
    pub cluster: Value,
    pub alerts: Vec<i64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    #[default]
    Month,
}

impl Granularity {
    pub fn parse(s: &str) -> Option<Granularity> {
        match s {
            "day" => Some(Granularity::Day),
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            _ => None,
        }
    }
}

/// A timeline: an actor's, or a dyad's.
#[derive(Clone, Debug, Default)]
pub struct TimelineQuery {
    pub filter: EventFilter,
    pub granularity: Granularity,
}

/// One period of a timeline.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Bucket {
    /// `YYYY-MM-DD` (day; for a week its Monday) or `YYYY-MM`.
    pub period: String,
    /// Counts by quad class 1..4.
    pub quad: [i64; 4],
    pub total: i64,
    pub cooperation: i64,
    pub conflict: i64,
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorRow {
    pub code: String,
    pub country: Option<String>,
    pub role: Option<Role>,
    pub provisional: bool,
    pub mentions: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub names: Vec<(String, i64)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorSummary {
    pub actor: ActorRow,
    /// Clusters with it as source, by quad class 1..4.
    pub as_source: [i64; 4],
    pub as_target: [i64; 4],
    pub goldstein_mean: Option<f64>,
    /// The actors it deals with most, with cluster counts.
    pub partners: Vec<Value>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DyadRow {
    pub a: String,
    pub b: String,
    pub clusters: i64,
    pub mentions: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AlertRow {
    pub id: i64,
    pub rule: String,
    pub actor_a: String,
    pub actor_b: String,
    pub day: String,
    pub score: f64,
    pub message: String,
    pub detail: Value,
    pub events: Vec<i64>,
    pub created_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FactRow {
    pub id: i64,
    pub doc_id: String,
    pub sentence_index: i64,
    pub event_id: Option<i64>,
    pub kind: String,
    pub value: Value,
}

#[derive(Clone, Debug, Serialize)]
pub struct StoreStats {
    pub documents: i64,
    pub events: i64,
    pub clusters: i64,
    pub actors: i64,
    pub alerts: i64,
    pub facts: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub schema_version: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Tsv,
    Jsonl,
}

/// The exclusive upper bound of strings that start with `p`.
fn prefix_end(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

pub(crate) struct Where {
    sql: Vec<String>,
    pub(crate) args: Vec<Sql>,
}

impl Where {
    pub(crate) fn new() -> Where {
        Where { sql: Vec::new(), args: Vec::new() }
    }
    fn arg(&mut self, v: impl Into<Sql>) -> String {
        self.args.push(v.into());
        format!("?{}", self.args.len())
    }
    /// The condition `lhs ?n` on one value: `compare("c.day >=", from)`.
    fn compare(&mut self, lhs: &str, v: impl Into<Sql>) {
        let a = self.arg(v);
        self.sql.push(format!("{lhs} {a}"));
    }
    /// `LIMIT ?n OFFSET ?m` for one row more than `limit`, which only tells
    /// whether a next page exists (see [`Page::from_overfetch`]).
    fn overfetch(&mut self, limit: usize, offset: usize) -> String {
        let lim = self.arg((limit + 1) as i64);
        let off = self.arg(offset as i64);
        format!("LIMIT {lim} OFFSET {off}")
    }
    fn prefix(&mut self, col: &str, p: &str) -> String {
        let lo = self.arg(p.to_string());
        let hi = self.arg(prefix_end(p));
        format!("({col} >= {lo} AND {col} < {hi})")
    }
    pub(crate) fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

fn like_pattern(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Conditions on clusters `c` (and, for mentions, events `e`).
pub(crate) fn filter_where(f: &EventFilter, w: &mut Where) {
    if let Some(a) = &f.actor {
        let s = w.prefix("c.source", a);
        let t = w.prefix("c.target", a);
        w.sql.push(format!("({s} OR {t})"));
    }
    if let Some(s) = &f.source {
        let c = w.prefix("c.source", s);
        w.sql.push(c);
    }
    if let Some(t) = &f.target {
        let c = w.prefix("c.target", t);
        w.sql.push(c);
    }
    if let Some((a, b)) = &f.dyad {
        // Two countries: the pair index (dyad keys, then day) finds the
        // dyad's clusters already in date order; the prefix conditions below
        // keep the meaning exact.
        let country = |s: &str| s.parse::<ActorCode>().is_ok_and(|c| !c.is_provisional() && c.country() == Some(s));
        if country(a) && country(b) {
            let (x, y) = if a <= b { (a, b) } else { (b, a) };
            let x = w.arg(x.clone());
            let y = w.arg(y.clone());
            w.sql.push(format!("c.dyad_a = {x} AND c.dyad_b = {y}"));
        }
        let ab = format!("({} AND {})", w.prefix("c.source", a), w.prefix("c.target", b));
        if f.directed {
            w.sql.push(ab);
        } else {
            let ba = format!("({} AND {})", w.prefix("c.source", b), w.prefix("c.target", a));
            w.sql.push(format!("({ab} OR {ba})"));
        }
    }
    if let Some(code) = &f.cameo {
        let c = w.prefix("c.cameo", code);
        w.sql.push(c);
    }
    if let Some(root) = &f.root {
        w.compare("c.root =", root.clone());
    }
    if let Some(q) = f.quad_class {
        w.compare("c.quad_class =", q as i64);
    }
    if let Some(from) = &f.from {
        w.compare("c.day >=", from.clone());
    }
    if let Some(to) = &f.to {
        w.compare("c.day <=", to.clone());
    }
    if let Some(place) = &f.place {
        let a = w.arg(place.clone());
        w.sql.push(format!("c.place = {a} COLLATE NOCASE"));
    }
    let events_of = if f.unit == Unit::Mentions { "e" } else { "x" };
    if let Some(text) = &f.text {
        let a = w.arg(like_pattern(text));
        if f.unit == Unit::Mentions {
            w.sql.push(format!("e.sentence LIKE {a} ESCAPE '\\'"));
        } else {
            w.sql.push(format!("EXISTS (SELECT 1 FROM events x WHERE x.cluster_id = c.id AND x.sentence LIKE {a} ESCAPE '\\')"));
        }
    }
    if let Some(doc) = &f.doc_id {
        let a = w.arg(doc.clone());
        if f.unit == Unit::Mentions {
            w.sql.push(format!("{events_of}.doc_id = {a}"));
        } else {
            w.sql.push(format!("EXISTS (SELECT 1 FROM events x WHERE x.cluster_id = c.id AND x.doc_id = {a})"));
        }
    }
}

fn events_sql(f: &EventFilter, w: &mut Where, tail: &str) -> String {
    events_sql_with(f, w, tail, "")
}

/// A page (`tail` is `LIMIT ... OFFSET ...`): the page's clusters (or
/// events) are found and ordered first, on the narrow rows of `clusters`
/// (and `events`' ids), and only the page's rows are joined to their JSON and
/// documents: a busy actor's page no longer sorts every event it has with
/// its JSON. `index` may force the scan (`INDEXED BY clusters_day`).
fn page_sql(f: &EventFilter, w: &mut Where, tail: &str, index: &str) -> String {
    filter_where(f, w);
    match f.unit {
        Unit::Clusters => {
            let order = match f.order {
                Order::Newest => "c.day DESC, c.rep_event DESC",
                Order::Oldest => "c.day ASC, c.rep_event ASC",
            };
            let outer = match f.order {
                Order::Newest => "c.day DESC, e.id DESC",
                Order::Oldest => "c.day ASC, e.id ASC",
            };
            format!(
                "SELECT e.id, c.id, c.mentions, c.articles, c.sources, e.json, c.place, e.lat, e.lon, d.url
                 FROM (SELECT c.id AS cid FROM clusters c {index} {} ORDER BY {order} {tail}) p
                 JOIN clusters c ON c.id = p.cid JOIN events e ON e.id = c.rep_event JOIN documents d ON d.id = e.doc_id
                 ORDER BY {outer}",
                w.clause()
            )
        }
        Unit::Mentions => {
            let order = match f.order {
                Order::Newest => "c.day DESC, e.id DESC",
                Order::Oldest => "c.day ASC, e.id ASC",
            };
            format!(
                "SELECT e.id, c.id, c.mentions, c.articles, c.sources, e.json, c.place, e.lat, e.lon, d.url
                 FROM (SELECT e.id AS eid FROM clusters c {index} JOIN events e ON e.cluster_id = c.id {} ORDER BY {order} {tail}) p
                 JOIN events e ON e.id = p.eid JOIN clusters c ON c.id = e.cluster_id JOIN documents d ON d.id = e.doc_id
                 ORDER BY {order}",
                w.clause()
            )
        }
    }
}

fn events_sql_with(f: &EventFilter, w: &mut Where, tail: &str, index: &str) -> String {
    filter_where(f, w);
    let join = match f.unit {
        Unit::Clusters => "e.id = c.rep_event",
        Unit::Mentions => "e.cluster_id = c.id",
    };
    let order = match f.order {
        Order::Newest => "c.day DESC, e.id DESC",
        Order::Oldest => "c.day ASC, e.id ASC",
    };
    format!(
        "SELECT e.id, c.id, c.mentions, c.articles, c.sources, e.json, c.place, e.lat, e.lon, d.url
         FROM clusters c {index} JOIN events e ON {join} JOIN documents d ON d.id = e.doc_id {} ORDER BY {order} {tail}",
        w.clause()
    )
}

fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    let json: String = r.get(5)?;
    Ok(EventRow {
        id: r.get(0)?,
        cluster_id: r.get(1)?,
        mentions: r.get(2)?,
        articles: r.get(3)?,
        sources: r.get(4)?,
        event: serde_json::from_str(&json).unwrap_or(Value::Null),
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Columns of the CSV export.
pub const CSV_HEADER: &str =
    "id,cluster_id,date,source,target,cameo,root,quad_class,goldstein,event_name,mentions,sources,articles,doc_id,place,lat,lon,sentence";
/// Columns of the GDELT-style TSV export (GDELT 2.0 event names where one exists).
pub const TSV_HEADER: &str = "GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1Name\tActor1CountryCode\tActor2Code\tActor2Name\tActor2CountryCode\tEventCode\tEventRootCode\tQuadClass\tGoldsteinScale\tNumMentions\tNumSources\tNumArticles\tActionGeo_FullName\tActionGeo_Lat\tActionGeo_Long\tDocId\tSOURCEURL\tSentence";

impl Store {
    /// A page of events (one per cluster unless `filter.unit` is mentions).
    pub fn events(&self, filter: &EventFilter, limit: usize, offset: usize) -> Result<Page<EventRow>> {
        let (sql, args) = self.page_query(filter, limit, offset)?;
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args.iter()), event_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::from_overfetch(rows, limit, offset))
    }

    /// The SQL of a page of events (one row over `limit`) and its arguments.
    fn page_query(&self, filter: &EventFilter, limit: usize, offset: usize) -> Result<(String, Vec<Sql>)> {
        let mut w = Where::new();
        let tail = w.overfetch(limit, offset);
        let index = self.page_index(filter, limit, offset)?;
        Ok((page_sql(filter, &mut w, &tail, index), w.args))
    }

    /// A page of events as JSON text, `{"rows": [...], "offset", "limit",
    /// "next_offset"[, "total"]}`, each event's stored JSON copied as is
    /// (the server's fast path: nothing is parsed again).
    pub fn events_json(&self, filter: &EventFilter, limit: usize, offset: usize, total: bool) -> Result<String> {
        let (sql, args) = self.page_query(filter, limit, offset)?;
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args.iter()))?;
        let mut out = String::from("{\"rows\":[");
        let mut n = 0;
        while let Some(r) = rows.next()? {
            if n == limit {
                n += 1;
                break;
            }
            if n > 0 {
                out.push(',');
            }
            let json: String = r.get(5)?;
            out.push_str(&format!(
                "{{\"id\":{},\"cluster_id\":{},\"mentions\":{},\"articles\":{},\"sources\":{},\"event\":{}}}",
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                json
            ));
            n += 1;
        }
        let next = if n > limit { (offset + limit).to_string() } else { "null".into() };
        out.push_str(&format!("],\"offset\":{offset},\"limit\":{limit},\"next_offset\":{next}"));
        if total {
            out.push_str(&format!(",\"total\":{}", self.count_events(filter)?));
        }
        out.push('}');
        Ok(out)
    }

    /// How a page of `filter` should find its rows. A page of a busy actor
    /// (its codes' mentions, from `actors`, against the page's end and the
    /// store's events) reads clusters newest first by day and stops at the
    /// page's end, instead of sorting all of the actor's; a rare actor's (or
    /// a dyad's) rows are fewer than such a scan would read, so its index
    /// serves.
    fn page_index(&self, filter: &EventFilter, limit: usize, offset: usize) -> Result<&'static str> {
        if filter.dyad.is_some() {
            return Ok("");
        }
        let mut estimate: Option<i64> = None;
        for p in [&filter.actor, &filter.source, &filter.target].into_iter().flatten() {
            let n: i64 = self
                .conn
                .prepare_cached("SELECT coalesce(sum(mentions), 0) FROM actors WHERE code >= ?1 AND code < ?2")?
                .query_row(params![p, prefix_end(p)], |r| r.get(0))?;
            estimate = Some(estimate.map_or(n, |e| e.min(n)));
        }
        let Some(estimate) = estimate else { return Ok("") };
        let events: i64 = self.conn.prepare_cached("SELECT coalesce(max(id), 0) FROM events")?.query_row([], |r| r.get(0))?;
        // Sorting the actor's rows costs about `estimate`; scanning by day
        // about `rows * events / estimate` (times what other filters leave
        // out, hence the margin of 4).
        let rows = (limit + offset + 1) as f64;
        let estimate = estimate as f64;
        Ok(if estimate >= 1000.0 && estimate * estimate >= 4.0 * rows * events as f64 { "INDEXED BY clusters_day" } else { "" })
    }

    /// How many events (or clusters) match.
    pub fn count_events(&self, filter: &EventFilter) -> Result<i64> {
        let mut w = Where::new();
        let sql = format!("SELECT count(*) FROM ({})", events_sql(filter, &mut w, ""));
        Ok(self.conn.prepare_cached(&sql)?.query_row(params_from_iter(w.args.iter()), |r| r.get(0))?)
    }

    /// Writes every matching event to `out`, row by row.
    pub fn export(&self, filter: &EventFilter, format: ExportFormat, limit: Option<usize>, out: &mut dyn Write) -> Result<usize> {
        let mut w = Where::new();
        let tail = match limit {
            Some(n) => {
                let a = w.arg(n as i64);
                format!("LIMIT {a}")
            }
            None => String::new(),
        };
        let sql = events_sql(filter, &mut w, &tail);
        let io = |e: std::io::Error| StoreError(format!("export: {e}"));
        match format {
            ExportFormat::Csv => writeln!(out, "{CSV_HEADER}").map_err(io)?,
            ExportFormat::Tsv => writeln!(out, "{TSV_HEADER}").map_err(io)?,
            ExportFormat::Jsonl => {}
        }
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(w.args.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let row = event_row(r)?;
            let place: Option<String> = r.get(6)?;
            let lat: Option<f64> = r.get(7)?;
            let lon: Option<f64> = r.get(8)?;
            let url: Option<String> = r.get(9)?;
            let e = &row.event;
            let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let actor = |side: &str, k: &str| e.get(side).and_then(|a| a.get(k)).and_then(Value::as_str).unwrap_or("").to_string();
            let num = |k: &str| e.get(k).map(|v| v.to_string()).unwrap_or_default();
            let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            match format {
                ExportFormat::Jsonl => {
                    let mut obj = match row.event.clone() {
                        Value::Object(m) => m,
                        _ => Map::new(),
                    };
                    obj.insert("id".into(), json!(row.id));
                    obj.insert("cluster_id".into(), json!(row.cluster_id));
                    obj.insert("mentions".into(), json!(row.mentions));
                    obj.insert("sources".into(), json!(row.sources));
                    obj.insert("articles".into(), json!(row.articles));
                    serde_json::to_writer(&mut *out, &obj).map_err(|e| StoreError(format!("export: {e}")))?;
                    out.write_all(b"\n").map_err(io)?;
                }
                ExportFormat::Csv => {
                    let fields = [
                        row.id.to_string(),
                        row.cluster_id.to_string(),
                        s("date"),
                        actor("source", "code"),
                        actor("target", "code"),
                        s("cameo"),
                        s("root"),
                        num("quad_class"),
                        num("goldstein"),
                        s("event_name"),
                        row.mentions.to_string(),
                        row.sources.to_string(),
                        row.articles.to_string(),
                        s("doc_id"),
                        place.clone().unwrap_or_default(),
                        opt(lat),
                        opt(lon),
                        s("sentence"),
                    ];
                    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                    writeln!(out, "{}", line.join(",")).map_err(io)?;
                }
                ExportFormat::Tsv => {
                    let fields = [
                        row.id.to_string(),
                        s("date").replace('-', ""),
                        actor("source", "code"),
                        actor("source", "text"),
                        actor("source", "country"),
                        actor("target", "code"),
                        actor("target", "text"),
                        actor("target", "country"),
                        s("cameo"),
                        s("root"),
                        num("quad_class"),
                        num("goldstein"),
                        row.mentions.to_string(),
                        row.sources.to_string(),
                        row.articles.to_string(),
                        place.clone().unwrap_or_default(),
                        opt(lat),
                        opt(lon),
                        s("doc_id"),
                        url.unwrap_or_default(),
                        s("sentence"),
                    ];
                    let line: Vec<String> = fields.iter().map(|f| tsv_field(f)).collect();
                    writeln!(out, "{}", line.join("\t")).map_err(io)?;
                }
            }
            n += 1;
        }
        Ok(n)
    }

    /// One event, with its document and every report of its cluster.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>> {
        let found: Option<(String, i64, String)> = self
            .conn
            .prepare_cached("SELECT json, cluster_id, doc_id FROM events WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((json, cluster_id, doc_id)) = found else { return Ok(None) };
        let document = self
            .conn
            .prepare_cached("SELECT id, date, title, url, source, text_hash, n_events, ingested_at FROM documents WHERE id = ?1")?
            .query_row([&doc_id], |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?, "date": r.get::<_, Option<String>>(1)?, "title": r.get::<_, Option<String>>(2)?,
                    "url": r.get::<_, Option<String>>(3)?, "source": r.get::<_, Option<String>>(4)?,
                    "text_hash": r.get::<_, String>(5)?, "n_events": r.get::<_, i64>(6)?, "ingested_at": r.get::<_, String>(7)?,
                }))
            })
            .optional()?
            .unwrap_or(Value::Null);
        let mut cluster = self
            .conn
            .prepare_cached(
                "SELECT id, day, date, source, target, cameo, quad_class, goldstein, place, rep_event, mentions, articles, sources
                 FROM clusters WHERE id = ?1",
            )?
            .query_row([cluster_id], |r| {
                Ok(json!({
                    "id": r.get::<_, i64>(0)?, "day": r.get::<_, Option<String>>(1)?, "date": r.get::<_, Option<String>>(2)?,
                    "source": r.get::<_, String>(3)?, "target": r.get::<_, String>(4)?, "cameo": r.get::<_, String>(5)?,
                    "quad_class": r.get::<_, i64>(6)?, "goldstein": r.get::<_, f64>(7)?, "place": r.get::<_, Option<String>>(8)?,
                    "rep_event": r.get::<_, i64>(9)?, "mentions": r.get::<_, i64>(10)?, "articles": r.get::<_, i64>(11)?,
                    "sources": r.get::<_, i64>(12)?,
                }))
            })
            .optional()?
            .unwrap_or(Value::Null);
        let mut st = self.conn.prepare_cached(
            "SELECT e.id, e.doc_id, e.sentence_index, e.sentence, e.date, d.source, d.url, d.title
             FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.cluster_id = ?1 ORDER BY e.id LIMIT 200",
        )?;
        let reports: Vec<Value> = st
            .query_map([cluster_id], |r| {
                Ok(json!({
                    "event_id": r.get::<_, i64>(0)?, "doc_id": r.get::<_, String>(1)?, "sentence_index": r.get::<_, i64>(2)?,
                    "sentence": r.get::<_, String>(3)?, "date": r.get::<_, Option<String>>(4)?,
                    "publisher": r.get::<_, Option<String>>(5)?, "url": r.get::<_, Option<String>>(6)?,
                    "title": r.get::<_, Option<String>>(7)?,
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if let Value::Object(m) = &mut cluster {
            m.insert("reports".into(), Value::Array(reports));
        }
        let mut st = self.conn.prepare_cached("SELECT alert_id FROM alert_events WHERE event_id = ?1 ORDER BY alert_id")?;
        let alerts = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(Some(EventDetail { id, event: serde_json::from_str(&json).unwrap_or(Value::Null), document, cluster, alerts }))
    }

    /// Counts per period, by quad class, with Goldstein sum and mean.
    /// Periods without events are filled in (up to 5,000 of them).
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Vec<Bucket>> {
        let mut w = Where::new();
        let mut f = q.filter.clone();
        f.text = None;
        f.doc_id = None;
        filter_where(&f, &mut w);
        w.sql.push("c.day IS NOT NULL".into());
        let period = match q.granularity {
            Granularity::Day => "c.day",
            Granularity::Week => "date(c.day, '-' || ((CAST(strftime('%w', c.day) AS INTEGER) + 6) % 7) || ' days')",
            Granularity::Month => "substr(c.day, 1, 7)",
        };
        let (count, gold) = match f.unit {
            Unit::Clusters => ("count(*)", "sum(c.goldstein)"),
            Unit::Mentions => ("sum(c.mentions)", "sum(c.goldstein * c.mentions)"),
        };
        let sql = format!(
            "SELECT {period} AS p, c.quad_class, {count}, {gold} FROM clusters c {} GROUP BY p, c.quad_class ORDER BY p",
            w.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(w.args.iter()))?;
        let mut buckets: Vec<Bucket> = Vec::new();
        while let Some(r) = rows.next()? {
            let p: String = r.get(0)?;
            let quad: i64 = r.get(1)?;
            let n: i64 = r.get(2)?;
            let g: f64 = r.get::<_, Option<f64>>(3)?.unwrap_or(0.0);
            if buckets.last().is_none_or(|b| b.period != p) {
                buckets.push(Bucket { period: p, ..Default::default() });
            }
            let b = buckets.last_mut().expect("pushed");
            if (1..=4).contains(&quad) {
                b.quad[(quad - 1) as usize] += n;
            }
            b.total += n;
            b.goldstein_sum += g;
        }
        for b in &mut buckets {
            b.cooperation = b.quad[0] + b.quad[1];
            b.conflict = b.quad[2] + b.quad[3];
            b.goldstein_mean = (b.total > 0).then(|| b.goldstein_sum / b.total as f64);
        }
        Ok(fill_gaps(buckets, q.granularity))
    }

    /// Actors by mentions; `search` matches codes and names.
    pub fn actors(&self, search: Option<&str>, limit: usize, offset: usize) -> Result<Page<ActorRow>> {
        let mut w = Where::new();
        if let Some(s) = search {
            let a = w.arg(like_pattern(s));
            w.sql.push(format!(
                "(a.code LIKE {a} ESCAPE '\\' OR EXISTS (SELECT 1 FROM actor_names n WHERE n.code = a.code AND n.name LIKE {a} ESCAPE '\\'))"
            ));
        }
        let tail = w.overfetch(limit, offset);
        let sql = format!(
            "SELECT a.code, a.country, a.role, a.provisional, a.mentions, a.first_day, a.last_day FROM actors a {}
             ORDER BY a.mentions DESC, a.code {tail}",
            w.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(w.args.iter()), actor_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut page = Page::from_overfetch(rows, limit, offset);
        for row in &mut page.rows {
            row.names = self.actor_names(&row.code, 5)?;
        }
        Ok(page)
    }

    fn actor_names(&self, code: &str, n: usize) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn.prepare_cached("SELECT name, count FROM actor_names WHERE code = ?1 ORDER BY count DESC, name LIMIT ?2")?;
        let names = st.query_map(params![code, n as i64], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// What one actor did and had done to it.
    pub fn actor(&self, code: &str) -> Result<Option<ActorSummary>> {
        let row = self
            .conn
            .prepare_cached("SELECT code, country, role, provisional, mentions, first_day, last_day FROM actors WHERE code = ?1")?
            .query_row([code], actor_row)
            .optional()?;
        let Some(mut actor) = row else { return Ok(None) };
        actor.names = self.actor_names(code, 20)?;
        let mut as_source = [0i64; 4];
        let mut as_target = [0i64; 4];
        let (mut gsum, mut gn) = (0.0, 0i64);
        for (col, counts) in [("source", &mut as_source), ("target", &mut as_target)] {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT quad_class, count(*), sum(goldstein) FROM clusters WHERE {col} = ?1 GROUP BY quad_class"
            ))?;
            let mut rows = st.query([code])?;
            while let Some(r) = rows.next()? {
                let q: i64 = r.get(0)?;
                let n: i64 = r.get(1)?;
                if (1..=4).contains(&q) {
                    counts[(q - 1) as usize] += n;
                }
                gn += n;
                gsum += r.get::<_, Option<f64>>(2)?.unwrap_or(0.0);
            }
        }
        let mut st = self.conn.prepare_cached(
            "SELECT partner, sum(n), sum(g) FROM (
               SELECT target AS partner, count(*) AS n, sum(goldstein) AS g FROM clusters WHERE source = ?1 AND target <> '' GROUP BY target
               UNION ALL
               SELECT source, count(*), sum(goldstein) FROM clusters WHERE target = ?1 AND source <> '' GROUP BY source)
             GROUP BY partner ORDER BY sum(n) DESC, partner LIMIT 10",
        )?;
        let partners = st
            .query_map([code], |r| {
                let n: i64 = r.get(1)?;
                let g: f64 = r.get::<_, Option<f64>>(2)?.unwrap_or(0.0);
                Ok(json!({"code": r.get::<_, String>(0)?, "clusters": n, "goldstein_mean": if n > 0 { g / n as f64 } else { 0.0 }}))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(ActorSummary {
            actor,
            as_source,
            as_target,
            goldstein_mean: (gn > 0).then(|| gsum / gn as f64),
            partners,
        }))
    }

    /// Dyads (actor keys, unordered) by number of clusters.
    pub fn dyads(&self, actor: Option<&str>, limit: usize) -> Result<Vec<DyadRow>> {
        let mut w = Where::new();
        w.sql.push("c.dyad_a <> '' AND c.dyad_b <> '' AND c.dyad_a <> c.dyad_b".into());
        if let Some(a) = actor {
            let x = w.arg(a.to_string());
            w.sql.push(format!("(c.dyad_a = {x} OR c.dyad_b = {x})"));
        }
        let lim = w.arg(limit as i64);
        let sql = format!(
            "SELECT c.dyad_a, c.dyad_b, count(*), sum(c.mentions), min(c.day), max(c.day) FROM clusters c {}
             GROUP BY c.dyad_a, c.dyad_b ORDER BY count(*) DESC, c.dyad_a, c.dyad_b LIMIT {lim}",
            w.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st
            .query_map(params_from_iter(w.args.iter()), |r| {
                Ok(DyadRow {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    clusters: r.get(2)?,
                    mentions: r.get(3)?,
                    first_day: r.get(4)?,
                    last_day: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Alerts, newest day first.
    pub fn alerts(&self, filter: &AlertFilter, limit: usize, offset: usize) -> Result<Page<AlertRow>> {
        let AlertFilter { rule, actor, dyad, from, to } = filter;
        let mut w = Where::new();
        if let Some(r) = rule {
            w.compare("rule =", r.to_string());
        }
        if let Some(x) = actor {
            let a = w.arg(x.to_string());
            w.sql.push(format!("(actor_a = {a} OR actor_b = {a})"));
        }
        if let Some((x, y)) = dyad {
            let (x, y) = if x <= y { (x, y) } else { (y, x) };
            let a = w.arg(x.to_string());
            let b = w.arg(y.to_string());
            w.sql.push(format!("actor_a = {a} AND actor_b = {b}"));
        }
        if let Some(d) = from {
            w.compare("day >=", d.to_string());
        }
        if let Some(d) = to {
            w.compare("day <=", d.to_string());
        }
        let tail = w.overfetch(limit, offset);
        let sql = format!(
            "SELECT id, rule, actor_a, actor_b, day, score, message, detail, created_at FROM alerts {}
             ORDER BY day DESC, id DESC {tail}",
            w.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st
            .query_map(params_from_iter(w.args.iter()), |r| {
                let detail: String = r.get(7)?;
                Ok(AlertRow {
                    id: r.get(0)?,
                    rule: r.get(1)?,
                    actor_a: r.get(2)?,
                    actor_b: r.get(3)?,
                    day: r.get(4)?,
                    score: r.get(5)?,
                    message: r.get(6)?,
                    detail: serde_json::from_str(&detail).unwrap_or(Value::Null),
                    events: Vec::new(),
                    created_at: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut page = Page::from_overfetch(rows, limit, offset);
        let mut st = self.conn.prepare_cached("SELECT event_id FROM alert_events WHERE alert_id = ?1 ORDER BY event_id")?;
        for row in &mut page.rows {
            row.events = st.query_map([row.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        }
        Ok(page)
    }

    /// Facts, by document and kind.
    pub fn facts(&self, doc_id: Option<&str>, kind: Option<&str>, limit: usize, offset: usize) -> Result<Page<FactRow>> {
        let mut w = Where::new();
        if let Some(d) = doc_id {
            w.compare("doc_id =", d.to_string());
        }
        if let Some(k) = kind {
            w.compare("kind =", k.to_string());
        }
        let tail = w.overfetch(limit, offset);
        let sql = format!("SELECT id, doc_id, sentence_index, event_id, kind, value FROM facts {} ORDER BY id {tail}", w.clause());
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st
            .query_map(params_from_iter(w.args.iter()), |r| {
                let v: String = r.get(5)?;
                Ok(FactRow {
                    id: r.get(0)?,
                    doc_id: r.get(1)?,
                    sentence_index: r.get(2)?,
                    event_id: r.get(3)?,
                    kind: r.get(4)?,
                    value: serde_json::from_str(&v).unwrap_or(Value::Null),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::from_overfetch(rows, limit, offset))
    }

    /// One stored document's metadata.
    pub fn document(&self, id: &str) -> Result<Option<Value>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, date, title, url, source, text_hash, n_events, ingested_at FROM documents WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?, "date": r.get::<_, Option<String>>(1)?, "title": r.get::<_, Option<String>>(2)?,
                    "url": r.get::<_, Option<String>>(3)?, "source": r.get::<_, Option<String>>(4)?,
                    "text_hash": r.get::<_, String>(5)?, "n_events": r.get::<_, i64>(6)?, "ingested_at": r.get::<_, String>(7)?,
                }))
            })
            .optional()?)
    }

    /// Counts of everything.
    pub fn stats(&self) -> Result<StoreStats> {
        let n = |t: &str| -> Result<i64> { Ok(self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?) };
        let (first_day, last_day) = self.conn.query_row("SELECT min(day), max(day) FROM clusters", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(StoreStats {
            documents: n("documents")?,
            events: n("events")?,
            clusters: n("clusters")?,
            actors: n("actors")?,
            alerts: n("alerts")?,
            facts: n("facts")?,
            first_day,
            last_day,
            schema_version: self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        })
    }
}

fn actor_row(r: &Row) -> rusqlite::Result<ActorRow> {
    Ok(ActorRow {
        code: r.get(0)?,
        country: r.get(1)?,
        // The store keeps the roles of parley's output, which are codes.
        role: r.get::<_, Option<String>>(2)?.and_then(|code| code.parse().ok()),
        provisional: r.get(3)?,
        mentions: r.get(4)?,
        first_day: r.get(5)?,
        last_day: r.get(6)?,
        names: Vec::new(),
    })
}

fn fill_gaps(buckets: Vec<Bucket>, g: Granularity) -> Vec<Bucket> {
    use chrono::{Datelike, NaiveDate};
    let parse = |p: &str| -> Option<NaiveDate> {
        match g {
            Granularity::Month => NaiveDate::parse_from_str(&format!("{p}-01"), "%Y-%m-%d").ok(),
            _ => NaiveDate::parse_from_str(p, "%Y-%m-%d").ok(),
        }
    };
    let next = |d: NaiveDate| -> NaiveDate {
        match g {
            Granularity::Day => d + chrono::Duration::days(1),
            Granularity::Week => d + chrono::Duration::days(7),
            Granularity::Month => {
                let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
            }
        }
    };
    let fmt = |d: NaiveDate| match g {
        Granularity::Month => d.format("%Y-%m").to_string(),
        _ => d.format("%Y-%m-%d").to_string(),
    };
    let (Some(first), Some(last)) = (buckets.first().and_then(|b| parse(&b.period)), buckets.last().and_then(|b| parse(&b.period)))
    else {
        return buckets;
    };
    let mut out = Vec::new();
    let mut it = buckets.into_iter().peekable();
    let mut d = first;
    while d <= last && out.len() < 5000 {
        let p = fmt(d);
        match it.peek() {
            Some(b) if b.period == p => out.push(it.next().expect("peeked")),
            _ => out.push(Bucket { period: p, ..Default::default() }),
        }
        d = next(d);
    }
    out.extend(it);
    out
}
