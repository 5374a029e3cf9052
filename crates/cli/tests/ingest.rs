//! `parley ingest`: same events as `parley code`, idempotent re-ingest, and a
//! store that survives `kill -9` in the middle of an ingest.

use parley_store::{EventFilter, Store, Unit};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn parley() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parley"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-ingest-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Real reports as JSON lines: the seed, and AG News world items when the
/// shared anchors are there (converted here, never copied into the repo).
fn reports(copies: usize) -> Vec<String> {
    let mut base: Vec<(String, String)> = Vec::new();
    if let Ok(seed) = std::fs::read_to_string(shared().join("seed/article.txt")) {
        base.push(("".into(), seed));
    }
    if let Ok(csv) = std::fs::read_to_string(shared().join("anchors/agnews/test.csv")) {
        for line in csv.lines().filter(|l| l.starts_with("\"1\",")) {
            let fields: Vec<&str> = line.split("\",\"").collect();
            if fields.len() == 3 {
                base.push((fields[1].replace("\"\"", "\""), fields[2].trim_end_matches('"').replace("\"\"", "\"").replace('\\', " ")));
            }
        }
    }
    if base.len() < 2 {
        base.push(("Russian forces shelled Ukrainian positions".into(), "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday. Ukraine asked the United Nations to mediate.".into()));
    }
    let mut out = Vec::new();
    for c in 0..copies {
        for (i, (title, text)) in base.iter().enumerate() {
            let day = 1 + (i + c) % 28;
            out.push(
                serde_json::json!({"id": format!("r{c}-{i}"), "title": title, "text": text, "date": format!("2024-02-{day:02}"), "source": "test"})
                    .to_string(),
            );
        }
    }
    out
}

