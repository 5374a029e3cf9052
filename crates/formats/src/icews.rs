//! The temporal knowledge-graph layout of the ICEWS forecasting benchmarks
//! (ICEWS14, ICEWS18): fact files of tab-separated `subject relation object
//! time` ids (ICEWS14 adds a fifth column, `-1`), beside `entity2id.txt` and
//! `relation2id.txt` (`name<TAB>id`). Time counts hours from the set's first
//! day (24 a day).
//!
//! Each fact becomes an event, and the facts of one day that stand together
//! in the file one document (`ICEWS14/train.txt:1`, named by the file and
//! its first line: the sets keep no source documents).
//!
//! - **Relations** are CAMEO event types by name (`Make_statement`,
//!   `Arrest,_detain,_or_charge_with_legal_action`): they are looked up in
//!   the lexicon's CAMEO table by name, with eight names ICEWS spells
//!   otherwise mapped by hand ([`Vocabulary::cameo_by_name`]).
//! - **Entities** are countries (`China` -> `CHN`), sectors of a country
//!   (`Police_(Afghanistan)` -> `AFGCOP`, `Citizen_(India)` -> `INDCVL`:
//!   the sector's words are looked up among the lexicon's agent words, the
//!   whole name first, then each word), people and organisations the
//!   lexicon knows (`Barack_Obama` -> `USAGOV` on the set's first day), and
//!   otherwise provisional actors as the coder makes them
//!   (`X-KIM-JONG-UN`), with the country when the name carries one.

use crate::{Imported, RecordError, Vocabulary};
use chrono::NaiveDate;
use parley::{ActorRef, DateInfo, Document, Precision};
use std::io::BufRead;
use std::path::Path;

/// A benchmark set's vocabulary: its entities resolved to actors and its
/// relations to CAMEO codes, with the day its time counts from.
pub struct TkgSet {
    name: String,
    start: NaiveDate,
    entities: Vec<Option<ActorRef>>,
    entity_names: Vec<String>,
    /// CAMEO code of each relation id, or why there is none.
    relations: Vec<Result<String, String>>,
    relation_names: Vec<String>,
}

/// An id file (`name<TAB>id` lines) as a table indexed by id.
fn read_ids(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut names: Vec<Option<String>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || format!("{}:{}: expected name<TAB>id", path.display(), i + 1);
        let (name, id) = line.rsplit_once('\t').ok_or_else(bad)?;
        let id: usize = id.trim().parse().map_err(|_| bad())?;
        if id >= 10_000_000 {
            return Err(format!("{}:{}: id {id} is out of range", path.display(), i + 1));
        }
        if names.len() <= id {
            names.resize(id + 1, None);
        }
        names[id] = Some(name.to_string());
    }
    Ok(names.into_iter().map(Option::unwrap_or_default).collect())
}

/// The first day of a set named `ICEWS14` or `ICEWS18`: January 1st of its year.
pub fn start_of(set_name: &str) -> Option<NaiveDate> {
    let digits = set_name.strip_prefix("ICEWS")?;
    let yy: i32 = digits.parse().ok().filter(|_| digits.len() == 2)?;
    NaiveDate::from_ymd_opt(2000 + yy, 1, 1)
}

impl TkgSet {
    /// Reads the id files beside `facts` (a `train.txt`, `valid.txt` or
    /// `test.txt`). `start` is the set's first day; by default January 1st
    /// of the year its folder's name says (`ICEWS14`).
    pub fn open(facts: &Path, start: Option<NaiveDate>, vocabulary: &Vocabulary) -> Result<TkgSet, String> {
        let dir = facts.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = std::fs::canonicalize(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "tkg".into());
        let start = match start.or_else(|| start_of(&name)) {
            Some(s) => s,
            None => return Err(format!("the first day of {name:?} is not known from its name: give it (--start YYYY-MM-DD)")),
        };
        let entity_names = read_ids(&dir.join("entity2id.txt"))?;
        let relation_names = read_ids(&dir.join("relation2id.txt"))?;
        let entities = entity_names.iter().map(|n| resolve_entity(n, start, vocabulary)).collect();
        let relations = relation_names
            .iter()
            .map(|r| vocabulary.cameo_by_name(r).map(str::to_string).ok_or_else(|| format!("relation {r:?} names no CAMEO event type")))
            .collect();
        Ok(TkgSet { name, start, entities, entity_names, relations, relation_names })
    }

    /// The set's name (its folder's).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The CAMEO code of each relation, by name (for reports and tests).
    pub fn relation_codes(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.relation_names.iter().zip(&self.relations).map(|(n, c)| (n.as_str(), c.as_ref().ok().map(String::as_str)))
    }

    /// The actor an entity id stands for.
    pub fn entity(&self, id: usize) -> Option<&ActorRef> {
        self.entities.get(id)?.as_ref()
    }

