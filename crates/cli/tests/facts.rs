//! `parley code --facts`: the seed report's document facts as JSON lines with
//! `"kind": "fact"`, after its events.

mod common;

use serde_json::Value;

fn seed() -> Option<std::path::PathBuf> {
    common::shared("seed/article.txt")
}

fn run(args: &[&str], stdin: Option<&str>) -> (bool, Vec<Value>, String) {
    let out = common::parley(args, stdin.unwrap_or("").as_bytes());
    let lines = String::from_utf8(out.stdout).unwrap().lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    (out.status.success(), lines, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn seed_facts_as_json_lines() {
    let Some(path) = seed() else { return };
    let path = path.to_str().unwrap();
    let (ok, lines, err) = run(&["code", "--facts", path], None);
    assert!(ok, "{err}");
    let facts: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "fact").collect();
    let of_type = |t: &str| facts.iter().filter(|f| f["type"] == t).collect::<Vec<_>>();

    let start = of_type("start");
    assert_eq!(start.len(), 1);
    assert_eq!(start[0]["start"]["value"], "2019");
    assert_eq!(start[0]["start"]["precision"], "year");

    let duration = of_type("duration");
    assert_eq!(duration[0]["duration"]["count"], 5);
    assert_eq!(duration[0]["duration"]["unit"], "year");
    assert_eq!(duration[0]["duration"]["ordinal"], true);

    let counts = of_type("count");
    let find = |kind: &str| counts.iter().find(|f| f["count"]["kind"] == kind).unwrap_or_else(|| panic!("no {kind} count"));
    for (kind, value) in [("killed", 200_000), ("displaced", 5_000_000)] {
        let c = &find(kind)["count"];
        assert_eq!(c["value"], value);
        assert_eq!(c["qualifier"], "more_than");
        assert_eq!(c["scope"], "cumulative");
        assert_eq!(c["source"], "the United Nations");
    }
    assert!(of_type("statement").iter().all(|f| f["certainty"] == "hedged"));
    // The seed has no date: nothing gets one.
    assert!(lines.iter().all(|l| l["date"].is_null()));

    // Without the flag, no fact lines.
    let (ok, lines, _) = run(&["code", path], None);
    assert!(ok && lines.iter().all(|l| l["kind"] != "fact"));
}

#[test]
fn facts_need_json_output() {
    let (ok, _, err) = run(&["code", "--facts", "--format", "parley-tsv", "-"], Some(""));
    assert!(!ok);
    assert!(err.contains("--facts"), "{err}");
}

#[test]
fn a_report_without_figures_has_no_count_facts() {
    let doc = r#"{"id":"d","date":"2024-03-07","text":"The 200 delegates welcomed a 5 million dollar grant on Tuesday."}"#;
    let (ok, lines, err) = run(&["code", "--facts", "-"], Some(doc));
    assert!(ok, "{err}");
    assert!(lines.iter().all(|l| l["type"] != "count"), "{lines:?}");
}
