//! PLOVER JSON lines, as the PLOVER manual's chapter "Data Fields" names
//! them (its tables "PLOVER JSON", entities, text, size, citations and
//! locations): one event record per line.
//!
//! What parley fills, from the event and its [`Context`]:
//!
//! | field | from |
//! |---|---|
//! | `id` | `{doc_id}:{ordinal}`: unique within a data set |
//! | `date`, `enddate` | the event date; a week, month or year is the range `date`..`enddate` |
//! | `actor`, `recipient` | one entity each: `code` (country), `sector` (role), `entity_text` |
//! | `event`, `mode`, `context` | the PLOVER mapping of the CAMEO code; `context` adds the manual's auxiliary modes (`future` for intended or expected events, `hypothetical`, `negation`, `historical` for background) |
//! | `event_loc` | `extracted_place`, `resolved_place`, `lat`, `lon`, `country_code`, `resolution` (4 city, 2 province, 1 country) |
//! | `event_text`, `text_info` | the sentence; its `sequence` in the document and the `start`/`end` character offsets of the event word in it |
//! | `quad_code`, `event_scale` | quad class, Goldstein value |
//! | `size` | `dead`, `injured`, `arrested`: the largest such figure the event reports |
//! | `cite_info` | `citation` (the document id), `url`, `title`, `publication`, `coder`, `codebook` |
//! | `coder` | `parley` and its version |
//!
//! Left out, as parley cannot fill them: `time`, `endtime`, `link`, `text`
//! (the story itself), `coded_date`, an entity's identifiers, religion,
//! ethnicity, office, gender and age, a location's geonames id, admin
//! levels and feature codes, `comment`. Two named fields are added, as the
//! manual invites: `cameo` on the record and `cameo_code` on an entity (the
//! full CAMEO codes, `"026"`, `"USAGOV"`), so that a round trip through PLOVER
//! loses no coding.
//!
//! [`read`] reads such lines back (from parley or another PLOVER coder):
//! records with the same `cite_info.citation` make one document.

use crate::{Context, Imported, RecordError, Vocabulary};
use chrono::{Datelike, NaiveDate, Weekday};
use parley::{ActorCode, ActorRef, Count, CountKind, DateInfo, Document, Event, Mode, Place, PlaceKind, PloverRef, Precision, Scope, Tense, VerbRef};
use serde::{Deserialize, Serialize};
use std::io::BufRead;

/// One PLOVER event record. Fields are in the manual's order; empty ones are
/// left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Unique within the data set.
    pub id: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The last day, when the date is a range (a week, month or year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enddate: Option<String>,
    /// Who acted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actor: Vec<Entity>,
    /// To whom.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipient: Vec<Entity>,
    /// PLOVER event categories ("REQUEST").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event: Vec<String>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_loc: Option<Location>,
    /// The text the event was coded from (its sentence).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_text: Vec<String>,
    /// 1 verbal cooperation .. 4 material conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad_code: Option<u8>,
    /// The Goldstein value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_scale: Option<f32>,
    /// PLOVER modes ("meet").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mode: Vec<String>,
    /// PLOVER contexts ("diplomatic"), and auxiliary modes ("future").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// Casualties and arrests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Where the event's text stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_info: Option<TextInfo>,
    /// The document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite_info: Option<CiteInfo>,
    /// The coding system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
    /// Added: the CAMEO code parley coded ("026").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
}

/// An entity object (actor or recipient).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The 3-character top-level code: the country when known ("USA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The sector ("GOV", "MIL").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The words that named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_text: Option<String>,
    /// Added: the full CAMEO actor code ("USAGOV", "IGOUNO", "---MIL").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo_code: Option<String>,
}

/// A location object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place name as the text gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_place: Option<String>,
    /// The gazetteer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_place: Option<String>,
    /// WGS84 degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// WGS84 degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// 5 sub-city, 4 city, 3 district, 2 province, 1 country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<u8>,
}

