//! Verb dictionaries: synsets, verb blocks, verbs and patterns.

use super::{phrase_norms, plural, take_group, Lines};
use crate::model::*;
use crate::parse::LexiconError;
use crate::verbs::inflections;
use std::collections::{HashMap, HashSet};

/// A verb line of a block: the inflected word, the words that stand before
/// and after it, its forms and its own code.
struct VerbLine {
    lemma: String,
    forms: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
    code: Option<Codes>,
    origin: Origin,
}

#[derive(Clone)]
struct Codes {
    code: String,
    reverse: Option<String>,
}

struct RawPattern {
    codes: Codes,
    elements: Vec<PatternElement>,
    text: String,
    origin: Origin,
}

struct Block {
    code: Codes,
    verbs: Vec<VerbLine>,
    patterns: Vec<RawPattern>,
}

enum Mode {
    None,
    Synset(String),
    Block,
}

pub(crate) fn parse(lex: &mut Lexicon, lines: Lines) -> Result<(), LexiconError> {
    let mut mode = Mode::None;
    let mut block: Option<Block> = None;
    // Synsets defined in this file, with whether plurals are generated.
    let mut plurals: HashMap<String, bool> = HashMap::new();
    // The phrases each of them holds so far: a phrase is added once. Without
    // this, `+&NAME` lines that include a synset in itself (or in a chain of
    // synsets) doubled it at each line: 30 lines made 2^30 phrases.
    let mut members: HashMap<String, HashSet<Phrase>> = HashMap::new();
    for &(n, content) in &lines.lines {
        let line = content.trim();
        if line.starts_with("---") {
            if let Some(b) = block.take() {
                finish(lex, b);
            }
            let inner = line.trim_start_matches('-').trim_end_matches('-');
            let code = match take_group(inner, '[', ']').map_err(|e| lines.error(n, e))? {
                Some((code, _)) => parse_codes(&code).map_err(|e| lines.error(n, e))?,
                None => Codes { code: NULL_CODE.into(), reverse: None },
            };
            block = Some(Block { code, verbs: Vec::new(), patterns: Vec::new() });
            mode = Mode::Block;
        } else if let Some(name) = line.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or_default();
            if name.is_empty() {
                return Err(lines.error(n, "`&` must be followed by a synset name"));
            }
            let with_plurals = !name.ends_with('_');
            let name = name.trim_end_matches('_').to_string();
            plurals.insert(name.clone(), with_plurals);
            members.insert(name.clone(), HashSet::new());
            lex.synsets.insert(name.clone(), Synset { name: name.clone(), phrases: Vec::new(), origin: lines.origin(n) });
            mode = Mode::Synset(name);
        } else if line.starts_with('~') {
            // Verb transformations: parley does not use them.
            continue;
        } else if let Some(rest) = line.strip_prefix('-') {
            let b = block.as_mut().ok_or_else(|| lines.error(n, "a pattern `- ...` must follow a verb block header `--- NAME [CODE] ---`"))?;
            if let Some(p) = parse_pattern(lex, &lines, n, rest)? {
                b.patterns.push(p);
            }
            mode = Mode::Block;
        } else {
            match &mode {
                Mode::Synset(name) => {
                    let item = line.strip_prefix('+').ok_or_else(|| lines.error(n, format!("expected a synset member `+PHRASE` of &{name}")))?.trim();
                    let phrases = synset_member(lex, &lines, n, item, plurals.get(name).copied().unwrap_or(true))?;
                    let seen = members.get_mut(name).expect("synset was created");
                    let synset = lex.synsets.get_mut(name).expect("synset was created");
                    synset.phrases.extend(phrases.into_iter().filter(|p| seen.insert(p.clone())));
                }
                Mode::Block => {
                    let v = parse_verb_line(&lines, n, line)?;
                    block.as_mut().expect("block mode has a block").verbs.push(v);
                }
                Mode::None => {
                    return Err(lines.error(n, "expected a synset `&NAME`, a verb block header `--- NAME [CODE] ---` or a pattern `- ...`"));
                }
            }
        }
    }
    if let Some(b) = block.take() {
        finish(lex, b);
    }
    Ok(())
}

