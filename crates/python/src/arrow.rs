//! Events as Arrow record batches, and documents from Arrow columns.
//!
//! The event schema and the event batches come from `parley-arrow`, shared
//! with `parley export --format parquet`: one schema for every Arrow
//! consumer. This module adds what only the binding needs: reading
//! documents from Arrow columns.

use crate::docs::{document_via_json, document_with_date, effective_date, read_date, Record};
use std::collections::HashMap;
use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parley::Document;
use std::borrow::Cow;

pub use parley_arrow::{documents_events_batch, event_fields, event_schema, events_batch, events_batch_serde};

/// Which columns hold what.
#[derive(Clone, Debug)]
pub struct Columns {
    pub text: String,
    /// `None`: documents are numbered by their row.
    pub id: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
}

/// A record batch's rows as documents. Rows whose `id` is missing take their
/// row number plus `first_row`; a null text is an empty document. With
/// `skip_invalid`, a row that is not a valid document (a bad date, an empty id)
/// is left out instead of failing the call.
pub fn documents(
    batch: &RecordBatch,
    columns: &Columns,
    default_date: Option<&str>,
    first_row: usize,
    skip_invalid: bool,
) -> Result<Vec<Document>, String> {
    let column = |name: &str| {
        batch.column_by_name(name).ok_or_else(|| {
            let have: Vec<_> = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
            format!("no column {name:?} in the input (columns: {})", have.join(", "))
        })
    };
    let texts = strings(column(&columns.text)?.as_ref(), &columns.text)?;
    let ids = columns.id.as_deref().map(|c| column(c).and_then(|a| strings(a.as_ref(), c))).transpose()?;
    let dates = columns.date.as_deref().map(|c| column(c).and_then(|a| strings(a.as_ref(), c))).transpose()?;
    let titles = columns.title.as_deref().map(|c| column(c).and_then(|a| strings(a.as_ref(), c))).transpose()?;
    let mut docs = Vec::with_capacity(batch.num_rows());
    // Dates repeat (a day's reports): each distinct one is read once.
    let mut days: HashMap<&str, Result<Option<Document>, ()>> = HashMap::new();
    for row in 0..batch.num_rows() {
        let number;
        let id = match &ids {
            Some(ids) => match &ids[row] {
                Some(id) => id.as_ref(),
                None if skip_invalid => continue,
                None => return Err(format!("row {}: the id is null", first_row + row)),
            },
            None => {
                number = (first_row + row).to_string();
                number.as_str()
            }
        };
        let date = dates.as_ref().and_then(|d| d[row].as_deref());
        let record = Record { id, text: texts[row].as_deref().unwrap_or(""), date, title: titles.as_ref().and_then(|t| t[row].as_deref()) };
        let day = match effective_date(date, default_date) {
            Some(d) => days.entry(d).or_insert_with(|| read_date(d).map_err(|_| ())).as_ref().map(Option::as_ref),
            None => Ok(None),
        };
        let doc = match day {
            Ok(dated) => document_with_date(&record, dated, default_date),
            // The reader's own message.
            Err(_) => document_via_json(&record, default_date),
        };
        match doc {
            Ok(doc) => docs.push(doc),
            Err(_) if skip_invalid => {}
            Err(e) => return Err(format!("row {} (id {:?}): {e}", first_row + row, id)),
        }
    }
    Ok(docs)
}

/// A column's values as strings: text columns as they are, integers in
/// decimal, dates and timestamps as ISO 8601 days.
fn strings<'a>(array: &'a dyn Array, name: &str) -> Result<Vec<Option<Cow<'a, str>>>, String> {
    macro_rules! display {
        ($t:ty) => {
            array.as_primitive::<$t>().iter().map(|v| v.map(|v| Cow::Owned(v.to_string()))).collect()
        };
    }
    macro_rules! day {
        ($t:ty) => {{
            let a = array.as_primitive::<$t>();
            (0..a.len())
                .map(|i| {
                    if a.is_null(i) {
                        None
                    } else {
                        // chrono's Display is `%Y-%m-%d` (checked by a test), and quicker.
                        a.value_as_date(i).map(|d| Cow::Owned(d.to_string()))
                    }
                })
                .collect()
        }};
    }
    Ok(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().iter().map(|v| v.map(Cow::Borrowed)).collect(),
        DataType::LargeUtf8 => array.as_string::<i64>().iter().map(|v| v.map(Cow::Borrowed)).collect(),
        DataType::Utf8View => array.as_string_view().iter().map(|v| v.map(Cow::Borrowed)).collect(),
        DataType::Null => vec![None; array.len()],
        DataType::Int8 => display!(Int8Type),
        DataType::Int16 => display!(Int16Type),
        DataType::Int32 => display!(Int32Type),
        DataType::Int64 => display!(Int64Type),
        DataType::UInt8 => display!(UInt8Type),
        DataType::UInt16 => display!(UInt16Type),
        DataType::UInt32 => display!(UInt32Type),
        DataType::UInt64 => display!(UInt64Type),
        DataType::Date32 => day!(Date32Type),
        DataType::Date64 => day!(Date64Type),
        DataType::Timestamp(TimeUnit::Second, _) => day!(TimestampSecondType),
        DataType::Timestamp(TimeUnit::Millisecond, _) => day!(TimestampMillisecondType),
        DataType::Timestamp(TimeUnit::Microsecond, _) => day!(TimestampMicrosecondType),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => day!(TimestampNanosecondType),
        other => return Err(format!("column {name:?} has type {other}; expected strings, integers, dates or timestamps")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Date32Array, Int64Array, StringArray};
    use arrow_schema::{Field, Schema};
    use std::sync::Arc;

    #[test]
    fn days_print_as_chrono_formats_them() {
        // 0001-01-01, 1969-12-31, 2024-03-05, 9999-12-31, 10000-01-01, -0001-06-30, the extremes
        let days = Date32Array::from(vec![-719162, -1, 19787, 2932896, 2932897, -719529, i32::MIN / 9000, 95_000_000]);
        for i in 0..days.len() {
            let day = days.value_as_date(i).unwrap();
            assert_eq!(day.to_string(), day.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn rows_become_documents() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, true),
            Field::new("body", DataType::Utf8, true),
            Field::new("day", DataType::Date32, true),
        ]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(Int64Array::from(vec![Some(7), Some(8), None])),
                Arc::new(StringArray::from(vec![Some("a"), None, Some("c")])),
                Arc::new(Date32Array::from(vec![Some(19787), None, None])),
            ],
        )
        .unwrap();
        let cols = Columns { text: "body".into(), id: Some("id".into()), date: Some("day".into()), title: None };
        let err = documents(&batch, &cols, None, 0, false).unwrap_err();
        assert!(err.contains("row 2: the id is null"), "{err}");
        let docs = documents(&batch, &cols, Some("2020-01-01"), 0, true).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "7");
        assert_eq!(docs[0].date.unwrap().to_string(), "2024-03-05");
        assert_eq!(docs[1].text, "");
        assert_eq!(docs[1].date.unwrap().to_string(), "2020-01-01");
        let numbered = Columns { id: None, ..cols.clone() };
        assert_eq!(documents(&batch, &numbered, None, 10, false).unwrap()[2].id, "12");
        let missing = Columns { text: "text".into(), ..cols };
        assert!(documents(&batch, &missing, None, 0, false).unwrap_err().contains("no column \"text\""));
    }
}