/// A size object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    /// Number killed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead: Option<u64>,
    /// Number injured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u64>,
    /// Number arrested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrested: Option<u64>,
}

/// A text information object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextInfo {
    /// The sentence's number in the document (0-based; a headline counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<usize>,
    /// Character offset of the event word in `event_text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// Character offset just past it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

/// A citation object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CiteInfo {
    /// The document's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<String>,
    /// The coding system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
    /// The codebook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codebook: Option<String>,
}

/// The coder, as records name it.
pub const CODER: &str = concat!("parley ", env!("CARGO_PKG_VERSION"));
/// The codebook parley codes in: CAMEO, mapped to PLOVER by the conversion
/// table of PLOVER draft 0.8.
pub const CODEBOOK: &str = "CAMEO 1.1b3 mapped to PLOVER 0.8";

/// The auxiliary modes of the manual ("Auxiliary modes"), carried in `context`.
const HISTORICAL: &str = "historical";
const FUTURE: &str = "future";
const HYPOTHETICAL: &str = "hypothetical";
const NEGATION: &str = "negation";

/// The PLOVER record of an event.
pub fn record(event: &Event, context: &Context) -> Record {
    let (date, enddate) = match event.date.as_deref().and_then(date_range) {
        Some((first, last)) => (Some(first.to_string()), (last != first).then(|| last.to_string())),
        None => (None, None),
    };
    let plover = event.plover.as_ref();
    let mut contexts: Vec<String> = plover.and_then(|p| p.context.clone()).into_iter().collect();
    let auxiliary = match event.mode {
        Mode::Intended | Mode::Expected => Some(FUTURE),
        Mode::Conditional => Some(HYPOTHETICAL),
        Mode::Negated => Some(NEGATION),
        Mode::Asserted | Mode::Demanded => None,
    };
    contexts.extend(auxiliary.map(str::to_string));
    if event.background {
        contexts.push(HISTORICAL.into());
    }
    let figure = |kind: CountKind| event.counts.iter().filter(|c| c.kind == kind).map(|c| c.value).max();
    let size = Size { dead: figure(CountKind::Killed), injured: figure(CountKind::Wounded), arrested: figure(CountKind::Arrested) };
    let chars = |byte: usize| event.sentence.get(..byte).map(|s| s.chars().count());
    let doc = &context.document;
    Record {
        id: format!("{}:{}", event.doc_id, context.ordinal),
        date,
        enddate,
        actor: event.source.iter().map(entity).collect(),
        recipient: event.target.iter().map(entity).collect(),
        event: plover.map(|p| p.event_type.clone()).into_iter().collect(),
        event_loc: event.place.as_ref().map(|p| Location {
            extracted_place: Some(p.text.clone()),
            resolved_place: Some(p.name.clone()),
            lat: Some(p.lat),
            lon: Some(p.lon),
            country_code: Some(p.country.clone()),
            resolution: Some(resolution(p.precision)),
        }),
        event_text: vec![event.sentence.clone()],
        quad_code: Some(event.quad_class),
        event_scale: Some(event.goldstein),
        mode: plover.and_then(|p| p.mode.clone()).into_iter().collect(),
        context: contexts,
        size: (size != Size::default()).then_some(size),
        text_info: Some(TextInfo { sequence: Some(event.sentence_index), start: chars(event.verb.span[0]), end: chars(event.verb.span[1]) }),
        cite_info: Some(CiteInfo {
            citation: Some(event.doc_id.clone()),
            url: doc.url.clone(),
            title: doc.title.clone(),
            publication: doc.publisher.clone(),
            coder: Some(CODER.into()),
            codebook: Some(CODEBOOK.into()),
        }),
        coder: Some(CODER.into()),
        cameo: Some(event.cameo.clone()),
    }
}

