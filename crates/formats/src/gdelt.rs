//! The GDELT 2.0 event table: 61 tab-separated columns in the order of the
//! GDELT 2.0 Event Codebook ([`COLUMNS`]), one happening per row.
//!
//! Filled from parley, and empty where parley does not know the value
//! (never a made-up default such as GDELT's own `0`):
//!
//! - `GLOBALEVENTID`: the store's cluster id (one row per de-duplicated
//!   happening), or a running number for `parley code`.
//! - `SQLDATE` (`YYYYMMDD`) and `FractionDate` when the event's day is known;
//!   `MonthYear` and `Year` whenever the date, of whatever precision, falls
//!   in one month or year.
//! - Actors: `Code` (parley's CAMEO actor code), `Name` (the name a
//!   reference was resolved to, else the words of the text), `CountryCode`,
//!   `KnownGroupCode` (`UNO` of `IGOUNO`: organisation codes), `Type1Code`
//!   (the role, or `IGO`/`NGO`/... for an organisation). Ethnic and religion
//!   codes, `Type2Code` and `Type3Code` are empty: parley does not code them.
//! - `IsRootEvent`: 1 when the event is in the headline or the first sentence.
//! - `EventCode`, `EventBaseCode` (the 3-digit level), `EventRootCode`,
//!   `QuadClass`, `GoldsteinScale`.
//! - `NumMentions`, `NumSources`, `NumArticles`: the cluster's reports,
//!   publishers and documents (empty without a store). `AvgTone`: empty.
//! - `ActionGeo_*`: the event's place: `Type` (1 country, 2 US state, 3 US
//!   city, 4 world city, 5 world state), `FullName`, `Lat`, `Long`. GDELT's
//!   geo country and ADM codes are FIPS 10-4 codes, which parley does not
//!   have (it knows ISO3): they stay empty, as do `FeatureID` and the
//!   actors' geo blocks.
//! - `DATEADDED` (`YYYYMMDDHHMMSS`, UTC): when the document was stored.
//! - `SOURCEURL`: the document's URL.

use crate::plover::date_range;
use crate::{tsv_clean, Context};
use chrono::Datelike;
use parley::{ActorCode, ActorRef, Event, PlaceKind};
use std::io::{self, Write};

/// The 61 columns, in the codebook's order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

/// What a column holds, as the codebook types it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// A decimal integer.
    Integer,
    /// A decimal number.
    Float,
    /// Text (codes such as `"026"` keep their leading zeros).
    Text,
}

/// The type of a column of [`COLUMNS`].
pub fn column_type(name: &str) -> ColumnType {
    match name {
        "GLOBALEVENTID" | "SQLDATE" | "MonthYear" | "Year" | "IsRootEvent" | "QuadClass" | "NumMentions" | "NumSources"
        | "NumArticles" | "Actor1Geo_Type" | "Actor2Geo_Type" | "ActionGeo_Type" | "DATEADDED" => ColumnType::Integer,
        "FractionDate" | "GoldsteinScale" | "AvgTone" => ColumnType::Float,
        n if n.ends_with("_Lat") || n.ends_with("_Long") => ColumnType::Float,
        _ => ColumnType::Text,
    }
}

/// The header line (without its line break).
pub fn header() -> String {
    COLUMNS.join("\t")
}

/// The 61 fields of an event's row; `global_id` is its `GLOBALEVENTID`.
pub fn row(event: &Event, context: &Context, global_id: u64) -> Vec<String> {
    let mut out = Vec::with_capacity(COLUMNS.len());
    out.push(global_id.to_string());
    let range = event.date.as_deref().and_then(date_range);
    match range {
        Some((first, last)) if first == last => {
            out.push(first.format("%Y%m%d").to_string());
            out.push(first.format("%Y%m").to_string());
            out.push(first.year().to_string());
        }
        Some((first, last)) => {
            out.push(String::new());
            let same_month = first.year() == last.year() && first.month() == last.month();
            out.push(if same_month { first.format("%Y%m").to_string() } else { String::new() });
            out.push(if first.year() == last.year() { first.year().to_string() } else { String::new() });
        }
        None => out.extend([String::new(), String::new(), String::new()]),
    }
    out.push(match range {
        Some((first, last)) if first == last => format!("{}.{:04}", first.year(), ((first.ordinal() as u64 * 10_000 + 182) / 365).min(9_999)),
        _ => String::new(),
    });
    actor(&mut out, event.source.as_ref());
    actor(&mut out, event.target.as_ref());
    // The lead: the headline and the first sentence of the body.
    let lead = if context.document.title.is_some() { 1 } else { 0 };
    out.push(if event.sentence_index <= lead { "1" } else { "0" }.into());
    out.push(event.cameo.clone());
    out.push(event.cameo.get(..3).unwrap_or(&event.cameo).to_string());
    out.push(event.root.clone());
    out.push(event.quad_class.to_string());
    out.push(event.goldstein.to_string());
    match context.cluster {
        Some(c) => out.extend([c.mentions.to_string(), c.sources.to_string(), c.articles.to_string()]),
        None => out.extend([String::new(), String::new(), String::new()]),
    }
    out.push(String::new()); // AvgTone
    for _ in 0..2 {
        out.extend(std::iter::repeat_n(String::new(), 8)); // Actor1Geo, Actor2Geo
    }
    match &event.place {
        Some(p) => {
            let us = p.country == "USA";
            let kind = match p.precision {
                PlaceKind::Country => 1,
                PlaceKind::Region if us => 2,
                PlaceKind::City | PlaceKind::Capital if us => 3,
                PlaceKind::City | PlaceKind::Capital => 4,
                PlaceKind::Region => 5,
            };
            out.push(kind.to_string());
            out.push(tsv_clean(&p.name).into_owned());
            out.extend([String::new(), String::new(), String::new()]); // FIPS country, ADM1, ADM2
            out.push(p.lat.to_string());
            out.push(p.lon.to_string());
            out.push(String::new());
        }
        None => out.extend(std::iter::repeat_n(String::new(), 8)),
    }
    // RFC 3339 "2026-12-03T09:17:16Z" -> 20261203091716
    let added = context.document.added.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
    out.push(added.map(|t| t.with_timezone(&chrono::Utc).format("%Y%m%d%H%M%S").to_string()).unwrap_or_default());
    out.push(context.document.url.as_deref().map(|u| tsv_clean(u).into_owned()).unwrap_or_default());
    debug_assert_eq!(out.len(), COLUMNS.len());
    out
}

