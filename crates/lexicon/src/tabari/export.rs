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

/// The patterns a pattern with `a|b` alternatives stands for, one per choice.
fn expand_alternatives(elements: &[PatternElement]) -> Vec<Vec<PatternElement>> {
    let mut out: Vec<Vec<PatternElement>> = vec![Vec::new()];
    for e in elements {
        match e {
            PatternElement::Words(alts) if alts.len() > 1 => {
                out = out
                    .into_iter()
                    .flat_map(|prefix| {
                        alts.iter().map(move |a| {
                            let mut p = prefix.clone();
                            p.push(PatternElement::Words(vec![a.clone()]));
                            p
                        })
                    })
                    .collect();
            }
            _ => out.iter_mut().for_each(|p| p.push(e.clone())),
        }
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
            // TABARI has no alternatives inside a pattern: one pattern per choice.
            for elements in expand_alternatives(&p.elements) {
                let _ = writeln!(out, "- {} {}", pattern_text(&elements), codes(&p.code, p.reverse.as_ref()));
            }
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

/// A lexicon (read from TABARI/PETRARCH dictionaries, say) written in
/// parley's own format (`lexicon/FORMAT.md`): the files, named as in a lexicon
/// folder, and a note for each entry the format cannot hold (a code that is
/// not a CAMEO event code, `---` or an actor code, a prefix agent, a pattern with `_`, `%`
/// or `^`, a paired code), which is left out.
pub fn parley_format(lex: &Lexicon) -> (Vec<(&'static str, String)>, Vec<String>) {
    let mut skipped = Vec::new();
    let phrases = |ps: &[Phrase]| ps.iter().map(Phrase::text).collect::<Vec<_>>().join("; ");
    let actor_code = |c: &str| !c.is_empty() && c.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    let event_code = |c: &str| (2..=4).contains(&c.len()) && c.chars().all(|c| c.is_ascii_digit()) && quad_class(&c[..2]) != 0;
    let (mut countries, mut organizations, mut people) = (String::new(), String::new(), String::new());
    for c in &lex.countries {
        if c.iso3.len() == 3 && actor_code(&c.iso3) {
            let _ = writeln!(countries, "{} | {} | {} | {}", c.iso3, phrases(&c.names), phrases(&c.adjectives), phrases(&c.capitals));
        } else if actor_code(&c.iso3) {
            let _ = writeln!(organizations, "{} | {}", c.iso3, phrases(&c.names));
        } else {
            skipped.push(format!("{}: actor code {:?}", c.origin, c.iso3));
        }
    }
    for a in &lex.actors {
        let day = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string());
        if let Some(bad) = a.roles.iter().find(|r| !actor_code(&r.code)) {
            skipped.push(format!("{}: actor code {:?}", a.origin, bad.code));
            continue;
        }
        if !a.is_person && a.roles.len() == 1 && a.roles[0].from.is_none() && a.roles[0].to.is_none() {
            let _ = writeln!(organizations, "{} | {}", a.roles[0].code, phrases(&a.names));
            continue;
        }
        let roles: Vec<String> = a
            .roles
            .iter()
            .map(|r| if r.from.is_none() && r.to.is_none() { r.code.clone() } else { format!("{} {}..{}", r.code, day(r.from), day(r.to)) })
            .collect();
        let _ = writeln!(people, "{} | {}", phrases(&a.names), roles.join("; "));
    }
    let mut agents = String::new();
    for a in &lex.agents {
        if a.prefix || !actor_code(&a.code) {
            skipped.push(format!("{}: agent [{}{}]", a.origin, a.code, if a.prefix { "~" } else { "" }));
            continue;
        }
        let _ = writeln!(agents, "{} | {}", a.code, phrases(&a.words));
    }
    let mut synsets = String::new();
    let mut names: Vec<&String> = lex.synsets.keys().collect();
    names.sort();
    for name in names {
        let _ = writeln!(synsets, "&{name} | {}", phrases(&lex.synsets[name].phrases));
    }
    let mut verbs = String::new();
    let mut lemmas = std::collections::HashSet::new();
    for v in &lex.verbs {
        // parley's verb lines are one word: a multi-word verb keeps its words in its patterns.
        let word = v.forms.first().cloned().unwrap_or_else(|| v.lemma.clone());
        if !lemmas.insert(word.clone()) {
            skipped.push(format!("{}: verb {:?} (a second block for the same word)", v.origin, v.lemma));
            continue;
        }
        let _ = writeln!(verbs, "@{} {}", word, v.forms.join(" "));
        for p in &v.patterns {
            let inexpressible = p.elements.iter().any(|e| match e {
                PatternElement::Adjacent | PatternElement::Compound | PatternElement::Skip => true,
                // Alternatives of several words have no spelling in parley's format.
                PatternElement::Words(alts) => alts.len() > 1 && alts.iter().any(|a| a.len() > 1),
                _ => false,
            });
            // `---` (no event) is parley's too: it stops a broader pattern.
            if inexpressible || p.reverse.is_some() || !(event_code(&p.code) || p.code == NULL_CODE) {
                skipped.push(format!("{}: pattern [{}{}] {}", p.origin, p.code, p.reverse.as_ref().map_or(String::new(), |r| format!(":{r}")), p.text));
                continue;
            }
            let text: Vec<String> = p
                .elements
                .iter()
                .map(|e| match e {
                    PatternElement::Verb => "*".to_string(),
                    PatternElement::Target => "+".to_string(),
                    PatternElement::Source => "$".to_string(),
                    PatternElement::Gap => "..".to_string(),
                    PatternElement::Synset(n) => format!("&{n}"),
                    PatternElement::Words(alts) if alts.len() == 1 => alts[0].join(" "),
                    PatternElement::Words(alts) => alts.iter().map(|a| a.join("")).collect::<Vec<_>>().join("|"),
                    _ => unreachable!("filtered above"),
                })
                .collect();
            let _ = writeln!(verbs, "{} {}", p.code, text.join(" "));
        }
    }
    let mut discards = String::new();
    for d in lex.discards.iter().chain(&lex.story_discards) {
        let _ = writeln!(discards, "{}", d.text());
    }
    let files = vec![
        ("countries.txt", countries),
        ("organizations.txt", organizations),
        ("people.txt", people),
        ("agents.txt", agents),
        ("synsets.txt", synsets),
        ("verbs.txt", verbs),
        ("discards.txt", discards),
    ];
    (files, skipped)
}
