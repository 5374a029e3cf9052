//! The `parley code` command line: inputs, outputs, options and errors.

mod common;

use common::parley;
use std::process::Output;

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-cli-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn plain_text_on_stdin_gives_json_lines() {
    let out = parley(&["code"], b"Russian forces shelled Ukrainian positions on Tuesday.");
    assert!(out.status.success());
    let events = lines(&out);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["source"]["code"], "RUSMIL");
    assert_eq!(events[0]["doc_id"], "stdin");
}

#[test]
fn a_bad_json_line_is_reported_and_skipped() {
    let input = b"{\"id\":\"a\",\"text\":\"Iran accused Israel.\"}\n{not json\n{\"id\":\"b\",\"text\":\"France condemned Russia.\"}\n";
    let out = parley(&["code", "--input", "jsonl"], input);
    assert_eq!(out.status.code(), Some(1), "a skipped record makes the exit code 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>:2"), "the error names the line: {stderr}");
    let ids: Vec<String> = lines(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn broken_utf8_names_the_place() {
    let out = parley(&["code", "--input", "jsonl"], b"{\"id\":\"a\",\"text\":\"ok\xff\"}\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
}

#[test]
fn empty_input_codes_nothing_and_succeeds() {
    let out = parley(&["code"], b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn documents_without_a_date_get_none_and_date_gives_one() {
    let text = b"Russian forces shelled Ukrainian positions.";
    assert!(lines(&parley(&["code"], text))[0]["date"].is_null());
    let dated = lines(&parley(&["code", "--date", "2024-03-05"], text));
    assert_eq!(dated[0]["date"], "2024-03-05");
}

#[test]
fn negated_events_only_on_request() {
    let text = b"Russia did not attack Ukraine.";
    assert!(lines(&parley(&["code"], text)).is_empty());
    let kept = lines(&parley(&["code", "--keep-negated"], text));
    assert_eq!(kept[0]["mode"], "negated");
}

#[test]
fn the_short_table_has_a_header_and_parleys_columns() {
    let out = parley(&["code", "--format", "parley-tsv", "--date", "2024-03-05"], b"Russian forces shelled Ukrainian positions.");
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[0], "date\tsource\ttarget\tcameo\troot\tquad_class\tgoldstein\tdoc_id\tsentence");
    assert!(rows[1].starts_with("2024-03-05\tRUSMIL\tUKR\t194\t19\t4\t"), "{}", rows[1]);
}

#[test]
fn a_malformed_lexicon_stops_with_file_and_line() {
    let dir = temp_dir("badlex");
    std::fs::write(dir.join("cameo.txt"), "01 | 0 | Make statement\n2x | 1 | broken\n").unwrap();
    let out = parley(&["code", "--lexicon", dir.to_str().unwrap()], b"text");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cameo.txt:2:"), "{stderr}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn threads_keep_the_input_order() {
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!("{{\"id\":\"d{i}\",\"text\":\"Iran accused Israel of attacks.\"}}\n"));
    }
    let out = parley(&["code", "--threads", "2"], input.as_bytes());
    let ids: Vec<String> = lines(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = (0..300).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_document_over_the_size_limit_is_refused_with_its_name() {
    let dir = temp_dir("huge");
    let path = dir.join("archive.txt");
    std::fs::write(&path, "Iran accused Israel. ".repeat(900_000)).unwrap();
    let out = parley(&["code", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("archive.txt") && stderr.contains("over the limit"), "{stderr}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn explain_says_where_each_actor_came_from() {
    let text = "Valdoria's army shelled towns held by the Popular Front for the Liberation of Ostra. \
                The United Nations urged both sides to stop the fighting.";
    let out = common::parley(&["code", "--explain"], text.as_bytes());
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    // The verb's pattern, a country read off the document, and a coreference.
    assert!(out.contains("verbs.txt:") && out.contains("194"), "{out}");
    assert!(out.contains("context: Valdoria is a country no dictionary holds"), "{out}");
    assert!(out.contains("context: coreference, \"both sides\" is"), "{out}");
}
