//! `parley brief`: the founding report written back from the store, every
//! line citing events and documents that exist.

mod common;

use parley_store::Store;
use std::path::{Path, PathBuf};

const COUNTRY_X: &str = "X-COUNTRY-X-GOV";
const FRONT: &str = "X-REVOLUTIONARY-FRONT-REB";

fn temp_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-brief-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("events.db")
}

fn ingest(db: &Path, report: &Path, date: &str) {
    let out = common::parley(&["ingest", "--db", db.to_str().unwrap(), "--date", date, report.to_str().unwrap()], b"");
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn brief(args: &[&str]) -> String {
    let out = common::parley(&[&["brief"], args].concat(), b"");
    assert!(out.status.success(), "brief failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A citation as Markdown prints it.
#[derive(Debug)]
enum Cite {
    Event(i64),
    Sentence(String, i64),
    Document(String),
}

/// The bullet lines of a Markdown brief, with their citations.
fn cited_lines(md: &str) -> Vec<(&str, Vec<Cite>)> {
    md.lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| {
            let mut cites = Vec::new();
            let mut rest = l;
            while let Some(open) = rest.find(" [") {
                let Some(close) = rest[open..].find(']') else { break };
                let inner = &rest[open + 2..open + close];
                if let Some(id) = inner.strip_prefix('e').and_then(|n| n.parse().ok()) {
                    cites.push(Cite::Event(id));
                } else if let Some(doc) = inner.strip_prefix("doc ") {
                    match doc.rsplit_once(" s").and_then(|(d, n)| Some((d, n.parse().ok()?))) {
                        Some((d, n)) => cites.push(Cite::Sentence(d.to_string(), n)),
                        None => cites.push(Cite::Document(doc.to_string())),
                    }
                }
                rest = &rest[open + close..];
            }
            (l, cites)
        })
        .collect()
}

/// Every bullet line carries a citation, and each resolves in the store.
fn assert_every_line_is_cited(md: &str, db: &Path) -> usize {
    let store = Store::open_read_only(db).unwrap();
    let lines = cited_lines(md);
    assert!(!lines.is_empty(), "the brief has lines:\n{md}");
    for (line, cites) in &lines {
        assert!(!cites.is_empty(), "line without a citation: {line}");
        for c in cites {
            let found = match c {
                Cite::Event(id) => store.event(*id).unwrap().is_some(),
                Cite::Document(d) => store.document(d).unwrap().is_some(),
                Cite::Sentence(d, n) => {
                    store.document(d).unwrap().is_some()
                        && store
                            .connection()
                            .query_row(
                                "SELECT EXISTS (SELECT 1 FROM facts WHERE doc_id = ?1 AND sentence_index = ?2)
                                     OR EXISTS (SELECT 1 FROM events WHERE doc_id = ?1 AND sentence_index = ?2)",
                                (d.as_str(), *n),
                                |r| r.get::<_, bool>(0),
                            )
                            .unwrap()
                }
            };
            assert!(found, "{c:?} of line {line:?} is not in the store");
        }
    }
    lines.len()
}

/// The one line that contains every one of `words`.
fn line_with<'a>(md: &'a str, words: &[&str]) -> &'a str {
    md.lines()
        .filter(|l| l.starts_with("- "))
        .find(|l| words.iter().all(|w| l.contains(w)))
        .unwrap_or_else(|| panic!("no line with {words:?} in the brief:\n{md}"))
}

#[test]
fn the_seed_is_written_back_with_citations() {
    let Some(seed) = common::shared("seed/article.txt") else { return };
    let db = temp_store("seed");
    ingest(&db, &seed, "2024-03-05");
    let md = brief(&["--db", db.to_str().unwrap(), "--dyad", &format!("{COUNTRY_X},{FRONT}"), "--format", "md"]);
    eprintln!("{md}");
    // Both parties, with the names the report gives them.
    line_with(&md, &[COUNTRY_X, "Country X"]);
    line_with(&md, &[FRONT, "Revolutionary Front"]);
    // The appeal for US mediation (028 "to mediate", or 026 "to meet or negotiate").
    let appeal = md
        .lines()
        .find(|l| l.starts_with("- ") && l.contains("(USA") && (l.contains("mediat") || l.contains("meet or negotiate")))
        .unwrap_or_else(|| panic!("no appeal to the US:\n{md}"));
    assert!(appeal.contains("asked"), "{appeal}");
    // US sanctions on both sides.
    let sanctions = line_with(&md, &["(USA)", "sanctions"]);
    assert!(sanctions.contains(COUNTRY_X) && sanctions.contains(FRONT), "{sanctions}");
    // The Security Council session, as expected (kept with the unstated).
    let hedged_part = &md[md.find("## Claimed").expect("a hedged section")..];
    line_with(hedged_part, &["Security Council", "Expected"]);
    // The toll, per the United Nations.
    line_with(&md, &["200,000", "killed", "United Nations"]);
    line_with(&md, &["5 million", "displaced", "United Nations"]);
    // The official's identity is hedged, and said so.
    let identity = line_with(hedged_part, &["identity", "believed"]);
    assert!(identity.starts_with("- Hedged"), "{identity}");
    // Every line is cited, and every citation is in the store.
    let n = assert_every_line_is_cited(&md, &db);
    assert!(n >= 8, "{n} lines");
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}

#[test]
fn the_shipped_example_gets_a_brief_without_shared_data() {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ceasefire-appeal.txt");
    let db = temp_store("example");
    ingest(&db, &example, "2024-06-10");
    let movement = "X-NORTHERN-LIBERATION-MOVEMENT-REB";
    let md = brief(&["--db", db.to_str().unwrap(), "--actor", movement]);
    line_with(&md, &[movement, "provisional"]);
    line_with(&md, &["sanctions", movement]);
    line_with(&md, &["12,000", "killed", "United Nations"]);
    assert_every_line_is_cited(&md, &db);
    // HTML links every citation to the dashboard's event view.
    let html = brief(&["--db", db.to_str().unwrap(), "--actor", movement, "--format", "html", "--dashboard", "http://h:8/"]);
    assert!(html.contains("<a class=\"cite\" href=\"http://h:8/#event="), "{html}");
    assert_eq!(html.matches("<li>").count(), cited_lines(&md).len(), "the same lines as the Markdown");
    // Bad arguments are named.
    let out = common::parley(&["brief", "--db", db.to_str().unwrap(), "--dyad", "USA"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two actor codes"));
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}