fn entity(a: &ActorRef) -> Entity {
    Entity { code: a.country.clone(), sector: a.role.map(|r| r.to_string()), entity_text: Some(a.text.clone()), cameo_code: Some(a.code.clone()) }
}

fn resolution(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::City | PlaceKind::Capital => 4,
        PlaceKind::Region => 2,
        PlaceKind::Country => 1,
    }
}

fn kind_of(resolution: Option<u8>) -> PlaceKind {
    match resolution {
        Some(1) => PlaceKind::Country,
        Some(2) | Some(3) => PlaceKind::Region,
        _ => PlaceKind::City,
    }
}

/// The first and last day of an ISO date of any precision parley writes:
/// `2024-03-05`, `2024-W10`, `2024-03`, `2024`.
pub fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some((day, day));
    }
    if let Some((year, week)) = value.split_once("-W") {
        let monday = NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)?;
        return Some((monday, monday + chrono::Duration::days(6)));
    }
    if let Some((year, month)) = value.split_once('-') {
        let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, month + 1, 1)? };
        return Some((first, next.pred_opt()?));
    }
    let year: i32 = value.parse().ok().filter(|_| value.len() == 4)?;
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

/// The ISO date and precision a day range stands for: the inverse of
/// [`date_range`]; a range that is no week, month or year is its first day.
pub fn date_of_range(first: NaiveDate, last: NaiveDate) -> (String, Precision) {
    let week = first.iso_week();
    if last == first {
        (first.format("%Y-%m-%d").to_string(), Precision::Day)
    } else if first.weekday() == Weekday::Mon && last == first + chrono::Duration::days(6) {
        (format!("{}-W{:02}", week.year(), week.week()), Precision::Week)
    } else if first.day() == 1 && date_range(&first.format("%Y-%m").to_string()) == Some((first, last)) {
        (first.format("%Y-%m").to_string(), Precision::Month)
    } else if first.ordinal() == 1 && date_range(&first.year().to_string()) == Some((first, last)) {
        (first.year().to_string(), Precision::Year)
    } else {
        (first.format("%Y-%m-%d").to_string(), Precision::Day)
    }
}

