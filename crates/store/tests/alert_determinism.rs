//! Alerts are a function of the stored events: one corpus of real reports
//! (AG News, coded once) ingested in random orders, random batch sizes, by
//! two writers at once, and again with `force`, always leaves the same
//! alerts, each naming the same events.
//!
//! CI codes `PARLEY_ALERT_CORPUS` documents (default 3,000) and tries 10
//! orders; the full check of the issue is
//! `PARLEY_ALERT_CORPUS=20000 cargo test --release -p parley-store --test alert_determinism`.
//! The test needs `../shared/anchors/agnews`: it fails without it when `CI`
//! is set, and says it is skipped otherwise.

use parley::{Coder, Document, Event};
use parley_store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A fixed-seed xorshift: the orders and batch sizes are random but repeatable.
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

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn agnews() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/anchors/agnews/test.csv");
    if path.exists() {
        return Some(path);
    }
    assert!(std::env::var_os("CI").is_none(), "{} is missing: CI needs ../shared", path.display());
    eprintln!("skipped: {} is not present", path.display());
    None
}

/// The AG News rows as (title, text), World news first (they carry most events).
fn rows(path: &Path) -> Vec<(String, String)> {
    let csv = std::fs::read_to_string(path).unwrap();
    let mut world = Vec::new();
    let mut other = Vec::new();
    for line in csv.lines() {
        let f: Vec<&str> = line.split("\",\"").collect();
        if f.len() != 3 {
            continue;
        }
        let row = (f[1].replace("\"\"", "\""), f[2].trim_end_matches('"').replace("\"\"", "\"").replace('\\', " "));
        if f[0] == "\"1" {
            world.push(row);
        } else {
            other.push(row);
        }
    }
    world.extend(other);
    world
}

/// `n` documents: the rows, repeated as needed, each copy on another day of
/// half a year, so that dyads have histories, runs, spikes and turns.
fn corpus(path: &Path, n: usize) -> Vec<(Document, Vec<Event>)> {
    let rows = rows(path);
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let docs: Vec<Document> = (0..n)
        .map(|k| {
            let (title, text) = &rows[k % rows.len()];
            let day = start + chrono::Duration::days(((k * 7919) % 180) as i64);
            let mut d = Document::new(format!("ag{k}"), text.clone()).with_date(day);
            d.title = Some(title.clone());
            d.source = Some(["AP", "Reuters", "AFP"][k % 3].to_string());
            d
        })
        .collect();
    let coder = Coder::builtin().unwrap();
    let events = coder.code_all(&docs);
    docs.into_iter().zip(events).collect()
}

/// An alert as a reader sees it, with its events named by document and
/// position (event ids are the order of arrival).
type AlertView = (String, String, String, String, String, String, String, Vec<(String, i64)>);

fn alert_set(path: &Path) -> BTreeSet<AlertView> {
    let store = Store::open_read_only(path).unwrap();
    let conn = store.connection();
    let mut st = conn.prepare("SELECT id, rule, key, actor_a, actor_b, day, printf('%.9g', score), message, detail FROM alerts").unwrap();
    let alerts: Vec<(i64, [String; 8])> = st
        .query_map([], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?]))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut events = conn
        .prepare("SELECT e.doc_id, e.ordinal FROM alert_events a JOIN events e ON e.id = a.event_id WHERE a.alert_id = ?1 ORDER BY 1, 2")
        .unwrap();
    alerts
        .into_iter()
        .map(|(id, [rule, key, a, b, day, score, message, detail])| {
            let named: Vec<(String, i64)> = events.query_map([id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
            assert!(!named.is_empty(), "alert {key} names no event");
            (rule, key, a, b, day, score, format!("{message} {detail}"), named)
        })
        .collect()
}

/// The dyad-month table the writer keeps equals the happenings' own sums
/// (Goldstein sums to a millionth: they were added in another order).
fn assert_dyad_months_kept(path: &Path, when: &str) {
    let store = Store::open_read_only(path).unwrap();
    type Row = ((String, String, String, i64, i64), f64);
    let read = |sql: &str| -> Vec<Row> {
        let conn = store.connection();
        let mut st = conn.prepare(sql).unwrap();
        let rows = st.query_map([], |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?), r.get(5)?)));
        rows.unwrap().map(Result::unwrap).collect()
    };
    let kept = read("SELECT dyad_a, dyad_b, month, happenings, cooperative, goldstein FROM dyad_months ORDER BY 1, 2, 3");
    let sums = read(
        "SELECT dyad_a, dyad_b, ifnull(substr(day, 1, 7), ''), count(*), sum(quad_class <= 2), sum(goldstein)
         FROM clusters GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    );
    assert!(!kept.is_empty(), "{when}: no dyad-month");
    assert_eq!(kept.iter().map(|r| &r.0).collect::<Vec<_>>(), sums.iter().map(|r| &r.0).collect::<Vec<_>>(), "{when}: the dyad-months differ");
    for (k, s) in kept.iter().zip(&sums) {
        assert!((k.1 - s.1).abs() < 1e-6, "{when}: {:?}: Goldstein sum {} kept, {} in the happenings", k.0, k.1, s.1);
    }
}

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-alert-determinism-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("events.db")
}

