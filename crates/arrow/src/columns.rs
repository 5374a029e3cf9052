//! Event columns built directly from the engine's types: the same arrays
//! serde_arrow builds from the traced schema (a test checks every value), at a
//! fraction of the cost, which matters per batch in Spark's Python workers.
//!
//! Columns are looked up by the traced field names, so a reordered field stays
//! right; a field this module does not know (a new one in [`Event`]) makes
//! [`events`] return `None`, and the caller falls back to serde_arrow, so that
//! the field still appears with no change here.

use arrow_array::builder::{Int64Builder, ListBuilder, NullBufferBuilder, OffsetBufferBuilder, StringBuilder};
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, ListArray, StructArray};
use arrow_schema::{DataType, Field, FieldRef};
use parley::{ActorRef, AttributionRef, Role, Count, EmbeddedRef, CountKind, DateInfo, Event, Mode, Place, PlaceKind, PloverRef, Precision, Qualifier, Scope, Tense, VerbRef};
use serde::Serialize;
use std::sync::Arc;

/// The columns of `fields` (the traced event fields) for these events, or
/// `None` when a field is not known here.
pub fn events(fields: &[FieldRef], events: &[&Event]) -> Option<Vec<ArrayRef>> {
    let mut n = Names::default();
    fields.iter().map(|f| event_column(f, events, &mut n)).collect()
}

/// The JSON names of unit enum variants (`"asserted"`, `"at_least"`), each
/// asked of serde once per batch.
#[derive(Default)]
struct Names {
    mode: Vec<(Mode, String)>,
    tense: Vec<(Tense, String)>,
    precision: Vec<(Precision, String)>,
    place_kind: Vec<(PlaceKind, String)>,
    count_kind: Vec<(CountKind, String)>,
    qualifier: Vec<(Qualifier, String)>,
    scope: Vec<(Scope, String)>,
}

fn name_of<T: Serialize + PartialEq + Copy>(seen: &mut Vec<(T, String)>, v: T) -> usize {
    match seen.iter().position(|(k, _)| *k == v) {
        Some(i) => i,
        None => {
            let name = match serde_json::to_value(v) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(other) => other.to_string(),
                Err(e) => e.to_string(),
            };
            seen.push((v, name));
            seen.len() - 1
        }
    }
}

/// A string column of enum values by their JSON names; a null struct's
/// non-nullable child gets `""`, as serde_arrow fills it.
fn names<T: Serialize + PartialEq + Copy>(seen: &mut Vec<(T, String)>, values: impl Iterator<Item = Option<T>>, nullable: bool) -> ArrayRef {
    let picked: Vec<Option<usize>> = values.map(|v| v.map(|v| name_of(seen, v))).collect();
    strs(|| picked.iter().map(|i| or_default(i.map(|i| seen[i].1.as_str()), nullable)))
}

/// A string column; `values` is called twice (sizes, then contents).
fn strs<'a, I: Iterator<Item = Option<&'a str>>>(values: impl Fn() -> I) -> ArrayRef {
    let (mut n, mut bytes) = (0, 0);
    for v in values() {
        n += 1;
        bytes += v.map_or(0, str::len);
    }
    let mut b = StringBuilder::with_capacity(n, bytes);
    for v in values() {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn ints(values: impl Iterator<Item = Option<i64>>) -> ArrayRef {
    Arc::new(values.collect::<Int64Array>())
}

fn bools(values: impl Iterator<Item = Option<bool>>) -> ArrayRef {
    Arc::new(values.collect::<BooleanArray>())
}

fn floats(values: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    Arc::new(values.collect::<Float64Array>())
}

/// A `list<item>` column whose item field is `field`'s.
fn list_field(field: &Field) -> Option<FieldRef> {
    match field.data_type() {
        DataType::List(item) => Some(item.clone()),
        _ => None,
    }
}

fn spans<'a>(field: &Field, values: impl Iterator<Item = Option<&'a [usize; 2]>>) -> Option<ArrayRef> {
    let mut b = ListBuilder::new(Int64Builder::new()).with_field(list_field(field)?);
    for v in values {
        // A null struct's span is an empty list, as serde_arrow leaves it.
        for &x in v.into_iter().flatten() {
            b.values().append_value(i64::try_from(x).ok()?);
        }
        b.append(true);
    }
    Some(Arc::new(b.finish()))
}

fn string_lists<'a>(field: &Field, values: impl Iterator<Item = &'a [String]>) -> Option<ArrayRef> {
    let mut b = ListBuilder::new(StringBuilder::new()).with_field(list_field(field)?);
    for v in values {
        for s in v {
            b.values().append_value(s);
        }
        b.append(true);
    }
    Some(Arc::new(b.finish()))
}