/// The parley event of a PLOVER record, and the document it cites. The
/// CAMEO code is the record's `cameo`, else the first whose PLOVER mapping
/// matches its event, mode and context.
pub fn event_of(record: &Record, vocabulary: &Vocabulary) -> Result<(Document, Event), String> {
    let doc_id = match record.cite_info.as_ref().and_then(|c| c.citation.clone()) {
        Some(id) => id,
        None => record.id.rsplit_once(':').map_or(record.id.clone(), |(doc, _)| doc.to_string()),
    };
    if doc_id.is_empty() {
        return Err("the record has no id".into());
    }
    let auxiliary = [HISTORICAL, FUTURE, HYPOTHETICAL, NEGATION];
    let plover_context = record.context.iter().find(|c| !auxiliary.contains(&c.as_str()));
    let cameo = match &record.cameo {
        Some(code) => code.clone(),
        None => {
            let event_type = record.event.first().ok_or("the record has neither an event nor a cameo code")?;
            vocabulary
                .cameo_for_plover(event_type, record.mode.first().map(String::as_str), plover_context.map(String::as_str))
                .ok_or_else(|| format!("no CAMEO code maps to PLOVER event {event_type:?}"))?
                .to_string()
        }
    };
    let mut event = vocabulary.event(&doc_id, &cameo).ok_or_else(|| format!("unknown CAMEO code {cameo:?}"))?;
    event.plover = record.event.first().map(|t| PloverRef {
        event_type: t.clone(),
        mode: record.mode.first().cloned(),
        context: plover_context.cloned(),
    });
    if let Some(q) = record.quad_code {
        if !(1..=4).contains(&q) {
            return Err(format!("quad_code {q} is not 1 to 4"));
        }
        event.quad_class = q;
    }
    if let Some(g) = record.event_scale {
        event.goldstein = g;
    }
    let has = |c: &str| record.context.iter().any(|x| x == c);
    (event.mode, event.tense) = if has(NEGATION) {
        (Mode::Negated, Tense::Past)
    } else if has(HYPOTHETICAL) {
        (Mode::Conditional, Tense::Present)
    } else if has(FUTURE) {
        (Mode::Intended, Tense::Future)
    } else {
        (Mode::Asserted, Tense::Past)
    };
    event.background = has(HISTORICAL);
    event.sentence = record.event_text.first().cloned().unwrap_or_default();
    if let Some(info) = &record.text_info {
        event.sentence_index = info.sequence.unwrap_or(0);
        let byte = |chars: usize| event.sentence.char_indices().map(|(i, _)| i).chain([event.sentence.len()]).nth(chars);
        if let (Some(start), Some(end)) = (info.start.and_then(byte), info.end.and_then(byte)) {
            if start <= end {
                let text = event.sentence[start..end].to_string();
                event.verb = VerbRef { lemma: text.to_lowercase(), text, span: [start, end] };
            }
        }
    }
    event.source = record.actor.first().map(|e| actor_of(e, &event.sentence)).transpose()?;
    event.target = record.recipient.first().map(|e| actor_of(e, &event.sentence)).transpose()?;
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("date {s:?} is not YYYY-MM-DD"));
    if let Some(first) = record.date.as_deref() {
        let first = day(first)?;
        let last = record.enddate.as_deref().map(day).transpose()?.unwrap_or(first);
        if last < first {
            return Err("enddate is before date".into());
        }
        let (value, precision) = date_of_range(first, last);
        event.date = Some(value.clone());
        event.date_info = Some(DateInfo { value, precision, source: "plover".into(), phrase: None });
    }
    if let Some(loc) = &record.event_loc {
        if let (Some(lat), Some(lon)) = (loc.lat, loc.lon) {
            let kind = kind_of(loc.resolution);
            let name = loc.resolved_place.clone().or(loc.extracted_place.clone()).unwrap_or_default();
            event.place = Some(Place {
                text: loc.extracted_place.clone().unwrap_or_else(|| name.clone()),
                name,
                country: loc.country_code.clone().unwrap_or_default(),
                lat,
                lon,
                kind,
                precision: kind,
                relation: None,
                source: "sentence".into(),
            });
        }
    }
    if let Some(size) = &record.size {
        for (kind, value) in [(CountKind::Killed, size.dead), (CountKind::Wounded, size.injured), (CountKind::Arrested, size.arrested)] {
            if let Some(value) = value {
                event.counts.push(Count {
                    kind,
                    value,
                    max: None,
                    qualifier: None,
                    victims: None,
                    scope: Scope::Event,
                    source: None,
                    phrase: String::new(),
                    tokens: 0..0,
                });
            }
        }
    }
    let cite = record.cite_info.clone().unwrap_or_default();
    let mut document = Document::new(doc_id, "");
    (document.title, document.url, document.source) = (cite.title, cite.url, cite.publication);
    Ok((document, event))
}

fn actor_of(e: &Entity, sentence: &str) -> Result<ActorRef, String> {
    let code = match (&e.cameo_code, &e.code, &e.sector) {
        (Some(c), _, _) => c.clone(),
        (None, Some(c), sector) => format!("{c}{}", sector.as_deref().unwrap_or("")),
        (None, None, Some(sector)) => format!("---{sector}"),
        (None, None, None) => return Err("an entity has neither a code nor a sector".into()),
    };
    let text = e.entity_text.clone().unwrap_or_default();
    let span = match sentence.find(&text).filter(|_| !text.is_empty()) {
        Some(at) => [at, at + text.len()],
        None => [0, 0],
    };
    Ok(ActorRef {
        provisional: code.parse::<ActorCode>().is_ok_and(|c| c.is_provisional()),
        code,
        text,
        span,
        country: e.code.clone(),
        // A sector that is no CAMEO role stays in the code alone.
        role: e.sector.as_deref().and_then(|s| s.parse().ok()),
        refers_to: None,
        entity: None,
    })
}

