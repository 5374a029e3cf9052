//! Actor dictionaries: phrases, `+` synonyms, codes and dated codes.

use super::{phrase_norms, take_group, Lines};
use crate::model::*;
use crate::parse::LexiconError;
use chrono::NaiveDate;

struct Record {
    names: Vec<Phrase>,
    default: Option<String>,
    dated: Vec<DatedCode>,
    origin: Origin,
}

pub(crate) fn parse(lex: &mut Lexicon, lines: Lines) -> Result<(), LexiconError> {
    let mut current: Option<Record> = None;
    for &(n, content) in &lines.lines {
        let indented = content.starts_with(|c: char| c.is_whitespace());
        let line = content.trim();
        if indented && line.starts_with('[') {
            let record = current.as_mut().ok_or_else(|| lines.error(n, "a date restriction `[CODE ...]` must follow an actor phrase"))?;
            let (inner, rest) = take_group(line, '[', ']').map_err(|e| lines.error(n, e))?.expect("line starts with [");
            if !rest.trim().is_empty() {
                return Err(lines.error(n, format!("unexpected text after the code: {:?}", rest.trim())));
            }
            match parse_restriction(&inner) {
                Ok(Some(r)) => record.dated.push(r),
                Ok(None) => record.default = Some(inner.trim().to_string()),
                // Real dictionaries have a few impossible dates: skip the restriction, say so.
                Err(e) => lex.warnings.push(lines.error(n, format!("{e}; this date restriction is skipped"))),
            }
        } else if let Some(synonym) = line.strip_prefix('+') {
            let record = current.as_mut().ok_or_else(|| lines.error(n, "a synonym `+PHRASE` must follow an actor phrase"))?;
            let (phrase, code) = phrase_and_code(&lines, n, synonym)?;
            record.names.push(phrase);
            if record.default.is_none() {
                record.default = code;
            }
        } else {
            if let Some(r) = current.take() {
                finish(lex, r);
            }
            let (phrase, code) = phrase_and_code(&lines, n, line)?;
            let mut record = Record { names: vec![phrase], default: None, dated: Vec::new(), origin: lines.origin(n) };
            if let Some(code) = code {
                let trimmed = code.trim().to_string();
                match parse_restriction(&trimmed).map_err(|e| lines.error(n, e))? {
                    Some(r) => record.dated.push(r),
                    None => record.default = Some(trimmed),
                }
            }
            current = Some(record);
        }
    }
    if let Some(r) = current.take() {
        finish(lex, r);
    }
    Ok(())
}

fn phrase_and_code(lines: &Lines, n: usize, s: &str) -> Result<(Phrase, Option<String>), LexiconError> {
    let (code, rest) = match take_group(s, '[', ']').map_err(|e| lines.error(n, e))? {
        Some((c, r)) => (Some(c), r),
        None => (None, s.to_string()),
    };
    let (norms, _) = phrase_norms(&rest);
    if norms.is_empty() {
        return Err(lines.error(n, format!("expected an actor phrase `WORDS_OF_THE_NAME [CODE]`, found {s:?}")));
    }
    Ok((actor_phrase(norms), code))
}

/// Names are proper nouns: they match capitalised text, and a short
/// all-letter name ("UN", "US") matches only capitals.
pub(crate) fn actor_phrase(norms: Vec<String>) -> Phrase {
    let case = if norms.len() == 1 && norms[0].chars().filter(|c| c.is_alphabetic()).count() <= 3 {
        Case::Upper
    } else if matches!(norms[0].as_str(), "the" | "a" | "an") {
        Case::Any
    } else {
        Case::Capitalized
    };
    Phrase { norms, case }
}

/// `CODE <DATE`, `CODE >DATE`, `CODE DATE-DATE`; `None` for a bare `CODE`.
fn parse_restriction(inner: &str) -> Result<Option<DatedCode>, String> {
    let inner = inner.trim();
    let (code, rest) = match inner.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => return Ok(None),
    };
    if code.is_empty() {
        return Err("expected a code before the date restriction".into());
    }
    let code = code.to_string();
    if let Some(d) = rest.strip_prefix('<') {
        return Ok(Some(DatedCode { code, from: None, to: Some(date(d)?) }));
    }
    if let Some(d) = rest.strip_prefix('>') {
        return Ok(Some(DatedCode { code, from: Some(date(d)?), to: None }));
    }
    let (a, b) = rest.split_once('-').ok_or_else(|| format!("expected a date restriction `<DATE`, `>DATE` or `DATE-DATE`, found {rest:?}"))?;
    Ok(Some(DatedCode { code, from: Some(date(a)?), to: Some(date(b)?) }))
}

/// `YYYYMMDD` or `YYMMDD` (years below 30 are 20yy).
fn date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let bad = || format!("{s:?} is not a date YYYYMMDD or YYMMDD");
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let (y, rest) = match s.len() {
        8 => (s[..4].parse::<i32>().map_err(|_| bad())?, &s[4..]),
        6 => {
            let yy = s[..2].parse::<i32>().map_err(|_| bad())?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        _ => return Err(bad()),
    };
    let m = rest[..2].parse::<u32>().map_err(|_| bad())?;
    let d = rest[2..].parse::<u32>().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
}

fn finish(lex: &mut Lexicon, r: Record) {
    if r.dated.is_empty() {
        // An undated actor codes like a country: agents compose with it.
        match r.default {
            Some(code) if code != NULL_CODE => {
                lex.countries.push(Country { iso3: code, names: r.names, adjectives: Vec::new(), capitals: Vec::new(), origin: r.origin });
            }
            _ => {}
        }
        return;
    }
    let mut roles = r.dated;
    if let Some(code) = r.default {
        roles.push(DatedCode { code, from: None, to: None });
    }
    lex.actors.push(Actor { names: r.names, roles, is_person: true, origin: r.origin });
}
