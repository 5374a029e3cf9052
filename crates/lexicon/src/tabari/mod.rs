//! # Reading TABARI/PETRARCH dictionaries
//!
//! Decades of event-data work live in dictionaries written for TABARI and
//! PETRARCH: the CAMEO verb dictionary, the Phoenix actor files with their
//! dated roles, the agents, the discards. This module reads them as they are
//! and turns them into the same [`Lexicon`] parley's own format yields, so the
//! one coder runs on either (and on both, merged). Every malformed line is
//! reported as `FILE:LINE: what was expected`; an actor's impossible date
//! (real dictionaries have a few) only skips that restriction and is noted in
//! [`Lexicon::warnings`].
//!
//! ## Which file is which
//! [`Kind::of_file`] tells from the name: `*verbs*` and `CAMEO*` are verb
//! dictionaries, `*actors*` actor dictionaries, `*agents*` agents, `*discards*`
//! discard lists. A folder is read through its `PETR_config.ini`
//! (`verbfile_name`, `actorfile_list`, `agentfile_name`, `discardfile_name`)
//! when it has one, else every dictionary file in it ([`DictionarySet::from_path`]).
//! Issue dictionaries and verb transformations (`~ a (a b X) SAY = ...`) are
//! recognised and skipped: parley does not use them.
//!
//! ## Common rules
//! `#` starts a comment (and `;` in actor files); `<!-- ... -->` lines and
//! blocks are comments; blank lines are skipped. Words are upper case and
//! joined by `_` or blanks; they match text case-insensitively, word by word
//! (TABARI's stems, words without a final `_`, match whole words only).
//!
//! ## The mapping
//! | TABARI/PETRARCH | parley [`Lexicon`] |
//! |---|---|
//! | synset `&NAME` with `+PHRASE` lines (nested `+&OTHER` allowed) | [`Synset`]; regular plurals are added unless the name or the phrase ends in `_` |
//! | verb block `--- NAME [CODE] ---` with verb lines `VERB {FORMS} [CODE]` | one [`Verb`] per verb line; its default pattern `*` takes the verb's code, else the block's; `{FORMS}` replaces the regular inflections |
//! | multi-word verb `+CORDON_OFF`, `WIRE_+TAP` (`+` marks the inflected word) | a [`Verb`] for the marked word whose patterns require the other words next to it |
//! | pattern `- WORDS * WORDS [CODE]` | a [`Pattern`] of every verb of the block: a blank is a gap ([`PatternElement::Gap`]), `_` joins ([`PatternElement::Adjacent`]), `+` target, `$` source, `%` compound actor ([`PatternElement::Compound`]), `^` skip a noun phrase ([`PatternElement::Skip`]), `&NAME` a synset (a pattern naming an undefined synset is ignored, as in PETRARCH); PETRARCH's `{NOUN PHRASE}` and `(PREP PHRASE)` brackets are read as their words |
//! | code `[032:033]`, `[:033]` | `code` and `reverse` (the target's event back on the source) |
//! | null code `[---]` | [`NULL_CODE`]: matches, codes nothing; `[+++]`, `[###]` patterns are ignored |
//! | codes absent from the CAMEO table (`[174K]`, the validation suite's WEIS codes) | an [`EventCode`] is derived: the nearest listed ancestor's Goldstein value, else 0 |
//! | actor `PHRASE [CODE]` with `+SYNONYM` lines, undated | a [`Country`] with that code, so agents compose with it (`GONDOR [GON]` + `POLICE [~COP]` = `GONCOP`) |
//! | actor with dated codes (tab lines `[CODE <yymmdd]`, `[CODE >yyyymmdd]`, `[CODE d1-d2]`) | an [`Actor`] with [`DatedCode`]s in file order, the undated default last; bounds are inclusive; `yy` below 30 is 20yy |
//! | agent `PHRASE {PLURALS} [~CODE]` or `[CODE~]`, `!SUB! = A, B` markers | an [`Agent`]; plurals as for synsets (`{}`: none); the code is appended to the actor's (`~GOV`), or put before it (`NGO~`, [`Agent::prefix`]) |
//! | discard `PHRASE` / `+PHRASE` | [`Lexicon::discards`] (sentence) / [`Lexicon::story_discards`] (document) |

mod actors;
mod agents;
mod discards;
mod export;
mod verbs;

pub use discards::Discard;
pub use export::{export_actors, export_agents, export_discards, export_verbs, parley_format};

use crate::model::*;
use crate::parse::LexiconError;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The kinds of TABARI/PETRARCH dictionary files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
}

