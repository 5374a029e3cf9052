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
use parley::{ActorRef, AttributionRef, Count, DateInfo, Event, Place, PloverRef, VerbRef};
use serde::Serialize;
use std::sync::Arc;

/// The columns of `fields` (the traced event fields) for these events, or
/// `None` when a field is not known here.
pub fn events(fields: &[FieldRef], events: &[&Event]) -> Option<Vec<ArrayRef>> {
    let mut names = Names::default();
    fields.iter().map(|f| event_column(f, events, &mut names)).collect()
}

/// The JSON names of unit enum variants (`"asserted"`, `"at_least"`), each
/// asked of serde once.
#[derive(Default)]
struct Names {
    seen: Vec<(String, String)>,
}

impl Names {
    fn of<T: Serialize + std::fmt::Debug>(&mut self, v: &T) -> &str {
        // Debug names the variant; serde gives its JSON name (renames included).
        let key = format!("{}:{v:?}", std::any::type_name::<T>());
        match self.seen.iter().position(|(k, _)| *k == key) {
            Some(i) => &self.seen[i].1,
            None => {
                let name = match serde_json::to_value(v) {
                    Ok(serde_json::Value::String(s)) => s,
                    Ok(other) => other.to_string(),
                    Err(e) => e.to_string(),
                };
                self.seen.push((key, name));
                &self.seen.last().expect("just pushed").1
            }
        }
    }
}

fn strs<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for v in values {
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
fn structure(field: &Field, present: &[bool], child: impl FnMut(&Field) -> Option<ArrayRef>) -> Option<ArrayRef> {
    let DataType::Struct(children) = field.data_type() else { return None };
    let arrays = children.iter().map(|c| c.as_ref()).map(child).collect::<Option<Vec<_>>>()?;
    let mut nulls = NullBufferBuilder::new(present.len());
    for &p in present {
        nulls.append(p);
    }
    StructArray::try_new(children.clone(), arrays, nulls.finish()).ok().map(|a| Arc::new(a) as ArrayRef)
}

/// Children of a null struct hold a default value (or null, when nullable), as
/// serde_arrow fills them.
fn or_default(v: Option<&str>, nullable: bool) -> Option<&str> {
    if nullable { v } else { Some(v.unwrap_or("")) }
}

fn event_column(field: &Field, events: &[&Event], names: &mut Names) -> Option<ArrayRef> {
    let it = || events.iter().copied();
    Some(match field.name().as_str() {
        "doc_id" => strs(it().map(|e| Some(e.doc_id.as_str()))),
        "sentence_index" => ints(it().map(|e| i64::try_from(e.sentence_index).ok())),
        "sentence" => strs(it().map(|e| Some(e.sentence.as_str()))),
        "source" => actors(field, &it().map(|e| e.source.as_ref()).collect::<Vec<_>>())?,
        "target" => actors(field, &it().map(|e| e.target.as_ref()).collect::<Vec<_>>())?,
        "cameo" => strs(it().map(|e| Some(e.cameo.as_str()))),
        "root" => strs(it().map(|e| Some(e.root.as_str()))),
        "quad_class" => Arc::new(it().map(|e| Some(i32::from(e.quad_class))).collect::<Int32Array>()),
        // Through the shortest decimal that round-trips the f32, as serde_json writes it.
        "goldstein" => floats(it().map(|e| format!("{}", e.goldstein).parse::<f64>().ok())),
        "event_name" => strs(it().map(|e| Some(e.event_name.as_str()))),
        "plover" => plover(field, &it().map(|e| e.plover.as_ref()).collect::<Vec<_>>())?,
        "mode" => {
            let modes: Vec<String> = it().map(|e| names.of(&e.mode).to_owned()).collect();
            strs(modes.iter().map(|m| Some(m.as_str())))
        }
        "certainty" => strs(it().map(|e| Some(e.certainty.as_str()))),
        "hedges" => string_lists(field, it().map(|e| e.hedges.as_slice()))?,
        "attribution" => attribution(field, &it().map(|e| e.attribution.as_ref()).collect::<Vec<_>>())?,
        "date" => strs(it().map(|e| e.date.as_deref())),
        "date_info" => date_info(field, &it().map(|e| e.date_info.as_ref()).collect::<Vec<_>>(), names)?,
        "place" => place(field, &it().map(|e| e.place.as_ref()).collect::<Vec<_>>(), names)?,
        "counts" => counts(field, events, names)?,
        "tense" => {
            let tenses: Vec<String> = it().map(|e| names.of(&e.tense).to_owned()).collect();
            strs(tenses.iter().map(|t| Some(t.as_str())))
        }
        "background" => bools(it().map(|e| Some(e.background))),
        "passive" => bools(it().map(|e| Some(e.passive))),
        "verb" => verb(field, &it().map(|e| &e.verb).collect::<Vec<_>>())?,
        "lexicon" => string_lists(field, it().map(|e| e.lexicon.as_slice()))?,
        _ => return None,
    })
}

fn actors(field: &Field, values: &[Option<&ActorRef>]) -> Option<ArrayRef> {
    let present: Vec<bool> = values.iter().map(Option::is_some).collect();
    structure(field, &present, |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "code" => strs(it().map(|a| or_default(a.map(|a| a.code.as_str()), n))),
            "text" => strs(it().map(|a| or_default(a.map(|a| a.text.as_str()), n))),
            "span" => spans(c, it().map(|a| a.map(|a| &a.span)))?,
            "country" => strs(it().map(|a| a.and_then(|a| a.country.as_deref()))),
            "role" => strs(it().map(|a| a.and_then(|a| a.role.as_deref()))),
            "provisional" => bools(it().map(|a| Some(a.is_some_and(|a| a.provisional)))),
            "refers_to" => strs(it().map(|a| a.and_then(|a| a.refers_to.as_deref()))),
            "entity" => ints(it().map(|a| a.and_then(|a| a.entity).and_then(|v| i64::try_from(v).ok()))),
            _ => return None,
        })
    })
}

