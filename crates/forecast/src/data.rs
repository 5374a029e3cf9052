//! Quadruples and the benchmark layout (`train.txt`, `valid.txt`, `test.txt`,
//! `entity2id.txt`, `relation2id.txt`).

use std::fmt;
use std::path::{Path, PathBuf};

/// An entity (actor): an index into [`Dataset::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Entity(pub u32);

/// A relation (event type). Ids `0..R` are the data's relations; `R..2R` are
/// their inverses (see [`Relation::inverse`]), so that a subject query
/// `(?, r, o, t)` is asked as the object query `(o, r⁻¹, ?, t)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Relation(pub u32);

impl Relation {
    /// The inverse of this relation among `forward_count` forward relations.
    pub fn inverse(self, forward_count: u32) -> Relation {
        if self.0 < forward_count {
            Relation(self.0 + forward_count)
        } else {
            Relation(self.0 - forward_count)
        }
    }

    /// Whether this is an inverse relation (`r⁻¹`).
    pub fn is_inverse(self, forward_count: u32) -> bool {
        self.0 >= forward_count
    }
}

/// A point in time, counted in the data's time steps (days for ICEWS) from
/// the first time stamp of the data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Step(pub u32);

/// One fact: `subject` did `relation` to `object` at `time`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quad {
    /// Who acted.
    pub subject: Entity,
    /// What was done.
    pub relation: Relation,
    /// To whom.
    pub object: Entity,
    /// When.
    pub time: Step,
}

/// A line that could not be read, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number; 0 when the file as a whole is at fault.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

/// A benchmark: names, and the three splits in time order.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Entity names by id.
    pub entities: Vec<String>,
    /// Forward relation names by id.
    pub relations: Vec<String>,
    /// Facts to learn from.
    pub train: Vec<Quad>,
    /// Facts to tune on (they follow `train` in time).
    pub valid: Vec<Quad>,
    /// Facts to report on (they follow `valid` in time).
    pub test: Vec<Quad>,
    /// The raw time stamps' unit per step (24 for hourly stamps, one a day).
    pub raw_step: i64,
    /// Lines that were skipped, each with its place; the rest was loaded.
    pub skipped: Vec<LoadError>,
}

/// A quadruple as written, before time stamps are turned into steps.
struct RawQuad {
    subject: u32,
    relation: u32,
    object: u32,
    time: i64,
}

impl Dataset {
    /// Loads the benchmark layout in `dir`. Missing split or dictionary files
    /// are an error; a malformed line is skipped and recorded in
    /// [`Dataset::skipped`] with its `FILE:LINE`.
    pub fn load(dir: &Path) -> Result<Dataset, LoadError> {
        let mut skipped = Vec::new();
        let entities = read_dictionary(&dir.join("entity2id.txt"), &mut skipped)?;
        let relations = read_dictionary(&dir.join("relation2id.txt"), &mut skipped)?;
        let limits = (entities.len() as u32, relations.len() as u32);
        let mut splits = Vec::new();
        for name in ["train.txt", "valid.txt", "test.txt"] {
            splits.push(read_quads(&dir.join(name), limits, &mut skipped)?);
        }
        let first = splits.iter().flatten().map(|q| q.time).min().unwrap_or(0);
        let raw_step = splits.iter().flatten().fold(0, |g, q| gcd(g, q.time - first)).max(1);
        let mut steps = splits.into_iter().map(|split| {
            split
                .into_iter()
                .map(|q| Quad {
                    subject: Entity(q.subject),
                    relation: Relation(q.relation),
                    object: Entity(q.object),
                    time: Step(((q.time - first) / raw_step) as u32),
                })
                .collect::<Vec<_>>()
        });
        let (train, valid, test) = (steps.next().unwrap(), steps.next().unwrap(), steps.next().unwrap());
        Ok(Dataset { entities, relations, train, valid, test, raw_step, skipped })
    }

    /// How many forward relations there are (`R`; with inverses, `2R`).
    pub fn forward_relations(&self) -> u32 {
        self.relations.len() as u32
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn read_file(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| LoadError { path: path.to_owned(), line: 0, message: format!("cannot read: {e}") })
}

/// Reads `name<TAB>id` lines into names by id. Names may hold spaces, so the
/// id is what follows the last tab.
fn read_dictionary(path: &Path, skipped: &mut Vec<LoadError>) -> Result<Vec<String>, LoadError> {
    let text = read_file(path)?;
    let mut names: Vec<Option<String>> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let fail = |message: String| LoadError { path: path.to_owned(), line: index + 1, message };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((name, id)) = line.rsplit_once('\t') else {
            skipped.push(fail("expected `name<TAB>id`".into()));
            continue;
        };
        let Ok(id) = id.trim().parse::<usize>() else {
            skipped.push(fail(format!("id {id:?} is not a number")));
            continue;
        };
        if id >= names.len() {
            names.resize(id + 1, None);
        }
        if names[id].is_some() {
            skipped.push(fail(format!("id {id} is given twice")));
            continue;
        }
        names[id] = Some(name.to_owned());
    }
    Ok(names.into_iter().enumerate().map(|(id, name)| name.unwrap_or_else(|| format!("#{id}"))).collect())
}

/// Reads `s r o t [ignored...]` lines; ids must be within the dictionaries.
fn read_quads(path: &Path, (entities, relations): (u32, u32), skipped: &mut Vec<LoadError>) -> Result<Vec<RawQuad>, LoadError> {
    let text = read_file(path)?;
    let mut quads = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let fail = |message: String| LoadError { path: path.to_owned(), line: index + 1, message };
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 4 {
            skipped.push(fail(format!("expected `subject relation object time`, found {} fields", fields.len())));
            continue;
        }
        let numbers: Result<Vec<i64>, _> = fields[..4].iter().map(|f| f.parse::<i64>()).collect();
        let Ok(n) = numbers else {
            skipped.push(fail(format!("a field of {:?} is not a number", &fields[..4])));
            continue;
        };
        let entity_ok = |x: i64| (0..entities as i64).contains(&x);
        if !entity_ok(n[0]) || !entity_ok(n[2]) {
            skipped.push(fail(format!("entity id out of range 0..{entities}")));
            continue;
        }
        if !(0..relations as i64).contains(&n[1]) {
            skipped.push(fail(format!("relation id {} out of range 0..{relations}", n[1])));
            continue;
        }
        if n[3] < 0 {
            skipped.push(fail(format!("negative time stamp {}", n[3])));
            continue;
        }
        quads.push(RawQuad { subject: n[0] as u32, relation: n[1] as u32, object: n[2] as u32, time: n[3] });
    }
    Ok(quads)
}