/// `032`, `032:033`, `:033`, `---`.
fn parse_codes(s: &str) -> Result<Codes, String> {
    let s = s.trim();
    let mut parts = s.split_whitespace();
    let first = parts.next().ok_or("an empty code `[]`")?;
    let (code, reverse) = match first.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (first, None),
    };
    let code = if code.is_empty() { NULL_CODE } else { code };
    Ok(Codes { code: code.to_string(), reverse: reverse.filter(|r| !r.is_empty() && *r != NULL_CODE).map(str::to_string) })
}

fn synset_member(lex: &Lexicon, lines: &Lines, n: usize, item: &str, with_plurals: bool) -> Result<Vec<Phrase>, LexiconError> {
    if let Some(other) = item.strip_prefix('&') {
        let other = other.trim_end_matches('_');
        let s = lex.synsets.get(other).ok_or_else(|| lines.error(n, format!("synset &{other} is used before it is defined")))?;
        return Ok(s.phrases.clone());
    }
    if item.contains(['$', '+', '%', '^', '*']) {
        return Err(lines.error(n, format!("a synset phrase holds only words, found {item:?}")));
    }
    let (norms, closed) = phrase_norms(item);
    if norms.is_empty() {
        return Err(lines.error(n, "expected a phrase after `+`"));
    }
    let mut out = Vec::new();
    if with_plurals && !closed {
        if let Some(p) = plural(&norms) {
            out.push(Phrase { norms: p, case: Case::Any });
        }
    }
    out.insert(0, Phrase { norms, case: Case::Any });
    Ok(out)
}

/// `ABANDON`, `BAN {BANS BANNED}`, `KLM_NOP_+RST [002]`, `+CORDON_OFF {+CORDONED_OFF ...}`, `LASH OUT`.
fn parse_verb_line(lines: &Lines, n: usize, line: &str) -> Result<VerbLine, LexiconError> {
    let mut rest = line.to_string();
    let mut listed: Option<Vec<String>> = None;
    if let Some((forms, r)) = take_group(&rest, '{', '}').map_err(|e| lines.error(n, e))? {
        listed = Some(forms.split_whitespace().map(str::to_string).collect());
        rest = r;
    }
    let mut code = None;
    if let Some((c, r)) = take_group(&rest, '[', ']').map_err(|e| lines.error(n, e))? {
        code = Some(parse_codes(&c).map_err(|e| lines.error(n, e))?);
        rest = r;
    }
    let (before, word, after) = split_marked(rest.trim()).ok_or_else(|| lines.error(n, format!("expected a verb `WORD {{FORMS}} [CODE]`, found {line:?}")))?;
    let mut forms = match &listed {
        Some(list) => {
            let mut forms = vec![word.clone()];
            for f in list {
                if let Some((_, w, _)) = split_marked(f) {
                    if !forms.contains(&w) {
                        forms.push(w);
                    }
                }
            }
            forms
        }
        None => inflections(&word),
    };
    forms.retain(|f| !f.is_empty());
    Ok(VerbLine { lemma: word, forms, before, after, code, origin: lines.origin(n) })
}