    /// Reads a fact file; `file` names it in errors and document ids.
    pub fn read<'s, R: BufRead + 's>(
        &'s self,
        file: &str,
        input: R,
        vocabulary: &'s Vocabulary,
    ) -> impl Iterator<Item = Result<Imported, RecordError>> + 's {
        let file = file.to_string();
        let label = format!("{}/{}", self.name, Path::new(&file).file_name().map_or(file.clone(), |f| f.to_string_lossy().into_owned()));
        let mut lines = input.lines().enumerate();
        let mut current: Option<(i64, Imported)> = None;
        std::iter::from_fn(move || loop {
            let Some((index, line)) = lines.next() else {
                return current.take().map(|(_, doc)| Ok(doc));
            };
            let number = index + 1;
            let error = |reason: String| RecordError { file: file.clone(), line: number, reason };
            let line = match line {
                Ok(line) => line,
                Err(e) => return Some(Err(error(format!("cannot read: {e}")))),
            };
            if line.trim().is_empty() {
                continue;
            }
            let (day, event) = match self.fact(&line, vocabulary) {
                Ok(fact) => fact,
                Err(reason) => return Some(Err(error(reason))),
            };
            match &mut current {
                Some((d, doc)) if *d == day => {
                    let mut event = event;
                    event.doc_id = doc.document.id.clone();
                    doc.events.push(event);
                }
                _ => {
                    let id = format!("{label}:{number}");
                    let mut event = event;
                    event.doc_id = id.clone();
                    let date = event.date.as_deref().and_then(|d| d.parse().ok());
                    let mut document = Document::new(id, "");
                    document.date = date;
                    document.source = Some(self.name.clone());
                    if let Some((_, done)) = current.replace((day, Imported { document, events: vec![event] })) {
                        return Some(Ok(done));
                    }
                }
            }
        })
    }

    /// One fact line as an event (without its document id) and its day number.
    fn fact(&self, line: &str, vocabulary: &Vocabulary) -> Result<(i64, parley::Event), String> {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !(4..=5).contains(&fields.len()) {
            return Err(format!("expected 4 or 5 tab-separated ids, found {} fields", fields.len()));
        }
        let id = |i: usize, what: &str| fields[i].parse::<usize>().map_err(|_| format!("{what} {:?} is not an id", fields[i]));
        let (s, r, o) = (id(0, "subject")?, id(1, "relation")?, id(2, "object")?);
        let hours: i64 = fields[3].parse().map_err(|_| format!("time {:?} is not a number of hours", fields[3]))?;
        let entity = |e: usize| {
            self.entities.get(e).and_then(Option::as_ref).ok_or_else(|| format!("entity {e} is not in entity2id.txt"))
        };
        let (source, target) = (entity(s)?, entity(o)?);
        let cameo = match self.relations.get(r) {
            None => return Err(format!("relation {r} is not in relation2id.txt")),
            Some(Err(why)) => return Err(why.clone()),
            Some(Ok(code)) => code,
        };
        let day_number = hours.div_euclid(24);
        let day = self.start.checked_add_signed(chrono::Duration::days(day_number)).ok_or("time out of range")?;
        let mut event = vocabulary.event("", cameo).ok_or_else(|| format!("CAMEO code {cameo} is not in the lexicon"))?;
        let words = |name: &str| name.replace('_', " ");
        let (subject, relation, object) = (words(&self.entity_names[s]), words(&self.relation_names[r]), words(&self.entity_names[o]));
        event.sentence = format!("{subject} | {relation} | {object}");
        let mut source = source.clone();
        source.span = [0, subject.len()];
        let mut target = target.clone();
        let at = event.sentence.len() - object.len();
        target.span = [at, event.sentence.len()];
        let verb_at = subject.len() + 3;
        event.verb = parley::VerbRef { text: relation.clone(), lemma: relation.to_lowercase(), span: [verb_at, verb_at + relation.len()] };
        (event.source, event.target) = (Some(source), Some(target));
        let value = day.format("%Y-%m-%d").to_string();
        event.date = Some(value.clone());
        event.date_info = Some(DateInfo { value, precision: Precision::Day, source: "document".into(), phrase: None });
        event.lexicon = vec![format!("relation2id.txt {}", self.relation_names[r])];
        Ok((day_number, event))
    }
}

