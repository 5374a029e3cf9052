//! What the analyst opens first: the overview (`/api/overview`), the actor
//! network (`/api/network`) and the situation brief (`/api/brief`).
//!
//! The overview and the network read one aggregate: every dyad's happenings
//! per period, cooperative or conflictual, from the covering pair index
//! (`clusters_pair`), in one pass over the store. On a store of millions of
//! happenings that pass is the cost, so its answer is kept per query and
//! reused until the store changes (its stamp: the largest cluster, event and
//! alert ids, each read in O(log n)).

use crate::params::{ApiError, Params};
use crate::{json_ok, App, Reply};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use parley_brief::{Brief, BriefQuery, Day, Format, Subject};
use parley_store::{Connection, Store};
use serde::Serialize;
use serde_json::{json, Value};
use chrono::Datelike;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub const NETWORK_PARAMS: &[&str] = &["from", "to", "min_events", "limit"];
pub const OVERVIEW_PARAMS: &[&str] = &["from", "to", "limit"];
pub const BRIEF_PARAMS: &[&str] = &["dyad", "actor", "from", "to", "format"];

/// A dyad of actor keys (country when known, else code) and its happenings.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    pub a: String,
    pub b: String,
    /// Happenings (clusters).
    pub events: i64,
    pub cooperative: i64,
    pub conflictual: i64,
    pub goldstein_mean: f64,
}

/// An actor key with the happenings of its dyads.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    pub code: String,
    pub name: String,
    pub events: i64,
    pub goldstein_mean: f64,
}

/// One period of a sparkline.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Spark {
    pub period: String,
    pub cooperative: i64,
    pub conflictual: i64,
}

/// One dyad's period: cooperative and conflictual happenings, Goldstein sum.
type Cell = (i64, i64, f64);

/// Every dyad's happenings per period: what the overview and the network read.
struct Matrix {
    /// `(a, b)` -> period -> (cooperative, conflictual, Goldstein sum).
    cells: HashMap<(String, String), HashMap<String, Cell>>,
    periods: Vec<String>,
}

