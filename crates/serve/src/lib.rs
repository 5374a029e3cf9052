//! # parley-serve: the HTTP API and the dashboard
//!
//! `parley serve --db PATH --bind 127.0.0.1:8080` answers JSON queries over
//! the event store (events, one event, timelines, actors, dyads, alerts,
//! facts, forecasts of an actor's next events; the overview, the actor network and
//! situation briefs, in `analysis`), streams exports (CSV, GDELT-style TSV, JSON lines), codes and
//! stores posted documents (with a token), and serves the dashboard at `/`.
//! The routes and their parameters are listed once, in [`ENDPOINTS`]; the
//! OpenAPI description (`/api/openapi.json`) is checked against it by a test.
//!
//! Input never panics the server: bad parameters get a 400 naming the
//! parameter, unknown ids a 404, missing or wrong tokens a 401, bodies over
//! the limit a 413, all as JSON `{"error": ..., "parameter": ...}`.

mod connections;
mod guard;
pub mod forecast;
mod analysis;
mod params;

pub use connections::Limits;
pub use guard::AllowedHosts;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use params::{ApiError, Params};
use parley::{Coder, Document};
use parley_store::{AlertConfig, AlertFilter, ExportFormat, Granularity, Store, TimelineQuery};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    /// Needed to POST documents; also for reads when `private`.
    pub token: Option<String>,
    /// Close read endpoints too: every request needs the token.
    pub private: bool,
    /// Largest request body, in bytes.
    pub max_body: usize,
    pub alert_config: AlertConfig,
    /// Timeouts and the cap of connections.
    pub limits: Limits,
    /// The hosts requests may name; `None`: derived from the bound address.
    pub allowed_hosts: Option<AllowedHosts>,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config {
            db: db.into(),
            token: None,
            private: false,
            max_body: 10 << 20,
            alert_config: AlertConfig::default(),
            limits: Limits::default(),
            allowed_hosts: None,
        }
    }
}

/// Every route, with its method and the query parameters it accepts.
pub const ENDPOINTS: &[(&str, &str, &[&str])] = &[
    ("get", "/api/health", &[]),
    ("get", "/api/events", params::EVENT_PARAMS),
    ("get", "/api/events/{id}", &[]),
    ("get", "/api/timeline", params::TIMELINE_PARAMS),
    ("get", "/api/actors", &["q", "limit", "offset"]),
    ("get", "/api/actors/{code}", &[]),
    ("get", "/api/dyads", &["actor", "limit"]),
    ("get", "/api/alerts", &["rule", "actor", "dyad", "from", "to", "limit", "offset"]),
    ("get", "/api/facts", &["doc", "kind", "limit", "offset"]),
    ("get", "/api/documents/{id}", &[]),
    ("get", "/api/export", params::EXPORT_PARAMS),
    ("post", "/api/documents", &["date", "force"]),
    ("get", "/api/openapi.json", &[]),
    ("get", "/api/forecast", forecast::PARAMS),
    ("get", "/api/overview", analysis::OVERVIEW_PARAMS),
    ("get", "/api/network", analysis::NETWORK_PARAMS),
    ("get", "/api/brief", analysis::BRIEF_PARAMS),
];

/// The OpenAPI 3 description of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");
const ANALYST_JS: &str = include_str!("../assets/analyst.js");
/// Natural Earth 1:110m country outlines (public domain), see assets/countries-110m.NOTICE.txt.
const COUNTRIES: &str = include_str!("../assets/countries-110m.json");
const FAVICON: &str = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='8' fill='#2e7d32'/><rect y='8' width='16' height='8' fill='#c62828'/></svg>";

/// Shared by every request.
pub struct App {
    config: Config,
    coder: Arc<Coder>,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Option<Store>>,
}

