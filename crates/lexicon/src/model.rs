//! The lexicon's plain data structures.

use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

/// A phrase as token norms ("United Nations" -> `["united", "nations"]`) with
/// the case its writer gave it, which decides how strictly it matches text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    pub norms: Vec<String>,
    pub case: Case,
}

/// How a phrase's case must agree with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// Written in lower case: matches in any case ("army").
    Any,
    /// Written capitalised: the text's first word must be capitalised too
    /// ("Jordan" the country, not "jordan"; "Chad", "Turkey").
    Capitalized,
    /// Written all in capitals: the text must be too ("US" not "us", "IS").
    Upper,
}

impl Phrase {
    /// Tokenizes `text` as sentences are tokenized and notes its case.
    pub fn new(text: &str) -> Phrase {
        let tokens = parley_text::tokenize(text);
        let case = match tokens.first() {
            Some(t) if t.all_caps && t.norm.chars().filter(|c| c.is_alphabetic()).count() >= 2 => Case::Upper,
            Some(t) if t.capitalized => Case::Capitalized,
            _ => Case::Any,
        };
        Phrase { norms: tokens.into_iter().map(|t| t.norm.into()).collect(), case }
    }

    /// The phrase as text, words joined by spaces.
    pub fn text(&self) -> String {
        self.norms.join(" ")
    }
}

/// Where an entry was written: file and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One CAMEO event code.
#[derive(Clone, Debug)]
pub struct EventCode {
    pub code: String,
    pub goldstein: f32,
    pub name: String,
}

impl EventCode {
    /// The root: the code's first two digits ("0871" -> "08").
    pub fn root(&self) -> &str {
        &self.code[..2.min(self.code.len())]
    }

    /// CAMEO's quad class, which follows from the root: 1 verbal cooperation
    /// (01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
    /// 4 material conflict (14-20).
    pub fn quad_class(&self) -> u8 {
        quad_class(self.root())
    }
}

/// The quad class of a CAMEO root ("01".."20"); 0 for anything else.
pub fn quad_class(root: &str) -> u8 {
    match root.parse::<u8>() {
        Ok(1..=5) => 1,
        Ok(6..=8) => 2,
        Ok(9..=13) => 3,
        Ok(14..=20) => 4,
        _ => 0,
    }
}

/// A PLOVER event type with its mode and context.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Plover {
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Option<String>,
}

/// A state or territory.
#[derive(Clone, Debug)]
pub struct Country {
    pub iso3: String,
    pub names: Vec<Phrase>,
    pub adjectives: Vec<Phrase>,
    pub capitals: Vec<Phrase>,
    pub origin: Origin,
}

/// A code that holds between two dates (either may be open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A named actor: an organisation, a group or a person, with the codes it holds.
#[derive(Clone, Debug)]
pub struct Actor {
    pub names: Vec<Phrase>,
    /// Undated for organisations; dated roles for people.
    pub roles: Vec<DatedCode>,
    pub is_person: bool,
    pub origin: Origin,
}

impl Actor {
    /// The code in force on `date`; without a date, the role that started last.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        let chosen = match date {
            Some(d) => self.roles.iter().find(|r| r.holds_on(d)),
            None => self.roles.iter().max_by_key(|r| r.from),
        };
        chosen.or_else(|| self.roles.first().filter(|_| date.is_none())).map(|r| r.code.as_str())
    }
}

/// An agent (sector) code and the words that name it ("MIL": army, troops).
#[derive(Clone, Debug)]
pub struct Agent {
    pub code: String,
    pub words: Vec<Phrase>,
    /// The code goes before the actor's instead of after it (TABARI's
    /// `[NGO~]`: "MSF" + Arnor -> `NGOARN`).
    pub prefix: bool,
    pub origin: Origin,
}

/// A synonym set used by verb patterns.
#[derive(Clone, Debug)]
pub struct Synset {
    pub name: String,
    pub phrases: Vec<Phrase>,
    pub origin: Origin,
}

/// A verb, its forms, and the patterns that code it.
#[derive(Clone, Debug)]
pub struct Verb {
    pub lemma: String,
    /// Every form (lemma, derived inflections, listed irregular forms), as norms.
    pub forms: Vec<String>,
    pub patterns: Vec<Pattern>,
    pub origin: Origin,
}

/// One verb pattern: a code and what must stand around the verb.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The event code; [`NULL_CODE`] (`---`) for a pattern that codes nothing
    /// (TABARI's null code: it matches, and so stops less specific patterns).
    pub code: String,
    /// The code of the paired event the target does to the source, if any
    /// (TABARI's `[032:033]`: "left for X" is a visit and X's receiving it).
    pub reverse: Option<String>,
    pub elements: Vec<PatternElement>,
    /// The pattern as written, for the `lexicon` field of coded events.
    pub text: String,
    pub origin: Origin,
}