/// Ingests `items` (indices into `corpus`) in batches of random sizes up to `max_batch`.
fn ingest(store: &mut Store, corpus: &[(Document, Vec<Event>)], items: &[usize], rng: &mut Rng, max_batch: usize, force: bool) {
    let mut rest = items;
    while !rest.is_empty() {
        let n = (1 + rng.below(max_batch)).min(rest.len());
        let (batch, tail) = rest.split_at(n);
        store.ingest(batch.iter().map(|&i| (&corpus[i].0, corpus[i].1.as_slice())), force).unwrap();
        rest = tail;
    }
}

#[test]
fn alerts_are_the_same_whatever_the_order_batching_concurrency_or_reingest() {
    let Some(path) = agnews() else { return };
    let n: usize = std::env::var("PARLEY_ALERT_CORPUS").ok().and_then(|v| v.parse().ok()).unwrap_or(3_000);
    let corpus = corpus(&path, n);
    let all: Vec<usize> = (0..corpus.len()).collect();

    // The reference: in the corpus's order, one batch size.
    let reference_db = fresh("reference");
    let mut store = Store::open(&reference_db).unwrap();
    for chunk in all.chunks(256) {
        store.ingest(chunk.iter().map(|&i| (&corpus[i].0, corpus[i].1.as_slice())), false).unwrap();
    }
    drop(store);
    let reference = alert_set(&reference_db);
    let rules: BTreeSet<&str> = reference.iter().map(|a| a.0.as_str()).collect();
    eprintln!("{n} documents: {} alerts ({rules:?})", reference.len());
    assert!(reference.len() >= 5, "the corpus raises too few alerts to compare: {reference:?}");

    for round in 0..10u64 {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (round + 1).wrapping_mul(0x1000_0001));
        let mut order = all.clone();
        rng.shuffle(&mut order);
        let max_batch = [1, 7, 64, 300, 2_000][round as usize % 5];
        let db = fresh(&format!("round{round}"));
        match round % 3 {
            // One writer.
            0 => {
                let mut store = Store::open(&db).unwrap();
                ingest(&mut store, &corpus, &order, &mut rng, max_batch, false);
            }
            // Two writers at once, each with half of the documents.
            1 => {
                let (left, right) = order.split_at(order.len() / 2);
                std::thread::scope(|scope| {
                    for (half, seed) in [(left, round * 2 + 1), (right, round * 2 + 2)] {
                        let (db, corpus) = (&db, &corpus);
                        scope.spawn(move || {
                            let mut store = Store::open(db).unwrap();
                            ingest(&mut store, corpus, half, &mut Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D)), max_batch, false);
                        });
                    }
                });
            }
            // One writer, then a forced re-ingest of a random part and an
            // unchanged re-ingest of everything, in other orders.
            _ => {
                let mut store = Store::open(&db).unwrap();
                ingest(&mut store, &corpus, &order, &mut rng, max_batch, false);
                let mut again: Vec<usize> = order.iter().copied().filter(|_| rng.below(3) == 0).collect();
                rng.shuffle(&mut again);
                ingest(&mut store, &corpus, &again, &mut rng, max_batch, true);
                rng.shuffle(&mut order);
                ingest(&mut store, &corpus, &order, &mut rng, 500, false);
            }
        }
        assert_dyad_months_kept(&db, &format!("round {round}"));
        let got = alert_set(&db);
        let missing: Vec<_> = reference.difference(&got).take(3).collect();
        let extra: Vec<_> = got.difference(&reference).take(3).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "round {round} (batches up to {max_batch}): {} alerts against {}; missing {missing:?}; extra {extra:?}",
            got.len(),
            reference.len()
        );
    }

    // A forced re-ingest of everything in the reference store changes nothing.
    let mut store = Store::open(&reference_db).unwrap();
    let mut rng = Rng(42);
    ingest(&mut store, &corpus, &all, &mut rng, 1_000, true);
    drop(store);
    assert_dyad_months_kept(&reference_db, "after ingest --force");
    assert_eq!(alert_set(&reference_db), reference, "after ingest --force of the same documents");
}
