//! The one loader of the lexicon format (`lexicon/FORMAT.md`).

use crate::model::*;
use crate::verbs::inflections;
use chrono::NaiveDate;
use std::fmt;
use std::sync::Arc;

/// A lexicon file that could not be read: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    /// 1-based line, 0 when the error concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl LexiconError {
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        LexiconError { file: file.into(), line, message: message.into() }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for LexiconError {}

/// A line being parsed: its fields and where it stands, for error messages.
struct Line<'a> {
    fields: Vec<&'a str>,
    origin: Origin,
}

impl Line<'_> {
    fn error(&self, message: impl Into<String>) -> LexiconError {
        LexiconError::new(self.origin.file.to_string(), self.origin.line, message)
    }

    fn expect_fields(&self, n: usize, shape: &str) -> Result<(), LexiconError> {
        if self.fields.len() == n {
            Ok(())
        } else {
            Err(self.error(format!("expected {n} fields `{shape}`, found {}", self.fields.len())))
        }
    }

    fn phrases(&self, field: usize) -> Vec<Phrase> {
        list(self.fields[field]).map(Phrase::new).filter(|p| !p.norms.is_empty()).collect()
    }
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Strips a comment: `#` at the start or after white space.
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

pub(crate) fn parse_file(lex: &mut Lexicon, name: &str, shown_as: &str, text: &str) -> Result<(), LexiconError> {
    let file: Arc<str> = Arc::from(shown_as);
    let mut current_verb: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        let origin = Origin { file: file.clone(), line: i + 1 };
        let line = Line { fields: content.split('|').map(str::trim).collect(), origin };
        match name {
            "cameo.txt" => parse_code(lex, &line)?,
            "plover.txt" => parse_plover(lex, &line)?,
            "countries.txt" => parse_country(lex, &line)?,
            "organizations.txt" => parse_organization(lex, &line)?,
            "people.txt" => parse_person(lex, &line)?,
            "agents.txt" => lex.agents.push(parse_agent(&line, "CODE | WORDS")?),
            "org_heads.txt" => lex.org_heads.push(parse_agent(&line, "ROLE | WORDS")?),
            "synsets.txt" => parse_synset(lex, &line)?,
            "verbs.txt" => parse_verb_line(lex, &line, content, &mut current_verb)?,
            "cues.txt" => parse_cue(lex, &line)?,
            "places.txt" => parse_place(lex, &line)?,
            "discards.txt" => lex.discards.push(Phrase::new(content)),
            other => return Err(LexiconError::new(shown_as, 0, format!("unknown lexicon file name {other:?}"))),
        }
    }
    Ok(())
}

fn is_event_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit())
}

