//! An independent evaluation: 70 short wire-style reports coded by hand
//! (tests/gold/reports.jsonl), written without looking at the lexicon or the
//! engine. Each line is {id, date, text, events: [...], negated: [...]}; the
//! CLI reads the file directly (unknown fields are ignored).
//!
//! Scoring matches events per document on the triple (source country,
//! target country, CAMEO root) as a multiset intersection:
//! - a country code counts by its first three letters ("RUSMIL" -> "RUS");
//! - an IGO/NGO code counts as a whole, except that a UN agency counts as the
//!   UN ("IGOUNOWFP" -> "IGOUNO") and the EU's and NATO's spellings are one
//!   ("IGOEUREEC", "IGOEU" -> "IGOEU"; "IGOWSTNAT", "IGONAT" -> "IGONAT");
//! - "---..." is "unknown", and a missing actor is "none": each matches only
//!   itself, so a gold null target matches an output null target only;
//! - a gold event may list `alt` CAMEO codes a careful coder could also
//!   defend (e.g. a pledge of aid: 0333, or 073 with mode intended); its
//!   root or any alt root matches; likewise `alt_source` / `alt_target`
//!   list other defensible actor codes (null allowed), used sparingly where
//!   conventions differ (ICEWS gives "gunmen in Nigeria" a country, CAMEO
//!   coders often leave them "---").
//!
//! Intended and expected events count like asserted ones. Gold `negated`
//! events are not expected; an output event matching one is flagged in the
//! false-alarm list. Precision, recall and F1 go to standard error, overall
//! and per root, with every miss and false alarm.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// About 0.05 below the F1 last measured (0.817: P 0.840, R 0.795; it was
/// 0.544 when the gold set was written), so that regressions fail; raise it as
/// the coder improves.
const F1_FLOOR: f64 = 0.77;

fn gold_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/gold/reports.jsonl")
}

fn actor_key(code: Option<&str>) -> String {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return "none".into();
    };
    let up = code.to_ascii_uppercase();
    if up.starts_with("---") {
        return "---".into();
    }
    if let Some(rest) = up.strip_prefix("IGO") {
        // The UN and its agencies; NATO with or without CAMEO's region
        // ("IGOWSTNAT"); the EU's spellings ("IGOEUREEC", "IGOEU").
        if rest.starts_with("UNO") {
            return "IGOUNO".into();
        }
        if rest.starts_with("NAT") || rest.starts_with("WSTNAT") {
            return "IGONAT".into();
        }
        if rest.starts_with("EU") {
            return "IGOEU".into();
        }
        return up;
    }
    if up.starts_with("NGO") {
        return up;
    }
    up.chars().take(3).collect()
}

fn root(cameo: &str) -> String {
    cameo.chars().take(2).collect()
}

fn code_of(actor: &Value) -> Option<&str> {
    match actor {
        Value::Null => None,
        Value::String(s) => Some(s.as_str()),
        other => other.get("code").and_then(Value::as_str),
    }
}

struct Gold {
    srcs: Vec<String>,
    tgts: Vec<String>,
    roots: Vec<String>, // primary first, then alternatives
    shown: String,
}

struct Got {
    src: String,
    tgt: String,
    root: String,
    shown: String,
    sentence: String,
}

