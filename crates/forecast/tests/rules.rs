//! Rules learned from walks on a graph with one law: whoever consults
//! someone threatens them the next day.

use parley_forecast::graph::TemporalIndex;
use parley_forecast::rules::{ApplyOptions, LearnOptions, RuleSet};
use parley_forecast::{Entity, Quad, Relation, Step};

const CONSULT: Relation = Relation(0);
const THREATEN: Relation = Relation(1);

fn law(pairs: u32) -> Vec<Quad> {
    let mut facts = Vec::new();
    for i in 0..pairs {
        let (subject, object) = (Entity(i), Entity(i + pairs));
        facts.push(Quad { subject, relation: CONSULT, object, time: Step(2 * i) });
        facts.push(Quad { subject, relation: THREATEN, object, time: Step(2 * i + 1) });
    }
    facts
}

#[test]
fn the_law_is_learned_as_a_confident_rule_and_predicts_the_next_threat() {
    let facts = law(20);
    let index = TemporalIndex::new(40, 2, &facts);
    let rules = RuleSet::learn(&index, &LearnOptions { max_length: 1, ..LearnOptions::default() });
    let best = &rules.rules(THREATEN)[0];
    assert_eq!(best.body, vec![CONSULT]);
    // Every consultation is followed by a threat.
    assert_eq!(best.confidence, 1.0, "{best:?}");

    // 5 consulted 25 on day 10; a new consultation, 5 on 30, on day 50.
    let mut later = facts.clone();
    later.push(Quad { subject: Entity(5), relation: CONSULT, object: Entity(30), time: Step(50) });
    let index = TemporalIndex::new(40, 2, &later);
    let found = rules.apply(&index, Entity(5), THREATEN, Step(51), &ApplyOptions::default());
    let score = |e: u32| found.iter().find(|c| c.0 == Entity(e)).map(|c| c.1.score());
    // For (5, threaten, ?, 51) the rule reaches 30 through the consultation of
    // day 50 and 25 through that of day 10: the recent one scores higher.
    let (recent, old) = (score(30).unwrap(), score(25).unwrap());
    assert!(recent > old, "{recent} vs {old}");
    // Nothing at or after the question's day is read: asked on day 50, the
    // consultation of day 50 is not seen.
    let before = rules.apply(&index, Entity(5), THREATEN, Step(50), &ApplyOptions::default());
    assert!(before.iter().all(|c| c.0 != Entity(30)), "{before:?}");
    assert!(before.iter().any(|c| c.0 == Entity(25)), "{before:?}");
}

#[test]
fn learning_is_deterministic() {
    let index = TemporalIndex::new(40, 2, &law(20));
    let options = LearnOptions::default();
    let (a, b) = (RuleSet::learn(&index, &options), RuleSet::learn(&index, &options));
    for r in [CONSULT, THREATEN, Relation(2), Relation(3)] {
        assert_eq!(a.rules(r), b.rules(r));
    }
}
