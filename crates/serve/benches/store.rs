//! The store and server benchmark (not a timed test): `cargo bench -p parley-serve --bench store`.
//!
//! Codes real sentences (the seed and AG News world reports from ../shared)
//! once, then generates BENCH_EVENTS (default 1,000,000) events from them
//! deterministically (actors, codes and days drawn by a fixed-seed PRNG),
//! ingests them into a fresh store under target/ in transactions of
//! BENCH_BATCH documents (default 10,000: 100,000 events), and prints: ingest
//! rate (and the writing thread's CPU), dyad timeline query p50/p99, event
//! page query p50/p99, HTTP requests per second for event pages on loopback
//! (a bounded load loop), and peak RSS while ingesting and while reading.
//!
//! BENCH_WORKLOAD chooses how events fall on happenings and days: `stream`
//! (default; a news stream in date order, about three reports per happening)
//! or `scattered` (every event its own happening on a random day: the store's
//! worst case). BENCH_ALERTS=0 turns the alert rules off.

use parley::{Coder, Document, Event};
use parley_store::{EventFilter, Granularity, Store, TimelineQuery, Unit};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed toward small indices, as news is toward a few actors.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * n as f64) as usize % n
    }
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn real_documents() -> Vec<Document> {
    let mut docs = Vec::new();
    if let Ok(seed) = std::fs::read_to_string(shared().join("seed/article.txt")) {
        docs.push(Document::new("seed", seed));
    }
    if let Ok(csv) = std::fs::read_to_string(shared().join("anchors/agnews/test.csv")) {
        for (i, line) in csv.lines().enumerate().filter(|(_, l)| l.starts_with("\"1\",")) {
            let f: Vec<&str> = line.split("\",\"").collect();
            if f.len() == 3 {
                let mut d = Document::new(format!("ag{i}"), f[2].trim_end_matches('"').replace("\"\"", "\"").replace('\\', " "));
                d.title = Some(f[1].replace("\"\"", "\""));
                docs.push(d);
            }
        }
    }
    docs
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// A figure of /proc/self/status, in MiB: `VmHWM` (peak RSS), `RssFile`, ...
fn status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<f64>().ok()))
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Starts the peak RSS (`VmHWM`) again from the current RSS (Linux 4.0 and later).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU seconds this thread has used (user and system), from /proc: the
/// writer's own cost, apart from the checkpoint thread's.
fn thread_cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}")
}

const COUNTRIES: &[&str] = &[
    "USA", "RUS", "UKR", "CHN", "IRN", "ISR", "PSE", "IRQ", "SYR", "TUR", "GBR", "FRA", "DEU", "IND", "PAK", "AFG", "SAU", "YEM",
    "EGY", "LBY", "SDN", "SSD", "ETH", "ERI", "SOM", "KEN", "NGA", "MLI", "NER", "COD", "RWA", "JPN", "KOR", "PRK", "TWN", "VNM",
    "MMR", "THA", "PHL", "IDN", "AUS", "BRA", "ARG", "COL", "VEN", "MEX", "CUB", "CAN", "POL", "BLR",
];
const ROLES: &[&str] = &["", "GOV", "MIL", "REB", "CVL", "OPP"];

/// How the generated events fall on days and happenings (BENCH_WORKLOAD).
#[derive(Clone, Copy)]
enum Workload {
    /// A news stream: documents in date order over three years, each event
    /// retelling, two times in three, a happening reported in the last two
    /// days (about three reports per happening), else a new one.
    Stream,
    /// Every event a happening of its own on a day drawn from three years:
    /// the worst case for the store (no report joins a cluster, and every
    /// batch writes all over the actor- and day-keyed indexes).
    Scattered,
}

impl Workload {
    fn from_env() -> Workload {
        match std::env::var("BENCH_WORKLOAD").as_deref() {
            Ok("stream") | Err(_) => Workload::Stream,
            Ok("scattered") => Workload::Scattered,
            Ok(other) => panic!("BENCH_WORKLOAD={other}: use scattered or stream"),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Workload::Scattered => "scattered (every event its own happening, days drawn at random over three years)",
            Workload::Stream => "stream (documents in date order; about three reports per happening, within two days)",
        }
    }
}

