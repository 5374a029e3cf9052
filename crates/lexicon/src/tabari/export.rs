//! Writing a [`Lexicon`] as TABARI/PETRARCH dictionaries, which this
//! module's readers load back to the same entries.

use crate::model::*;
use std::fmt::Write;

fn words(norms: &[String]) -> String {
    norms.iter().map(|n| n.to_uppercase()).collect::<Vec<_>>().join("_")
}

/// A phrase closed by `_` (no plurals on reading it back).
fn closed(p: &Phrase) -> String {
    format!("{}_", words(&p.norms))
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn codes(code: &str, reverse: Option<&String>) -> String {
    match reverse {
        Some(r) if code == NULL_CODE => format!("[:{r}]"),
        Some(r) => format!("[{code}:{r}]"),
        None => format!("[{code}]"),
    }
}

fn pattern_text(elements: &[PatternElement]) -> String {
    let mut out = String::new();
    let mut join = false;
    for e in elements {
        let piece = match e {
            PatternElement::Adjacent => {
                join = true;
                continue;
            }
            PatternElement::Gap => continue,
            PatternElement::Verb => "*".to_string(),
            PatternElement::Target => "+".to_string(),
            PatternElement::Source => "$".to_string(),
            PatternElement::Compound => "%".to_string(),
            PatternElement::Skip => "^".to_string(),
            PatternElement::Synset(name) => format!("&{name}"),
            // TABARI has no alternatives inside a pattern: the first stands for all.
            PatternElement::Words(alts) => words(&alts[0]),
        };
        if !out.is_empty() {
            out.push(if join { '_' } else { ' ' });
        }
        out.push_str(&piece);
        join = false;
    }
    out
}

/// The synsets and verbs as a verb dictionary: one block per verb, its
/// default pattern's code in the header.
pub fn export_verbs(lex: &Lexicon) -> String {
    let mut out = String::from("# Verb dictionary exported by parley (TABARI/PETRARCH format)\n\n");
    let mut names: Vec<&String> = lex.synsets.keys().collect();
    names.sort();
    for name in names {
        let s = &lex.synsets[name];
        let _ = writeln!(out, "&{}_", name);
        for p in &s.phrases {
            let _ = writeln!(out, "+{}", closed(p));
        }
        out.push('\n');
    }
    for v in &lex.verbs {
        let default = v.patterns.iter().find(|p| p.elements == [PatternElement::Verb]);
        let block_code = default.map_or(codes(NULL_CODE, None), |p| codes(&p.code, p.reverse.as_ref()));
        let lemma = v.lemma.to_uppercase().replace(' ', "_");
        let _ = writeln!(out, "--- {lemma} {block_code} ---");
        let forms: Vec<String> = v.forms.iter().filter(|f| **f != v.lemma).map(|f| f.to_uppercase()).collect();
        let _ = writeln!(out, "{lemma} {{{}}}", forms.join(" "));
        for p in &v.patterns {
            if p.elements == [PatternElement::Verb] {
                continue;
            }
            let _ = writeln!(out, "- {} {}", pattern_text(&p.elements), codes(&p.code, p.reverse.as_ref()));
        }
        out.push('\n');
    }
    out
}

/// Countries (with their adjectives and capitals), organisations and
/// people as an actor dictionary.
pub fn export_actors(lex: &Lexicon) -> String {
    let mut out = String::from("# Actor dictionary exported by parley (TABARI/PETRARCH format)\n\n");
    for c in &lex.countries {
        let mut names = c.names.iter().chain(&c.adjectives);
        if let Some(first) = names.next() {
            let _ = writeln!(out, "{} [{}]", closed(first), c.iso3);
            for n in names {
                let _ = writeln!(out, "+{}", closed(n));
            }
        }
        let mut capitals = c.capitals.iter();
        if let Some(first) = capitals.next() {
            let _ = writeln!(out, "{} [{}GOV]", closed(first), c.iso3);
            for n in capitals {
                let _ = writeln!(out, "+{}", closed(n));
            }
        }
        out.push('\n');
    }
    for a in &lex.actors {
        let mut names = a.names.iter();
        let Some(first) = names.next() else { continue };
        let undated: Vec<&DatedCode> = a.roles.iter().filter(|r| r.from.is_none() && r.to.is_none()).collect();
        match (a.roles.len(), undated.first()) {
            (1, Some(r)) => {
                let _ = writeln!(out, "{} [{}]", closed(first), r.code);
            }
            _ => {
                let _ = writeln!(out, "{}", closed(first));
            }
        }
        for n in names {
            let _ = writeln!(out, "+{}", closed(n));
        }
        if a.roles.len() > 1 || undated.is_empty() {
            for r in &a.roles {
                let _ = match (r.from, r.to) {
                    (Some(f), Some(t)) => writeln!(out, "\t[{} {}-{}]", r.code, date(f), date(t)),
                    (Some(f), None) => writeln!(out, "\t[{} >{}]", r.code, date(f)),
                    (None, Some(t)) => writeln!(out, "\t[{} <{}]", r.code, date(t)),
                    (None, None) => writeln!(out, "\t[{}]", r.code),
                };
            }
        }
        out.push('\n');
    }
    out
}

/// Agents, each word closed (`{}`: its plural is listed as a word of its own).
pub fn export_agents(lex: &Lexicon) -> String {
    let mut out = String::from("# Agent dictionary exported by parley (TABARI/PETRARCH format)\n\n");
    for a in &lex.agents {
        let code = if a.prefix { format!("{}~", a.code) } else { format!("~{}", a.code) };
        for w in &a.words {
            let _ = writeln!(out, "{} {{}} [{code}]", words(&w.norms));
        }
    }
    out
}

/// Discards: sentence-level, then story-level with `+`.
pub fn export_discards(lex: &Lexicon) -> String {
    let mut out = String::from("# Discard list exported by parley (TABARI/PETRARCH format)\n\n");
    for d in &lex.discards {
        let _ = writeln!(out, "{}", words(&d.norms).replace('_', " "));
    }
    for d in &lex.story_discards {
        let _ = writeln!(out, "+{}", words(&d.norms).replace('_', " "));
    }
    out
}
