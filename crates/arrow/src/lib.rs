//! # parley-arrow: parley events as Arrow record batches
//!
//! The event schema is not written by hand: it is traced from the serde types
//! of [`parley::Event`] (the same ones that write the CLI's JSON), so a field
//! added to the output schema shows up here with no change. The traced types
//! are then made plain for consumers such as Spark and pandas: strings are
//! `utf8`, unsigned integers signed (`int32`/`int64`), enums strings, and
//! `[start, end]` spans `list<int64>`.
//!
//! The columns of the known fields are filled directly from the engine's
//! types (`columns.rs`, checked value for value against serde_arrow by a test);
//! serde_arrow fills them when the traced schema has a field that code does
//! not know, so a new field still shows up with no change, only slower.
//!
//! One schema for every Arrow consumer: the Python package (`code_arrow`,
//! Spark) and `parley export --format parquet` both take it from here.

#![deny(missing_docs)]

mod columns;

use arrow_array::cast::AsArray;
use arrow_array::types::Float32Type;
use arrow_array::{ArrayRef, Float64Array, RecordBatch};
use arrow_schema::{DataType, Field, FieldRef, Schema, SchemaRef};
use parley::Event;
use serde_arrow::schema::{SchemaLike, TracingOptions};
use std::sync::{Arc, OnceLock};

pub use arrow_array;
pub use arrow_schema;

/// The fields of an event record batch, in the JSON output's order.
pub fn event_fields() -> &'static [FieldRef] {
    &traced().1
}

/// The fields serde_arrow fills (`.0`) and the ones [`events_batch`] returns
/// (`.1`): the same but for top-level `f32` numbers, which are returned as
/// `f64` with the value the JSON shows (`7.4`, not `7.400000095367432`).
fn traced() -> &'static (Vec<FieldRef>, Vec<FieldRef>) {
    static FIELDS: OnceLock<(Vec<FieldRef>, Vec<FieldRef>)> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let options = TracingOptions::default().allow_null_fields(true).enums_without_data_as_strings(true);
        let traced = Vec::<FieldRef>::from_type::<Event>(options).expect("the Event type traces to an Arrow schema");
        let filled: Vec<FieldRef> = traced.iter().map(|f| Arc::new(plain(f))).collect();
        let returned = filled
            .iter()
            .map(|f| match f.data_type() {
                DataType::Float32 => Arc::new(f.as_ref().clone().with_data_type(DataType::Float64)),
                _ => f.clone(),
            })
            .collect();
        (filled, returned)
    })
}

/// The schema of [`events_batch`].
pub fn event_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA.get_or_init(|| Arc::new(Schema::new(event_fields().to_vec()))).clone()
}

fn plain(f: &Field) -> Field {
    let dt = match f.data_type() {
        DataType::LargeUtf8 | DataType::Utf8 | DataType::Dictionary(..) => DataType::Utf8,
        DataType::UInt8 | DataType::UInt16 | DataType::Int8 | DataType::Int16 => DataType::Int32,
        DataType::UInt32 | DataType::UInt64 => DataType::Int64,
        DataType::LargeList(item) | DataType::List(item) => DataType::List(Arc::new(plain(item).with_name("item"))),
        DataType::Struct(children) if is_tuple(f) => {
            DataType::List(Arc::new(plain(&children[0]).with_name("item").with_nullable(false)))
        }
        DataType::Struct(children) => DataType::Struct(children.iter().map(|c| Arc::new(plain(c))).collect()),
        other => other.clone(),
    };
    Field::new(f.name(), dt, f.is_nullable())
}

/// A Rust tuple or array (`[usize; 2]`), which serde_arrow traces as a struct
/// of fields "0", "1", ...: a list when its items share a type.
fn is_tuple(f: &Field) -> bool {
    let DataType::Struct(children) = f.data_type() else { return false };
    f.metadata().get("SERDE_ARROW:strategy").map(String::as_str) == Some("TupleAsStruct")
        && !children.is_empty()
        && children.iter().all(|c| c.data_type() == children[0].data_type())
}

/// The events of many documents as one record batch, in order.
pub fn events_batch(events: &[Event]) -> Result<RecordBatch, String> {
    events_batch_of(&events.iter().collect::<Vec<_>>())
}

/// [`events_batch`] of the events of each document in turn, without gathering
/// them into one vector first.
pub fn documents_events_batch(events: &[Vec<Event>]) -> Result<RecordBatch, String> {
    events_batch_of(&events.iter().flatten().collect::<Vec<_>>())
}

fn events_batch_of(events: &[&Event]) -> Result<RecordBatch, String> {
    // Built column by column when every traced field is known to `columns`;
    // through serde_arrow (the reference, and any field added since) otherwise.
    if let Some(columns) = crate::columns::events(event_fields(), events) {
        if let Ok(batch) = RecordBatch::try_new(event_schema(), columns) {
            return Ok(batch);
        }
    }
    events_batch_serde(events)
}