/// Who did what to whom, when: what several reports may retell.
#[derive(Clone)]
struct Happening {
    template: usize,
    source: (String, String),
    target: (String, String),
    day: chrono::NaiveDate,
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("store benchmark: run with `cargo bench -p parley-serve --bench store` (skipped under cargo test)");
        return;
    }
    let target: usize = std::env::var("BENCH_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    println!("parley store benchmark on {}", machine());

    // 1. Real sentences, really coded: the templates.
    let coder = Arc::new(Coder::builtin().expect("the built-in lexicon"));
    let docs = real_documents();
    let t = Instant::now();
    let templates: Vec<Event> = coder.code_all(&docs).into_iter().flatten().filter(|e| e.source.is_some() && e.target.is_some()).collect();
    assert!(templates.len() >= 10, "too few coded events from the real reports ({}) to generate from", templates.len());
    println!("templates: {} events with both actors from {} real reports (coded in {:.1}s)", templates.len(), docs.len(), t.elapsed().as_secs_f64());

    // 2. A fresh store.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-store");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("events.db");
    let mut store = Store::open(&db).unwrap();
    if std::env::var("BENCH_ALERTS").as_deref() == Ok("0") {
        let mut c = parley_store::AlertConfig::default();
        c.first_of_kind.enabled = false;
        c.spike.enabled = false;
        c.goldstein_turn.enabled = false;
        store.set_alert_config(c);
        println!("alerts off (BENCH_ALERTS=0)");
    }

    // 3. Generate and ingest, 10 events a document, BENCH_BATCH documents
    //    (default 10,000) per transaction.
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let span_days = 3 * 365;
    let mut rng = Rng(0x2545F4914F6CDD1D);
    let per_doc = 10;
    let per_batch: usize = std::env::var("BENCH_BATCH").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let workload = Workload::from_env();
    println!("workload: {}", workload.describe());
    let n_docs = target.div_ceil(per_doc);
    let actor = |rng: &mut Rng| -> (String, String) {
        let c = COUNTRIES[rng.skewed(COUNTRIES.len())];
        let r = ROLES[rng.below(ROLES.len())];
        (format!("{c}{r}"), c.to_string())
    };
    let happening = |rng: &mut Rng, day: chrono::NaiveDate| -> Happening {
        let template = rng.below(templates.len());
        let source = actor(rng);
        let mut target = actor(rng);
        if target.1 == source.1 {
            target = actor(rng);
        }
        Happening { template, source, target, day }
    };
    // The stream's happenings of the last days, which later reports retell.
    let mut recent: std::collections::VecDeque<Happening> = std::collections::VecDeque::new();
    let mut ingest_secs = 0.0;
    let mut ingest_cpu = 0.0;
    let mut gen_secs = 0.0;
    let mut stored = 0usize;
    let mut alerts = 0usize;
    let mut k = 0;
    while k < n_docs {
        let g = Instant::now();
        let mut batch: Vec<(Document, Vec<Event>)> = Vec::with_capacity(per_batch);
        for _ in 0..per_batch.min(n_docs - k) {
            let day = match workload {
                Workload::Scattered => start + chrono::Duration::days(rng.below(span_days) as i64),
                Workload::Stream => start + chrono::Duration::days((k * span_days / n_docs) as i64),
            };
            let mut d = Document::new(format!("bench-{k}"), format!("generated {k}")).with_date(day);
            d.source = Some(format!("wire{}", rng.below(20)));
            while recent.front().is_some_and(|h| (day - h.day).num_days() > 1) {
                recent.pop_front();
            }
            let mut events = Vec::with_capacity(per_doc);
            for i in 0..per_doc {
                let h = match workload {
                    Workload::Stream if !recent.is_empty() && rng.below(3) > 0 => recent[rng.below(recent.len())].clone(),
                    Workload::Stream => {
                        let h = happening(&mut rng, day);
                        recent.push_back(h.clone());
                        h
                    }
                    Workload::Scattered => happening(&mut rng, day),
                };
                let mut e = templates[h.template].clone();
                e.doc_id = d.id.clone();
                e.sentence_index = i;
                for (side, (code, country)) in [(e.source.as_mut(), &h.source), (e.target.as_mut(), &h.target)] {
                    if let Some(a) = side {
                        a.code = code.clone();
                        a.country = Some(country.clone());
                    }
                }
                e.date = Some(h.day.format("%Y-%m-%d").to_string());
                e.date_info = Some(parley::DateInfo::of_document(h.day));
                events.push(e);
            }
            batch.push((d, events));
            k += 1;
        }
        gen_secs += g.elapsed().as_secs_f64();
        let (t, c) = (Instant::now(), thread_cpu_secs());
        let stats = store.ingest(batch.iter().map(|(d, e)| (d, e.as_slice())), false).unwrap();
        ingest_secs += t.elapsed().as_secs_f64();
        ingest_cpu += thread_cpu_secs() - c;
        stored += stats.events;
        alerts += stats.alerts;
    }
    let s = store.stats().unwrap();
    println!(
        "ingest: {stored} events ({} documents, {} clusters, {alerts} alerts raised) in {ingest_secs:.1}s = {:.0} events/s \
         (batches of {} events; generating them took {gen_secs:.1}s more)",
        s.documents,
        s.clusters,
        stored as f64 / ingest_secs,
        per_batch * per_doc
    );
    println!(
        "ingest, writing thread's CPU: {ingest_cpu:.1}s = {:.0} events per CPU-second (checkpoints run on a thread of their own)",
        stored as f64 / ingest_cpu.max(1e-9)
    );
    // Closed, the store is one file: its log is checkpointed and removed.
    drop(store);
    let size = std::fs::metadata(&db).map_or(0, |m| m.len()) + std::fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
    println!("store size: {:.0} MiB", size as f64 / (1 << 20) as f64);
    println!("peak RSS while ingesting: {:.0} MiB", status_mib("VmHWM:"));
    reset_peak_rss();

    // 4. Queries on a read-only connection, as the server makes them.
    let reader = Store::open_read_only(&db).unwrap();
    let dyads = reader.dyads(None, 300).unwrap();
    let mut rng = Rng(42);
    let mut tl = Vec::new();
    for i in 0..300 {
        let d = &dyads[rng.below(dyads.len())];
        let q = TimelineQuery {
            filter: EventFilter { dyad: Some((d.a.clone(), d.b.clone())), ..Default::default() },
            granularity: [Granularity::Day, Granularity::Week, Granularity::Month][i % 3],
        };
        let t = Instant::now();
        let b = reader.timeline(&q).unwrap();
        tl.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!b.is_empty());
    }
    println!("dyad timeline (day/week/month, whole history): p50 {:.2} ms, p99 {:.2} ms over {} queries", percentile(&mut tl, 0.5), percentile(&mut tl, 0.99), tl.len());
    let mut pages = Vec::new();
    for i in 0..300 {
        let d = &dyads[rng.below(dyads.len())];
        let f = match i % 4 {
            0 => EventFilter { dyad: Some((d.a.clone(), d.b.clone())), ..Default::default() },
            1 => EventFilter { actor: Some(d.a.clone()), quad_class: Some(4), ..Default::default() },
            2 => EventFilter { ..Default::default() },
            _ => EventFilter { dyad: Some((d.a.clone(), d.b.clone())), unit: Unit::Mentions, from: Some("2022-01-01".into()), ..Default::default() },
        };
        let offset = if i % 5 == 0 { 100 } else { 0 };
        let t = Instant::now();
        let p = reader.events(&f, 50, offset).unwrap();
        pages.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!p.rows.is_empty() || offset > 0);
    }
    println!("event page (50 rows; dyad, actor+quad, all, mentions+from): p50 {:.2} ms, p99 {:.2} ms over {} queries", percentile(&mut pages, 0.5), percentile(&mut pages, 0.99), pages.len());

    // 5. HTTP on loopback: a bounded load loop (at most 30,000 requests or 20 s).
    let app = parley_serve::App::new(parley_serve::Config::new(&db), coder).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = parley_serve::run(app, "127.0.0.1:0", 2, |addr| tx.send(addr).unwrap());
    });
    let addr = rx.recv().unwrap();
    let paths: Vec<String> = dyads.iter().take(50).map(|d| format!("/api/events?dyad={},{}&limit=20", d.a, d.b)).collect();
    let budget = 30_000usize;
    let clients = 8;
    let deadline = Instant::now() + Duration::from_secs(20);
    let t = Instant::now();
    let done: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let paths = &paths;
                scope.spawn(move || {
                    let stream = TcpStream::connect(addr).unwrap();
                    stream.set_nodelay(true).unwrap();
                    let mut w = stream.try_clone().unwrap();
                    let mut r = BufReader::new(stream);
                    let mut n = 0;
                    let mut line = String::new();
                    while n < budget / clients && Instant::now() < deadline {
                        let path = &paths[(c * 7 + n) % paths.len()];
                        write!(w, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
                        let mut len = 0usize;
                        let mut status = 0;
                        loop {
                            line.clear();
                            r.read_line(&mut line).unwrap();
                            if status == 0 {
                                status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
                            }
                            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                                len = v.trim().parse().unwrap();
                            }
                            if line == "\r\n" {
                                break;
                            }
                        }
                        let mut body = vec![0; len];
                        r.read_exact(&mut body).unwrap();
                        assert_eq!(status, 200);
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let secs = t.elapsed().as_secs_f64();
    println!(
        "HTTP event pages (20 rows, {clients} keep-alive clients, server on 2 worker threads, loopback): {done} requests in {secs:.1}s = {:.0} req/s",
        done as f64 / secs
    );
    // 6. What the analyst opens first: a brief on a busy dyad (ISR-PSE), the
    // actor network and the overview, the first answer (read from the store)
    // and the next ones (kept until the store changes).
    let subject = parley_brief::Subject::dyad("ISR", "PSE").unwrap();
    let query = parley_brief::BriefQuery::new(subject);
    let mut briefs = Vec::new();
    let mut lines = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let brief = parley_brief::Brief::build(&reader, &query).unwrap();
        let md = brief.render(parley_brief::Format::Markdown, "/");
        briefs.push(t.elapsed().as_secs_f64() * 1000.0);
        lines = md.lines().filter(|l| l.starts_with("- ")).count();
    }
    let direct = reader.count_events(&EventFilter { dyad: Some(("ISR".into(), "PSE".into())), ..Default::default() }).unwrap();
    println!(
        "brief ISR-PSE ({direct} happenings between them, {lines} cited lines): p50 {:.0} ms, max {:.0} ms over {} runs",
        percentile(&mut briefs.clone(), 0.5),
        percentile(&mut briefs, 1.0),
        5
    );
    // `from` makes a query the server has not warmed at its start: the first answer is read from the store.
    for path in ["/api/network?min_events=2&from=1900-01-01", "/api/overview?from=1900-01-01", "/api/brief?dyad=ISR,PSE&format=md"] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..4 {
            let t = Instant::now();
            let mut s = TcpStream::connect(addr).unwrap();
            write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
            let mut body = Vec::new();
            s.read_to_end(&mut body).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(body.starts_with(b"HTTP/1.1 200"), "{path}: {}", String::from_utf8_lossy(&body[..body.len().min(200)]));
            size = body.len();
        }
        println!(
            "HTTP {path}: first {:.0} ms, then {:.1} ms ({} KiB)",
            times[0],
            percentile(&mut times[1..].to_vec(), 0.5),
            size / 1024
        );
    }
    // Readers map the store file: its pages count in RSS, but they are the
    // OS's cache of the file, shared and reclaimable, not the process's own.
    println!(
        "peak RSS while reading and serving: {:.0} MiB; at the end {:.0} MiB of the process's own (with what the allocator \
         kept from the ingest) and {:.0} MiB of the store file's mapped pages",
        status_mib("VmHWM:"),
        status_mib("RssAnon:"),
        status_mib("RssFile:")
    );
}