impl Kind {
    /// The kind of a dictionary file, from its name.
    pub fn of_file(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        if !lower.ends_with(".txt") {
            return None;
        }
        if lower.contains("verbs") || lower.starts_with("cameo") {
            Some(Kind::Verbs)
        } else if lower.contains("actors") {
            Some(Kind::Actors)
        } else if lower.contains("agents") {
            Some(Kind::Agents)
        } else if lower.contains("discards") {
            Some(Kind::Discards)
        } else {
            None
        }
    }
}

/// A set of dictionary files, each with its kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DictionarySet {
    pub files: Vec<(Kind, PathBuf)>,
}

impl DictionarySet {
    /// The dictionaries at `path`: a file (its kind from its name), or a
    /// folder (its `PETR_config.ini`, else every dictionary file in it).
    pub fn from_path(path: &Path) -> Result<DictionarySet, LexiconError> {
        let shown = path.display().to_string();
        if path.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let kind = Kind::of_file(&name).ok_or_else(|| {
                LexiconError::new(&shown, 0, "not a dictionary file name: expected *verbs*.txt, CAMEO*.txt, *actors*.txt, *agents*.txt or *discards*.txt")
            })?;
            return Ok(DictionarySet { files: vec![(kind, path.to_path_buf())] });
        }
        if !path.is_dir() {
            return Err(LexiconError::new(shown, 0, "not a readable file or folder"));
        }
        let config = path.join("PETR_config.ini");
        if config.is_file() {
            return DictionarySet::from_config(&config);
        }
        let entries = std::fs::read_dir(path).map_err(|e| LexiconError::new(&shown, 0, e.to_string()))?;
        let mut files: Vec<(Kind, PathBuf)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                Kind::of_file(&name).map(|k| (k, e.path()))
            })
            .collect();
        files.sort_by(|a, b| a.1.cmp(&b.1));
        if files.is_empty() {
            return Err(LexiconError::new(shown, 0, "no dictionary files (*verbs*.txt, CAMEO*.txt, *actors*.txt, *agents*.txt, *discards*.txt) in this folder"));
        }
        Ok(DictionarySet { files })
    }

    /// The dictionaries a `PETR_config.ini` names in its `[Dictionaries]` section.
    pub fn from_config(config: &Path) -> Result<DictionarySet, LexiconError> {
        let shown = config.display().to_string();
        let text = std::fs::read_to_string(config).map_err(|e| LexiconError::new(&shown, 0, e.to_string()))?;
        let dir = config.parent().unwrap_or(Path::new("."));
        let mut files = Vec::new();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else { continue };
            let kind = match key.trim() {
                "verbfile_name" => Kind::Verbs,
                "actorfile_list" => Kind::Actors,
                "agentfile_name" => Kind::Agents,
                "discardfile_name" => Kind::Discards,
                _ => continue,
            };
            for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                files.push((kind, dir.join(name)));
            }
        }
        if files.is_empty() {
            return Err(LexiconError::new(shown, 0, "no verbfile_name, actorfile_list, agentfile_name or discardfile_name entries"));
        }
        Ok(DictionarySet { files })
    }

    /// Loads the set into `lexicon` (a base that should hold the CAMEO
    /// table, PLOVER, cues and places), then derives the event codes the
    /// dictionaries use that the table lacks, and checks the result.
    pub fn load_into(&self, lexicon: &mut Lexicon) -> Result<(), LexiconError> {
        for (kind, path) in &self.files {
            let shown = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| LexiconError::new(&shown, 0, e.to_string()))?;
            // The dictionaries are ASCII by rule; old files carry Latin-1 bytes.
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
            };
            lexicon.add_tabari(*kind, &shown, &text)?;
        }
        lexicon.derive_missing_codes();
        lexicon.check()
    }
}

impl Lexicon {
    /// The part of the built-in lexicon that TABARI dictionaries do not
    /// replace: the CAMEO table, PLOVER, cue words and the gazetteer.
    pub fn builtin_base() -> Result<Lexicon, LexiconError> {
        let full = Lexicon::builtin()?;
        Ok(Lexicon { codes: full.codes, plover: full.plover, cues: full.cues, places: full.places, ..Lexicon::default() })
    }

    /// A lexicon from TABARI/PETRARCH dictionaries: on the built-in lexicon
    /// when `merge`, else on [`Lexicon::builtin_base`] only.
    pub fn from_tabari(set: &DictionarySet, merge: bool) -> Result<Lexicon, LexiconError> {
        let mut lexicon = if merge { Lexicon::builtin()? } else { Lexicon::builtin_base()? };
        set.load_into(&mut lexicon)?;
        Ok(lexicon)
    }

