//! The evaluation protocol on a graph small enough to rank by hand.
//!
//! Entities A=0, B=1, C=2, D=3, E=4; relations consult=0, threaten=1; time
//! stamps in hours, one step a day.
//!
//! | day | facts | split |
//! |---|---|---|
//! | 0 | A consult B | train |
//! | 1 | A consult C, B threaten A | train |
//! | 2 | A consult B, A consult D | test |
//! | 3 | A consult C | test |

use parley_forecast::eval::{all_facts_by_time, queries, sweep};
use parley_forecast::graph::TemporalIndex;
use parley_forecast::recurrency::{candidates, RecurrencyParams};
use parley_forecast::{Dataset, Entity, Metrics, RankTable, Relation, Step};
use std::path::PathBuf;

fn write_graph(name: &str, train_extra: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parley-forecast-spec-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        ("entity2id.txt", "A\t0\nB\t1\nC\t2\nD\t3\nE\t4\n".to_string()),
        ("relation2id.txt", "consult\t0\nthreaten\t1\n".to_string()),
        ("train.txt", format!("0\t0\t1\t0\t-1\n0\t0\t2\t24\t-1\n1\t1\t0\t24\t-1\n{train_extra}")),
        ("valid.txt", String::new()),
        ("test.txt", "0\t0\t1\t48\n0\t0\t3\t48\n0\t0\t2\t72\n".to_string()),
    ];
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// The test ranks, in the order of the questions, with a fixed baseline.
fn ranks(data: &Dataset, params: RecurrencyParams) -> Vec<(Entity, Relation, Step, Entity, f64)> {
    let forward = data.forward_relations();
    let facts = all_facts_by_time(&[&data.train, &data.valid, &data.test]);
    let index = TemporalIndex::new(data.entities.len() as u32, forward, &facts);
    let test = queries(&data.test, forward);
    sweep(&index, &facts, &test, |history, q| {
        let rank = RankTable::new(q, 5, candidates(history, q, None)).rank(|f| params.score(f));
        (q.subject, q.relation, q.time, q.answer, rank)
    })
}

const A: Entity = Entity(0);
const B: Entity = Entity(1);
const C: Entity = Entity(2);
const D: Entity = Entity(3);
const CONSULT: Relation = Relation(0);
const CONSULTED_BY: Relation = Relation(2);

#[test]
fn ties_rank_as_the_mean_of_their_positions_and_the_filter_is_time_aware() {
    let data = Dataset::load(&write_graph("ties", "")).unwrap();
    assert!(data.skipped.is_empty());
    assert_eq!(data.raw_step, 24);
    // No decay, strict only: a candidate scores how often (s, r, o) happened
    // (over the number of past days, the same for every candidate).
    let got = ranks(&data, RecurrencyParams::new(0.0, 1.0));
    let expected = vec![
        // (A, consult, ?, 2) -> B, D filtered: B and C score 1 (one tie), A and E 0.
        (A, CONSULT, Step(2), B, 1.5),
        // (B, consult⁻¹, ?, 2) -> A: only A scores.
        (B, CONSULTED_BY, Step(2), A, 1.0),
        // (A, consult, ?, 2) -> D, B filtered: C above, A and E tied with D at 0.
        (A, CONSULT, Step(2), D, 3.0),
        // (D, consult⁻¹, ?, 2) -> A: D has no past; all five entities tie, four others.
        (D, CONSULTED_BY, Step(2), A, 3.0),
        // (A, consult, ?, 3) -> C: B and D happened on day 2 and are NOT
        // filtered on day 3 (time-aware): B (twice) is above C, D (once) ties.
        (A, CONSULT, Step(3), C, 2.5),
        // (C, consult⁻¹, ?, 3) -> A.
        (C, CONSULTED_BY, Step(3), A, 1.0),
    ];
    assert_eq!(got, expected);
    let m = Metrics::of(got.iter().map(|r| r.4));
    let mrr = (1.0 / 1.5 + 1.0 + 1.0 / 3.0 + 1.0 / 3.0 + 1.0 / 2.5 + 1.0) / 6.0;
    assert!((m.mrr() - mrr).abs() < 1e-12, "{} vs {mrr}", m.mrr());
    assert_eq!((m.hits_at(1), m.hits_at(3), m.hits_at(10)), (2.0 / 6.0, 1.0, 1.0));
}

#[test]
fn decay_prefers_the_recent_past() {
    let data = Dataset::load(&write_graph("decay", "")).unwrap();
    // λ = 1: a fact one day old weighs 1/2, two days old 1/4, three 1/8.
    let got = ranks(&data, RecurrencyParams::new(1.0, 1.0));
    // (A, consult, ?, 3) -> C (day 1: 1/4) below D (day 2: 1/2) and B
    // (days 0 and 2: 1/8 + 1/2).
    assert_eq!(got[4], (A, CONSULT, Step(3), C, 3.0));
}

#[test]
fn the_relaxed_part_counts_objects_of_the_relation() {
    // A second train fact E consult B makes B the most frequent object of consult.
    let data = Dataset::load(&write_graph("relaxed", "4\t0\t1\t24\n")).unwrap();
    let got = ranks(&data, RecurrencyParams::new(0.0, 0.0));
    // (D, consult⁻¹, ?, 2) -> A: objects of consult⁻¹ so far: A twice (of A
    // consult B, A consult C), E once: A ranks first.
    assert_eq!(got[3], (D, CONSULTED_BY, Step(2), A, 1.0));
    // (A, consult, ?, 2) -> D, B filtered: C (1 of 3) above D (0), ties A, E.
    assert_eq!(got[2], (A, CONSULT, Step(2), D, 3.0));
}

#[test]
fn a_bad_line_is_reported_with_its_place_and_costs_no_other() {
    let dir = write_graph("bad", "0\t9\t1\t24\nnot a line\n");
    let data = Dataset::load(&dir).unwrap();
    let messages: Vec<String> = data.skipped.iter().map(|e| e.to_string()).collect();
    let train = dir.join("train.txt").display().to_string();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with(&format!("{train}:4: relation id 9")), "{messages:?}");
    assert!(messages[1].starts_with(&format!("{train}:5: ")), "{messages:?}");
    assert_eq!(data.train.len(), 3);
    assert_eq!(data.test.len(), 3);
}

#[test]
fn a_missing_split_is_an_error_naming_the_file() {
    let dir = write_graph("missing", "");
    std::fs::remove_file(dir.join("valid.txt")).unwrap();
    let err = Dataset::load(&dir).unwrap_err().to_string();
    assert!(err.contains("valid.txt: cannot read"), "{err}");
}