fn is_actor_code(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

fn parse_code(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(3, "CODE | GOLDSTEIN | NAME")?;
    let code = line.fields[0];
    if !is_event_code(code) || quad_class(&code[..2]) == 0 {
        return Err(line.error(format!("{code:?} is not a CAMEO event code (2 to 4 digits, root 01-20)")));
    }
    let goldstein: f32 = line.fields[1]
        .parse()
        .ok()
        .filter(|g: &f32| (-10.0..=10.0).contains(g))
        .ok_or_else(|| line.error(format!("Goldstein value {:?} is not a number from -10 to 10", line.fields[1])))?;
    let entry = EventCode { code: code.to_string(), goldstein, name: line.fields[2].to_string() };
    if lex.codes.insert(code.to_string(), entry).is_some() {
        return Err(line.error(format!("event code {code} is defined twice")));
    }
    Ok(())
}

fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

fn parse_plover(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(4, "CAMEO | TYPE | MODE | CONTEXT")?;
    let code = line.fields[0];
    if !is_event_code(code) {
        return Err(line.error(format!("{code:?} is not a CAMEO event code")));
    }
    if line.fields[1].is_empty() {
        return Err(line.error("the PLOVER type is empty"));
    }
    let plover = Plover {
        event_type: line.fields[1].to_string(),
        mode: optional(line.fields[2]),
        context: optional(line.fields[3]),
    };
    lex.plover.insert(code.to_string(), plover);
    Ok(())
}

fn parse_country(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(4, "ISO3 | NAMES | ADJECTIVES | CAPITALS")?;
    let iso3 = line.fields[0];
    if iso3.len() != 3 || !is_actor_code(iso3) {
        return Err(line.error(format!("{iso3:?} is not a three-letter upper-case country code")));
    }
    let names = line.phrases(1);
    if names.is_empty() {
        return Err(line.error("a country needs at least one name"));
    }
    lex.countries.push(Country {
        iso3: iso3.to_string(),
        names,
        adjectives: line.phrases(2),
        capitals: line.phrases(3),
        origin: line.origin.clone(),
    });
    Ok(())
}

fn parse_organization(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    if line.fields.len() != 3 {
        line.expect_fields(2, "CODE | NAMES [| ROLES]")?;
    }
    let code = line.fields[0];
    if !is_actor_code(code) {
        return Err(line.error(format!("{code:?} is not an upper-case actor code")));
    }
    let names = line.phrases(1);
    if names.is_empty() {
        return Err(line.error("an organization needs at least one name"));
    }
    // A group whose role changed (rebels who took power) lists dated roles.
    let roles = match line.fields.get(2) {
        Some(field) => list(field).map(|item| parse_role(line, item)).collect::<Result<Vec<_>, _>>()?,
        None => vec![DatedCode { code: code.to_string(), from: None, to: None }],
    };
    lex.actors.push(Actor { names, roles, is_person: false, origin: line.origin.clone() });
    Ok(())
}

fn parse_person(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(2, "NAMES | ROLES")?;
    let names = line.phrases(0);
    if names.is_empty() {
        return Err(line.error("a person needs at least one name"));
    }
    let roles = list(line.fields[1]).map(|item| parse_role(line, item)).collect::<Result<Vec<_>, _>>()?;
    if roles.is_empty() {
        return Err(line.error("a person needs at least one role `CODE FROM..TO`"));
    }
    lex.actors.push(Actor { names, roles, is_person: true, origin: line.origin.clone() });
    Ok(())
}

/// `USAGOV 2021-01-20..2025-01-19`, `USAELI ..2009`, `RUSGOV 2012-05..`, `USAGOV`.
fn parse_role(line: &Line, item: &str) -> Result<DatedCode, LexiconError> {
    let mut parts = item.split_whitespace();
    let code = parts.next().unwrap_or_default();
    if !is_actor_code(code) {
        return Err(line.error(format!("{code:?} is not an upper-case actor code")));
    }
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(range) => {
            let (a, b) = range
                .split_once("..")
                .ok_or_else(|| line.error(format!("expected a date range FROM..TO, found {range:?}")))?;
            (parse_date(line, a, false)?, parse_date(line, b, true)?)
        }
    };
    if parts.next().is_some() {
        return Err(line.error(format!("unexpected text after the role {item:?}")));
    }
    Ok(DatedCode { code: code.to_string(), from, to })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial date is the first day of its
/// period, or the last when it ends a range.
fn parse_date(line: &Line, s: &str, end: bool) -> Result<Option<NaiveDate>, LexiconError> {
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || line.error(format!("{s:?} is not a date YYYY, YYYY-MM or YYYY-MM-DD"));
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            if end { NaiveDate::from_ymd_opt(y, 12, 31) } else { NaiveDate::from_ymd_opt(y, 1, 1) }
        }
        [y, m] => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
            if end {
                let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
                next.and_then(|d| d.pred_opt())
            } else {
                Some(first)
            }
        }
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    };
    date.map(Some).ok_or_else(bad)
}

fn parse_agent(line: &Line, shape: &str) -> Result<Agent, LexiconError> {
    line.expect_fields(2, shape)?;
    let code = line.fields[0];
    if !is_actor_code(code) {
        return Err(line.error(format!("{code:?} is not an upper-case code")));
    }
    let words = line.phrases(1);
    if words.is_empty() {
        return Err(line.error("no words given"));
    }
    Ok(Agent { code: code.to_string(), words, prefix: false, origin: line.origin.clone() })
}