impl App {
    /// Opens (creating when missing) the store, so reads work at once.
    pub fn new(config: Config, coder: Arc<Coder>) -> Result<Arc<App>, String> {
        let mut writer = Store::open(&config.db).map_err(|e| e.to_string())?;
        writer.set_alert_config(config.alert_config.clone());
        Ok(Arc::new(App { config, coder, readers: Mutex::new(Vec::new()), writer: Mutex::new(Some(writer)) }))
    }

    /// Runs `f` on a read-only connection from the pool, off the async threads.
    async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = match app.readers.lock().map(|mut p| p.pop()) {
                Ok(Some(s)) => s,
                _ => Store::open_read_only(&app.config.db).map_err(|e| ApiError::internal(e.to_string()))?,
            };
            let out = f(&store);
            if let Ok(mut pool) = app.readers.lock() {
                if pool.len() < 16 {
                    pool.push(store);
                }
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("request failed: {e}")))?
    }

    fn authorised(&self, headers: &HeaderMap, query_token: Option<&str>) -> bool {
        let Some(token) = &self.config.token else { return false };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .or_else(|| headers.get("x-parley-token").and_then(|v| v.to_str().ok()))
            .or(query_token);
        given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes()))
    }

    /// For reads: open unless the server is private.
    fn check_read(&self, headers: &HeaderMap, p: &Params) -> Result<(), ApiError> {
        if self.config.private && !self.authorised(headers, p.token()) {
            return Err(ApiError::unauthorised());
        }
        Ok(())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The router over `app`, for requests naming the configured hosts (any, when none are configured).
pub fn router(app: Arc<App>) -> Router {
    let hosts = app.config.allowed_hosts.clone().unwrap_or(AllowedHosts::Any);
    router_for(app, hosts)
}

/// The router over `app`, for requests naming one of `hosts`.
fn router_for(app: Arc<App>, hosts: AllowedHosts) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/analyst.js", get(|| async { asset("text/javascript; charset=utf-8", ANALYST_JS) }))
        .route("/countries-110m.json", get(|| async { asset("application/json", COUNTRIES) }))
        .route("/favicon.svg", get(|| async { asset("image/svg+xml", FAVICON) }))
        .route("/favicon.ico", get(|| async { asset("image/svg+xml", FAVICON) }))
        .route("/api/health", get(health))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/timeline", get(timeline))
        .route("/api/actors", get(actors))
        .route("/api/actors/{code}", get(actor))
        .route("/api/dyads", get(dyads))
        .route("/api/alerts", get(alerts))
        .route("/api/facts", get(facts))
        .route("/api/documents/{id}", get(document))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/export", get(export))
        .route("/api/forecast", get(forecast::endpoint))
        .route("/api/openapi.json", get(|| async { asset("application/json", OPENAPI) }))
        .route("/api/overview", get(analysis::overview))
        .route("/api/network", get(analysis::network))
        .route("/api/brief", get(analysis::brief))
        .fallback(not_found)
        // Bodies are read by hand with the configured limit (413 in JSON).
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(Arc::new(hosts), guard::guard))
        .with_state(app)
}

/// Serves until `shutdown` completes, then lets requests in flight finish
/// (see [`Limits`]). Requests must name a host the configuration allows, or
/// one that names the listener's address.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>, shutdown: impl std::future::Future<Output = ()>) -> std::io::Result<()> {
    let hosts = match &app.config.allowed_hosts {
        Some(hosts) => hosts.clone(),
        None => AllowedHosts::for_bind(listener.local_addr()?),
    };
    let limits = app.config.limits.clone();
    tokio::spawn(analysis::warm(app.clone()));
    connections::serve(listener, router_for(app, hosts), limits, shutdown).await
}

/// Binds `bind` and serves on a runtime of `threads` workers until SIGTERM
/// or Ctrl-C (then finishes the requests in flight); `ready` gets the bound
/// address (port 0 picks a free port).
pub fn run(app: Arc<App>, bind: &str, threads: usize, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .max_blocking_threads(64)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = connections::bind(bind).await.map_err(|e| format!("cannot listen on {bind}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        ready(addr);
        serve(listener, app, connections::termination()).await.map_err(|e| e.to_string())
    })
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

async fn index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML).into_response()
}