/// Whether the whole-history period is short enough for weeks rather than months.
fn weekly(conn: &Connection, from: Option<&str>, to: Option<&str>) -> rusqlite::Result<bool> {
    let (first, last): (Option<String>, Option<String>) =
        conn.query_row("SELECT min(day), max(day) FROM clusters", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let first = from.map(str::to_string).or(first);
    let last = to.map(str::to_string).or(last);
    let day = |d: &Option<String>| d.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    Ok(match (day(&first), day(&last)) {
        (Some(a), Some(b)) => (b - a).num_days() <= 180,
        _ => false,
    })
}

/// `condition` on clusters `c`, and their day within `from` and `to`, with
/// the parameters (`?1`, `?2`) it needs.
fn within(condition: &str, from: Option<&str>, to: Option<&str>) -> (String, Vec<String>) {
    let mut args: Vec<String> = Vec::new();
    let mut cond = condition.to_string();
    for (op, day) in [(">=", from), ("<=", to)] {
        if let Some(d) = day {
            args.push(d.to_string());
            cond += &format!(" AND c.day {op} ?{}", args.len());
        }
    }
    (cond, args)
}

/// The matrix; with `by_period` false, one period ("") per dyad: the
/// network needs no more. Months are read from the store's dyad-month
/// table (`dyad_months`, one row per dyad and month), and only the days of a
/// month that `from` or `to` cuts from the happenings themselves: the
/// network of a million-event store reads about 40,000 rows instead of its
/// 333,000 happenings. Weeks (a period of 180 days or less) are read from
/// the happenings.
fn read_matrix(conn: &Connection, from: Option<&str>, to: Option<&str>, by_period: bool) -> rusqlite::Result<Matrix> {
    if by_period && weekly(conn, from, to)? {
        return read_matrix_scan(conn, from, to, by_period);
    }
    let day = |d: Option<&str>| d.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (from_day, to_day) = (day(from), day(to));
    let first_of = |d: chrono::NaiveDate| d.with_day(1).expect("a month's first day");
    // The whole months in the period: from the month `from` starts (or the
    // next) to the month `to` ends (or the one before).
    let first_month = from_day.map(|d| if d.day() == 1 { d } else { first_of(d) + chrono::Months::new(1) });
    let end_month = to_day.map(|d| first_of(d + chrono::Days::new(1))); // the first month not whole
    let month = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
    let mut m = Matrix { cells: HashMap::new(), periods: Vec::new() };
    let mut periods = std::collections::BTreeSet::new();
    let whole_months = match (first_month, end_month) {
        (Some(a), Some(b)) => a < b,
        _ => true,
    };
    if whole_months {
        let mut cond = String::from(if by_period || from.is_some() || to.is_some() { "month <> ''" } else { "1" });
        let mut args = Vec::new();
        if let Some(a) = first_month {
            args.push(month(a));
            cond += &format!(" AND month >= ?{}", args.len());
        }
        if let Some(b) = end_month {
            args.push(month(b));
            cond += &format!(" AND month < ?{}", args.len());
        }
        let period = if by_period { "month" } else { "''" };
        let sql = format!(
            "SELECT dyad_a, dyad_b, {period} AS p, sum(happenings), sum(cooperative), sum(goldstein)
             FROM dyad_months WHERE {cond} GROUP BY dyad_a, dyad_b, p"
        );
        add_rows(conn, &sql, &args, &mut m, &mut periods)?;
    }
    // The days of the months cut by `from` or `to`, from the happenings by day.
    let period = if by_period { "substr(c.day, 1, 7)" } else { "''" };
    let mut cut: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = Vec::new();
    if whole_months {
        if let (Some(f), Some(a)) = (from_day, first_month) {
            if f < a {
                cut.push((f, a - chrono::Days::new(1)));
            }
        }
        if let (Some(t), Some(b)) = (to_day, end_month) {
            if b <= t {
                cut.push((b, t));
            }
        }
    } else if let (Some(f), Some(t)) = (from_day, to_day) {
        cut.push((f, t));
    }
    for (a, b) in cut {
        let sql = format!(
            "SELECT c.dyad_a, c.dyad_b, {period} AS p, count(*), sum(c.quad_class <= 2), sum(c.goldstein)
             FROM clusters c INDEXED BY clusters_day WHERE c.day >= ?1 AND c.day <= ?2 GROUP BY c.dyad_a, c.dyad_b, p"
        );
        add_rows(conn, &sql, &[a.to_string(), b.to_string()], &mut m, &mut periods)?;
    }
    m.periods = periods.into_iter().collect();
    Ok(m)
}

/// Adds the rows of `sql` (dyad, period, happenings, cooperative ones,
/// Goldstein sum) to the matrix's cells.
fn add_rows(
    conn: &Connection,
    sql: &str,
    args: &[String],
    m: &mut Matrix,
    periods: &mut std::collections::BTreeSet<String>,
) -> rusqlite::Result<()> {
    let mut st = conn.prepare(sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    // Actors known only by their role ("---GOV") and one-sided happenings are no dyad.
    let actor = |k: &str| !k.is_empty() && !k.starts_with("---");
    while let Some(r) = rows.next()? {
        let (a, b): (String, String) = (r.get(0)?, r.get(1)?);
        if a == b || !actor(&a) || !actor(&b) {
            continue;
        }
        let p: String = r.get(2)?;
        let (n, cooperative, goldstein): (i64, i64, f64) = (r.get(3)?, r.get(4)?, r.get(5)?);
        periods.insert(p.clone());
        let cell = m.cells.entry((a, b)).or_default().entry(p).or_default();
        *cell = (cell.0 + cooperative, cell.1 + n - cooperative, cell.2 + goldstein);
    }
    Ok(())
}

/// The matrix read from every happening of the period (the covering pair
/// index): weeks need their days, and the tests compare the dyad-month
/// reading with it.
fn read_matrix_scan(conn: &Connection, from: Option<&str>, to: Option<&str>, by_period: bool) -> rusqlite::Result<Matrix> {
    let period = if !by_period {
        "''"
    } else if weekly(conn, from, to)? {
        "date(c.day, '-' || ((CAST(strftime('%w', c.day) AS INTEGER) + 6) % 7) || ' days')"
    } else {
        "substr(c.day, 1, 7)"
    };
    // Only what the index gives, per row; which keys make a dyad is decided
    // below, once per group (that halved the scan's time).
    let (cond, args) = within(if by_period { "c.day IS NOT NULL" } else { "1" }, from, to);
    let sql = format!(
        "SELECT c.dyad_a, c.dyad_b, {period} AS p, count(*), sum(c.quad_class <= 2), sum(c.goldstein)
         FROM clusters c INDEXED BY clusters_pair WHERE {cond} GROUP BY c.dyad_a, c.dyad_b, p"
    );
    let mut m = Matrix { cells: HashMap::new(), periods: Vec::new() };
    let mut periods = std::collections::BTreeSet::new();
    add_rows(conn, &sql, &args, &mut m, &mut periods)?;
    m.periods = periods.into_iter().collect();
    Ok(m)
}

impl Matrix {
    fn edges(&self, min_events: i64) -> Vec<Edge> {
        let mut edges: Vec<Edge> = self
            .cells
            .iter()
            .map(|((a, b), ps)| {
                let (c, k, g) = ps.values().fold((0, 0, 0.0), |acc, v| (acc.0 + v.0, acc.1 + v.1, acc.2 + v.2));
                Edge { a: a.clone(), b: b.clone(), events: c + k, cooperative: c, conflictual: k, goldstein_mean: g / (c + k).max(1) as f64 }
            })
            .filter(|e| e.events >= min_events)
            .collect();
        edges.sort_by(|x, y| y.events.cmp(&x.events).then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b))));
        edges
    }

    fn spark<'a>(&self, dyads: impl Iterator<Item = &'a (String, String)>) -> Vec<Spark> {
        let mut out: Vec<Spark> = self.periods.iter().map(|p| Spark { period: p.clone(), ..Default::default() }).collect();
        for d in dyads {
            if let Some(ps) = self.cells.get(d) {
                for s in &mut out {
                    if let Some(v) = ps.get(&s.period) {
                        s.cooperative += v.0;
                        s.conflictual += v.1;
                    }
                }
            }
        }
        out
    }
}