fn actor(out: &mut Vec<String>, a: Option<&ActorRef>) {
    let Some(a) = a else {
        out.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    // `IGOUNO` is the known group `UNO` of type `IGO` (ActorCode::known_group).
    let code = a.code.parse::<ActorCode>().ok();
    let group = code.as_ref().and_then(|c| Some((c.known_group()?, c.role()?)));
    out.push(tsv_clean(&a.code).into_owned());
    out.push(tsv_clean(a.refers_to.as_deref().unwrap_or(&a.text)).into_owned());
    out.push(a.country.clone().unwrap_or_default());
    out.push(group.map(|(known, _)| known.to_string()).unwrap_or_default());
    out.extend([String::new(), String::new(), String::new()]); // ethnic, religion 1 and 2
    out.push(group.map(|(_, kind)| kind).or(a.role).map(|r| r.to_string()).unwrap_or_default());
    out.extend([String::new(), String::new()]); // type 2 and 3
}

/// Writes an event's row and its line break.
pub fn write_row(out: &mut dyn Write, event: &Event, context: &Context, global_id: u64) -> io::Result<()> {
    let fields = row(event, context, global_id);
    out.write_all(fields.join("\t").as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cluster, DocumentInfo};

    #[test]
    fn every_row_has_61_typed_columns() {
        assert_eq!(COLUMNS.len(), 61);
        assert_eq!(COLUMNS.iter().collect::<std::collections::HashSet<_>>().len(), 61, "distinct names");
        let coder = parley::Coder::builtin().unwrap();
        let mut doc = parley::Document::new("d1", "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday, killing 7. \
            Ukraine asked the United Nations to mediate last month.")
            .with_date("2024-03-07".parse().unwrap());
        doc.title = Some("Shelling near Kharkiv".into());
        let events = coder.code(&doc);
        assert!(events.len() >= 2);
        let context = Context {
            ordinal: 0,
            cluster: Some(Cluster { id: 9, mentions: 3, articles: 2, sources: 1 }),
            document: DocumentInfo { added: Some("2026-12-03T09:17:16Z".into()), url: Some("https://example.org/a\tb".into()), ..DocumentInfo::of(&doc) },
        };
        for (i, event) in events.iter().enumerate() {
            let fields = row(event, &context, i as u64 + 1);
            assert_eq!(fields.len(), 61);
            for (name, value) in COLUMNS.iter().zip(&fields) {
                assert!(!value.contains(['\t', '\n']), "{name}: {value:?}");
                match column_type(name) {
                    ColumnType::Integer if !value.is_empty() => assert!(value.parse::<i64>().is_ok(), "{name}: {value:?}"),
                    ColumnType::Float if !value.is_empty() => assert!(value.parse::<f64>().is_ok(), "{name}: {value:?}"),
                    _ => {}
                }
            }
            let get = |name: &str| fields[COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
            assert_eq!(get("EventCode"), event.cameo);
            assert_eq!((get("NumMentions"), get("NumSources"), get("NumArticles")), ("3", "1", "2"));
            assert_eq!(get("DATEADDED"), "20261203091716");
            assert_eq!(get("AvgTone"), "");
        }
        let shelling = row(&events[0], &context, 1);
        let get = |name: &str| shelling[COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!((get("SQLDATE"), get("MonthYear"), get("Year"), get("FractionDate")), ("20240305", "202403", "2024", "2024.1781"));
        assert_eq!((get("Actor1Code"), get("Actor1CountryCode"), get("Actor1Type1Code")), ("RUSMIL", "RUS", "MIL"));
        assert_eq!((get("ActionGeo_Type"), get("ActionGeo_FullName")), ("4", "Kharkiv"));
        assert_eq!(get("IsRootEvent"), "1");
        let bare = row(&events[0], &Context::default(), 1);
        assert_eq!(bare[31..34], ["", "", ""], "no store, no counts");
    }
}
