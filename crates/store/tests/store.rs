//! The store: idempotent ingest, every field kept, clusters, timelines,
//! actors, facts, exports and each alert rule firing and not firing.

use parley::{Document, Event};
use parley_store::{AlertConfig, EventFilter, ExportFormat, Granularity, Store, TimelineQuery, Unit};

fn temp_store(name: &str) -> (Store, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("parley-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.db");
    (Store::open(&path).unwrap(), path)
}

fn actor(code: &str, text: &str) -> serde_json::Value {
    let country = (code.len() >= 3 && !code.starts_with("---") && !code.starts_with("IGO") && !code.starts_with("X-"))
        .then(|| code[..3].to_string());
    serde_json::json!({
        "code": code, "text": text, "span": [0, text.len()], "country": country,
        "role": (code.len() >= 6).then(|| code[3..6].to_string()), "provisional": code.starts_with("X-"), "entity": 0,
    })
}

fn quad_of(cameo: &str) -> u8 {
    match cameo[..2].parse::<u8>().unwrap() {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

/// An event as the coder prints it (built from JSON, so fields later
/// versions add with defaults need no change here).
fn ev(doc: &str, i: usize, src: &str, tgt: &str, cameo: &str, goldstein: f32, date: Option<&str>) -> Event {
    let sentence = format!("{src} did {cameo} to {tgt} ({doc} #{i}).");
    let v = serde_json::json!({
        "doc_id": doc, "sentence_index": i, "sentence": sentence, "source": actor(src, src), "target": actor(tgt, tgt),
        "cameo": cameo, "root": &cameo[..2], "quad_class": quad_of(cameo), "goldstein": goldstein,
        "event_name": format!("code {cameo}"), "plover": null, "mode": "asserted", "certainty": "stated", "hedges": [],
        "attribution": null, "date": date,
        "date_info": date.map(|d| serde_json::json!({"value": d, "precision": "day", "source": "document"})),
        "tense": "past", "background": false, "passive": false,
        "verb": {"text": "did", "lemma": "do", "span": [4, 7]}, "lexicon": ["verbs.txt:1 @do"],
    });
    serde_json::from_value(v).unwrap()
}

fn doc(id: &str, date: &str, source: Option<&str>) -> Document {
    let mut d = Document::new(id, format!("text of {id}")).with_date(date.parse().unwrap());
    d.source = source.map(str::to_string);
    d
}

fn ingest(store: &mut Store, d: &Document, events: &[Event]) -> parley_store::IngestStats {
    store.ingest([(d, events)], false).unwrap()
}

fn count(store: &Store, table: &str) -> i64 {
    store.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn reingesting_a_document_replaces_it_instead_of_doubling() {
    let (mut store, _) = temp_store("idem");
    let d = doc("d1", "2024-03-05", Some("Reuters"));
    let events = vec![ev("d1", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-05")), ev("d1", 1, "USAGOV", "UKRGOV", "073", 7.0, Some("2024-03-05"))];
    let first = ingest(&mut store, &d, &events);
    assert_eq!((first.documents, first.events, first.unchanged), (1, 2, 0));
    let again = ingest(&mut store, &d, &events);
    assert_eq!((again.documents, again.events, again.unchanged), (0, 0, 1));
    assert_eq!(count(&store, "events"), 2);
    // Same id, new text: the old events go, the new ones come.
    let mut changed = d.clone();
    changed.text.push_str(" Updated.");
    let replaced = ingest(&mut store, &changed, &events[..1]);
    assert_eq!((replaced.documents, replaced.replaced, replaced.events), (1, 1, 1));
    assert_eq!(count(&store, "events"), 1);
    assert_eq!(count(&store, "clusters"), 1);
    assert_eq!(count(&store, "documents"), 1);
    // Forcing re-codes an unchanged document, still without doubling.
    let forced = store.ingest([(&changed, &events[..1])], true).unwrap();
    assert_eq!(forced.replaced, 1);
    assert_eq!(count(&store, "events"), 1);
    let usa: i64 = store.connection().query_row("SELECT count(*) FROM actors WHERE code = 'USAGOV'", [], |r| r.get(0)).unwrap();
    assert_eq!(usa, 0, "an actor only the replaced events named is gone");
    let rus: i64 = store.connection().query_row("SELECT mentions FROM actors WHERE code = 'RUSMIL'", [], |r| r.get(0)).unwrap();
    assert_eq!(rus, 1);
    store.check().unwrap();
}

#[test]
fn every_field_of_the_event_is_kept() {
    let (mut store, path) = temp_store("fields");
    let d = doc("d1", "2024-03-05", None);
    let mut e = ev("d1", 0, "RUSMIL", "X-REVOLUTIONARY-FRONT-REB", "0871", -2.0, Some("2024-03-05"));
    e.hedges = vec!["reportedly".into()];
    e.attribution = Some(parley::AttributionRef { text: "the UN".into(), code: Some("IGOUNO".into()), cue: "according to".into() });
    e.plover = Some(parley::PloverRef { event_type: "CONSULT".into(), mode: None, context: Some("x".into()) });
    ingest(&mut store, &d, std::slice::from_ref(&e));
    drop(store);
    let store = Store::open_read_only(&path).unwrap();
    let page = store.events(&EventFilter::default(), 10, 0).unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].event, serde_json::to_value(&e).unwrap());
    let back: Event = serde_json::from_value(page.rows[0].event.clone()).unwrap();
    assert_eq!(back, e);
    let detail = store.event(page.rows[0].id).unwrap().unwrap();
    assert_eq!(detail.event, serde_json::to_value(&e).unwrap());
    assert_eq!(detail.document["id"], "d1");
    assert!(store.event(9999).unwrap().is_none());
}

#[test]
fn the_same_event_told_by_two_reports_is_one_cluster() {
    let (mut store, _) = temp_store("dedup");
    let a = doc("reuters-1", "2024-03-05", Some("Reuters"));
    let b = doc("ap-7", "2024-03-06", Some("AP"));
    let c = doc("ap-8", "2024-03-06", Some("AP"));
    ingest(&mut store, &a, &[ev("reuters-1", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-05"))]);
    ingest(&mut store, &b, &[ev("ap-7", 2, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-06"))]);
    ingest(&mut store, &c, &[ev("ap-8", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-06"))]);
    assert_eq!(count(&store, "clusters"), 1);
    let page = store.events(&EventFilter::default(), 10, 0).unwrap();
    assert_eq!(page.rows.len(), 1, "clusters are counted by default");
    let row = &page.rows[0];
    assert_eq!((row.mentions, row.articles, row.sources), (3, 3, 2));
    let mentions = store.events(&EventFilter { unit: Unit::Mentions, ..Default::default() }, 10, 0).unwrap();
    assert_eq!(mentions.rows.len(), 3);
    // The event view shows which sentences told it.
    let detail = store.event(row.id).unwrap().unwrap();
    let reports = detail.cluster["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    assert!(reports.iter().any(|r| r["doc_id"] == "ap-7" && r["sentence"].as_str().unwrap().contains("ap-7")));

    // Not the same happening: three days apart, another code, another direction.
    let d = doc("x", "2024-03-09", None);
    ingest(
        &mut store,
        &d,
        &[
            ev("x", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-09")),
            ev("x", 1, "RUSMIL", "UKRMIL", "193", -10.0, Some("2024-03-06")),
            ev("x", 2, "UKRMIL", "RUSMIL", "190", -10.0, Some("2024-03-06")),
        ],
    );
    assert_eq!(count(&store, "clusters"), 4);
    // Places: same or missing joins, different splits.
    let mut p1 = ev("p1", 0, "ISRMIL", "PSE", "190", -10.0, Some("2024-05-01"));
    let mut p2 = ev("p2", 0, "ISRMIL", "PSE", "190", -10.0, Some("2024-05-01"));
    let p3 = ev("p3", 0, "ISRMIL", "PSE", "190", -10.0, Some("2024-05-01"));
    let with_place = |e: &mut Event, name: &str| {
        let mut v = serde_json::to_value(&*e).unwrap();
        v["place"] = serde_json::json!({
            "name": name, "text": name, "country": "PSE", "lat": 31.5, "lon": 34.4, "kind": "city", "precision": "city", "source": "sentence",
        });
        v
    };
    // Events carry `place` once enrichment adds it; simulate with the JSON the coder will print.
    let v1 = with_place(&mut p1, "Gaza");
    let v2 = with_place(&mut p2, "Jenin");
    let before = count(&store, "clusters");
    ingest_json(&mut store, "p1", v1);
    ingest_json(&mut store, "p2", v2);
    ingest(&mut store, &doc("p3", "2024-05-01", None), &[p3]);
    assert_eq!(count(&store, "clusters") - before, 2, "Gaza and Jenin are two happenings; the placeless report joins one");
    let gaza = store.events(&EventFilter { place: Some("gaza".into()), ..Default::default() }, 10, 0).unwrap();
    assert_eq!(gaza.rows.len(), 1);
}

#[test]
fn a_cluster_counts_alike_whether_its_reports_come_in_one_batch_or_several() {
    let reports = [("reuters-1", "Reuters"), ("ap-7", "AP"), ("ap-8", "AP"), ("own-1", "")];
    let docs: Vec<Document> =
        reports.iter().map(|(id, publisher)| doc(id, "2024-03-05", (!publisher.is_empty()).then_some(*publisher))).collect();
    let events: Vec<Vec<Event>> =
        reports.iter().map(|(id, _)| vec![ev(id, 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-05"))]).collect();
    let counts = |store: &Store| {
        let row = &store.events(&EventFilter::default(), 10, 0).unwrap().rows[0];
        (row.id, row.mentions, row.articles, row.sources)
    };
    let (mut one, _) = temp_store("one-batch");
    one.ingest(docs.iter().zip(&events).map(|(d, e)| (d, e.as_slice())), false).unwrap();
    let (mut several, _) = temp_store("several-batches");
    for (d, e) in docs.iter().zip(&events) {
        ingest(&mut several, d, e);
    }
    // Four reports, four documents, three publishers (a document without one is its own).
    assert_eq!(counts(&one), (1, 4, 4, 3));
    assert_eq!(counts(&one), counts(&several));
}

#[test]
fn clusters_are_the_same_whether_reports_come_in_one_batch_or_one_at_a_time() {
    // An event: (source, target, code, date, place); a report: (document id, its text, day, publisher, events).
    type Told = (&'static str, &'static str, &'static str, Option<&'static str>, Option<&'static str>);
    type Report = (&'static str, &'static str, &'static str, Option<&'static str>, Vec<Told>);
    let reports: Vec<Report> = vec![
        ("reuters-1", "v1", "2024-03-05", Some("Reuters"), vec![
            ("RUSMIL", "UKRMIL", "190", Some("2024-03-05"), None),
            // Undated: one happening within the document.
            ("RUSMIL", "UKRMIL", "190", None, None),
            ("RUSMIL", "UKRMIL", "190", None, None),
        ]),
        ("ap-7", "v1", "2024-03-06", Some("AP"), vec![
            ("RUSMIL", "UKRMIL", "190", Some("2024-03-06"), None), // a day later: the same happening
            ("RUSMIL", "UKRMIL", "193", Some("2024-03-06"), None), // another code: another
            ("RUSMIL", "UKRMIL", "051", Some("2024-03-06"), None), // gone when ap-7 is replaced
        ]),
        ("ap-8", "v1", "2024-03-09", Some("AP"), vec![("RUSMIL", "UKRMIL", "190", Some("2024-03-09"), None)]),
        ("p1", "v1", "2024-05-01", None, vec![("ISRMIL", "PSE", "190", Some("2024-05-01"), Some("Gaza"))]),
        ("p2", "v1", "2024-05-01", None, vec![("ISRMIL", "PSE", "190", Some("2024-05-01"), Some("Jenin"))]),
        ("p3", "v1", "2024-05-01", None, vec![("ISRMIL", "PSE", "190", Some("2024-05-01"), None)]),
        // ap-7 corrected: it replaces the version above.
        ("ap-7", "v2", "2024-03-06", Some("AP"), vec![("RUSMIL", "UKRMIL", "193", Some("2024-03-06"), None)]),
    ];
    let items: Vec<(Document, Vec<(Event, serde_json::Value)>)> = reports
        .iter()
        .map(|(id, text, day, publisher, events)| {
            let mut d = doc(id, day, *publisher);
            d.text = text.to_string();
            let events = events
                .iter()
                .enumerate()
                .map(|(i, (src, tgt, cameo, date, place))| {
                    let e = ev(id, i, src, tgt, cameo, -10.0, *date);
                    let mut v = serde_json::to_value(&e).unwrap();
                    if let Some(name) = place {
                        v["place"] = serde_json::json!({"name": name, "country": "PSE", "lat": 31.5, "lon": 34.4});
                    }
                    (e, v)
                })
                .collect();
            (d, events)
        })
        .collect();
    let clusters = |store: &Store| -> Vec<String> {
        let sql = "SELECT c.day, c.date, c.scope, c.source, c.target, c.cameo, c.place, c.mentions, c.articles, c.sources, e.doc_id, e.ordinal
                   FROM clusters c JOIN events e ON e.id = c.rep_event ORDER BY c.id";
        let mut st = store.connection().prepare(sql).unwrap();
        let rows = st.query_map([], |r| {
            let v: Vec<String> = (0..12).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect::<Result<_, _>>()?;
            Ok(v.join(" "))
        });
        rows.unwrap().map(Result::unwrap).collect()
    };
    let (mut one, _) = temp_store("clusters-one-batch");
    one.ingest_values(items.iter().map(|(d, e)| (d, e.as_slice(), &[][..])), false).unwrap();
    let (mut several, _) = temp_store("clusters-several-batches");
    for (d, e) in &items {
        several.ingest_values([(d, e.as_slice(), &[][..])], false).unwrap();
    }
    let got = clusters(&one);
    assert_eq!(got, clusters(&several));
    // 190 on the 5th and 6th, the undated pair, 193 (the corrected report's), 190 on the 9th, Gaza (with the
    // placeless report) and Jenin; 051 went with the first version of ap-7.
    let mentions: Vec<&str> = got.iter().map(|row| row.split(' ').nth(7).unwrap()).collect();
    assert_eq!(mentions, ["Integer(1)", "Integer(2)", "Integer(1)", "Integer(1)", "Integer(2)", "Integer(1)"], "{got:#?}");
}

#[test]
fn checkpoints_bring_every_commit_into_the_database_file() {
    let (mut store, path) = temp_store("checkpoint");
    for i in 0..20 {
        let id = format!("d{i}");
        ingest(&mut store, &doc(&id, "2024-03-05", None), &[ev(&id, 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-05"))]);
    }
    // A reader sees every committed batch while the writer is open.
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(count(&reader, "events"), 20);
    drop(reader);
    drop(store);
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists() || wal.metadata().unwrap().len() == 0, "closing the writer checkpoints the log and removes it");
    // The database file alone, without its log, holds everything.
    let copy = path.with_file_name("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    assert_eq!(count(&Store::open_read_only(&copy).unwrap(), "events"), 20);
}

#[test]
fn new_stores_have_16_kib_pages_and_older_stores_keep_theirs() {
    let (store, path) = temp_store("pages");
    let page_size = |s: &Store| -> i64 { s.connection().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap() };
    assert_eq!(page_size(&store), 16384);
    drop(store);
    // A store made before with 4 KiB pages opens, migrates and takes events as it is.
    let old = path.with_file_name("old.db");
    rusqlite::Connection::open(&old).unwrap().execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t;").unwrap();
    let mut store = Store::open(&old).unwrap();
    assert_eq!(page_size(&store), 4096);
    ingest(&mut store, &doc("d", "2024-03-05", None), &[ev("d", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-05"))]);
    assert_eq!(count(&store, "events"), 1);
}

/// Ingests an event given as JSON with fields today's Event lacks (`place`,
/// which the enrichment stage adds), as a newer coder prints it.
fn ingest_json(store: &mut Store, id: &str, v: serde_json::Value) {
    let e: Event = serde_json::from_value(v.clone()).unwrap();
    let d = doc(id, "2024-05-01", None);
    store.ingest_values([(&d, &[(e, v)][..], &[][..])], false).unwrap();
}

#[test]
fn timelines_count_by_quad_class_with_goldstein() {
    let (mut store, _) = temp_store("timeline");
    let d = doc("d", "2024-01-01", None);
    ingest(
        &mut store,
        &d,
        &[
            ev("d", 0, "RUSGOV", "UKRGOV", "190", -10.0, Some("2024-01-03")),
            ev("d", 1, "UKRGOV", "RUSMIL", "111", -2.0, Some("2024-01-20")),
            ev("d", 2, "RUSGOV", "UKRGOV", "036", 4.0, Some("2024-03-10")),
            ev("d", 3, "USAGOV", "UKRGOV", "073", 7.0, Some("2024-03-10")),
        ],
    );
    let q = TimelineQuery {
        filter: EventFilter { dyad: Some(("RUS".into(), "UKR".into())), ..Default::default() },
        granularity: Granularity::Month,
    };
    let t = store.timeline(&q).unwrap();
    assert_eq!(t.iter().map(|b| b.period.as_str()).collect::<Vec<_>>(), ["2024-01", "2024-02", "2024-03"]);
    assert_eq!(t[0].quad, [0, 0, 1, 1]);
    assert_eq!(t[0].conflict, 2);
    assert_eq!(t[0].goldstein_sum, -12.0);
    assert_eq!(t[0].goldstein_mean, Some(-6.0));
    assert_eq!(t[1].total, 0);
    assert_eq!(t[2].quad, [1, 0, 0, 0]);
    let directed = store
        .timeline(&TimelineQuery {
            filter: EventFilter { dyad: Some(("RUS".into(), "UKR".into())), directed: true, ..Default::default() },
            granularity: Granularity::Week,
        })
        .unwrap();
    assert_eq!(directed[0].period, "2024-01-01", "weeks start on Monday");
    assert_eq!(directed.iter().map(|b| b.total).sum::<i64>(), 2);
    let ukr = store
        .timeline(&TimelineQuery { filter: EventFilter { actor: Some("UKR".into()), ..Default::default() }, granularity: Granularity::Day })
        .unwrap();
    assert_eq!(ukr.iter().map(|b| b.total).sum::<i64>(), 4);
}

#[test]
fn filters_actors_facts_and_exports() {
    let (mut store, _) = temp_store("filters");
    let d = doc("d", "2024-01-01", Some("AFP"));
    let mut hedged = ev("d", 1, "USAGOV", "IRNGOV", "112", -2.0, Some("2024-01-02"));
    hedged.sentence = "Washington accused Tehran, \"officials\" said, of lying.".into();
    hedged.target.as_mut().unwrap().refers_to = Some("Iran".into());
    ingest(&mut store, &d, &[ev("d", 0, "USAGOV", "ISRGOV", "036", 4.0, Some("2024-01-01")), hedged]);
    let f = |f: EventFilter| store.events(&f, 10, 0).unwrap().rows.len();
    assert_eq!(f(EventFilter { actor: Some("USA".into()), ..Default::default() }), 2);
    assert_eq!(f(EventFilter { target: Some("IRN".into()), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { source: Some("IRN".into()), ..Default::default() }), 0);
    assert_eq!(f(EventFilter { cameo: Some("11".into()), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { root: Some("03".into()), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { quad_class: Some(3), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { from: Some("2024-01-02".into()), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { to: Some("2024-01-01".into()), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { text: Some("TEHRAN".into()), ..Default::default() }), 1);
    assert_eq!(f(EventFilter { text: Some("%".into()), ..Default::default() }), 0, "LIKE wildcards are literal");
    assert_eq!(f(EventFilter { doc_id: Some("d".into()), ..Default::default() }), 2);
    assert_eq!(store.count_events(&EventFilter::default()).unwrap(), 2);
    let page = store.events(&EventFilter::default(), 1, 0).unwrap();
    assert_eq!(page.next_offset, Some(1));
    assert_eq!(store.events(&EventFilter::default(), 1, 1).unwrap().next_offset, None);

    let actors = store.actors(None, 10, 0).unwrap();
    assert_eq!(actors.rows[0].code, "USAGOV");
    assert_eq!(actors.rows[0].mentions, 2);
    let iran = store.actors(Some("Iran"), 10, 0).unwrap();
    assert_eq!(iran.rows.len(), 1, "names are searchable, pronouns by what they refer to");
    let summary = store.actor("USAGOV").unwrap().unwrap();
    assert_eq!(summary.as_source, [1, 0, 1, 0]);
    assert_eq!(summary.partners.len(), 2);
    assert!(store.actor("NOPE").unwrap().is_none());
    let dyads = store.dyads(None, 10).unwrap();
    assert_eq!(dyads.len(), 2);

    let toll = serde_json::json!({"kind": "fact", "type": "count", "doc_id": "d2", "sentence_index": 3, "sentence": "The war has claimed 200,000 lives.", "count": {"kind": "killed", "value": 200000}});
    let d2 = doc("d2", "2024-01-05", None);
    let event = ev("d2", 0, "SYRMIL", "SYRREB", "190", -10.0, Some("2024-01-05"));
    let mut counted = serde_json::to_value(&event).unwrap();
    counted["counts"] = serde_json::json!([{"kind": "killed", "value": 12}]);
    store.ingest_values([(&d2, &[(event, counted)][..], std::slice::from_ref(&toll))], false).unwrap();
    let facts = store.facts(Some("d2"), None, 10, 0).unwrap();
    assert_eq!(facts.rows.len(), 2, "{:?}", facts.rows);
    let doc_fact = facts.rows.iter().find(|f| f.event_id.is_none()).unwrap();
    assert_eq!((doc_fact.kind.as_str(), doc_fact.sentence_index), ("count", 3));
    assert_eq!(doc_fact.value["count"]["value"], 200000);
    assert_eq!(store.facts(None, Some("count"), 10, 0).unwrap().rows.len(), 2);
    assert!(store.facts(Some("d"), None, 10, 0).unwrap().rows.is_empty());

    let mut csv = Vec::new();
    assert_eq!(store.export(&EventFilter::default(), ExportFormat::Csv, None, &mut csv).unwrap(), 3);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("id,cluster_id,date,source"));
    assert!(csv.contains("\"Washington accused Tehran, \"\"officials\"\" said, of lying.\""));
    let mut tsv = Vec::new();
    store.export(&EventFilter::default(), ExportFormat::Tsv, Some(1), &mut tsv).unwrap();
    let tsv = String::from_utf8(tsv).unwrap();
    assert_eq!(tsv.lines().count(), 2);
    assert!(tsv.lines().nth(1).unwrap().split('\t').nth(1).unwrap().starts_with("2024010"));
    let mut jsonl = Vec::new();
    store.export(&EventFilter::default(), ExportFormat::Jsonl, None, &mut jsonl).unwrap();
    for line in String::from_utf8(jsonl).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["id"].is_i64() && v["cameo"].is_string() && v["mentions"] == 1);
    }
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.clusters), (2, 3, 3));
}

#[test]
fn migrations_are_versioned() {
    let (store, path) = temp_store("migrate");
    let v: u32 = store.connection().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, parley_store::schema::VERSION);
    drop(store);
    Store::open(&path).unwrap();
    let conn = rusqlite_conn(&path);
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("99"), "{err}");
    assert!(Store::open_read_only(path.with_extension("missing")).is_err());
}

fn rusqlite_conn(path: &std::path::Path) -> parley_store::Connection {
    parley_store::Connection::open(path).unwrap()
}

// ---- alerts ----

fn day(offset: i64) -> String {
    (chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string()
}

/// One document per event, dated `day(offset)`.
fn feed(store: &mut Store, items: &[(i64, &str, &str, &str, f32)]) -> usize {
    let mut raised = 0;
    for (i, (offset, src, tgt, cameo, g)) in items.iter().enumerate() {
        let id = format!("n{offset}-{i}-{cameo}");
        let date = day(*offset);
        let d = doc(&id, &date, None);
        raised += ingest(store, &d, &[ev(&id, 0, src, tgt, cameo, *g, Some(&date))]).alerts;
    }
    raised
}

fn alerts(store: &Store, rule: &str) -> Vec<parley_store::AlertRow> {
    let filter = parley_store::AlertFilter { rule: Some(rule.to_string()), ..Default::default() };
    store.alerts(&filter, 100, 0).unwrap().rows
}

fn only(rule: &str) -> AlertConfig {
    let mut c = AlertConfig::default();
    c.first_of_kind.enabled = rule == "first_of_kind";
    c.spike.enabled = rule == "spike";
    c.goldstein_turn.enabled = rule == "goldstein_turn";
    c
}

#[test]
fn first_of_kind_fires_on_a_first_appeal_after_a_long_war() {
    let (mut store, _) = temp_store("fok");
    store.set_alert_config(only("first_of_kind"));
    let war: Vec<(i64, &str, &str, &str, f32)> = (0..8).map(|i| (i * 40, "RUSMIL", "UKRMIL", "190", -10.0)).collect();
    feed(&mut store, &war);
    assert!(alerts(&store, "first_of_kind").is_empty());
    feed(&mut store, &[(400, "UKRGOV", "RUSGOV", "028", 4.0)]);
    let a = alerts(&store, "first_of_kind");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!((a[0].actor_a.as_str(), a[0].actor_b.as_str()), ("RUS", "UKR"));
    assert!(a[0].message.contains("after 8 conflict events"), "{}", a[0].message);
    // It names the appeal and the last fighting.
    let appeal = store.events(&EventFilter { cameo: Some("028".into()), ..Default::default() }, 1, 0).unwrap().rows[0].id;
    assert!(a[0].events.contains(&appeal));
    assert!(a[0].events.len() >= 2);
    assert!(store.event(appeal).unwrap().unwrap().alerts.contains(&a[0].id));
    // A second appeal later is not a first any more.
    feed(&mut store, &[(401, "UKRGOV", "RUSGOV", "028", 4.0), (402, "UKRGOV", "RUSGOV", "028", 4.0)]);
    assert_eq!(alerts(&store, "first_of_kind").len(), 1);
}

#[test]
fn first_of_kind_stays_quiet_after_a_short_or_mixed_run() {
    let (mut store, _) = temp_store("fok-quiet");
    store.set_alert_config(only("first_of_kind"));
    // Short in time: six clashes within ten days.
    let short: Vec<(i64, &str, &str, &str, f32)> = (0..6).map(|i| (i * 2, "SYRMIL", "TURMIL", "190", -10.0)).collect();
    feed(&mut store, &short);
    feed(&mut store, &[(12, "SYRGOV", "TURGOV", "028", 4.0)]);
    // Mixed: cooperation inside the run.
    let mixed: Vec<(i64, &str, &str, &str, f32)> =
        (0..7).map(|i| (i * 30, "INDMIL", "PAKMIL", if i == 2 { "036" } else { "190" }, -10.0)).collect();
    feed(&mut store, &mixed);
    feed(&mut store, &[(200, "INDGOV", "PAKGOV", "028", 4.0)]);
    // Too few clashes.
    feed(&mut store, &[(0, "ETHMIL", "ERIMIL", "190", -10.0), (200, "ETHMIL", "ERIMIL", "190", -10.0), (400, "ETHGOV", "ERIGOV", "028", 4.0)]);
    assert!(alerts(&store, "first_of_kind").is_empty(), "{:?}", alerts(&store, "first_of_kind"));
}

#[test]
fn spike_fires_on_a_burst_against_the_baseline_only() {
    let (mut store, _) = temp_store("spike");
    store.set_alert_config(only("spike"));
    // Baseline: one clash a week for eight weeks.
    let base: Vec<(i64, &str, &str, &str, f32)> = (0..8).map(|i| (i * 7, "ISRMIL", "LBNMIL", "190", -10.0)).collect();
    feed(&mut store, &base);
    assert!(alerts(&store, "spike").is_empty());
    let codes = ["190", "193", "195", "180", "183"];
    let burst: Vec<(i64, &str, &str, &str, f32)> = codes.iter().map(|c| (60, "ISRMIL", "LBNMIL", *c, -10.0)).collect();
    feed(&mut store, &burst);
    let a = alerts(&store, "spike");
    assert_eq!(a.len(), 1, "one alert per dyad and day, updated as events come");
    assert_eq!(a[0].day, day(60));
    assert!(a[0].events.len() >= 5, "{:?}", a[0].events);
    assert!(a[0].detail["z"].as_f64().unwrap() >= 3.0);

    // A dyad that fights at the same high level every day is not spiking.
    let (mut store, _) = temp_store("spike-steady");
    store.set_alert_config(only("spike"));
    let mut steady = Vec::new();
    for d in 0..30 {
        for c in ["190", "193", "195", "180", "183"] {
            steady.push((d, "SDNMIL", "SSDMIL", c, -10.0));
        }
    }
    feed(&mut store, &steady);
    assert!(alerts(&store, "spike").is_empty(), "{:?}", alerts(&store, "spike"));
    // Nor is a first burst between actors with no history: there is no baseline.
    let burst: Vec<(i64, &str, &str, &str, f32)> = ["190", "193", "195", "180"].iter().map(|c| (5, "MLIMIL", "NERMIL", *c, -10.0)).collect();
    feed(&mut store, &burst);
    assert!(alerts(&store, "spike").is_empty());
}

#[test]
fn goldstein_turn_fires_on_a_sharp_turn_only() {
    let (mut store, _) = temp_store("turn");
    store.set_alert_config(only("goldstein_turn"));
    // A month of cooperation, then a week of fighting.
    let coop: Vec<(i64, &str, &str, &str, f32)> = (0..10).map(|i| (i * 3, "CHNGOV", "JPNGOV", "036", 4.0)).collect();
    feed(&mut store, &coop);
    assert!(alerts(&store, "goldstein_turn").is_empty());
    let fight: Vec<(i64, &str, &str, &str, f32)> =
        ["190", "193", "195", "180"].iter().enumerate().map(|(i, c)| (31 + i as i64, "CHNMIL", "JPNMIL", *c, -10.0)).collect();
    feed(&mut store, &fight);
    let a = alerts(&store, "goldstein_turn");
    assert_eq!(a.len(), 1, "raised once, not again each day of the same turn: {a:?}");
    assert_eq!(a[0].detail["direction"], "conflict");
    assert!(a[0].message.contains("turn toward conflict"));
    assert!(!a[0].events.is_empty());

    // Steady relations: no turn.
    let (mut store, _) = temp_store("turn-quiet");
    store.set_alert_config(only("goldstein_turn"));
    let steady: Vec<(i64, &str, &str, &str, f32)> =
        (0..40).map(|i| (i, "FRAGOV", "DEUGOV", if i % 2 == 0 { "036" } else { "040" }, if i % 2 == 0 { 4.0 } else { 1.0 })).collect();
    feed(&mut store, &steady);
    assert!(alerts(&store, "goldstein_turn").is_empty());
}

#[test]
fn alert_config_reads_json_with_defaults() {
    let c = AlertConfig::from_json(r#"{"spike": {"z": 2.5}}"#).unwrap();
    assert_eq!(c.spike.z, 2.5);
    assert_eq!(c.spike.min_count, 3);
    assert!(AlertConfig::from_json(r#"{"spike": {"zz": 1}}"#).unwrap_err().contains("zz"));
    assert!(AlertConfig::from_json(r#"{"first_of_kind": {"kind": "colour"}}"#).is_err());
    // Negative or meaningless thresholds are refused, naming the field.
    for (bad, field) in [
        (r#"{"spike": {"z": -1}}"#, "spike.z"),
        (r#"{"spike": {"min_history_days": -3}}"#, "spike.min_history_days"),
        (r#"{"goldstein_turn": {"delta": -0.5}}"#, "goldstein_turn.delta"),
        (r#"{"first_of_kind": {"min_run_days": -30}}"#, "first_of_kind.min_run_days"),
        (r#"{"goldstein_turn": {"recent_days": 0}}"#, "goldstein_turn.recent_days"),
    ] {
        let err = AlertConfig::from_json(bad).unwrap_err();
        assert!(err.contains(field), "{bad}: {err}");
    }
}

#[test]
fn alerts_go_with_the_documents_that_raised_them() {
    let (mut store, _) = temp_store("alert-replace");
    store.set_alert_config(only("spike"));
    let old = doc("old", "2024-01-10", None);
    ingest(&mut store, &old, &[ev("old", 0, "ISRMIL", "SYRMIL", "190", -10.0, Some("2024-01-10"))]);
    let d = doc("burst", "2024-02-01", None);
    let events: Vec<Event> =
        ["190", "193", "195"].iter().enumerate().map(|(i, c)| ev("burst", i, "ISRMIL", "SYRMIL", c, -10.0, Some("2024-02-01"))).collect();
    assert_eq!(ingest(&mut store, &d, &events).alerts, 1);
    assert_eq!(alerts(&store, "spike").len(), 1);
    let mut calm = d.clone();
    calm.text = "Nothing happened.".into();
    ingest(&mut store, &calm, &[]);
    assert!(alerts(&store, "spike").is_empty());
    assert_eq!(count(&store, "alert_events"), 0);
}

#[test]
fn a_version_1_store_is_migrated_with_its_events() {
    let (store, path) = temp_store("migrate-v1");
    drop(store);
    // A store as version 1 left it: its dyad index without the covered
    // columns, no dyad-month table, and a happening already in it.
    let mut store = Store::open(&path).unwrap();
    let d0 = doc("d0", "2024-02-05", None);
    ingest(&mut store, &d0, &[ev("d0", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-02-05"))]);
    drop(store);
    let conn = rusqlite_conn(&path);
    conn.execute_batch(
        "DROP INDEX clusters_pair; CREATE INDEX clusters_pair ON clusters (dyad_a, dyad_b, day);
         DROP TABLE dyad_months;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let d = doc("d1", "2024-03-05", None);
    ingest(&mut store, &d, &[ev("d1", 0, "RUSMIL", "UKRMIL", "190", -10.0, Some("2024-03-05"))]);
    // The dyad-month table is filled from the happenings there were, and kept from then on.
    let months: Vec<(String, i64)> = store
        .connection()
        .prepare("SELECT month, happenings FROM dyad_months WHERE dyad_a = 'RUS' AND dyad_b = 'UKR' ORDER BY month")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(months, [("2024-02".to_string(), 1), ("2024-03".to_string(), 1)]);
    let v: u32 = store.connection().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, parley_store::schema::VERSION);
    let cols: i64 =
        store.connection().query_row("SELECT count(*) FROM pragma_index_info('clusters_pair')", [], |r| r.get(0)).unwrap();
    assert_eq!(cols, 8);
    store.check().unwrap();
}

#[test]
fn a_file_that_is_no_store_is_refused_with_its_name() {
    let dir = std::env::temp_dir().join(format!("parley-store-test-{}-notadb", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notes.txt");
    std::fs::write(&path, "these are notes, not a database, and long enough to be read as a header: ".repeat(20)).unwrap();
    for err in [Store::open(&path).err().unwrap().0, Store::open_read_only(&path).err().unwrap().0] {
        assert!(err.contains("notes.txt") && err.contains("not a database"), "{err}");
    }
}