fn write_lines(path: &Path, lines: &[String]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn ingest_stores_what_code_prints_and_reingest_does_not_double() {
    let dir = temp("idem");
    let input = dir.join("docs.jsonl");
    write_lines(&input, &reports(1)[..200.min(reports(1).len())]);
    let db = dir.join("events.db");
    let out = parley().args(["ingest", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "quiet when not on a terminal: {}", String::from_utf8_lossy(&out.stderr));
    let coded = parley().arg("code").arg(&input).output().unwrap();
    let expected: Vec<serde_json::Value> = String::from_utf8(coded.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v.get("kind").and_then(|k| k.as_str()) != Some("fact"))
        .collect();
    let store = Store::open_read_only(&db).unwrap();
    let all = EventFilter { unit: Unit::Mentions, order: parley_store::Order::Oldest, ..Default::default() };
    let count_all = |s: &Store| s.count_events(&all).unwrap() as usize;
    assert_eq!(count_all(&store), expected.len());
    // Every field of every event, as `parley code` printed it.
    let mut stored: Vec<String> = Vec::new();
    store.connection().prepare("SELECT json FROM events ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().for_each(|j| stored.push(j.unwrap()));
    let stored: Vec<serde_json::Value> = stored.iter().map(|j| serde_json::from_str(j).unwrap()).collect();
    assert_eq!(stored.len(), expected.len());
    for (i, (s, e)) in stored.iter().zip(&expected).enumerate() {
        assert_eq!(s, e, "event {i}");
    }
    let docs = count(&store, "SELECT count(*) FROM documents");
    drop(store);

    // Again: nothing doubles.
    let out = parley().args(["ingest", "--db"]).arg(&db).arg(&input).arg("-v").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("({docs} unchanged)")), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(count_all(&store), expected.len());
    assert_eq!(count(&store, "SELECT count(*) FROM documents"), docs);
    drop(store);
    // Forced: re-coded and replaced, still not doubled.
    let out = parley().args(["ingest", "--force", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert!(out.status.success());
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(count_all(&store), expected.len());
    store.check().unwrap();
}

/// The number written just before `label` in `text` ("... 12 events in ...").
fn number_before(text: &str, label: &str) -> i64 {
    let at = text.find(label).unwrap_or_else(|| panic!("no {label:?} in {text}"));
    text[..at].split_whitespace().last().and_then(|w| w.parse().ok()).unwrap_or_else(|| panic!("no number before {label:?} in {text}"))
}

#[test]
fn the_verbose_summary_gives_the_stores_own_counts() {
    let dir = temp("summary");
    let input = dir.join("docs.jsonl");
    let lines = reports(2);
    write_lines(&input, &lines[..lines.len().min(400)]);
    let db = dir.join("events.db");
    for extra in [&[][..], &["--force"][..], &["--batch", "7"][..]] {
        let out = parley().args(["ingest", "-v", "--db"]).arg(&db).args(extra).arg(&input).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        let summary = err.lines().last().unwrap();
        let store = Store::open_read_only(&db).unwrap();
        let held = summary.split("the store holds").nth(1).unwrap_or_else(|| panic!("{summary}"));
        assert_eq!(number_before(held, " documents"), count(&store, "SELECT count(*) FROM documents"), "{summary}");
        assert_eq!(number_before(held, " events"), count(&store, "SELECT count(*) FROM events"), "{summary}");
        assert_eq!(number_before(held, " clusters"), count(&store, "SELECT count(*) FROM clusters"), "{summary}");
        assert_eq!(number_before(held, " alerts"), count(&store, "SELECT count(*) FROM alerts"), "{summary}");
        assert!(count(&store, "SELECT count(*) FROM events") > 0, "{summary}");
    }
}

#[test]
fn a_bad_record_is_skipped_with_exit_code_1_and_bad_arguments_exit_2() {
    let dir = temp("bad");
    let input = dir.join("docs.jsonl");
    std::fs::write(&input, "{\"id\":\"a\",\"text\":\"Russia attacked Ukraine.\"}\n{broken\n").unwrap();
    let db = dir.join("events.db");
    let out = parley().args(["ingest", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("docs.jsonl:2"));
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM documents"), 1);
    let out = parley().args(["ingest", "--alert-config", "/nonexistent.json", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(dir.join("alerts.json"), r#"{"spike": {"zz": 1}}"#).unwrap();
    let out = parley().args(["ingest", "--alert-config"]).arg(dir.join("alerts.json")).arg("--db").arg(&db).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zz"));
}

#[test]
fn kill_9_during_ingest_loses_no_committed_document_and_the_store_opens() {
    let dir = temp("kill");
    let input = dir.join("docs.jsonl");
    let lines = reports(12);
    write_lines(&input, &lines);
    let ids: Vec<String> =
        lines.iter().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    let db = dir.join("events.db");
    let mut child = parley()
        .args(["ingest", "-v", "--batch", "40", "--threads", "1", "--db"])
        .arg(&db)
        .arg(&input)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut committed_last: Option<String> = None;
    let mut batches = 0;
    let mut line = String::new();
    while batches < 5 {
        line.clear();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(last) = line.trim().strip_prefix("parley: committed batch ").and_then(|l| l.split("last id ").nth(1)) {
            committed_last = Some(last.to_string());
            batches += 1;
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "the ingest should still have been running when killed (input too small?)");
    let last = committed_last.expect("some batches were reported committed");
    let reported = ids.iter().position(|id| *id == last).unwrap() + 1;

    // The store opens, is sound, and every document reported as committed is
    // there whole: its stored event count matches its events.
    let store = Store::open(&db).unwrap();
    store.check().unwrap();
    let stored = count(&store, "SELECT count(*) FROM documents") as usize;
    assert!(stored >= reported, "{stored} stored < {reported} reported committed");
    for id in &ids[..reported] {
        let (n, actual): (i64, i64) = store
            .connection()
            .query_row("SELECT n_events, (SELECT count(*) FROM events WHERE doc_id = ?1) FROM documents WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(n, actual, "document {id}");
    }
    let broken = count(&store, "SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.id)");
    assert_eq!(broken, 0);
    drop(store);

    // Running it again finishes the job without doubling anything.
    let out = parley().args(["ingest", "--threads", "1", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM documents") as usize, ids.len());
    let events = count(&store, "SELECT count(*) FROM events");
    let expected = count(&store, "SELECT sum(n_events) FROM documents");
    assert_eq!(events, expected);
}