/// Splits a multi-word verb at its `+`-marked word (the first word when none
/// is marked): words before, the word, words after, all as norms.
fn split_marked(s: &str) -> Option<(Vec<String>, String, Vec<String>)> {
    let parts: Vec<&str> = s.split(|c: char| c == '_' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    let marked = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let word = parley_text::norms(parts.get(marked)?.trim_start_matches('+')).join("");
    if word.is_empty() {
        return None;
    }
    let norms = |ps: &[&str]| ps.iter().flat_map(|p| parley_text::norms(p.trim_start_matches('+'))).collect::<Vec<_>>();
    Some((norms(&parts[..marked]), word, norms(&parts[marked + 1..])))
}

/// A pattern line (after its `-`): elements and codes; `None` for the
/// ignored `[+++]` and `[###]` patterns.
fn parse_pattern(lex: &Lexicon, lines: &Lines, n: usize, rest: &str) -> Result<Option<RawPattern>, LexiconError> {
    let open = rest.rfind('[').ok_or_else(|| lines.error(n, "expected the pattern's code in `[...]` at its end"))?;
    let close = rest[open..].find(']').ok_or_else(|| lines.error(n, "`[` without a closing `]`"))? + open;
    let codes = parse_codes(&rest[open + 1..close]).map_err(|e| lines.error(n, e))?;
    if matches!(codes.code.as_str(), "+++" | "###") {
        return Ok(None);
    }
    let text = rest[..open].trim();
    // `*SCEPTICAL` (a verb glued to a word) is read as `* SCEPTICAL`.
    let spaced: String = text
        .char_indices()
        .flat_map(|(i, c)| {
            let glued = c == '*'
                && (text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
                    || text[i + 1..].chars().next().is_some_and(char::is_alphanumeric));
            if glued { vec![' ', '*', ' '] } else { vec![c] }
        })
        .collect();
    let mut elements: Vec<PatternElement> = Vec::new();
    let mut verbs = 0;
    for chunk in spaced.split_whitespace() {
        let chunk: String = chunk.chars().filter(|c| !matches!(c, '{' | '}' | '(' | ')')).collect();
        if chunk.is_empty() || chunk.chars().all(|c| c == '_') {
            continue;
        }
        if !elements.is_empty() {
            elements.push(PatternElement::Gap);
        }
        let mut first = true;
        for part in chunk.split('_').filter(|p| !p.is_empty()) {
            let element = match part {
                "*" => {
                    verbs += 1;
                    PatternElement::Verb
                }
                "+" => PatternElement::Target,
                "$" => PatternElement::Source,
                "%" => PatternElement::Compound,
                "^" => PatternElement::Skip,
                p if p.starts_with('&') => {
                    let name = p[1..].trim_end_matches('_');
                    if !lex.synsets.contains_key(name) {
                        // As in PETRARCH: a pattern with an undefined synset is ignored.
                        return Ok(None);
                    }
                    PatternElement::Synset(name.to_string())
                }
                p => {
                    let norms = parley_text::norms(p);
                    if norms.is_empty() {
                        return Err(lines.error(n, format!("unreadable pattern word {p:?}")));
                    }
                    // Words joined by `_` are one phrase.
                    if !first {
                        if let Some(PatternElement::Words(alts)) = elements.last_mut() {
                            alts[0].extend(norms);
                            continue;
                        }
                    }
                    PatternElement::Words(vec![norms])
                }
            };
            if !first {
                elements.push(PatternElement::Adjacent);
            }
            elements.push(element);
            first = false;
        }
    }
    if verbs != 1 {
        return Err(lines.error(n, format!("a pattern needs exactly one `*` (the verb), found {verbs}")));
    }
    Ok(Some(RawPattern { codes, elements, text: text.to_string(), origin: lines.origin(n) }))
}

/// Turns a block into one [`Verb`] per verb line, each with every pattern.
fn finish(lex: &mut Lexicon, block: Block) {
    for v in block.verbs {
        let own = v.code.clone().unwrap_or_else(|| block.code.clone());
        let mut patterns = Vec::with_capacity(block.patterns.len() + 1);
        if own.code != NULL_CODE || own.reverse.is_some() {
            patterns.push(Pattern {
                code: own.code.clone(),
                reverse: own.reverse.clone(),
                elements: with_particles(&[PatternElement::Verb], &v.before, &v.after),
                text: "*".into(),
                origin: v.origin.clone(),
            });
        }
        for p in &block.patterns {
            patterns.push(Pattern {
                code: p.codes.code.clone(),
                reverse: p.codes.reverse.clone(),
                elements: with_particles(&p.elements, &v.before, &v.after),
                text: p.text.clone(),
                origin: p.origin.clone(),
            });
        }
        let mut lemma = v.before.clone();
        lemma.push(v.lemma.clone());
        lemma.extend(v.after.iter().cloned());
        lex.verbs.push(Verb { lemma: lemma.join(" "), forms: v.forms, patterns, origin: v.origin });
    }
}

/// The pattern with a multi-word verb's other words next to its `*`.
fn with_particles(elements: &[PatternElement], before: &[String], after: &[String]) -> Vec<PatternElement> {
    if before.is_empty() && after.is_empty() {
        return elements.to_vec();
    }
    let mut out = Vec::with_capacity(elements.len() + 4);
    for e in elements {
        if *e == PatternElement::Verb {
            if !before.is_empty() {
                out.push(PatternElement::Words(vec![before.to_vec()]));
                out.push(PatternElement::Adjacent);
            }
            out.push(PatternElement::Verb);
            if !after.is_empty() {
                out.push(PatternElement::Adjacent);
                out.push(PatternElement::Words(vec![after.to_vec()]));
            }
        } else {
            out.push(e.clone());
        }
    }
    out
}