async fn not_found(method: Method) -> Response {
    if method == Method::GET || method == Method::POST {
        ApiError::not_found("no such endpoint: see /api/openapi.json").into_response()
    } else {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed", None).into_response()
    }
}

fn json_ok(v: impl serde::Serialize) -> Response {
    match serde_json::to_vec(&v) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => ApiError::internal(e.to_string()).into_response(),
    }
}

type Reply = Result<Response, ApiError>;

async fn health(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &[])?;
    app.check_read(&headers, &p)?;
    let stats = app.read(|s| s.stats().map_err(ApiError::from)).await?;
    Ok(json_ok(json!({"ok": true, "store": stats, "posting": app.config.token.is_some(), "private": app.config.private})))
}

async fn events(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), params::EVENT_PARAMS)?;
    app.check_read(&headers, &p)?;
    let filter = p.event_filter()?;
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50) as usize;
    let offset = p.int("offset", 0, i64::MAX)?.unwrap_or(0) as usize;
    let total = p.bool("total")?.unwrap_or(false);
    let body = app.read(move |s| s.events_json(&filter, limit, offset, total).map_err(ApiError::from)).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| ApiError::bad("id", format!("expected a positive integer event id, got {raw:?}")))
}

async fn event(State(app): State<Arc<App>>, headers: HeaderMap, Path(id): Path<String>, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &[])?;
    app.check_read(&headers, &p)?;
    let id = parse_id(&id)?;
    match app.read(move |s| s.event(id).map_err(ApiError::from)).await? {
        Some(d) => Ok(json_ok(d)),
        None => Err(ApiError::not_found(format!("no event {id}"))),
    }
}

async fn timeline(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), params::TIMELINE_PARAMS)?;
    app.check_read(&headers, &p)?;
    let filter = p.event_filter()?;
    let granularity = match p.get("granularity") {
        None => Granularity::Month,
        Some(g) => Granularity::parse(g).ok_or_else(|| ApiError::bad("granularity", format!("expected day, week or month, got {g:?}")))?,
    };
    let query = TimelineQuery { filter: filter.clone(), granularity };
    let buckets = app.read(move |s| s.timeline(&query).map_err(ApiError::from)).await?;
    Ok(json_ok(json!({
        "granularity": granularity, "unit": filter.unit, "dyad": filter.dyad, "actor": filter.actor, "directed": filter.directed,
        "buckets": buckets,
    })))
}

async fn actors(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &["q", "limit", "offset"])?;
    app.check_read(&headers, &p)?;
    let search = p.get("q").map(str::to_string);
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50) as usize;
    let offset = p.int("offset", 0, i64::MAX)?.unwrap_or(0) as usize;
    Ok(json_ok(app.read(move |s| s.actors(search.as_deref(), limit, offset).map_err(ApiError::from)).await?))
}

async fn actor(State(app): State<Arc<App>>, headers: HeaderMap, Path(code): Path<String>, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &[])?;
    app.check_read(&headers, &p)?;
    let c = code.clone();
    match app.read(move |s| s.actor(&c).map_err(ApiError::from)).await? {
        Some(a) => Ok(json_ok(a)),
        None => Err(ApiError::not_found(format!("no actor {code:?}"))),
    }
}

async fn dyads(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &["actor", "limit"])?;
    app.check_read(&headers, &p)?;
    let actor = p.get("actor").map(str::to_string);
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50) as usize;
    Ok(json_ok(json!({"rows": app.read(move |s| s.dyads(actor.as_deref(), limit).map_err(ApiError::from)).await?})))
}