/// A struct column from per-child columns, `present[i]` false where the value is null.
fn structure(
    field: &Field,
    present: impl ExactSizeIterator<Item = bool>,
    child: impl FnMut(&Field) -> Option<ArrayRef>,
) -> Option<ArrayRef> {
    let DataType::Struct(children) = field.data_type() else { return None };
    let arrays = children.iter().map(|c| c.as_ref()).map(child).collect::<Option<Vec<_>>>()?;
    let mut nulls = NullBufferBuilder::new(present.len());
    for p in present {
        nulls.append(p);
    }
    StructArray::try_new(children.clone(), arrays, nulls.finish()).ok().map(|a| Arc::new(a) as ArrayRef)
}

/// Children of a null struct hold a default value (or null, when nullable), as
/// serde_arrow fills them.
fn or_default(v: Option<&str>, nullable: bool) -> Option<&str> {
    if nullable { v } else { Some(v.unwrap_or("")) }
}

fn event_column(field: &Field, events: &[&Event], n: &mut Names) -> Option<ArrayRef> {
    let it = || events.iter().copied();
    Some(match field.name().as_str() {
        "doc_id" => strs(|| it().map(|e| Some(e.doc_id.as_str()))),
        "sentence_index" => ints(it().map(|e| i64::try_from(e.sentence_index).ok())),
        "sentence" => strs(|| it().map(|e| Some(e.sentence.as_str()))),
        "source" => actors(field, &it().map(|e| e.source.as_ref()).collect::<Vec<_>>())?,
        "target" => actors(field, &it().map(|e| e.target.as_ref()).collect::<Vec<_>>())?,
        "cameo" => strs(|| it().map(|e| Some(e.cameo.as_str()))),
        "root" => strs(|| it().map(|e| Some(e.root.as_str()))),
        "quad_class" => Arc::new(it().map(|e| Some(i32::from(e.quad_class))).collect::<Int32Array>()),
        // Through the shortest decimal that round-trips the f32, as serde_json writes it.
        "goldstein" => floats(it().map(|e| format!("{}", e.goldstein).parse::<f64>().ok())),
        "event_name" => strs(|| it().map(|e| Some(e.event_name.as_str()))),
        "plover" => plover(field, &it().map(|e| e.plover.as_ref()).collect::<Vec<_>>())?,
        "mode" => names(&mut n.mode, it().map(|e| Some(e.mode)), false),
        "certainty" => strs(|| it().map(|e| Some(e.certainty.as_str()))),
        "hedges" => string_lists(field, it().map(|e| e.hedges.as_slice()))?,
        "attribution" => attribution(field, &it().map(|e| e.attribution.as_ref()).collect::<Vec<_>>())?,
        "date" => strs(|| it().map(|e| e.date.as_deref())),
        "date_info" => date_info(field, &it().map(|e| e.date_info.as_ref()).collect::<Vec<_>>(), n)?,
        "place" => place(field, &it().map(|e| e.place.as_ref()).collect::<Vec<_>>(), n)?,
        "counts" => counts(field, events, n)?,
        "tense" => names(&mut n.tense, it().map(|e| Some(e.tense)), false),
        "background" => bools(it().map(|e| Some(e.background))),
        "passive" => bools(it().map(|e| Some(e.passive))),
        "verb" => verb(field, &it().map(|e| &e.verb).collect::<Vec<_>>())?,
        "lexicon" => string_lists(field, it().map(|e| e.lexicon.as_slice()))?,
        "embedded" => embedded(field, &it().map(|e| e.embedded.as_ref()).collect::<Vec<_>>(), n)?,
        _ => return None,
    })
}

fn actors(field: &Field, values: &[Option<&ActorRef>]) -> Option<ArrayRef> {
    structure(field, values.iter().map(Option::is_some), |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "code" => strs(|| it().map(|a| or_default(a.map(|a| a.code.as_str()), n))),
            "text" => strs(|| it().map(|a| or_default(a.map(|a| a.text.as_str()), n))),
            "span" => spans(c, it().map(|a| a.map(|a| &a.span)))?,
            "country" => strs(|| it().map(|a| a.and_then(|a| a.country.as_deref()))),
            "role" => strs(|| it().map(|a| a.and_then(|a| a.role.as_ref()).map(Role::as_str))),
            "provisional" => bools(it().map(|a| Some(a.is_some_and(|a| a.provisional)))),
            "refers_to" => strs(|| it().map(|a| a.and_then(|a| a.refers_to.as_deref()))),
            "entity" => ints(it().map(|a| a.and_then(|a| a.entity).and_then(|v| i64::try_from(v).ok()))),
            _ => return None,
        })
    })
}