/// An ICEWS entity name as an actor (see the module documentation).
fn resolve_entity(name: &str, day: NaiveDate, vocabulary: &Vocabulary) -> Option<ActorRef> {
    if name.is_empty() {
        return None;
    }
    let text = name.replace('_', " ");
    let (sector, country) = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((sector, place)) => (Some(sector.trim()), vocabulary.country(place).map(str::to_string)),
        None => (None, None),
    };
    let agent = |words: &str| {
        vocabulary.agent(words).map(str::to_string).or_else(|| {
            let words: Vec<&str> = words.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            words.iter().rev().find_map(|w| vocabulary.agent(w)).map(str::to_string)
        })
    };
    let actor = |code: String, country: Option<String>, role: Option<String>, provisional: bool| ActorRef {
        code,
        text: text.clone(),
        span: [0, 0],
        country,
        // The vocabulary's agent codes and the tails of its actor codes are
        // roles; anything else stays in the code alone.
        role: role.and_then(|r| r.parse().ok()),
        provisional,
        refers_to: None,
        entity: None,
    };
    let provisional = |country: Option<String>| {
        let words: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_uppercase).collect();
        let code = match &country {
            Some(c) => format!("X-{}-{c}", words.join("-")),
            None => format!("X-{}", words.join("-")),
        };
        actor(code, country, None, true)
    };
    match (sector, country) {
        (Some(sector), Some(country)) => Some(match agent(sector) {
            Some(role) => actor(format!("{country}{role}"), Some(country), Some(role), false),
            None => actor(country.clone(), Some(country), None, false),
        }),
        _ => {
            if let Some(iso3) = vocabulary.country(&text) {
                return Some(actor(iso3.to_string(), Some(iso3.to_string()), None, false));
            }
            if let Some(code) = vocabulary.actor(&text, Some(day)) {
                let head = code.get(..3).unwrap_or(code);
                let country = vocabulary.country(head).filter(|c| *c == head).map(str::to_string);
                let role = code.get(3..).filter(|r| !r.is_empty() && country.is_some()).map(str::to_string);
                return Some(actor(code.to_string(), country, role, false));
            }
            match sector.and_then(agent) {
                Some(role) => Some(actor(format!("---{role}"), None, Some(role), false)),
                None => Some(provisional(None)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_names_become_actors() {
        let v = Vocabulary::builtin().unwrap();
        let day = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap();
        let code = |n: &str| resolve_entity(n, day, &v).unwrap().code;
        assert_eq!(code("China"), "CHN");
        assert_eq!(code("Police_(Afghanistan)"), "AFGCOP");
        assert_eq!(code("Citizen_(India)"), "INDCVL");
        assert_eq!(code("Military_Personnel_(Nigeria)"), "NGAMIL");
        assert_eq!(code("Foreign_Affairs_(Nigeria)"), "NGA");
        assert_eq!(code("Zorblax_Quux"), "X-ZORBLAX-QUUX");
        let police = resolve_entity("Police_(Afghanistan)", day, &v).unwrap();
        assert_eq!((police.country.as_deref(), police.role, police.text.as_str()), (Some("AFG"), Some(parley::Role::COP), "Police (Afghanistan)"));
        assert!(resolve_entity("Zorblax_Quux", day, &v).unwrap().provisional);
        assert_eq!(start_of("ICEWS14"), NaiveDate::from_ymd_opt(2014, 1, 1));
        assert_eq!(start_of("GDELT"), None);
    }

    #[test]
    fn facts_of_a_day_become_one_document_and_bad_lines_are_named() {
        let dir = std::env::temp_dir().join(format!("parley-icews-test-{}/ICEWS14", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("entity2id.txt"), "China\t0\nCitizen_(India)\t1\n").unwrap();
        std::fs::write(dir.join("relation2id.txt"), "Make_statement\t0\nDance_a_jig\t1\nConsult\t2\n").unwrap();
        let facts = "0\t0\t1\t0\t-1\n1\t2\t0\t0\t-1\n0\t1\t1\t0\t-1\n0\t0\t7\t24\t-1\nnot a fact\n1\t0\t0\t48\t-1\n";
        let v = Vocabulary::builtin().unwrap();
        let set = TkgSet::open(&dir.join("train.txt"), None, &v).unwrap();
        let out: Vec<_> = set.read("train.txt", facts.as_bytes(), &v).collect();
        let docs: Vec<&Imported> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        let errors: Vec<String> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].document.id, "ICEWS14/train.txt:1");
        assert_eq!(docs[0].events.len(), 2);
        let e = &docs[0].events[1];
        assert_eq!((e.cameo.as_str(), e.doc_id.as_str(), e.date.as_deref()), ("040", "ICEWS14/train.txt:1", Some("2014-01-01")));
        assert_eq!((e.source.as_ref().unwrap().code.as_str(), e.target.as_ref().unwrap().code.as_str()), ("INDCVL", "CHN"));
        assert_eq!(&e.sentence[e.verb.span[0]..e.verb.span[1]], "Consult");
        assert_eq!(docs[1].document.id, "ICEWS14/train.txt:6");
        assert_eq!(docs[1].events[0].date.as_deref(), Some("2014-01-03"));
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("train.txt:3: relation \"Dance_a_jig\""), "{errors:?}");
        assert!(errors[1].starts_with("train.txt:4: entity 7"), "{errors:?}");
        assert!(errors[2].starts_with("train.txt:5: expected 4 or 5"), "{errors:?}");
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }
}
