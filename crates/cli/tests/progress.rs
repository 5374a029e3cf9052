//! Long runs report progress on a terminal only; `parley ingest` ends with a
//! one-line summary (with --verbose, or on a terminal) and --quiet silences both.

mod common;

fn store(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("parley-progress-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("events.db").to_string_lossy().into_owned()
}

const REPORTS: &[u8] = b"{\"id\":\"a\",\"text\":\"Russia accused Ukraine of shelling Kharkiv.\",\"date\":\"2024-05-01\"}\n\
not json at all\n\
{\"id\":\"b\",\"text\":\"France offered to mediate between Russia and Ukraine.\",\"date\":\"2024-05-02\"}\n";

#[test]
fn the_summary_counts_documents_events_happenings_alerts_and_skipped_records() {
    let db = store("summary");
    let out = common::parley(&["ingest", "--db", &db, "--input", "jsonl", "--verbose"], REPORTS);
    assert_eq!(out.status.code(), Some(1), "a skipped record makes the exit code 1");
    let err = String::from_utf8_lossy(&out.stderr);
    let summary = err.lines().last().unwrap_or("");
    assert!(summary.starts_with("parley: stored 2 documents"), "{err}");
    for part in ["events in", "new happenings", "alerts", "1 skipped records", &db] {
        assert!(summary.contains(part), "{part:?} missing from {summary:?}");
    }
    assert!(err.contains("<stdin>:2"), "the bad record is named: {err}");
}

#[test]
fn quiet_runs_report_only_what_was_skipped() {
    let db = store("quiet");
    let out = common::parley(&["ingest", "--db", &db, "--input", "jsonl", "--quiet"], REPORTS);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "only the skipped record: {err}");
    let out = common::parley(&["code", "--input", "jsonl", "-q"], REPORTS);
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    assert!(!out.stdout.is_empty());
    // Not on a terminal, no bar either: no carriage returns or escapes.
    let out = common::parley(&["code", "--input", "jsonl"], REPORTS);
    assert!(!out.stderr.contains(&b'\r') && !out.stderr.contains(&0x1b));
}
