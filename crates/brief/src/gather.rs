//! Reading the store: the evidence a brief is written from.
//!
//! Every query is bounded: the happenings between the parties are read as
//! narrow rows (no JSON) and only the most reported of each period keep
//! their detail; third parties are aggregated in SQL; the context is the
//! [`CONTEXT_DOCUMENTS`] latest documents naming a party.

use crate::{BriefQuery, Subject, CONTEXT_DOCUMENTS};
use parley::Role;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::Value;
use std::collections::HashMap;

/// A happening (cluster) as the brief sees it, through its representative event.
#[derive(Clone, Debug)]
pub(crate) struct Happening {
    pub event: i64,
    pub day: Option<String>,
    pub source: String,
    pub target: String,
    pub cameo: String,
    pub quad: i64,
    pub goldstein: f64,
    pub mentions: i64,
    /// Asserted and stated: not expected, negated, hedged or only claimed.
    pub stated: bool,
}

/// Happenings of one third party with one party: same direction and code.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub source: String,
    pub target: String,
    pub cameo: String,
    pub goldstein: f64,
    pub happenings: i64,
    pub mentions: i64,
    pub last_day: Option<String>,
    /// The latest and the first representative events.
    pub latest_event: i64,
    pub first_event: i64,
    pub stated: bool,
}

/// An event of a context document, with what its JSON says.
#[derive(Clone, Debug)]
pub(crate) struct ContextEvent {
    pub id: i64,
    pub doc: String,
    pub sentence_index: i64,
    pub day: Option<String>,
    pub source: String,
    pub target: String,
    pub cameo: String,
    pub root: String,
    pub mode: String,
    pub certainty: String,
    pub background: bool,
    pub json: Value,
}

impl ContextEvent {
    pub fn stated(&self) -> bool {
        self.mode == "asserted" && self.certainty == "stated"
    }
}

/// A fact of a context document (a toll, a start, a hedged statement).
#[derive(Clone, Debug)]
pub(crate) struct Fact {
    pub doc: String,
    pub doc_day: Option<String>,
    pub sentence_index: i64,
    pub event: Option<i64>,
    pub kind: String,
    pub value: Value,
}

/// A party as the store knows it.
#[derive(Clone, Debug, Default)]
pub(crate) struct PartyInfo {
    pub code: String,
    /// The actor row of the code itself, when events name it exactly.
    pub country: Option<String>,
    pub role: Option<Role>,
    pub provisional: Option<bool>,
    /// The names reports gave it, most frequent first.
    pub names: Vec<(String, i64)>,
    /// Codes under it (ISRGOV under ISR), most mentioned first, with mentions.
    pub members: Vec<(String, i64)>,
    /// Events naming it: the latest few.
    pub events: Vec<i64>,
    /// Happenings naming it in the period.
    pub happenings: i64,
}

/// An alert on the dyad: a turning point.
#[derive(Clone, Debug)]
pub(crate) struct Alert {
    pub id: i64,
    pub rule: String,
    pub day: String,
    pub message: String,
    pub events: Vec<i64>,
}

/// Everything the brief is written from.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    pub parties: Vec<PartyInfo>,
    /// Between the two parties (dyad) or all of the actor's, dated, oldest first.
    pub direct: Vec<Happening>,
    pub undated_direct: i64,
    /// Between a party and someone else, most happenings first.
    pub groups: Vec<Group>,
    /// The context documents, latest first.
    pub documents: Vec<String>,
    pub context: Vec<ContextEvent>,
    pub facts: Vec<Fact>,
    pub alerts: Vec<Alert>,
    /// The most frequent name of every code the evidence names.
    pub names: HashMap<String, String>,
    /// First and last day of what was read.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// Most lines a brief gives to third parties.
const MAX_GROUPS: usize = 400;

/// SQL text with numbered parameters.
struct Query {
    args: Vec<Sql>,
}

impl Query {
    fn new() -> Query {
        Query { args: Vec::new() }
    }
    fn arg(&mut self, v: impl Into<Sql>) -> String {
        self.args.push(v.into());
        format!("?{}", self.args.len())
    }
    /// `col` starts with `prefix`.
    fn prefix(&mut self, col: &str, prefix: &str) -> String {
        let lo = self.arg(prefix.to_string());
        let hi = self.arg(format!("{prefix}\u{10FFFF}"));
        format!("({col} >= {lo} AND {col} < {hi})")
    }
    /// `c.day` within the query's period.
    fn period(&mut self, q: &BriefQuery) -> String {
        let mut out = String::from("1");
        if let Some(d) = q.from {
            out += &format!(" AND c.day >= {}", self.arg(d.to_string()));
        }
        if let Some(d) = q.to {
            out += &format!(" AND c.day <= {}", self.arg(d.to_string()));
        }
        out
    }
    /// Either side of cluster `c` under one of the parties.
    fn involves(&mut self, s: &Subject) -> String {
        let parts: Vec<String> =
            s.parties().iter().map(|p| format!("{} OR {}", self.prefix("c.source", p.as_str()), self.prefix("c.target", p.as_str()))).collect();
        format!("({})", parts.join(" OR "))
    }
}

