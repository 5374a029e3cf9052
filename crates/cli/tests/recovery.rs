//! One bad record costs only itself, in every reader: it is reported as
//! `FILE:LINE: reason` and the other records are coded. Repeated ids are
//! reported with both places; a missing input ends the run before any work.

mod common;

use common::parley;
use std::path::PathBuf;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-recovery-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The documents that produced events, as `parley code` printed them.
fn coded_docs(stdout: &[u8]) -> Vec<String> {
    let mut docs: Vec<String> = String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("doc_id").and_then(|d| d.as_str()).map(str::to_string))
        .collect();
    docs.dedup();
    docs
}

const ATTACK: &str = "Russian forces attacked Ukrainian positions near Kharkiv on Tuesday.";
const TALKS: &str = "Israel and Egypt held talks in Cairo on Monday.";

#[test]
fn json_lines_skip_a_bad_line_with_its_place() {
    let dir = temp("jsonl");
    let input = dir.join("in.jsonl");
    let good = |id: &str, text: &str| serde_json::json!({"id": id, "text": text, "date": "2024-03-05"}).to_string();
    std::fs::write(&input, format!("{}\n{{\"id\": \"b\", \"text\": 5}}\n{}\n", good("a", ATTACK), good("c", TALKS))).unwrap();
    let out = parley(&["code", input.to_str().unwrap()], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:2:", input.display())), "{err}");
    assert_eq!(coded_docs(&out.stdout), ["a", "c"]);
}

#[test]
fn petrarch_xml_skips_a_bad_record_with_its_place() {
    let dir = temp("petrarch");
    let input = dir.join("records.xml");
    let xml = format!(
        "<Sentences>\n<Sentence id=\"a\" date=\"20240305\"><Text>{ATTACK}</Text></Sentence>\n\
         <Sentence id=\"b\" date=\"2024\"><Text>{TALKS}</Text></Sentence>\n\
         <Sentence date=\"20240305\"><Text>{TALKS}</Text></Sentence>\n\
         <Sentence id=\"d\" date=\"20240305\"><Text>Tom & Jerry {TALKS}</Text></Sentence>\n\
         <Sentence id=\"e\" date=\"20240305\"><Text>{TALKS}</Text></Sentence>\n</Sentences>\n"
    );
    std::fs::write(&input, xml).unwrap();
    let out = parley(&["code", input.to_str().unwrap()], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for line in [3, 4, 5] {
        assert!(err.contains(&format!("{}:{line}:", input.display())), "line {line}: {err}");
    }
    assert_eq!(coded_docs(&out.stdout), ["a", "e"], "{err}");
}

#[test]
fn feeds_skip_a_bad_item_with_its_place() {
    let dir = temp("feed");
    let input = dir.join("wire.rss");
    let rss = format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>\n\
         <item><guid>a</guid><description>{ATTACK}</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>\n\
         <item><guid>b</guid><description>Caf&eacute; {TALKS}</description></item>\n\
         <item><guid>c</guid><description>{TALKS}</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>\n\
         </channel></rss>\n"
    );
    std::fs::write(&input, rss).unwrap();
    let out = parley(&["code", input.to_str().unwrap()], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:4:", input.display())), "{err}");
    assert_eq!(coded_docs(&out.stdout), ["a", "c"], "{err}");
    // Not a feed at all: one error for the file.
    let broken = dir.join("broken.rss");
    std::fs::write(&broken, "<rss><channel><title>cut off").unwrap();
    let out = parley(&["code", broken.to_str().unwrap()], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_repeated_id_is_reported_with_both_places() {
    let dir = temp("repeat");
    let (first, second) = (dir.join("one.jsonl"), dir.join("two.jsonl"));
    let doc = |text: &str| serde_json::json!({"id": "same", "text": text}).to_string();
    std::fs::write(&first, format!("{}\n", doc(ATTACK))).unwrap();
    std::fs::write(&second, format!("{}\n{}\n", doc("Nothing."), doc(TALKS))).unwrap();
    let out = parley(&["code", first.to_str().unwrap(), second.to_str().unwrap()], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a repeat is a warning: {err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(warnings[0].contains(&format!("{}:1", second.display())) && warnings[0].contains(&format!("{}:1", first.display())), "{err}");
    assert!(warnings[1].contains(&format!("{}:2", second.display())), "{err}");
}

#[test]
fn a_missing_input_is_fatal_before_any_work() {
    let dir = temp("missing");
    let good = dir.join("good.jsonl");
    std::fs::write(&good, serde_json::json!({"id": "a", "text": ATTACK}).to_string()).unwrap();
    let missing = dir.join("no-such.jsonl");
    let out = parley(&["code", good.to_str().unwrap(), missing.to_str().unwrap()], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "nothing coded before the error");
    assert!(err.contains("no-such.jsonl"), "{err}");
    let db = dir.join("events.db");
    let out = parley(&["ingest", "--db", db.to_str().unwrap(), good.to_str().unwrap(), missing.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(!db.exists(), "no store created");
}
