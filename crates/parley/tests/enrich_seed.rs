//! Enrichment on whole documents: the seed report's facts, and dates,
//! places and counts attached to the events of a dated wire report.

use parley::{Coder, CountKind, Document, FactType, Precision, Qualifier, Scope};
use std::path::PathBuf;

fn seed() -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for rel in ["../../shared/seed/article.txt", "../../../shared/seed/article.txt"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(rel)) {
            return Some(text);
        }
    }
    assert!(std::env::var_os("CI").is_none(), "the seed article (../shared/seed/article.txt) is missing, and CI needs it");
    eprintln!("skipping (outside CI only): the seed article (../shared/seed/article.txt beside the repository) is absent");
    None
}

#[test]
fn seed_facts() {
    let Some(text) = seed() else { return };
    let coder = Coder::builtin().unwrap();
    let coded = coder.code_with_facts(&Document::new("seed", text));
    let facts = &coded.facts;

    // The conflict began in 2019: year precision.
    let start = facts.iter().find(|f| f.fact_type == FactType::Start).expect("a start fact");
    let date = start.start.as_ref().unwrap();
    assert_eq!((date.value.as_str(), date.precision), ("2019", Precision::Year));
    assert_eq!(start.subject.as_deref(), Some("conflict"));

    // ... and is in its fifth year.
    let duration = facts.iter().find(|f| f.fact_type == FactType::Duration).expect("a duration fact");
    let d = duration.duration.as_ref().unwrap();
    assert_eq!((d.count, d.ordinal, duration.subject.as_deref()), (5, true, Some("conflict")));

    // Over 200,000 killed and more than 5 million displaced, cumulative, per the UN.
    let count = |kind: CountKind| {
        facts.iter().filter_map(|f| f.count.as_ref().map(|c| (f, c))).find(|(_, c)| c.kind == kind).unwrap_or_else(|| panic!("no {kind:?} count"))
    };
    for (kind, value) in [(CountKind::Killed, 200_000), (CountKind::Displaced, 5_000_000)] {
        let (fact, c) = count(kind);
        assert_eq!((c.value, c.qualifier, c.scope), (value, Some(Qualifier::MoreThan), Scope::Cumulative), "{kind:?}");
        assert_eq!(c.source.as_deref(), Some("the United Nations"));
        let attribution = fact.attribution.as_ref().unwrap();
        assert_eq!((attribution.text.as_str(), attribution.cue.as_str()), ("the United Nations", "according to"));
        assert_eq!(fact.certainty, parley::CertaintyLevel::Stated);
    }
    // Nothing else in the report is a casualty figure.
    assert_eq!(facts.iter().filter(|f| f.count.is_some()).count(), 2);
    assert!(coded.events.iter().all(|e| e.counts.is_empty()));

    // The hedged statements are marked hedged, as events or as statements.
    for (needle, hedge) in [("is believed to be", "believed"), ("widely believed", "widely believed"), ("analysts suggest", "analysts suggest")] {
        let in_events = coded.events.iter().filter(|e| e.sentence.contains(needle));
        let in_facts = facts.iter().filter(|f| f.sentence.contains(needle));
        let marks: Vec<(&str, &Vec<String>)> =
            in_events.map(|e| (e.certainty.as_str(), &e.hedges)).chain(in_facts.map(|f| (f.certainty.as_str(), &f.hedges))).collect();
        assert!(!marks.is_empty(), "the sentence with {needle:?} is in no event or fact");
        for (certainty, hedges) in marks {
            assert_eq!(certainty, "hedged", "{needle}");
            assert!(hedges.iter().any(|h| h.contains(hedge)), "{needle}: {hedges:?}");
        }
    }
    // "according to sources close to the negotiation process" is kept as the source.
    let official = facts.iter().find(|f| f.sentence.contains("is believed to be")).unwrap();
    assert_eq!(official.attribution.as_ref().unwrap().text, "sources close to the negotiation process");

    // The report has no date: nothing gets an invented one.
    assert!(coded.events.iter().all(|e| e.date.is_none()));
    assert!(facts.iter().all(|f| f.date.is_none()));
}

#[test]
fn a_dated_report_gives_events_their_date_place_and_toll() {
    let coder = Coder::builtin().unwrap();
    let doc = Document::new(
        "w1",
        "Russian forces shelled residential areas near Kharkiv on Tuesday, killing at least seven civilians, regional officials said.\n\n\
         The war, now in its third year, has killed tens of thousands of people since 2022.",
    )
    .with_date("2024-03-07".parse().unwrap());
    let coded = coder.code_with_facts(&doc);
    let e = coded.events.iter().find(|e| e.sentence_index == 0).expect("the shelling is an event");
    let date = e.date_info.as_ref().unwrap();
    assert_eq!((date.value.as_str(), date.precision, date.source.as_str()), ("2024-03-05", Precision::Day, "sentence"));
    assert_eq!(date.phrase.as_deref(), Some("on Tuesday"));
    let place = e.place.as_ref().expect("a place");
    assert_eq!((place.name.as_str(), place.country.as_str(), place.source.as_str()), ("Kharkiv", "UKR", "sentence"));
    assert_eq!(place.relation.as_deref(), Some("near"));
    assert!((place.lat - 49.98).abs() < 0.1 && (place.lon - 36.25).abs() < 0.1);
    let c = e.counts.first().expect("the toll is the event's");
    assert_eq!((c.kind, c.value, c.qualifier, c.scope), (CountKind::Killed, 7, Some(Qualifier::AtLeast), Scope::Event));
    assert_eq!(c.victims.as_deref(), Some("civilians"));

    // The running toll is a fact of the document, placed at the main place.
    let toll = coded.facts.iter().find(|f| f.count.is_some()).expect("the war's toll");
    let c = toll.count.as_ref().unwrap();
    assert_eq!((c.kind, c.value, c.qualifier, c.scope), (CountKind::Killed, 20_000, Some(Qualifier::Vague), Scope::Cumulative));
    assert_eq!(toll.place.as_ref().map(|p| (p.name.as_str(), p.source.as_str())), Some(("Kharkiv", "document")));
    assert!(coded.facts.iter().any(|f| f.fact_type == FactType::Duration && f.duration.as_ref().unwrap().count == 3));
    assert!(coded.facts.iter().any(|f| f.fact_type == FactType::Start && f.start.as_ref().unwrap().value == "2022"));

    // One code path: `code` gives the same events.
    assert_eq!(coder.code(&doc), coded.events);
}