impl Pattern {
    /// How many literal words the pattern requires: the more, the more
    /// specific, and the more specific pattern wins.
    pub fn specificity(&self) -> usize {
        self.elements
            .iter()
            .map(|e| match e {
                PatternElement::Words(alts) => alts.iter().map(|a| a.len()).min().unwrap_or(0),
                PatternElement::Synset(_) | PatternElement::Target | PatternElement::Source | PatternElement::Compound => 1,
                _ => 0,
            })
            .sum()
    }
}

/// An element of a verb pattern (see `lexicon/FORMAT.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternElement {
    /// `*`: the verb itself.
    Verb,
    /// A word or alternatives `a|b`; each alternative is a token sequence.
    Words(Vec<Vec<String>>),
    /// `&NAME`: any phrase of a synset.
    Synset(String),
    /// `+`: an actor mention that is the target.
    Target,
    /// `$`: an actor mention that is the source.
    Source,
    /// `..`: a longer gap inside the clause.
    Gap,
    /// The elements on either side stand next to each other, nothing skipped
    /// between them (TABARI's `_`, as in `IN_*` or `*_OUT`).
    Adjacent,
    /// `%` (TABARI): a compound actor ("X and Y") stands here. Before the verb
    /// and with no target in the pattern, its members act on each other.
    Compound,
    /// `^` (TABARI): skips one noun phrase: an actor mention, else one word.
    Skip,
}

/// The null event code: a pattern with it matches but codes no event.
pub const NULL_CODE: &str = "---";

/// The kinds of cue phrases (see `cues.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// "will", "is set to": the event is announced for the future.
    Future,
    /// "pledged to", "plans to", "vowed to": the source intends it.
    Intended,
    /// "is expected to", "is likely to": others expect it.
    Expected,
    /// "if", "could", "would": it depends on something else.
    Conditional,
    /// "must", "should", "demanded that": someone demands it.
    Demanded,
    /// "not", "never", "has not yet": it did not happen.
    Negation,
    /// "reportedly", "believed to": the report is hedged.
    Hedge,
    /// "said", "told", "announced": reporting verbs (attribution, not events).
    Reporting,
    /// "according to": introduces who said it.
    Attribution,
    /// "previous", "long", "since": background rather than news.
    Background,
    /// Verbs whose compound subject acts on itself: "met", "clashed".
    Reciprocal,
    /// Words that make the next word a noun: determiners, possessives.
    Determiner,
    /// Auxiliaries and modals that make the next word a verb.
    Auxiliary,
    /// Words that open a relative or subordinate clause: "who", "which".
    ClauseOpener,
    /// Nouns that report a claim ("accusations that", "reports that"): what
    /// the clause after them says is alleged, not reported as an event.
    Allegation,
}

impl CueKind {
    pub fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "future" => CueKind::Future,
            "intended" => CueKind::Intended,
            "expected" => CueKind::Expected,
            "conditional" => CueKind::Conditional,
            "demanded" => CueKind::Demanded,
            "negation" => CueKind::Negation,
            "hedge" => CueKind::Hedge,
            "reporting" => CueKind::Reporting,
            "attribution" => CueKind::Attribution,
            "background" => CueKind::Background,
            "reciprocal" => CueKind::Reciprocal,
            "determiner" => CueKind::Determiner,
            "auxiliary" => CueKind::Auxiliary,
            "clause" => CueKind::ClauseOpener,
            "allegation" => CueKind::Allegation,
            _ => return None,
        })
    }
}

/// Cue phrases of one kind.
#[derive(Clone, Debug)]
pub struct Cue {
    pub kind: CueKind,
    pub phrases: Vec<Phrase>,
    pub origin: Origin,
}

/// A cue phrase found in a sentence: its kind and its tokens. Found once per
/// sentence and read by every stage that asks about cues (events for mode and
/// clauses, enrichment for hedges and attribution).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub kind: CueKind,
    pub tokens: std::ops::Range<usize>,
}

/// What kind of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Capital,
    City,
    Region,
}

/// A gazetteer entry.
#[derive(Clone, Debug)]
pub struct Place {
    pub names: Vec<Phrase>,
    pub iso3: String,
    pub lat: f64,
    pub lon: f64,
    pub kind: PlaceKind,
    pub origin: Origin,
}

/// Everything parley knows; see the crate documentation.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub codes: BTreeMap<String, EventCode>,
    pub plover: HashMap<String, Plover>,
    pub countries: Vec<Country>,
    /// Organisations, groups and people.
    pub actors: Vec<Actor>,
    pub agents: Vec<Agent>,
    /// Head words of named actors no dictionary holds, by role.
    pub org_heads: Vec<Agent>,
    pub synsets: HashMap<String, Synset>,
    pub verbs: Vec<Verb>,
    pub cues: Vec<Cue>,
    pub places: Vec<Place>,
    /// Phrases that make a sentence uncodable (sports, entertainment), as in
    /// TABARI's discard lists.
    pub discards: Vec<Phrase>,
    /// Phrases that make a whole document uncodable (TABARI's `+` discards).
    pub story_discards: Vec<Phrase>,
    /// Entries skipped while loading, with where and why (a TABARI actor's
    /// impossible date, say): loading goes on, the caller may report them.
    pub warnings: Vec<crate::LexiconError>,
}