/// Nodes of the edges' actors, with their names.
fn nodes(conn: &Connection, edges: &[Edge]) -> rusqlite::Result<Vec<Node>> {
    let mut by: HashMap<&str, (i64, f64)> = HashMap::new();
    for e in edges {
        for k in [&e.a, &e.b] {
            let n = by.entry(k.as_str()).or_default();
            n.0 += e.events;
            n.1 += e.goldstein_mean * e.events as f64;
        }
    }
    let mut st = conn.prepare_cached("SELECT name FROM actor_names WHERE code = ?1 ORDER BY count DESC, name LIMIT 1")?;
    let mut nodes = Vec::new();
    for (code, (n, g)) in by {
        let name: Option<String> = rusqlite::OptionalExtension::optional(st.query_row([code], |r| r.get(0)))?;
        nodes.push(Node { code: code.to_string(), name: name.unwrap_or_else(|| code.to_string()), events: n, goldstein_mean: g / n.max(1) as f64 });
    }
    nodes.sort_by(|x, y| y.events.cmp(&x.events).then_with(|| x.code.cmp(&y.code)));
    Ok(nodes)
}

/// The store's stamp: changes when anything is ingested.
fn stamp(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    conn.query_row(
        "SELECT (SELECT ifnull(max(id), 0) FROM clusters), (SELECT ifnull(max(id), 0) FROM events), (SELECT ifnull(max(id), 0) FROM alerts)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

type Cached = ((i64, i64, i64), Arc<Vec<u8>>);

/// Answers of the aggregate endpoints, by store path and query, with the stamp they were read at.
fn cache() -> &'static Mutex<HashMap<String, Cached>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Cached>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// `compute`'s JSON for `key`, from the cache while the store is unchanged.
fn cached(store: &Store, key: String, compute: impl FnOnce(&Connection) -> rusqlite::Result<Value>) -> Result<Arc<Vec<u8>>, ApiError> {
    let conn = store.connection();
    let now = stamp(conn).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Some((at, body)) = cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        if at == now {
            return Ok(body);
        }
    }
    let value = compute(conn).map_err(|e| ApiError::internal(e.to_string()))?;
    let body = Arc::new(serde_json::to_vec(&value).map_err(|e| ApiError::internal(e.to_string()))?);
    if let Ok(mut c) = cache().lock() {
        if c.len() > 64 {
            c.clear();
        }
        c.insert(key, (now, body.clone()));
    }
    Ok(body)
}

fn json_bytes(body: Arc<Vec<u8>>) -> axum::response::Response {
    ([(header::CONTENT_TYPE, "application/json")], body.as_ref().clone()).into_response()
}

pub async fn network(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), NETWORK_PARAMS)?;
    app.check_read(&headers, &p)?;
    let (from, to) = (p.day("from")?, p.day("to")?);
    let min_events = p.int("min_events", 1, i64::MAX)?.unwrap_or(2);
    let limit = p.int("limit", 1, 2000)?.unwrap_or(150) as usize;
    let key = format!("network {} {from:?} {to:?} {min_events} {limit}", app.config.db.display());
    let body = app
        .read(move |s| {
            cached(s, key, |conn| {
                let m = read_matrix(conn, from.as_deref(), to.as_deref(), false)?;
                let mut edges = m.edges(min_events);
                edges.truncate(limit);
                let nodes = nodes(conn, &edges)?;
                Ok(json!({"from": from, "to": to, "min_events": min_events, "nodes": nodes, "edges": edges}))
            })
        })
        .await?;
    Ok(json_bytes(body))
}