    /// Parses one TABARI/PETRARCH dictionary file into this lexicon, reporting
    /// errors and origins under `shown_as`.
    pub fn add_tabari(&mut self, kind: Kind, shown_as: &str, text: &str) -> Result<(), LexiconError> {
        let lines = Lines::new(shown_as, text, kind == Kind::Actors);
        match kind {
            Kind::Verbs => verbs::parse(self, lines),
            Kind::Actors => actors::parse(self, lines),
            Kind::Agents => agents::parse(self, lines),
            Kind::Discards => discards::parse(self, lines),
        }
    }

    /// Adds an entry to the code table for every pattern code it lacks, with
    /// the Goldstein value of the nearest listed ancestor ("0871X" -> "0871"),
    /// else 0, so events with dictionary-only codes are kept.
    pub fn derive_missing_codes(&mut self) {
        let mut missing: Vec<(String, Origin)> = Vec::new();
        for v in &self.verbs {
            for p in &v.patterns {
                for code in std::iter::once(&p.code).chain(p.reverse.as_ref()) {
                    if code != NULL_CODE && !self.codes.contains_key(code) && !missing.iter().any(|(c, _)| c == code) {
                        missing.push((code.clone(), p.origin.clone()));
                    }
                }
            }
        }
        for (code, origin) in missing {
            let ancestor = (2..code.len()).rev().find_map(|n| code.get(..n).and_then(|c| self.codes.get(c)));
            let goldstein = ancestor.map_or(0.0, |a| a.goldstein);
            let name = format!("not in the CAMEO table: a dictionary code ({origin})");
            self.codes.insert(code.clone(), EventCode { code, goldstein, name });
        }
    }
}

/// The content lines of a dictionary file: comments stripped, with origins.
pub(crate) struct Lines<'a> {
    pub file: Arc<str>,
    pub lines: Vec<(usize, &'a str)>,
}

impl<'a> Lines<'a> {
    fn new(shown_as: &str, text: &'a str, semicolon_comments: bool) -> Lines<'a> {
        let mut lines = Vec::new();
        let mut in_block = false;
        for (i, raw) in text.lines().enumerate() {
            let trimmed = raw.trim_start();
            if in_block {
                if raw.contains("-->") {
                    in_block = false;
                }
                continue;
            }
            if trimmed.starts_with("<!") {
                in_block = !raw.contains("-->");
                continue;
            }
            // A comment starts at `#` (or `;`), but not inside a code (`[###]`).
            let mut depth = 0i32;
            let cut = raw.char_indices().find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                depth <= 0 && (c == '#' || (semicolon_comments && c == ';'))
            });
            let content = cut.map_or(raw, |(at, _)| &raw[..at]);
            if content.trim().is_empty() {
                continue;
            }
            lines.push((i + 1, content.trim_end()));
        }
        Lines { file: Arc::from(shown_as), lines }
    }

    pub fn origin(&self, line: usize) -> Origin {
        Origin { file: self.file.clone(), line }
    }

    pub fn error(&self, line: usize, message: impl Into<String>) -> LexiconError {
        LexiconError::new(self.file.to_string(), line, message)
    }
}

/// A TABARI phrase (`UNITED_STATES_`, `YUM YENNYEN`) as token norms, and
/// whether it was closed by a final `_`.
pub(crate) fn phrase_norms(text: &str) -> (Vec<String>, bool) {
    let text = text.trim();
    let closed = text.ends_with('_');
    (parley_text::norms(&text.replace('_', " ")), closed)
}

/// The regular plural of a phrase's last word: `+S`, `Y` -> `IES`, `SS` -> `SSES`.
pub(crate) fn plural(norms: &[String]) -> Option<Vec<String>> {
    let last = norms.last()?;
    if !last.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let p = if let Some(stem) = last.strip_suffix('y') {
        format!("{stem}ies")
    } else if last.ends_with("ss") {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    let mut out = norms.to_vec();
    *out.last_mut().expect("non-empty") = p;
    Some(out)
}

/// Extracts the text of the first `open ... close` group of `s`, and `s`
/// without it; `Err` when the group is not closed.
pub(crate) fn take_group(s: &str, open: char, close: char) -> Result<Option<(String, String)>, String> {
    let Some(start) = s.find(open) else { return Ok(None) };
    let end = s[start..].find(close).ok_or_else(|| format!("`{open}` without a closing `{close}`"))? + start;
    let inner = s[start + open.len_utf8()..end].trim().to_string();
    let rest = format!("{} {}", &s[..start], &s[end + close.len_utf8()..]);
    Ok(Some((inner, rest)))
}

#[cfg(test)]
mod tests;