/// A happening naming a party: the narrow row every part of the brief is
/// computed from, read once.
struct Involved {
    rep_event: i64,
    day: Option<String>,
    source: String,
    target: String,
    cameo: String,
    quad: i64,
    goldstein: f64,
    mentions: i64,
}

/// Most representative events whose mode and certainty are looked up for
/// the timeline; beyond them (the least reported) a happening counts as stated.
const MAX_LOOKUPS: usize = 3000;

impl Evidence {
    pub fn read(conn: &Connection, q: &BriefQuery) -> rusqlite::Result<Evidence> {
        let mut ev = Evidence::default();
        let rows = involved(conn, q)?;
        for p in q.subject.parties() {
            ev.parties.push(party(conn, p.as_str(), &rows)?);
        }
        let mut stated = Stated::new(conn)?;
        read_direct(q, &rows, &mut stated, &mut ev)?;
        read_groups(q, &rows, &mut stated, &mut ev)?;
        read_context(conn, &rows, &mut ev)?;
        read_alerts(conn, q, &mut ev)?;
        let mut codes: Vec<String> = Vec::new();
        codes.extend(ev.parties.iter().map(|p| p.code.clone()));
        codes.extend(ev.parties.iter().flat_map(|p| p.members.iter().map(|m| m.0.clone())));
        codes.extend(ev.direct.iter().flat_map(|h| [h.source.clone(), h.target.clone()]));
        codes.extend(ev.groups.iter().flat_map(|g| [g.source.clone(), g.target.clone()]));
        codes.extend(ev.context.iter().flat_map(|e| [e.source.clone(), e.target.clone()]));
        let mut st = conn.prepare_cached("SELECT name FROM actor_names WHERE code = ?1 ORDER BY count DESC, name LIMIT 1")?;
        for code in codes {
            if code.is_empty() || ev.names.contains_key(&code) {
                continue;
            }
            if let Some(name) = st.query_row([&code], |r| r.get::<_, String>(0)).optional()? {
                ev.names.insert(code, name);
            }
        }
        let days = rows.iter().filter_map(|r| r.day.clone()).chain(ev.context.iter().filter_map(|e| e.day.clone()));
        for d in days {
            if ev.first_day.as_ref().is_none_or(|f| &d < f) {
                ev.first_day = Some(d.clone());
            }
            if ev.last_day.as_ref().is_none_or(|l| &d > l) {
                ev.last_day = Some(d);
            }
        }
        Ok(ev)
    }
}