async fn alerts(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &["rule", "actor", "dyad", "from", "to", "limit", "offset"])?;
    app.check_read(&headers, &p)?;
    let rule = p.get("rule").map(str::to_string);
    if let Some(r) = &rule {
        if !["first_of_kind", "spike", "goldstein_turn"].contains(&r.as_str()) {
            return Err(ApiError::bad("rule", format!("expected first_of_kind, spike or goldstein_turn, got {r:?}")));
        }
    }
    let filter = AlertFilter { rule, actor: p.get("actor").map(str::to_string), dyad: p.dyad()?, from: p.day("from")?, to: p.day("to")? };
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50) as usize;
    let offset = p.int("offset", 0, i64::MAX)?.unwrap_or(0) as usize;
    let page = app
        .read(move |s| {
            s.alerts(&filter, limit, offset).map_err(ApiError::from)
        })
        .await?;
    Ok(json_ok(page))
}

async fn facts(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &["doc", "kind", "limit", "offset"])?;
    app.check_read(&headers, &p)?;
    let doc = p.get("doc").map(str::to_string);
    let kind = p.get("kind").map(str::to_string);
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50) as usize;
    let offset = p.int("offset", 0, i64::MAX)?.unwrap_or(0) as usize;
    Ok(json_ok(app.read(move |s| s.facts(doc.as_deref(), kind.as_deref(), limit, offset).map_err(ApiError::from)).await?))
}

async fn document(State(app): State<Arc<App>>, headers: HeaderMap, Path(id): Path<String>, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), &[])?;
    app.check_read(&headers, &p)?;
    let i = id.clone();
    match app.read(move |s| s.document(&i).map_err(ApiError::from)).await? {
        Some(d) => Ok(json_ok(d)),
        None => Err(ApiError::not_found(format!("no document {id:?}"))),
    }
}

/// A `Write` that hands 64 KiB chunks to the response body.
struct ChunkWriter {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<Bytes>,
}

impl std::io::Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 1 << 16 {
            self.flush()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = Bytes::from(std::mem::take(&mut self.buf));
            self.tx.blocking_send(chunk).map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))?;
        }
        Ok(())
    }
}

async fn export(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref(), params::EXPORT_PARAMS)?;
    app.check_read(&headers, &p)?;
    let format = match p.get("format").unwrap_or("jsonl") {
        "csv" => ExportFormat::Csv,
        "tsv" => ExportFormat::Tsv,
        "jsonl" => ExportFormat::Jsonl,
        other => return Err(ApiError::bad("format", format!("expected csv, tsv or jsonl, got {other:?}"))),
    };
    let filter = p.event_filter()?;
    let limit = p.int("limit", 1, i64::MAX)?.map(|n| n as usize);
    let (kind, ext) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        ExportFormat::Tsv => ("text/tab-separated-values; charset=utf-8", "tsv"),
        ExportFormat::Jsonl => ("application/x-ndjson", "jsonl"),
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Bytes>(4);
    let reader = app.clone();
    // The query runs on a blocking thread and streams as it goes: the
    // export is never held in memory whole.
    tokio::task::spawn_blocking(move || {
        let store = match reader.readers.lock().map(|mut p| p.pop()) {
            Ok(Some(s)) => s,
            _ => match Store::open_read_only(&reader.config.db) {
                Ok(s) => s,
                Err(_) => return,
            },
        };
        let mut w = ChunkWriter { buf: Vec::new(), tx };
        if store.export(&filter, format, limit, &mut w).is_ok() {
            let _ = std::io::Write::flush(&mut w);
        }
        if let Ok(mut pool) = reader.readers.lock() {
            pool.push(store);
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx).map(|o| o.map(Ok::<Bytes, std::io::Error>)));
    let mut response = Response::new(Body::from_stream(stream));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"events.{ext}\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// Documents from a body: one JSON object, an array of them, or JSON lines.
/// A record of a posted body that could not be read: its line (JSON lines)
/// or index (an array), and why. Posted bodies are read as the command line
/// reads its inputs: a bad record is skipped and reported, the others kept.
#[derive(serde::Serialize)]
struct RecordError {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    error: String,
}

/// The documents of a posted body, and the records skipped; an error when
/// no document could be read at all.
fn parse_documents(body: &[u8], default_date: Option<chrono::NaiveDate>) -> Result<(Vec<Document>, Vec<RecordError>), ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| ApiError::bad("body", format!("not UTF-8 (byte {})", e.valid_up_to())))?;
    let trimmed = text.trim_start();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    if trimmed.starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(text).map_err(|e| ApiError::bad("body", format!("not a JSON array: {e}")))?;
        for (i, item) in items.iter().enumerate() {
            match Document::from_json(&item.to_string()) {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(RecordError { line: None, index: Some(i), error: e.to_string() }),
            }
        }
    } else {
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match Document::from_json(line) {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(RecordError { line: Some(i + 1), index: None, error: e.to_string() }),
            }
        }
    }
    if docs.is_empty() {
        let first = errors.first().map(|e| match (e.line, e.index) {
            (Some(line), _) => format!(" (line {line}: {})", e.error),
            (_, Some(i)) => format!(" (document [{i}]: {})", e.error),
            _ => String::new(),
        });
        return Err(ApiError::bad(
            "body",
            format!("no documents: send a JSON object, an array of them, or JSON lines with id and text{}", first.unwrap_or_default()),
        ));
    }
    for d in &mut docs {
        d.date = d.date.or(default_date);
    }
    Ok((docs, errors))
}