fn parse_synset(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(2, "&NAME | PHRASES")?;
    let name = line.fields[0]
        .strip_prefix('&')
        .filter(|n| !n.is_empty())
        .ok_or_else(|| line.error(format!("a synset name starts with &, found {:?}", line.fields[0])))?;
    let phrases = line.phrases(1);
    if phrases.is_empty() {
        return Err(line.error("a synset needs at least one phrase"));
    }
    let synset = Synset { name: name.to_string(), phrases, origin: line.origin.clone() };
    if lex.synsets.insert(name.to_string(), synset).is_some() {
        return Err(line.error(format!("synset &{name} is defined twice")));
    }
    Ok(())
}

fn parse_verb_line(lex: &mut Lexicon, line: &Line, content: &str, current: &mut Option<usize>) -> Result<(), LexiconError> {
    if let Some(head) = content.strip_prefix('@') {
        let mut words = head.split_whitespace();
        let lemma = words.next().ok_or_else(|| line.error("`@` must be followed by a verb"))?.to_lowercase();
        let mut forms = inflections(&lemma);
        for w in words {
            let w = w.to_lowercase();
            if !forms.contains(&w) {
                forms.push(w);
            }
        }
        if let Some(existing) = lex.verbs.iter().position(|v| v.lemma == lemma) {
            return Err(line.error(format!("verb @{lemma} is already defined at line {}", lex.verbs[existing].origin.line)));
        }
        lex.verbs.push(Verb { lemma, forms, patterns: Vec::new(), origin: line.origin.clone() });
        *current = Some(lex.verbs.len() - 1);
        return Ok(());
    }
    let index = current.ok_or_else(|| line.error("a pattern must follow a verb line `@lemma`"))?;
    let (code, pattern) = content
        .split_once(char::is_whitespace)
        .ok_or_else(|| line.error("expected `CODE PATTERN`"))?;
    // `---` (as in TABARI): the pattern matches and codes nothing, so that a
    // reading that is no event ("released a report") stops a broader pattern.
    if !is_event_code(code) && code != NULL_CODE {
        return Err(line.error(format!("{code:?} is not a CAMEO event code (or `---`, no event)")));
    }
    let elements = parse_pattern(line, pattern.trim())?;
    let origin = line.origin.clone();
    lex.verbs[index].patterns.push(Pattern { code: code.to_string(), reverse: None, elements, text: pattern.trim().to_string(), origin });
    Ok(())
}

/// Parses the token list of a pattern (see FORMAT.md).
fn parse_pattern(line: &Line, pattern: &str) -> Result<Vec<PatternElement>, LexiconError> {
    let mut elements = Vec::new();
    for token in pattern.split_whitespace() {
        let element = match token {
            "*" => PatternElement::Verb,
            "+" => PatternElement::Target,
            "$" => PatternElement::Source,
            ".." => PatternElement::Gap,
            t if t.starts_with('&') => PatternElement::Synset(t[1..].to_string()),
            t => {
                let alts: Vec<Vec<String>> = t.split('|').map(parley_text::norms).filter(|a| !a.is_empty()).collect();
                if alts.is_empty() {
                    return Err(line.error(format!("empty word in pattern at {t:?}")));
                }
                PatternElement::Words(alts)
            }
        };
        elements.push(element);
    }
    let verbs = elements.iter().filter(|e| **e == PatternElement::Verb).count();
    if verbs != 1 {
        return Err(line.error(format!("a pattern needs exactly one `*` (the verb), found {verbs}")));
    }
    Ok(elements)
}

fn parse_cue(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(2, "KIND | PHRASES")?;
    let kind = CueKind::parse(line.fields[0]).ok_or_else(|| line.error(format!("unknown cue kind {:?}", line.fields[0])))?;
    lex.cues.push(Cue { kind, phrases: line.phrases(1), origin: line.origin.clone() });
    Ok(())
}