/// Every happening naming a party in the period, oldest first: one pass over
/// the actor indexes and the narrow cluster rows (no event JSON).
fn involved(conn: &Connection, q: &BriefQuery) -> rusqlite::Result<Vec<Involved>> {
    let mut c = Query::new();
    let involves = c.involves(&q.subject);
    let period = c.period(q);
    let sql = format!(
        "SELECT c.rep_event, c.day, c.source, c.target, c.cameo, c.quad_class, c.goldstein, c.mentions
         FROM clusters c WHERE {involves} AND {period} ORDER BY c.day, c.rep_event"
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(c.args.iter()), |r| {
        Ok(Involved {
            rep_event: r.get(0)?,
            day: r.get(1)?,
            source: r.get(2)?,
            target: r.get(3)?,
            cameo: r.get(4)?,
            quad: r.get(5)?,
            goldstein: r.get(6)?,
            mentions: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// Whether an event is asserted and stated, looked up by id and remembered.
struct Stated<'c> {
    lookup: rusqlite::CachedStatement<'c>,
    known: HashMap<i64, bool>,
}

impl<'c> Stated<'c> {
    fn new(conn: &'c Connection) -> rusqlite::Result<Stated<'c>> {
        Ok(Stated {
            lookup: conn.prepare_cached("SELECT mode = 'asserted' AND certainty = 'stated' FROM events WHERE id = ?1")?,
            known: HashMap::new(),
        })
    }
    fn of(&mut self, event: i64) -> rusqlite::Result<bool> {
        if let Some(s) = self.known.get(&event) {
            return Ok(*s);
        }
        let s = self.lookup.query_row([event], |r| r.get(0)).optional()?.unwrap_or(true);
        self.known.insert(event, s);
        Ok(s)
    }
}

fn party(conn: &Connection, code: &str, rows: &[Involved]) -> rusqlite::Result<PartyInfo> {
    let mut info = PartyInfo { code: code.to_string(), ..Default::default() };
    let row = conn
        .prepare_cached("SELECT country, role, provisional FROM actors WHERE code = ?1")?
        .query_row([code], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, bool>(2)?)))
        .optional()?;
    if let Some((country, role, provisional)) = row {
        info.country = country;
        // The store keeps the roles of parley's output, which are codes.
        info.role = role.and_then(|code| code.parse().ok());
        info.provisional = Some(provisional);
    }
    let mut st = conn.prepare_cached("SELECT name, count FROM actor_names WHERE code = ?1 ORDER BY count DESC, name LIMIT 4")?;
    info.names = st.query_map([code], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut m = Query::new();
    let under = m.prefix("code", code);
    let not_itself = m.arg(code.to_string());
    let sql = format!("SELECT code, mentions FROM actors WHERE {under} AND code <> {not_itself} ORDER BY mentions DESC, code LIMIT 4");
    info.members = conn.prepare(&sql)?.query_map(params_from_iter(m.args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mine: Vec<&Involved> = rows.iter().filter(|r| r.source.starts_with(code) || r.target.starts_with(code)).collect();
    info.happenings = mine.len() as i64;
    // The two most reported, and the latest.
    let mut top: Vec<&&Involved> = mine.iter().collect();
    top.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(b.rep_event.cmp(&a.rep_event)));
    info.events = top.iter().take(2).map(|r| r.rep_event).collect();
    if let Some(latest) = mine.iter().map(|r| r.rep_event).max().filter(|l| !info.events.contains(l)) {
        info.events.push(latest);
    }
    Ok(info)
}

/// Whether a row is between the two parties of a dyad (for one actor: any of its rows).
fn is_direct(subject: &Subject, r: &Involved) -> bool {
    match subject {
        Subject::Actor(_) => true,
        Subject::Dyad(a, b) => (a.covers(&r.source) && b.covers(&r.target)) || (b.covers(&r.source) && a.covers(&r.target)),
    }
}

fn read_direct(q: &BriefQuery, rows: &[Involved], stated: &mut Stated, ev: &mut Evidence) -> rusqlite::Result<()> {
    let direct: Vec<&Involved> = rows.iter().filter(|r| is_direct(&q.subject, r)).collect();
    let mut by_reports: Vec<&&Involved> = direct.iter().collect();
    by_reports.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(b.rep_event.cmp(&a.rep_event)));
    for r in by_reports.iter().take(MAX_LOOKUPS) {
        stated.of(r.rep_event)?;
    }
    for r in direct {
        let h = Happening {
            event: r.rep_event,
            day: r.day.clone(),
            source: r.source.clone(),
            target: r.target.clone(),
            cameo: r.cameo.clone(),
            quad: r.quad,
            goldstein: r.goldstein,
            mentions: r.mentions,
            stated: stated.known.get(&r.rep_event).copied().unwrap_or(true),
        };
        if h.day.is_some() {
            ev.direct.push(h);
        } else {
            ev.undated_direct += 1;
        }
    }
    Ok(())
}

fn read_groups(q: &BriefQuery, rows: &[Involved], stated: &mut Stated, ev: &mut Evidence) -> rusqlite::Result<()> {
    // For one actor every partner is a "third party": the groups are its dealings.
    let dyad = matches!(q.subject, Subject::Dyad(..));
    let mut groups: HashMap<(&str, &str, &str), Group> = HashMap::new();
    for r in rows.iter().filter(|r| !dyad || !is_direct(&q.subject, r)) {
        let g = groups.entry((&r.source, &r.target, &r.cameo)).or_insert_with(|| Group {
            source: r.source.clone(),
            target: r.target.clone(),
            cameo: r.cameo.clone(),
            goldstein: 0.0,
            happenings: 0,
            mentions: 0,
            last_day: None,
            latest_event: r.rep_event,
            first_event: r.rep_event,
            stated: true,
        });
        g.goldstein += r.goldstein;
        g.happenings += 1;
        g.mentions += r.mentions;
        if r.day.is_some() && r.day > g.last_day {
            g.last_day = r.day.clone();
        }
        g.latest_event = g.latest_event.max(r.rep_event);
        g.first_event = g.first_event.min(r.rep_event);
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        b.happenings.cmp(&a.happenings).then(b.mentions.cmp(&a.mentions)).then(b.latest_event.cmp(&a.latest_event))
    });
    groups.truncate(MAX_GROUPS);
    for g in &mut groups {
        g.goldstein /= g.happenings.max(1) as f64;
        // A group is told as stated when its latest report is.
        g.stated = stated.of(g.latest_event)?;
    }
    ev.groups = groups;
    Ok(())
}

fn read_context(conn: &Connection, rows: &[Involved], ev: &mut Evidence) -> rusqlite::Result<()> {
    // The latest happenings' documents, newest first.
    let mut doc_of = conn.prepare_cached("SELECT doc_id FROM events WHERE id = ?1")?;
    let mut latest: Vec<&Involved> = rows.iter().collect();
    latest.sort_by(|a, b| b.day.cmp(&a.day).then(b.rep_event.cmp(&a.rep_event)));
    for r in latest.iter().take(CONTEXT_DOCUMENTS * 20) {
        let doc: String = doc_of.query_row([r.rep_event], |row| row.get(0))?;
        if !ev.documents.contains(&doc) {
            ev.documents.push(doc);
            if ev.documents.len() == CONTEXT_DOCUMENTS {
                break;
            }
        }
    }
    let mut events = conn.prepare_cached(
        "SELECT id, doc_id, sentence_index, day, source, target, cameo, root, mode, certainty, background, json
         FROM events WHERE doc_id = ?1 ORDER BY ordinal",
    )?;
    let mut facts = conn.prepare_cached(
        "SELECT f.doc_id, d.date, f.sentence_index, f.event_id, f.kind, f.value
         FROM facts f JOIN documents d ON d.id = f.doc_id WHERE f.doc_id = ?1 ORDER BY f.sentence_index, f.id",
    )?;
    for doc in &ev.documents {
        let rows = events.query_map([doc], |r| {
            let json: String = r.get(11)?;
            Ok(ContextEvent {
                id: r.get(0)?,
                doc: r.get(1)?,
                sentence_index: r.get(2)?,
                day: r.get(3)?,
                source: r.get(4)?,
                target: r.get(5)?,
                cameo: r.get(6)?,
                root: r.get(7)?,
                mode: r.get(8)?,
                certainty: r.get(9)?,
                background: r.get(10)?,
                json: serde_json::from_str(&json).unwrap_or(Value::Null),
            })
        })?;
        for e in rows {
            ev.context.push(e?);
        }
        let rows = facts.query_map([doc], |r| {
            let value: String = r.get(5)?;
            Ok(Fact {
                doc: r.get(0)?,
                doc_day: r.get(1)?,
                sentence_index: r.get(2)?,
                event: r.get(3)?,
                kind: r.get(4)?,
                value: serde_json::from_str(&value).unwrap_or(Value::Null),
            })
        })?;
        for f in rows {
            ev.facts.push(f?);
        }
    }
    Ok(())
}

/// The key the alert rules file a party under: its country when the store
/// knows one for the code, else the code (see parley-store's clusters).
fn alert_key(conn: &Connection, code: &str) -> rusqlite::Result<String> {
    let country: Option<Option<String>> =
        conn.prepare_cached("SELECT country FROM actors WHERE code = ?1")?.query_row([code], |r| r.get(0)).optional()?;
    Ok(country.flatten().unwrap_or_else(|| code.to_string()))
}

fn read_alerts(conn: &Connection, q: &BriefQuery, ev: &mut Evidence) -> rusqlite::Result<()> {
    let mut c = Query::new();
    let cond = match &q.subject {
        Subject::Actor(a) => {
            let k = c.arg(alert_key(conn, a.as_str())?);
            format!("(actor_a = {k} OR actor_b = {k})")
        }
        Subject::Dyad(a, b) => {
            let (ka, kb) = (alert_key(conn, a.as_str())?, alert_key(conn, b.as_str())?);
            let (x, y) = if ka <= kb { (ka, kb) } else { (kb, ka) };
            format!("actor_a = {} AND actor_b = {}", c.arg(x), c.arg(y))
        }
    };
    let mut period = String::new();
    if let Some(d) = q.from {
        period += &format!(" AND day >= {}", c.arg(d.to_string()));
    }
    if let Some(d) = q.to {
        period += &format!(" AND day <= {}", c.arg(d.to_string()));
    }
    let sql = format!("SELECT id, rule, day, message FROM alerts WHERE {cond}{period} ORDER BY day, id LIMIT 40");
    let mut st = conn.prepare(&sql)?;
    let alerts: Vec<Alert> = st
        .query_map(params_from_iter(c.args.iter()), |r| {
            Ok(Alert { id: r.get(0)?, rule: r.get(1)?, day: r.get(2)?, message: r.get(3)?, events: Vec::new() })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached("SELECT event_id FROM alert_events WHERE alert_id = ?1 ORDER BY event_id LIMIT 3")?;
    for mut a in alerts {
        a.events = st.query_map([a.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        ev.alerts.push(a);
    }
    Ok(())
}
