//! Agent dictionaries: `PHRASE {PLURALS} [~CODE]`, `[CODE~]`, `!SUB! = ...`.

use super::{phrase_norms, plural, take_group, Lines};
use crate::model::*;
use crate::parse::LexiconError;
use std::collections::HashMap;

pub(crate) fn parse(lex: &mut Lexicon, lines: Lines) -> Result<(), LexiconError> {
    let mut substitutions: HashMap<String, Vec<String>> = HashMap::new();
    for &(n, content) in &lines.lines {
        let line = content.trim();
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            let (marker, list) = line.split_once('=').expect("checked");
            let marker = marker.trim();
            if marker.len() < 3 || !marker.ends_with('!') {
                return Err(lines.error(n, format!("expected a substitution marker `!NAME! = A, B`, found {marker:?}")));
            }
            let items = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            substitutions.insert(marker.to_string(), items);
            continue;
        }
        // `[~LEG}` is tolerated, as PETRARCH's own documentation writes it.
        let fixed;
        let line = match line.rfind('[') {
            Some(at) if !line[at..].contains(']') && line.ends_with('}') => {
                fixed = format!("{}]", &line[..line.len() - 1]);
                fixed.as_str()
            }
            _ => line,
        };
        let Some((code, rest)) = take_group(line, '[', ']').map_err(|e| lines.error(n, e))? else {
            lex.warnings.push(lines.error(n, format!("expected an agent `PHRASE {{PLURALS}} [~CODE]`, found {line:?}; skipped")));
            continue;
        };
        let code = code.replace(' ', "");
        let (code, prefix) = if let Some(c) = code.strip_prefix('~') {
            (c.to_string(), false)
        } else if let Some(c) = code.strip_suffix('~') {
            (c.to_string(), true)
        } else {
            return Err(lines.error(n, format!("an agent code is `~CODE` (after the actor's) or `CODE~` (before it), found [{code}]")));
        };
        if code.is_empty() {
            return Err(lines.error(n, "an empty agent code"));
        }
        let (listed, rest) = match take_group(&rest, '{', '}').map_err(|e| lines.error(n, e))? {
            Some((l, r)) => (Some(l), r),
            None => (None, rest),
        };
        let phrase = rest.trim();
        if phrase.is_empty() {
            return Err(lines.error(n, "expected the agent's phrase before its code"));
        }
        let mut words: Vec<Phrase> = Vec::new();
        let mut add = |norms: Vec<String>| {
            if !norms.is_empty() && !words.iter().any(|w| w.norms == norms) {
                words.push(Phrase { norms, case: Case::Any });
            }
        };
        if let Some(marker) = substitutions.keys().find(|m| phrase.contains(m.as_str())) {
            for item in &substitutions[marker] {
                add(phrase_norms(&phrase.replace(marker.as_str(), item)).0);
            }
        } else {
            let (norms, closed) = phrase_norms(phrase);
            match &listed {
                Some(list) => {
                    for p in list.split_whitespace() {
                        add(phrase_norms(p).0);
                    }
                }
                None if !closed => {
                    if let Some(p) = plural(&norms) {
                        add(p);
                    }
                }
                None => {}
            }
            words.insert(0, Phrase { norms, case: Case::Any });
        }
        if let Some(existing) = lex.agents.iter_mut().find(|a| a.code == code && a.prefix == prefix && a.origin.file == lines.file) {
            existing.words.extend(words);
        } else {
            lex.agents.push(Agent { code, words, prefix, origin: lines.origin(n) });
        }
    }
    Ok(())
}