async fn post_documents(State(app): State<Arc<App>>, headers: HeaderMap, RawQuery(q): RawQuery, body: Body) -> Reply {
    if app.config.token.is_none() {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "posting documents is disabled: start the server with --token or PARLEY_TOKEN",
            None,
        ));
    }
    let p = Params::parse(q.as_deref(), &["date", "force"])?;
    if !app.authorised(&headers, None) {
        return Err(ApiError::unauthorised());
    }
    let limit = app.config.max_body;
    let too_large = || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("request body over the limit of {limit} bytes"), Some("body"));
    if let Some(len) = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok()) {
        if len > limit {
            return Err(too_large());
        }
    }
    let timeout = app.config.limits.body_timeout;
    let bytes = match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Ok(read) => read.map_err(|_| too_large())?,
        Err(_) => {
            let why = format!("the request body did not arrive within {} s", timeout.as_secs_f64());
            return Err(ApiError::new(StatusCode::REQUEST_TIMEOUT, why, Some("body")));
        }
    };
    let date = p.day("date")?.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let force = p.bool("force")?.unwrap_or(false);
    let (docs, errors) = parse_documents(&bytes, date)?;
    let app2 = app.clone();
    let stats = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let coded = app2.coder.code_all_with_facts(&docs);
        let facts: Vec<Vec<Value>> =
            coded.iter().map(|c| c.facts.iter().filter_map(|f| serde_json::to_value(f).ok()).collect()).collect();
        let items = docs.iter().zip(&coded).zip(&facts).map(|((d, c), f)| (d, c.events.as_slice(), f.as_slice()));
        let mut guard = app2.writer.lock().map_err(|_| ApiError::internal("the store writer is poisoned"))?;
        if guard.is_none() {
            let mut s = Store::open(&app2.config.db).map_err(ApiError::from)?;
            s.set_alert_config(app2.config.alert_config.clone());
            *guard = Some(s);
        }
        let store = guard.as_mut().ok_or_else(|| ApiError::internal("no store"))?;
        let stats = store.ingest_with_facts(items, force).map_err(ApiError::from)?;
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        Ok(json!({"stored": stats, "ids": ids, "errors": errors}))
    })
    .await
    .map_err(|e| ApiError::internal(format!("request failed: {e}")))??;
    let mut r = json_ok(stats);
    *r.status_mut() = StatusCode::CREATED;
    Ok(r)
}