/// [`events_batch`] through serde_arrow, from the traced schema.
pub fn events_batch_serde(events: &[&Event]) -> Result<RecordBatch, String> {
    let batch = serde_arrow::to_record_batch(&traced().0, &events).map_err(|e| e.to_string())?;
    let columns = batch
        .columns()
        .iter()
        .map(|c| match c.data_type() {
            DataType::Float32 => {
                // Through the shortest decimal that round-trips the f32, as serde_json writes it.
                let wide: Float64Array = c.as_primitive::<Float32Type>().unary_opt(|v| format!("{v}").parse::<f64>().ok());
                Arc::new(wide) as ArrayRef
            }
            _ => c.clone(),
        })
        .collect();
    RecordBatch::try_new(event_schema(), columns).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::types::Float64Type;

    /// Events from the built-in lexicon (how many depends on the lexicon of the day).
    fn coded() -> Vec<Event> {
        let coder = parley::Coder::builtin().unwrap();
        let text = "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday. \
            The United Nations urged both sides to negotiate.";
        let doc = parley::Document::new("d1", text).with_date("2024-03-07".parse().unwrap());
        coder.code(&doc)
    }

    #[test]
    fn the_schema_follows_the_json_fields_and_is_plain() {
        let names: Vec<_> = event_fields().iter().map(|f| f.name().as_str()).collect();
        for event in coded() {
            let json = serde_json::to_value(&event).unwrap();
            let keys: Vec<_> = json.as_object().unwrap().keys().map(String::as_str).collect();
            // Fields skipped when empty are the only ones the JSON may lack.
            let mut expected = names.clone();
            expected.retain(|n| keys.contains(n));
            expected.sort();
            assert_eq!(expected, keys);
            assert!(["doc_id", "cameo", "verb"].iter().all(|k| keys.contains(k)));
        }
        let verb = event_schema().field_with_name("verb").unwrap().clone();
        let DataType::Struct(children) = verb.data_type() else { panic!() };
        let span = children.iter().find(|c| c.name() == "span").unwrap();
        assert_eq!(span.data_type(), &DataType::List(Arc::new(Field::new("item", DataType::Int64, false))));
        assert_eq!(event_schema().field_with_name("mode").unwrap().data_type(), &DataType::Utf8);
        assert_eq!(event_schema().field_with_name("quad_class").unwrap().data_type(), &DataType::Int32);
    }

    #[test]
    fn events_become_rows() {
        let events = coded();
        let b = events_batch(&events).unwrap();
        assert_eq!(b.num_rows(), events.len());
        for (i, e) in events.iter().enumerate() {
            assert_eq!(b.column_by_name("cameo").unwrap().as_string::<i32>().value(i), e.cameo);
            let mode = serde_json::to_value(e.mode).unwrap();
            assert_eq!(b.column_by_name("mode").unwrap().as_string::<i32>().value(i), mode.as_str().unwrap());
        }
        assert_eq!(events_batch(&[]).unwrap().num_rows(), 0);
        let goldstein = b.column_by_name("goldstein").unwrap().as_primitive::<Float64Type>();
        for (i, e) in events.iter().enumerate() {
            assert_eq!(goldstein.value(i).to_string(), e.goldstein.to_string());
        }
    }

    #[test]
    fn direct_columns_equal_serde_arrows() {
        let coder = parley::Coder::builtin().unwrap();
        let text = "At least 12 civilians were killed and dozens wounded when M23 rebels shelled Goma on Tuesday, \
            the United Nations said. Russian forces attacked Ukrainian positions near Kharkiv last week. The president \
            of France will visit Beijing in May, officials said. Police arrested up to 300 protesters in Nairobi. \
            The ministry may have denied the report.";
        let mut doc = parley::Document::new("d1", text).with_date("2024-03-05".parse().unwrap());
        doc.title = Some("Rebels kill 12 in Goma".into());
        let mut events = coder.code(&doc);
        events.extend(coded());
        assert!(events.iter().any(|e| !e.counts.is_empty()) && events.iter().any(|e| e.place.is_some()));
        // Every optional part missing, and present where the coder left it out.
        let mut bare = events[0].clone();
        (bare.source, bare.target, bare.plover, bare.attribution, bare.date, bare.date_info, bare.place) =
            (None, None, None, None, None, None, None);
        bare.counts.clear();
        events.push(bare);
        let mut full = events[0].clone();
        full.target = full.target.or(events.iter().find_map(|e| e.source.clone()));
        full.source = full.source.or(events.iter().find_map(|e| e.target.clone()));
        full.attribution = events.iter().find_map(|e| e.attribution.clone());
        full.counts = events.iter().flat_map(|e| e.counts.clone()).collect();
        full.hedges = vec!["may".into(), "reportedly".into()];
        events.push(full);
        let refs: Vec<&Event> = events.iter().collect();
        let direct = crate::columns::events(event_fields(), &refs).expect("every traced field is known");
        let direct = RecordBatch::try_new(event_schema(), direct).unwrap();
        let serde = events_batch_serde(&refs).unwrap();
        assert_eq!(direct.schema(), serde.schema());
        for (i, f) in event_fields().iter().enumerate() {
            assert_eq!(direct.column(i).to_data(), serde.column(i).to_data(), "column {}", f.name());
        }
        assert_eq!(events_batch(&events).unwrap(), serde);
        // Events split by document give the same batch.
        let split = vec![events[..3].to_vec(), vec![], events[3..].to_vec()];
        assert_eq!(documents_events_batch(&split).unwrap(), serde);
        let none: Vec<&Event> = Vec::new();
        assert_eq!(events_batch(&[]).unwrap(), events_batch_serde(&none).unwrap());
    }
}