fn gold_event(e: &Value) -> Gold {
    let src_code = code_of(&e["source"]);
    let tgt_code = code_of(&e["target"]);
    let cameo = e["cameo"].as_str().expect("gold cameo");
    let mut roots = vec![root(cameo)];
    for alt in e["alt"].as_array().into_iter().flatten() {
        let r = root(alt.as_str().expect("alt cameo"));
        if !roots.contains(&r) {
            roots.push(r);
        }
    }
    let keys = |first: Option<&str>, alts: &Value| -> Vec<String> {
        let mut keys = vec![actor_key(first)];
        for alt in alts.as_array().into_iter().flatten() {
            let k = actor_key(code_of(alt));
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    };
    let mode = e["mode"].as_str().map(|m| format!(" ({m})")).unwrap_or_default();
    Gold {
        srcs: keys(src_code, &e["alt_source"]),
        tgts: keys(tgt_code, &e["alt_target"]),
        shown: format!("{} -> {} {}{}", src_code.unwrap_or("null"), tgt_code.unwrap_or("null"), cameo, mode),
        roots,
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    gold: usize,
    got: usize,
    hit_gold: usize,
    hit_got: usize,
}

fn prf(t: Tally) -> (f64, f64, f64) {
    let p = if t.got == 0 { 1.0 } else { t.hit_got as f64 / t.got as f64 };
    let r = if t.gold == 0 { 1.0 } else { t.hit_gold as f64 / t.gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

#[test]
fn gold_reports_score_above_the_floor() {
    let path = gold_path();
    let gold_text = std::fs::read_to_string(&path).expect("read tests/gold/reports.jsonl");
    let docs: Vec<Value> =
        gold_text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("gold JSON line")).collect();
    assert_eq!(docs.len(), 70, "the gold set has 70 reports");

    let out = Command::new(env!("CARGO_BIN_EXE_parley")).arg("code").arg(&path).output().expect("run parley");
    assert!(
        out.status.success(),
        "parley failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got_by_doc: BTreeMap<String, Vec<Got>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).expect("UTF-8 output").lines() {
        let e: Value = serde_json::from_str(line).expect("JSON line from parley");
        let doc = e["doc_id"].as_str().unwrap_or("").to_string();
        let src_code = code_of(&e["source"]);
        let tgt_code = code_of(&e["target"]);
        let cameo = e["cameo"].as_str().unwrap_or("");
        let mode = e["mode"].as_str().unwrap_or("");
        got_by_doc.entry(doc).or_default().push(Got {
            src: actor_key(src_code),
            tgt: actor_key(tgt_code),
            root: e["root"].as_str().map(String::from).unwrap_or_else(|| root(cameo)),
            shown: format!("{} -> {} {} ({mode})", src_code.unwrap_or("null"), tgt_code.unwrap_or("null"), cameo),
            sentence: e["sentence"].as_str().unwrap_or("").to_string(),
        });
    }

    let mut total = Tally::default();
    let mut per_root: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for doc in &docs {
        let id = doc["id"].as_str().expect("gold id");
        let text = doc["text"].as_str().unwrap_or("");
        let gold: Vec<Gold> = doc["events"].as_array().into_iter().flatten().map(gold_event).collect();
        let negated: Vec<Gold> = doc["negated"].as_array().into_iter().flatten().map(gold_event).collect();
        let empty = Vec::new();
        let got = got_by_doc.get(id).unwrap_or(&empty);

        // Multiset matching: gold events without alternatives claim first,
        // each preferring an output event with its primary root.
        let mut used = vec![false; got.len()];
        let mut matched = vec![None::<usize>; gold.len()];
        let mut order: Vec<usize> = (0..gold.len()).collect();
        order.sort_by_key(|&i| gold[i].roots.len());
        for pass in 0..2 {
            for &i in &order {
                if matched[i].is_some() {
                    continue;
                }
                let g = &gold[i];
                let wanted: &[String] = if pass == 0 { &g.roots[..1] } else { &g.roots };
                if let Some(j) = (0..got.len())
                    .find(|&j| !used[j] && g.srcs.contains(&got[j].src) && g.tgts.contains(&got[j].tgt) && wanted.contains(&got[j].root))
                {
                    used[j] = true;
                    matched[i] = Some(j);
                }
            }
        }

        for (i, g) in gold.iter().enumerate() {
            let t = per_root.entry(g.roots[0].clone()).or_default();
            t.gold += 1;
            total.gold += 1;
            if matched[i].is_some() {
                t.hit_gold += 1;
                total.hit_gold += 1;
            } else {
                let near: Vec<&str> = got
                    .iter()
                    .enumerate()
                    .filter(|(j, o)| !used[*j] && (g.roots.contains(&o.root) || (g.srcs.contains(&o.src) && g.tgts.contains(&o.tgt))))
                    .map(|(_, o)| o.shown.as_str())
                    .collect();
                let near = if near.is_empty() { "nothing close".to_string() } else { format!("unmatched output: {}", near.join("; ")) };
                misses.push(format!("{id}: expected {} | {near}\n      {text}", g.shown));
            }
        }
        for (j, o) in got.iter().enumerate() {
            let t = per_root.entry(o.root.clone()).or_default();
            t.got += 1;
            total.got += 1;
            if used[j] {
                t.hit_got += 1;
                total.hit_got += 1;
            } else {
                let flag = if negated.iter().any(|n| n.srcs.contains(&o.src) && n.tgts.contains(&o.tgt) && n.roots.contains(&o.root)) {
                    " [a NEGATED gold event]"
                } else {
                    ""
                };
                let expected: Vec<&str> = gold.iter().map(|g| g.shown.as_str()).collect();
                let expected = if expected.is_empty() { "none".to_string() } else { expected.join("; ") };
                false_alarms.push(format!("{id}: got {}{flag} | expected {expected}\n      {}", o.shown, o.sentence));
            }
        }
    }

    eprintln!("\n=== gold: misses ({}) ===", misses.len());
    for m in &misses {
        eprintln!("  {m}");
    }
    eprintln!("\n=== gold: false alarms ({}) ===", false_alarms.len());
    for f in &false_alarms {
        eprintln!("  {f}");
    }
    eprintln!("\n=== gold: per root (recall over gold roots, precision over output roots) ===");
    eprintln!("  root  gold  hit   recall | got  hit  precision");
    for (r, t) in &per_root {
        let (p, rec, _) = prf(*t);
        eprintln!("  {r:>4}  {:>4}  {:>3}   {rec:>6.2} | {:>3}  {:>3}  {p:>9.2}", t.gold, t.hit_gold, t.got, t.hit_got);
    }
    let (p, r, f1) = prf(total);
    eprintln!(
        "\n=== gold: {} gold events, {} output events, {} matched ===\n=== gold: precision {p:.3}  recall {r:.3}  F1 {f1:.3}  (floor {F1_FLOOR:.2}) ===",
        total.gold, total.got, total.hit_gold
    );
    assert!(f1 >= F1_FLOOR, "gold F1 {f1:.3} fell below the floor {F1_FLOOR:.2}");
}
