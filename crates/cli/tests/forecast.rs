//! `parley forecast eval` on a benchmark folder, and `parley forecast` over a
//! store built from the seed and the AG News world reports.

mod common;

use common::parley;
use parley_store::Store;
use serde_json::Value;
use std::path::PathBuf;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-forecast-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `../shared/<path>`; in CI its absence fails the test, elsewhere skips it.
fn shared(path: &str) -> Option<PathBuf> {
    let found = common::shared(path);
    assert!(found.is_some() || std::env::var_os("CI").is_none(), "../shared/{path} is missing and CI is set");
    found
}

#[test]
fn eval_prints_the_table_and_the_wall_time() {
    let dir = temp("eval");
    let files = [
        ("entity2id.txt", "A\t0\nB\t1\nC\t2\nD\t3\n"),
        ("relation2id.txt", "consult\t0\nthreaten\t1\n"),
        ("train.txt", "0\t0\t1\t0\n0\t0\t1\t24\n1\t1\t0\t24\n0\t0\t1\t48\n1\t1\t0\t48\n"),
        ("valid.txt", "0\t0\t1\t72\n1\t1\t0\t72\n"),
        ("test.txt", "0\t0\t1\t96\n2\t0\t3\t96\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = parley(&["forecast", "eval", "--data", dir.to_str().unwrap(), "--threads", "1"], b"");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for method in ["recurrency baseline", "temporal rules", "combined"] {
        assert!(stdout.contains(&format!("| {method} | ")), "{stdout}");
    }
    assert!(stdout.contains("(4 questions)"), "{stdout}");
    assert!(stdout.contains("wall time"), "{stdout}");
}

#[test]
fn a_benchmark_folder_without_its_splits_is_an_error_naming_the_file() {
    let dir = temp("empty");
    let out = parley(&["forecast", "eval", "--data", dir.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("entity2id.txt: cannot read"));
}

/// The seed and the AG News world items as dated JSON lines (a day in
/// Aug-Nov 2004 by position, as the browser test does).
fn reports(seed: &PathBuf, agnews: &PathBuf) -> String {
    let mut lines = vec![serde_json::json!({"id": "seed", "text": std::fs::read_to_string(seed).unwrap(), "date": "2024-03-05"}).to_string()];
    let csv = std::fs::read_to_string(agnews).unwrap();
    for (n, line) in csv.lines().filter(|l| l.starts_with("\"1\",")).enumerate() {
        let fields: Vec<&str> = line.split("\",\"").collect();
        if fields.len() == 3 {
            let day = chrono::NaiveDate::from_ymd_opt(2004, 8, 1).unwrap() + chrono::Duration::days((n % 120) as i64);
            let text = fields[2].trim_end_matches('"').replace("\"\"", "\"").replace('\\', " ");
            lines.push(serde_json::json!({"id": format!("ag{n}"), "title": fields[1], "text": text, "date": day.to_string()}).to_string());
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_isr_pse_dyads_next_events_come_with_the_past_events_behind_them() {
    let (Some(seed), Some(agnews)) = (shared("seed/article.txt"), shared("anchors/agnews/test.csv")) else {
        return;
    };
    let dir = temp("store");
    let input = dir.join("reports.jsonl");
    std::fs::write(&input, reports(&seed, &agnews)).unwrap();
    let db = dir.join("events.db");
    let out = parley(&["ingest", "--db", db.to_str().unwrap(), input.to_str().unwrap()], b"");
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1), "{}", String::from_utf8_lossy(&out.stderr));

    let out = parley(&["forecast", "--db", db.to_str().unwrap(), "--dyad", "ISR,PSE", "--json"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = answer["rows"].as_array().unwrap();
    assert!(!rows.is_empty(), "{answer}");
    let store = Store::open_read_only(&db).unwrap();
    let event = |id: i64| -> (String, String, String) {
        store
            .connection()
            .query_row("SELECT c.source_key, c.target_key, c.cameo FROM events e JOIN clusters c ON c.id = e.cluster_id WHERE e.id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap()
    };
    let mut scores = Vec::new();
    for row in rows {
        let (source, target, cameo) = (row["source"].as_str().unwrap(), row["target"].as_str().unwrap(), row["cameo"].as_str().unwrap());
        assert!([("ISR", "PSE"), ("PSE", "ISR")].contains(&(source, target)), "{row}");
        let support = row["support"].as_array().unwrap();
        assert!(!support.is_empty(), "{row}");
        for s in support {
            let events = s["events"].as_array().unwrap();
            assert!(!events.is_empty(), "{row}");
            if s["kind"] == "recurrence" {
                // A recurrence names earlier happenings of the very event forecast.
                for id in events {
                    assert_eq!(event(id.as_i64().unwrap()), (source.to_string(), target.to_string(), cameo.to_string()), "{row}");
                }
            }
        }
        scores.push(row["score"].as_f64().unwrap());
    }
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");

    let text = parley(&["forecast", "--db", db.to_str().unwrap(), "--dyad", "ISR,PSE", "--limit", "3"], b"");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("ISR -> PSE") && text.contains("happened"), "{text}");

    let out = parley(&["forecast", "--db", db.to_str().unwrap(), "--actor", "NOWHERE"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOWHERE"));
}
