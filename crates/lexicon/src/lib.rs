//! # parley-lexicon: what parley knows, as data
//!
//! The lexicon is every fact the coder uses: the CAMEO code table and its PLOVER
//! mapping, countries, organisations, people with dated roles, agents, head words
//! of unknown named actors, verb patterns, synonym sets, the cue words that set
//! mode and certainty, and the gazetteer. It is data, not code: the files live in
//! the repository's `lexicon/` folder in a line format documented in
//! `lexicon/FORMAT.md`, they are embedded in the binary at build time
//! ([`Lexicon::builtin`]), and a user can replace any of them with a folder of
//! their own ([`Lexicon::from_dir`]).
//!
//! This crate only *reads* the lexicon into plain structures; the stages that use
//! it (actors, events, enrichment) compile what they need into their own matchers.
//! Every entry remembers where it came from ([`Origin`]), so a coded event can say
//! which lines fired.
//!
//! ```
//! let lexicon = parley_lexicon::Lexicon::builtin().unwrap();
//! let code = lexicon.event_code("028").unwrap();
//! assert_eq!(code.quad_class(), 1);
//! ```

mod model;
mod parse;
pub mod tabari;
mod verbs;

pub use model::*;
pub use parse::LexiconError;
pub use verbs::inflections;

use std::path::Path;

/// The files of a lexicon folder, in loading order, with the text the binary embeds.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("cameo.txt", include_str!("../../../lexicon/cameo.txt")),
    ("plover.txt", include_str!("../../../lexicon/plover.txt")),
    ("countries.txt", include_str!("../../../lexicon/countries.txt")),
    ("organizations.txt", include_str!("../../../lexicon/organizations.txt")),
    ("people.txt", include_str!("../../../lexicon/people.txt")),
    ("agents.txt", include_str!("../../../lexicon/agents.txt")),
    ("org_heads.txt", include_str!("../../../lexicon/org_heads.txt")),
    ("synsets.txt", include_str!("../../../lexicon/synsets.txt")),
    ("verbs.txt", include_str!("../../../lexicon/verbs.txt")),
    ("cues.txt", include_str!("../../../lexicon/cues.txt")),
    ("places.txt", include_str!("../../../lexicon/places.txt")),
    ("discards.txt", include_str!("../../../lexicon/discards.txt")),
];

impl Lexicon {
    /// The lexicon shipped inside the binary.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (name, text) in BUILTIN_FILES {
            lexicon.add_file(name, text)?;
        }
        lexicon.check()?;
        Ok(lexicon)
    }

    /// The lexicon a user asked for: parley's own (`dir`, else the built-in
    /// one), with TABARI/PETRARCH `dictionaries` replacing its verbs, actors,
    /// agents and discards, or added on top with `merge`. The code table,
    /// PLOVER mapping, cues and places stay. The one assembly the command line
    /// and the Python package share.
    pub fn assemble(dir: Option<&Path>, dictionaries: &[std::path::PathBuf], merge: bool) -> Result<Lexicon, LexiconError> {
        let mut lexicon = match dir {
            Some(dir) => Lexicon::from_dir(dir)?,
            None => Lexicon::builtin()?,
        };
        if dictionaries.is_empty() {
            return Ok(lexicon);
        }
        let mut set = tabari::DictionarySet::default();
        for path in dictionaries {
            set.files.extend(tabari::DictionarySet::from_path(path)?.files);
        }
        if !merge {
            lexicon = Lexicon { codes: lexicon.codes, plover: lexicon.plover, cues: lexicon.cues, places: lexicon.places, ..Lexicon::default() };
        }
        set.load_into(&mut lexicon)?;
        Ok(lexicon)
    }

    /// Reads a lexicon folder. A file the folder lacks is taken from the
    /// built-in lexicon, so a user can override only what they need (say,
    /// `people.txt`). Files with other names are ignored.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        if !dir.is_dir() {
            return Err(LexiconError::new(dir.display().to_string(), 0, "not a readable folder"));
        }
        let mut lexicon = Lexicon::default();
        for (name, builtin) in BUILTIN_FILES {
            let path = dir.join(name);
            if path.exists() {
                let bytes = std::fs::read(&path)
                    .map_err(|e| LexiconError::new(path.display().to_string(), 0, e.to_string()))?;
                let text = String::from_utf8(bytes).map_err(|e| {
                    let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
                    LexiconError::new(path.display().to_string(), line, "not valid UTF-8")
                })?;
                lexicon.add_file_as(name, &path.display().to_string(), &text)?;
            } else {
                lexicon.add_file(name, builtin)?;
            }
        }
        lexicon.check()?;
        Ok(lexicon)
    }

    /// Parses one file of the lexicon format into this lexicon; `name` (such
    /// as `verbs.txt`) says which kind of file it is.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        self.add_file_as(name, name, text)
    }

    /// Like [`Lexicon::add_file`], reporting errors and origins under `shown_as`
    /// (a path, usually).
    pub fn add_file_as(&mut self, name: &str, shown_as: &str, text: &str) -> Result<(), LexiconError> {
        parse::parse_file(self, name, shown_as, text)
    }

    /// Cross-file checks: every pattern's code exists, every synset a pattern
    /// names is defined.
    pub fn check(&self) -> Result<(), LexiconError> {
        for verb in &self.verbs {
            for p in &verb.patterns {
                let codes = std::iter::once(&p.code).chain(p.reverse.as_ref()).filter(|c| c.as_str() != NULL_CODE);
                if let Some(code) = codes.into_iter().find(|c| !self.codes.is_empty() && !self.codes.contains_key(c.as_str())) {
                    return Err(LexiconError::new(
                        p.origin.file.to_string(),
                        p.origin.line,
                        format!("event code {code} is not in cameo.txt"),
                    ));
                }
                for e in &p.elements {
                    if let PatternElement::Synset(name) = e {
                        if !self.synsets.contains_key(name) {
                            return Err(LexiconError::new(
                                p.origin.file.to_string(),
                                p.origin.line,
                                format!("synset &{name} is not defined"),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The entry of an event code, if the table has it.
    pub fn event_code(&self, code: &str) -> Option<&EventCode> {
        self.codes.get(code)
    }

    /// The PLOVER type of a CAMEO code: its own row, else its nearest
    /// ancestor's (`0271` -> `027` -> `02`).
    pub fn plover(&self, code: &str) -> Option<&Plover> {
        let mut c = code;
        loop {
            if let Some(p) = self.plover.get(c) {
                return Some(p);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// Counts of entries, for the README and `parley lexicon stats`.
    pub fn stats(&self) -> Vec<(&'static str, usize)> {
        let patterns = self.verbs.iter().map(|v| v.patterns.len()).sum();
        vec![
            ("event codes", self.codes.len()),
            ("PLOVER mappings", self.plover.len()),
            ("countries", self.countries.len()),
            ("organizations and groups", self.actors.iter().filter(|a| !a.is_person).count()),
            ("people", self.actors.iter().filter(|a| a.is_person).count()),
            ("agent words", self.agents.iter().map(|a| a.words.len()).sum()),
            ("named-actor head words", self.org_heads.iter().map(|a| a.words.len()).sum()),
            ("synsets", self.synsets.len()),
            ("verbs", self.verbs.len()),
            ("verb patterns", patterns),
            ("cue phrases", self.cues.iter().map(|c| c.phrases.len()).sum()),
            ("places", self.places.len()),
        ]
    }
}