/// Reads PLOVER JSON lines; `file` names the input in errors.
pub fn read<'v, R: BufRead + 'v>(file: &str, input: R, vocabulary: &'v Vocabulary) -> impl Iterator<Item = Result<Imported, RecordError>> + 'v {
    crate::parley_json::grouped(file, input, move |line| {
        let record: Record = serde_json::from_str(line).map_err(|e| format!("not a PLOVER record: {e}"))?;
        event_of(&record, vocabulary).map(Some)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_precisions_become_ranges_and_back() {
        for value in ["2024-03-05", "2024-W10", "2024-03", "2024", "2023-02", "2020-W53"] {
            let (first, last) = date_range(value).unwrap();
            assert_eq!(date_of_range(first, last).0, value);
        }
        let (first, last) = date_range("2024-02").unwrap();
        assert_eq!((first.to_string(), last.to_string()), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(date_range("March"), None);
        assert_eq!(date_range("2024-13"), None);
    }

    #[test]
    fn a_coded_event_becomes_a_plover_record_and_comes_back() {
        let coder = parley::Coder::builtin().unwrap();
        let doc = Document::new("d1", "Police arrested 40 protesters in Nairobi on Monday. Kenya will ask Uganda to mediate.")
            .with_date("2024-03-07".parse().unwrap());
        let events = coder.code(&doc);
        assert!(events.len() >= 2, "{events:?}");
        let vocabulary = Vocabulary::builtin().unwrap();
        for (ordinal, event) in events.iter().enumerate() {
            let context = Context { ordinal, ..Context::default() };
            let rec = record(event, &context);
            assert_eq!(rec.id, format!("d1:{ordinal}"));
            assert_eq!(rec.cameo.as_deref(), Some(event.cameo.as_str()));
            let json = serde_json::to_string(&rec).unwrap();
            let back: Record = serde_json::from_str(&json).unwrap();
            let (doc, imported) = event_of(&back, &vocabulary).unwrap();
            assert_eq!(doc.id, "d1");
            assert_eq!(record(&imported, &context), rec, "{json}");
        }
        let arrest = events.iter().find(|e| e.root == "17").expect("an arrest");
        let rec = record(arrest, &Context::default());
        assert_eq!(rec.size.and_then(|s| s.arrested), Some(40));
        assert_eq!(rec.event_loc.and_then(|l| l.resolved_place).as_deref(), Some("Nairobi"));
        assert_eq!(rec.date.as_deref(), Some("2024-03-04"));
        let text = &rec.event_text[0];
        let info = rec.text_info.unwrap();
        let verb: String = text.chars().skip(info.start.unwrap()).take(info.end.unwrap() - info.start.unwrap()).collect();
        assert_eq!(verb, arrest.verb.text);
    }

    #[test]
    fn a_foreign_record_without_cameo_takes_the_mapping() {
        let vocabulary = Vocabulary::builtin().unwrap();
        let line = r#"{"id": "PHOXv1-20160724-0042", "date": "2016-07-24", "actor": [{"code": "USA"}], "recipient": [{"code": "CAN"}], "event": ["CONSULT"]}"#;
        let (doc, event) = event_of(&serde_json::from_str(line).unwrap(), &vocabulary).unwrap();
        assert_eq!(doc.id, "PHOXv1-20160724-0042");
        assert_eq!(event.root, "04");
        assert_eq!(event.source.unwrap().code, "USA");
        assert_eq!(event.date.as_deref(), Some("2016-07-24"));
        let bad = r#"{"id": "x", "event": ["DANCE"]}"#;
        assert!(event_of(&serde_json::from_str(bad).unwrap(), &vocabulary).unwrap_err().contains("DANCE"));
    }
}