fn parse_place(lex: &mut Lexicon, line: &Line) -> Result<(), LexiconError> {
    line.expect_fields(5, "NAMES | ISO3 | LAT | LON | KIND")?;
    let coordinate = |field: usize, limit: f64| {
        line.fields[field]
            .parse::<f64>()
            .ok()
            .filter(|v| v.abs() <= limit)
            .ok_or_else(|| line.error(format!("{:?} is not a coordinate within ±{limit}", line.fields[field])))
    };
    let kind = match line.fields[4] {
        "country" => PlaceKind::Country,
        "capital" => PlaceKind::Capital,
        "city" => PlaceKind::City,
        "region" => PlaceKind::Region,
        other => return Err(line.error(format!("place kind {other:?} is not country, capital, city or region"))),
    };
    let place = Place {
        names: line.phrases(0),
        iso3: line.fields[1].to_string(),
        lat: coordinate(2, 90.0)?,
        lon: coordinate(3, 180.0)?,
        kind,
        origin: line.origin.clone(),
    };
    lex.places.push(place);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        lex.add_file(name, text)?;
        Ok(lex)
    }

    #[test]
    fn reads_codes_with_comments() {
        let lex = load("cameo.txt", "# table\n028 | 4.0 | Appeal for mediation  # inline\n").unwrap();
        assert_eq!(lex.codes["028"].goldstein, 4.0);
        assert_eq!(lex.codes["028"].name, "Appeal for mediation");
    }

    #[test]
    fn errors_name_file_line_and_expectation() {
        let err = load("cameo.txt", "01 | 0 | ok\n\n2x | 1 | bad\n").unwrap_err();
        assert_eq!(err.to_string(), "cameo.txt:3: \"2x\" is not a CAMEO event code (2 to 4 digits, root 01-20)");
        let err = load("people.txt", "Joe Biden | USAGOV 2021-13-01..\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("2021-13-01"), "{err}");
        let err = load("countries.txt", "USA | United States\n").unwrap_err();
        assert!(err.message.contains("expected 4 fields"), "{err}");
    }

    #[test]
    fn people_carry_dated_roles() {
        let lex = load("people.txt", "Joe Biden; Biden | USAELI ..2021-01-19; USAGOV 2021-01-20..2025-01-19; USAELI 2025-01-20..\n").unwrap();
        let biden = &lex.actors[0];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(biden.code_on(day("2022-06-01")), Some("USAGOV"));
        assert_eq!(biden.code_on(day("2019-06-01")), Some("USAELI"));
        assert_eq!(biden.code_on(None), Some("USAELI"));
    }

    #[test]
    fn organizations_may_change_role_over_time() {
        let lex = load("organizations.txt", "AFGREB | Taliban | AFGREB ..2021-08-14; AFGGOV 2021-08-15..\nIGOUNO | United Nations\n").unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(lex.actors[0].code_on(day("2010-01-01")), Some("AFGREB"));
        assert_eq!(lex.actors[0].code_on(day("2023-01-01")), Some("AFGGOV"));
        assert_eq!(lex.actors[1].code_on(None), Some("IGOUNO"));
    }

    #[test]
    fn verbs_get_inflections_and_patterns() {
        let lex = load("verbs.txt", "@hold held\n046 * talks\n@accuse\n112 *\n1121 * + of &CRIME\n").unwrap();
        assert!(lex.verbs[0].forms.contains(&"held".to_string()));
        assert!(lex.verbs[1].forms.contains(&"accused".to_string()));
        let p = &lex.verbs[1].patterns[1];
        assert_eq!(p.elements[1], PatternElement::Target);
        assert_eq!(p.elements[3], PatternElement::Synset("CRIME".into()));
    }

    #[test]
    fn pattern_needs_a_verb_and_a_block() {
        assert!(load("verbs.txt", "112 *\n").unwrap_err().message.contains("must follow"));
        assert!(load("verbs.txt", "@accuse\n112 of crimes\n").unwrap_err().message.contains("exactly one `*`"));
    }

    #[test]
    fn phrase_case_decides_strictness() {
        assert_eq!(Phrase::new("US").case, Case::Upper);
        assert_eq!(Phrase::new("Jordan").case, Case::Capitalized);
        assert_eq!(Phrase::new("army").case, Case::Any);
    }
}