fn plover(field: &Field, values: &[Option<&PloverRef>]) -> Option<ArrayRef> {
    let present: Vec<bool> = values.iter().map(Option::is_some).collect();
    structure(field, &present, |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "type" => strs(it().map(|p| or_default(p.map(|p| p.event_type.as_str()), n))),
            "mode" => strs(it().map(|p| p.and_then(|p| p.mode.as_deref()))),
            "context" => strs(it().map(|p| p.and_then(|p| p.context.as_deref()))),
            _ => return None,
        })
    })
}

fn attribution(field: &Field, values: &[Option<&AttributionRef>]) -> Option<ArrayRef> {
    let present: Vec<bool> = values.iter().map(Option::is_some).collect();
    structure(field, &present, |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "text" => strs(it().map(|a| or_default(a.map(|a| a.text.as_str()), n))),
            "code" => strs(it().map(|a| a.and_then(|a| a.code.as_deref()))),
            "cue" => strs(it().map(|a| or_default(a.map(|a| a.cue.as_str()), n))),
            _ => return None,
        })
    })
}

fn date_info(field: &Field, values: &[Option<&DateInfo>], names: &mut Names) -> Option<ArrayRef> {
    let present: Vec<bool> = values.iter().map(Option::is_some).collect();
    structure(field, &present, |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "value" => strs(it().map(|d| or_default(d.map(|d| d.value.as_str()), n))),
            "precision" => {
                let p: Vec<Option<String>> = it().map(|d| d.map(|d| names.of(&d.precision).to_owned())).collect();
                strs(p.iter().map(|p| or_default(p.as_deref(), n)))
            }
            "source" => strs(it().map(|d| or_default(d.map(|d| d.source.as_str()), n))),
            "phrase" => strs(it().map(|d| d.and_then(|d| d.phrase.as_deref()))),
            _ => return None,
        })
    })
}

fn place(field: &Field, values: &[Option<&Place>], names: &mut Names) -> Option<ArrayRef> {
    let present: Vec<bool> = values.iter().map(Option::is_some).collect();
    structure(field, &present, |c| {
        let n = c.is_nullable();
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "name" => strs(it().map(|p| or_default(p.map(|p| p.name.as_str()), n))),
            "text" => strs(it().map(|p| or_default(p.map(|p| p.text.as_str()), n))),
            "country" => strs(it().map(|p| or_default(p.map(|p| p.country.as_str()), n))),
            "lat" => floats(it().map(|p| Some(p.map_or(0.0, |p| p.lat)))),
            "lon" => floats(it().map(|p| Some(p.map_or(0.0, |p| p.lon)))),
            "kind" => {
                let k: Vec<Option<String>> = it().map(|p| p.map(|p| names.of(&p.kind).to_owned())).collect();
                strs(k.iter().map(|k| or_default(k.as_deref(), n)))
            }
            "precision" => {
                let k: Vec<Option<String>> = it().map(|p| p.map(|p| names.of(&p.precision).to_owned())).collect();
                strs(k.iter().map(|k| or_default(k.as_deref(), n)))
            }
            "relation" => strs(it().map(|p| p.and_then(|p| p.relation.as_deref()))),
            "source" => strs(it().map(|p| or_default(p.map(|p| p.source.as_str()), n))),
            _ => return None,
        })
    })
}

fn counts(field: &Field, events: &[&Event], names: &mut Names) -> Option<ArrayRef> {
    let item = list_field(field)?;
    let all: Vec<&Count> = events.iter().flat_map(|e| e.counts.iter()).collect();
    let present = vec![true; all.len()];
    let values = structure(&item, &present, |c| {
        let it = || all.iter().copied();
        Some(match c.name().as_str() {
            "kind" => {
                let k: Vec<String> = it().map(|x| names.of(&x.kind).to_owned()).collect();
                strs(k.iter().map(|k| Some(k.as_str())))
            }
            "value" => ints(it().map(|x| i64::try_from(x.value).ok())),
            "max" => ints(it().map(|x| x.max.and_then(|v| i64::try_from(v).ok()))),
            "qualifier" => {
                let q: Vec<Option<String>> = it().map(|x| x.qualifier.map(|q| names.of(&q).to_owned())).collect();
                strs(q.iter().map(|q| q.as_deref()))
            }
            "victims" => strs(it().map(|x| x.victims.as_deref())),
            "scope" => {
                let s: Vec<String> = it().map(|x| names.of(&x.scope).to_owned()).collect();
                strs(s.iter().map(|s| Some(s.as_str())))
            }
            "source" => strs(it().map(|x| x.source.as_deref())),
            "phrase" => strs(it().map(|x| Some(x.phrase.as_str()))),
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
    let present = vec![true; values.len()];
    structure(field, &present, |c| {
        let it = || values.iter().copied();
        Some(match c.name().as_str() {
            "text" => strs(it().map(|v| Some(v.text.as_str()))),
            "lemma" => strs(it().map(|v| Some(v.lemma.as_str()))),
            "span" => spans(c, it().map(|v| Some(&v.span)))?,
            _ => return None,
        })
    })
}