/// The most frequent places of the period's happenings, with one event each.
fn places(conn: &Connection, from: Option<&str>, to: Option<&str>) -> rusqlite::Result<Vec<Value>> {
    let (cond, args) = within("c.place IS NOT NULL", from, to);
    let sql = format!("SELECT c.place, count(*), max(c.rep_event) FROM clusters c WHERE {cond} GROUP BY c.place ORDER BY count(*) DESC LIMIT 300");
    let mut st = conn.prepare(&sql)?;
    let rows: Vec<(String, i64, i64)> =
        st.query_map(rusqlite::params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut at = conn.prepare_cached("SELECT lat, lon, place_country FROM events WHERE id = ?1")?;
    let mut out = Vec::new();
    for (name, n, event) in rows {
        let (lat, lon, country): (Option<f64>, Option<f64>, Option<String>) = at.query_row([event], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if let (Some(lat), Some(lon)) = (lat, lon) {
            out.push(json!({"name": name, "country": country, "lat": lat, "lon": lon, "events": n, "event": event}));
        }
    }
    Ok(out)
}

pub async fn overview(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), OVERVIEW_PARAMS)?;
    app.check_read(&headers, &p)?;
    let (from, to) = (p.day("from")?, p.day("to")?);
    let limit = p.int("limit", 1, 50)?.unwrap_or(8) as usize;
    let key = format!("overview {} {from:?} {to:?} {limit}", app.config.db.display());
    let body = app
        .read(move |s| {
            cached(s, key, |conn| {
                let (first, last): (Option<String>, Option<String>) =
                    conn.query_row("SELECT min(day), max(day) FROM clusters", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let m = read_matrix(conn, from.as_deref(), to.as_deref(), true)?;
                let edges = m.edges(1);
                let dyads: Vec<Value> = edges
                    .iter()
                    .take(limit)
                    .map(|e| json!({"edge": e, "spark": m.spark(std::iter::once(&(e.a.clone(), e.b.clone())))}))
                    .collect();
                let all_nodes = nodes(conn, &edges)?;
                let actors: Vec<Value> = all_nodes
                    .iter()
                    .take(limit)
                    .map(|n| {
                        let mine: Vec<(String, String)> = m.cells.keys().filter(|(a, b)| *a == n.code || *b == n.code).cloned().collect();
                        json!({"node": n, "spark": m.spark(mine.iter())})
                    })
                    .collect();
                let alerts: Vec<Value> = {
                    let mut st = conn.prepare_cached(
                        "SELECT a.id, a.rule, a.actor_a, a.actor_b, a.day, a.message, (SELECT min(event_id) FROM alert_events x WHERE x.alert_id = a.id)
                         FROM alerts a ORDER BY a.day DESC, a.id DESC LIMIT 10",
                    )?;
                    let rows = st.query_map([], |r| {
                        Ok(json!({"id": r.get::<_, i64>(0)?, "rule": r.get::<_, String>(1)?, "actor_a": r.get::<_, String>(2)?,
                                  "actor_b": r.get::<_, String>(3)?, "day": r.get::<_, String>(4)?, "message": r.get::<_, String>(5)?,
                                  "event": r.get::<_, Option<i64>>(6)?}))
                    })?
                    .collect::<rusqlite::Result<Vec<Value>>>()?;
                    rows
                };
                let places = places(conn, from.as_deref(), to.as_deref())?;
                Ok(json!({
                    "store": {"first_day": first, "last_day": last},
                    "from": from, "to": to, "periods": m.periods,
                    "dyads": dyads, "actors": actors, "alerts": alerts, "places": places,
                }))
            })
        })
        .await?;
    Ok(json_bytes(body))
}

/// Computes the default overview and network once, so that the first
/// visitor of a large store does not wait for them (errors, e.g. a private
/// server's, are left to the real requests).
pub async fn warm(app: Arc<App>) {
    let _ = overview(State(app.clone()), HeaderMap::new(), RawQuery(None)).await;
    let _ = network(State(app), HeaderMap::new(), RawQuery(Some("min_events=2&limit=120".into()))).await;
}

pub async fn brief(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), BRIEF_PARAMS)?;
    app.check_read(&headers, &p)?;
    let subject = match (p.dyad()?, p.get("actor")) {
        (Some((a, b)), None) => Subject::dyad(&a, &b).map_err(|e| ApiError::bad("dyad", e))?,
        (None, Some(a)) => Subject::actor(a).map_err(|e| ApiError::bad("actor", e))?,
        (Some(_), Some(_)) => return Err(ApiError::bad("actor", "give dyad or actor, not both")),
        (None, None) => return Err(ApiError::bad("dyad", "give dyad=A,B or actor=A")),
    };
    let day = |name: &str| -> Result<Option<Day>, ApiError> {
        p.day(name)?.map(|d| Day::parse(&d).map_err(|e| ApiError::bad(name, e))).transpose()
    };
    let query = BriefQuery { subject, from: day("from")?, to: day("to")? };
    let format = match p.get("format") {
        None => Format::Json,
        Some(f) => Format::parse(f).map_err(|e| ApiError::bad("format", e))?,
    };
    let brief = app.read(move |s| Brief::build(s, &query).map_err(ApiError::internal)).await?;
    Ok(match format {
        Format::Json => json_ok(&brief),
        Format::Markdown => ([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], brief.render(format, "/")).into_response(),
        Format::Html => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], brief.render(format, "/")).into_response(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley::{Document, Event};

    fn event(doc: &str, i: usize, src: &str, tgt: &str, quad: u8, goldstein: f32, date: Option<&str>) -> Event {
        let actor = |code: &str| json!({"code": code, "text": code, "span": [0, 3], "country": code.get(..3).filter(|c| !c.starts_with('-')), "role": null, "provisional": false, "entity": 0});
        serde_json::from_value(json!({
            "doc_id": doc, "sentence_index": i, "sentence": format!("{src} and {tgt}, {i}."), "source": actor(src), "target": actor(tgt),
            "cameo": "036", "root": "03", "quad_class": quad, "goldstein": goldstein, "event_name": "test", "plover": null,
            "mode": "asserted", "certainty": "stated", "hedges": [], "attribution": null, "date": date,
            "date_info": date.map(|d| json!({"value": d, "precision": "day", "source": "document"})), "tense": "past", "background": false,
            "passive": false, "verb": {"text": "met", "lemma": "meet", "span": [4, 7]}, "lexicon": [],
        }))
        .unwrap()
    }

    /// A dyad's periods: (period, cooperative, conflictual, Goldstein sum in millionths).
    type Periods = Vec<(String, i64, i64, i64)>;

    /// Cells as comparable values: Goldstein sums rounded (the two readings add in other orders).
    fn cells(m: &Matrix) -> Vec<((String, String), Periods)> {
        let mut out: Vec<_> = m
            .cells
            .iter()
            .map(|(k, ps)| {
                let mut ps: Vec<_> = ps.iter().map(|(p, c)| (p.clone(), c.0, c.1, (c.2 * 1e6).round() as i64)).collect();
                ps.sort();
                (k.clone(), ps)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_dyad_months_give_what_every_happening_gives() {
        let dir = std::env::temp_dir().join(format!("parley-dyad-months-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("events.db");
        let mut store = Store::open(&db).unwrap();
        let actors = ["USAGOV", "IRQMIL", "ISRGOV", "PSEREB", "---GOV", "RUS", "UKRMIL"];
        let mut rng = 0x9E3779B97F4A7C15u64;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let write = |store: &mut Store, k: usize, next: &mut dyn FnMut(u64) -> u64, text: &str| {
            // One document in nine has no date: its happenings have no day.
            let day = (!k.is_multiple_of(9)).then(|| start + chrono::Days::new(next(540)));
            let mut d = Document::new(format!("d{k}"), text);
            d.date = day;
            let day = day.map(|d| d.to_string());
            let events: Vec<Event> = (0..1 + next(4) as usize)
                .map(|i| {
                    let (a, b) = (actors[next(7) as usize], actors[next(7) as usize]);
                    let quad = 1 + next(4) as u8;
                    event(&d.id, i, a, b, quad, [3.4f32, -10.0, 1.9, -4.4, 7.0][next(5) as usize], day.as_deref())
                })
                .collect();
            store.ingest([(&d, events.as_slice())], false).unwrap();
        };
        for k in 0..300 {
            write(&mut store, k, &mut next, "first");
        }
        // Replaced documents: their happenings leave the months they were in.
        for k in (0..300).step_by(7) {
            write(&mut store, k, &mut next, "second");
        }
        let conn = store.connection();
        // The triggers kept the table equal to the happenings' own sums.
        let kept: Vec<(String, String, String, i64, i64, i64)> = conn
            .prepare("SELECT dyad_a, dyad_b, month, happenings, cooperative, round(goldstein * 1e6) FROM dyad_months ORDER BY 1, 2, 3")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, f64>(5)? as i64)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let fresh: Vec<(String, String, String, i64, i64, i64)> = conn
            .prepare(
                "SELECT dyad_a, dyad_b, ifnull(substr(day, 1, 7), ''), count(*), sum(quad_class <= 2), round(sum(goldstein) * 1e6)
                 FROM clusters GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, f64>(5)? as i64)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(fresh.len() > 50, "{}", fresh.len());
        assert_eq!(kept, fresh);
        // Both readings agree on every period: whole months, cut months, one
        // month, an empty period, open ends, and none.
        let days = [None, Some("2023-01-01"), Some("2023-02-15"), Some("2023-03-31"), Some("2023-06-01"), Some("2023-06-30"), Some("2024-01-10"), Some("2024-02-29"), Some("2025-01-01")];
        for from in days {
            for to in days {
                for by_period in [false, true] {
                    let fast = read_matrix(conn, from, to, by_period).unwrap();
                    let scan = read_matrix_scan(conn, from, to, by_period).unwrap();
                    assert_eq!(fast.periods, scan.periods, "{from:?} {to:?} {by_period}");
                    assert_eq!(cells(&fast), cells(&scan), "{from:?} {to:?} {by_period}");
                    let (fe, se) = (fast.edges(1), scan.edges(1));
                    assert_eq!(fe.len(), se.len());
                    for (x, y) in fe.iter().zip(&se) {
                        assert_eq!((&x.a, &x.b, x.events, x.cooperative), (&y.a, &y.b, y.events, y.cooperative));
                        assert!((x.goldstein_mean - y.goldstein_mean).abs() < 1e-9);
                    }
                }
            }
        }
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