fn plover(field: &Field, values: &[Option<&PloverRef>]) -> Option<ArrayRef> {
    structure(field, values.iter().map(Option::is_some), |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "type" => strs(|| it().map(|p| or_default(p.map(|p| p.event_type.as_str()), n))),
            "mode" => strs(|| it().map(|p| p.and_then(|p| p.mode.as_deref()))),
            "context" => strs(|| it().map(|p| p.and_then(|p| p.context.as_deref()))),
            _ => return None,
        })
    })
}

fn embedded(field: &Field, values: &[Option<&EmbeddedRef>], names_: &mut Names) -> Option<ArrayRef> {
    structure(field, values.iter().map(Option::is_some), |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "cameo" => strs(|| it().map(|e| or_default(e.map(|e| e.cameo.as_str()), n))),
            "mode" => names(&mut names_.mode, it().map(|e| e.map(|e| e.mode)), n),
            _ => return None,
        })
    })
}

fn attribution(field: &Field, values: &[Option<&AttributionRef>]) -> Option<ArrayRef> {
    structure(field, values.iter().map(Option::is_some), |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "text" => strs(|| it().map(|a| or_default(a.map(|a| a.text.as_str()), n))),
            "code" => strs(|| it().map(|a| a.and_then(|a| a.code.as_deref()))),
            "cue" => strs(|| it().map(|a| or_default(a.map(|a| a.cue.as_str()), n))),
            _ => return None,
        })
    })
}

fn date_info(field: &Field, values: &[Option<&DateInfo>], names_: &mut Names) -> Option<ArrayRef> {
    structure(field, values.iter().map(Option::is_some), |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "value" => strs(|| it().map(|d| or_default(d.map(|d| d.value.as_str()), n))),
            "precision" => names(&mut names_.precision, it().map(|d| d.map(|d| d.precision)), n),
            "source" => strs(|| it().map(|d| or_default(d.map(|d| d.source.as_str()), n))),
            "phrase" => strs(|| it().map(|d| d.and_then(|d| d.phrase.as_deref()))),
            _ => return None,
        })
    })
}

fn place(field: &Field, values: &[Option<&Place>], names_: &mut Names) -> Option<ArrayRef> {
    structure(field, values.iter().map(Option::is_some), |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "name" => strs(|| it().map(|p| or_default(p.map(|p| p.name.as_str()), n))),
            "text" => strs(|| it().map(|p| or_default(p.map(|p| p.text.as_str()), n))),
            "country" => strs(|| it().map(|p| or_default(p.map(|p| p.country.as_str()), n))),
            "lat" => floats(it().map(|p| Some(p.map_or(0.0, |p| p.lat)))),
            "lon" => floats(it().map(|p| Some(p.map_or(0.0, |p| p.lon)))),
            "kind" => names(&mut names_.place_kind, it().map(|p| p.map(|p| p.kind)), n),
            "precision" => names(&mut names_.place_kind, it().map(|p| p.map(|p| p.precision)), n),
            "relation" => strs(|| it().map(|p| p.and_then(|p| p.relation.as_deref()))),
            "source" => strs(|| it().map(|p| or_default(p.map(|p| p.source.as_str()), n))),
            _ => return None,
        })
    })
}

fn counts(field: &Field, events: &[&Event], names_: &mut Names) -> Option<ArrayRef> {
    let item = list_field(field)?;
    let all: Vec<&Count> = events.iter().flat_map(|e| e.counts.iter()).collect();
    let values = structure(&item, all.iter().map(|_| true), |c| {
        let it = || all.iter().copied();
        Some(match c.name().as_str() {
            "kind" => names(&mut names_.count_kind, it().map(|x| Some(x.kind)), false),
            "value" => ints(it().map(|x| i64::try_from(x.value).ok())),
            "max" => ints(it().map(|x| x.max.and_then(|v| i64::try_from(v).ok()))),
            "qualifier" => names(&mut names_.qualifier, it().map(|x| x.qualifier), true),
            "victims" => strs(|| it().map(|x| x.victims.as_deref())),
            "scope" => names(&mut names_.scope, it().map(|x| Some(x.scope)), false),
            "source" => strs(|| it().map(|x| x.source.as_deref())),
            "phrase" => strs(|| it().map(|x| Some(x.phrase.as_str()))),
            _ => return None,
        })
    })?;
    let mut offsets = OffsetBufferBuilder::<i32>::new(events.len());
    for e in events {
        offsets.push_length(e.counts.len());
    }
    ListArray::try_new(item, offsets.finish(), values, None).ok().map(|a| Arc::new(a) as ArrayRef)
}

fn verb(field: &Field, values: &[&VerbRef]) -> Option<ArrayRef> {
    structure(field, values.iter().map(|_| true), |c| {
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "text" => strs(|| it().map(|v| Some(v.text.as_str()))),
            "lemma" => strs(|| it().map(|v| Some(v.lemma.as_str()))),
            "span" => spans(c, it().map(|v| Some(&v.span)))?,
            _ => return None,
        })
    })
}
