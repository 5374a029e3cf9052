//! The founding example: `parley code ../shared/seed/article.txt` must give
//! the events a careful analyst extracts (../shared/seed/expected.md).

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn seed() -> Option<PathBuf> {
    common::shared("seed/article.txt")
}

fn code(path: &PathBuf) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_parley")).arg("code").arg(path).output().expect("run parley");
    assert!(out.status.success(), "parley failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

fn code_of(actor: &Value) -> &str {
    actor.get("code").and_then(Value::as_str).unwrap_or("")
}

fn is(e: &Value, codes: &[&str]) -> bool {
    codes.contains(&e["cameo"].as_str().unwrap_or(""))
}

fn sentence_has(e: &Value, words: &str) -> bool {
    e["sentence"].as_str().unwrap_or("").contains(words)
}

const COUNTRY_X: &str = "X-COUNTRY-X-GOV";
const FRONT: &str = "X-REVOLUTIONARY-FRONT-REB";

#[test]
fn the_seed_yields_the_analysts_events() {
    let Some(path) = seed() else { return };
    let events = code(&path);
    for e in &events {
        eprintln!("{} {} -> {} [{}] {}", e["cameo"], code_of(&e["source"]), code_of(&e["target"]), e["mode"], e["sentence"]);
    }
    let any = |f: &dyn Fn(&Value) -> bool| events.iter().any(f);
    let targets_of = |codes: &[&str], words: &str| -> Vec<String> {
        events.iter().filter(|e| is(e, codes) && sentence_has(e, words)).map(|e| code_of(&e["target"]).to_string()).collect()
    };
    let rows: Vec<(&str, bool)> = vec![
        ("1 appeal for mediation: the official -> USAGOV", any(&|e| {
            is(e, &["028", "026"]) && code_of(&e["target"]) == "USAGOV" && code_of(&e["source"]).starts_with("---")
        })),
        ("2 humanitarian aid, background", any(&|e| is(e, &["073"]) && code_of(&e["source"]).starts_with("USA") && e["background"] == true)),
        ("3 sanctions on both sides", {
            let t = targets_of(&["163"], "sanctions");
            t.iter().any(|c| c == COUNTRY_X) && t.iter().any(|c| c == FRONT)
        }),
        ("4 the coalition denied", any(&|e| is(e, &["016"]) && code_of(&e["source"]) == FRONT)),
        ("5 the latter accused (passive)", any(&|e| is(e, &["112"]) && code_of(&e["target"]) == FRONT && e["passive"] == true)),
        ("6 no response: no event", !any(&|e| sentence_has(e, "not yet responded") && e["verb"]["lemma"] == "respond")),
        ("7 UNSC expected to meet", any(&|e| {
            is(e, &["040", "036", "043", "044"]) && code_of(&e["source"]).starts_with("IGOUNO") && e["mode"] == "expected"
        })),
        ("8 members urge both parties", {
            let t = targets_of(&["026", "020", "025"], "urging");
            t.iter().any(|c| c == COUNTRY_X) && t.iter().any(|c| c == FRONT)
        }),
        ("9 allies call on the US", any(&|e| is(e, &["020", "022", "021", "023", "024", "025", "026", "027", "028"]) && code_of(&e["target"]).starts_with("USA") && sentence_has(e, "regional allies"))),
        ("10 collapsed talks: background or none", !any(&|e| sentence_has(e, "Previous attempts") && e["background"] == false)),
        ("11 cautious optimism", any(&|e| is(e, &["013"]) && sentence_has(e, "cautious optimism"))),
    ];
    let passed = rows.iter().filter(|r| r.1).count();
    for (row, ok) in &rows {
        eprintln!("{} {row}", if *ok { "ok  " } else { "MISS" });
    }
    // Every row: issue 12 asks that the seed keeps all 11 (a floor of 9 let
    // row 8 slip unseen for a session).
    assert_eq!(passed, rows.len(), "only {passed} of 11 expected rows");
    assert!(rows[0].1, "the main event (the appeal for mediation) is required");
    assert!(rows[2].1, "'both sides' must resolve to the two parties");
}

#[test]
fn the_seed_has_no_invented_date() {
    let Some(path) = seed() else { return };
    assert!(code(&path).iter().all(|e| e["date"].is_null()));
}
