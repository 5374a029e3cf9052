//! Countries that no dictionary holds, found from how the document speaks of them.
//!
//! A report about "Valdoria" names it the way news names any state: "Valdoria's
//! army", "the Valdorian government", "the government of Valdoria". A careful
//! reader who has never heard of Valdoria still knows it is a country, and that
//! "Valdorian troops", "Valdoria" and, later, "the army" are the same side. The
//! lexicon cannot hold such names, so they are read off the document before its
//! sentences are coded:
//!
//! 1. Every capitalised word that no lexicon phrase covers is a candidate.
//! 2. A candidate is a country when a frame only states fill says so:
//!    - its possessive before a state agent ("Valdoria's army", "Osmara's President");
//!    - an adjective form before a state agent ("Kestrian junta", "Gostravan
//!      diplomats"), when its country's name is in the document or the adjective
//!      has a demonym's ending (-ian, -an, -i, -ese, -ish);
//!    - a state agent "of" it ("the government of Drovnia").
//!
//!    Weaker signs count only two together: a country-like ending ("-ia",
//!    "-land", "-stan"), being joined to a known country ("between Tazeria and
//!    Lunmark", "the Tazeria-Lunmark row") or to a name this reading proves a
//!    country ("Elvonia and Yarmesh", each time), and a possessive before any
//!    agent.
//! 3. The name and its adjective forms ("Valdoria", "Valdorian", "Valdorians")
//!    become one provisional country, coded `X-VALDORIA`; its agents are
//!    `X-VALDORIA-MIL`, `X-VALDORIA-GOV`, in the shape of `X-COUNTRY-X-GOV`.
//!
//! A word preceded by another capitalised word ("Iyad Allawi's government") is
//! part of a person's name, not a country.
//!
//! The same table keeps the document's groups no dictionary holds by their
//! initials, read as the sentences are: "the Popular Front for the Liberation
//! of Ostra" named once, "the PFLO" later is the same actor with the same code.

use crate::find::{Mention, MentionKind};
use crate::Role;
use parley_text::{PhraseTrie, Token};

/// The provisional countries of one document and every form that names them.
#[derive(Clone, Debug, Default)]
pub struct DocumentNames {
    forms: PhraseTrie<Form>,
    /// Each country's name and the evidence that made it one, for `--explain`.
    found: Vec<(String, String)>,
    /// Groups no dictionary holds named so far, by their initials ("PFLO").
    acronyms: Vec<(String, Mention)>,
    /// People of the lexicon the report names in full, by their last name
    /// ("powell" for "Colin Powell"); a last name two of them share is left out.
    /// With each, the first name ("colin"), for a first name after a title of
    /// address ("Mr Anwar" for "Anwar Ibrahim"), as news writes many names;
    /// empty where two of them share it.
    surnames: Vec<(String, String, Mention)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Form {
    /// The provisional code, `X-VALDORIA`.
    pub(crate) code: String,
    /// The name as the document writes it ("Valdoria").
    pub(crate) name: String,
    pub(crate) adjective: bool,
    pub(crate) plural: bool,
    pub(crate) evidence: String,
}

/// One sentence as the discovery reads it: its text, tokens and dictionary pieces.
pub struct SentencePieces<'a> {
    /// The sentence's text; token offsets point into it.
    pub text: &'a str,
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// What the lexicon found in it (before composition).
    pub pieces: &'a [Mention],
}

impl DocumentNames {
    /// No provisional countries: what a single sentence out of context has.
    pub fn none() -> DocumentNames {
        DocumentNames::default()
    }

    /// The provisional countries and the evidence for each, in order of discovery.
    pub fn found(&self) -> &[(String, String)] {
        &self.found
    }

    /// Remembers the provisional groups of a sentence by their initials, for
    /// the sentences after it.
    /// Initials are read both ways news writes them: of the capitalised words
    /// ("PFLO" for the Popular Front for the Liberation of Ostra) and of every
    /// word but "the" ("RFR" for the Rally for Renewal).
    pub(crate) fn remember_names(&mut self, mentions: &[Mention]) {
        for m in mentions.iter().filter(|m| m.kind == MentionKind::Provisional && m.country.is_none()) {
            let words: Vec<&str> = m.name.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
            let initials = |keep: &dyn Fn(&str) -> bool| -> String {
                words.iter().filter(|w| keep(w)).filter_map(|w| w.chars().next()).map(|c| c.to_ascii_uppercase()).collect()
            };
            let capitals = initials(&|w| w.chars().next().is_some_and(char::is_uppercase));
            let all_but_the = initials(&|w| !w.eq_ignore_ascii_case("the"));
            for initials in [capitals, all_but_the] {
                if initials.chars().count() >= 2 && !self.acronyms.iter().any(|(a, _)| *a == initials) {
                    self.acronyms.push((initials, m.clone()));
                }
            }
        }
    }

    /// The group whose initials the capitals token `t` is ("PFLO"), if one was named.
    pub(crate) fn acronym(&self, t: &Token, text: &str) -> Option<&Mention> {
        if !t.all_caps || !t.is_word() {
            return None;
        }
        let word = t.text(text);
        self.acronyms.iter().find(|(a, _)| a == word).map(|(_, m)| m)
    }

    /// The person of the lexicon the report names in full whose last name the
    /// token is ("Powell" after "Colin Powell").
    pub(crate) fn person_by_surname(&self, t: &Token) -> Option<&Mention> {
        self.surnames.iter().find(|(n, _, _)| *n == t.norm).map(|(_, _, m)| m)
    }

    /// The person of the lexicon the report names in full whose first name
    /// the token is ("Anwar" after "Anwar Ibrahim"): only after a title of
    /// address ("Mr Anwar") is a first name alone the person.
    pub(crate) fn person_by_given_name(&self, t: &Token) -> Option<&Mention> {
        self.surnames.iter().find(|(_, f, _)| !f.is_empty() && *f == t.norm).map(|(_, _, m)| m)
    }

    /// The country form that starts at token `i`, with its length.
    pub(crate) fn form_at<'a>(&'a self, tokens: &'a [Token], i: usize) -> Option<(usize, &'a Form)> {
        if self.forms.is_empty() {
            return None;
        }
        self.forms.longest_at(tokens, i, |_, t| t[0].capitalized).and_then(|(len, forms)| forms.first().map(|f| (len, f)))
    }

    /// Reads a document's sentences for countries no dictionary holds.
    pub fn discover(sentences: &[SentencePieces<'_>]) -> DocumentNames {
        // Candidate words by their norm: (surface, strong evidence, weak score).
        let mut candidates: Vec<Candidate> = Vec::new();
        for s in sentences {
            let tokens = s.tokens;
            // The first piece over each token.
            let mut covered: Vec<Option<&Mention>> = vec![None; tokens.len()];
            for p in s.pieces.iter().rev() {
                covered[p.tokens.clone()].fill(Some(p));
            }
            // A frame with a state agent ([`Role::is_state_agent`]) is said only of states.
            let agent_role_at = |i: usize| -> Option<Role> {
                covered.get(i).copied().flatten().filter(|p| p.kind == MentionKind::Agent && p.country.is_none()).and_then(|p| p.role)
            };
            let known_country_at = |i: usize| covered.get(i).copied().flatten().is_some_and(|p| p.kind == MentionKind::Country);
            for i in 0..tokens.len() {
                let t = &tokens[i];
                if !is_candidate(tokens, i) || covered[i].is_some() {
                    continue;
                }
                // "Iyad Allawi's": a capitalised word before it makes a person's name;
                // the first word of the sentence may be capitalised for that alone.
                let after_name = i > 0 && tokens[i - 1].capitalized && tokens[i - 1].is_word() && !sentence_opener(tokens, i - 1);
                let before_name = tokens.get(i + 1).is_some_and(|n| n.capitalized && n.is_word());
                if after_name {
                    continue;
                }
                let surface = t.text(s.text).to_string();
                let mut strong = None;
                let mut weak = 0;
                // Possessive + agent, perhaps after a modifier or two ("Ombaya's interior ministry").
                if tokens.get(i + 1).is_some_and(|n| n.norm == "'s") {
                    if let Some(role) = (i + 2..(i + 5).min(tokens.len())).find_map(agent_role_at) {
                        if role.is_state_agent() {
                            strong = Some(format!("{surface}'s {}", tokens_text(s.text, tokens, i + 2, i + 5)));
                        } else {
                            weak += 1;
                        }
                    }
                }
                // Adjective + state agent ("Kestrian junta", "Valdorian artillery").
                let demonym = ["ian", "an", "i", "ese", "ish"].iter().any(|e| t.norm.ends_with(e));
                if demonym && !before_name {
                    if let Some(role) = agent_role_at(i + 1) {
                        if role.is_state_agent() {
                            strong = strong.or_else(|| Some(format!("{surface} {}", tokens_text(s.text, tokens, i + 1, i + 3))));
                        }
                    }
                }
                // A name right before an agent ("Marivel opposition", "Kestria police")
                // is a weak sign, as its possessive before any agent is; counted once
                // a document, since a people or a number stands there as often
                // ("Gurkha soldiers", "Four men"). Before a medium ("the Petra news
                // agency", "the Anatolia news agency") a name is the medium's own.
                let before_agent = agent_role_at(i + 1).is_some_and(|r| r != Role::MED) && !demonym;
                // "the government of Drovnia", "the army of Valdoria".
                let of_before = i >= 2 && matches!(tokens[i - 1].norm.as_str(), "of")
                    && agent_role_at(i - 2).is_some_and(Role::is_state_agent);
                if of_before && !before_name {
                    strong = strong.or_else(|| Some(format!("{} of {surface}", tokens[i - 2].text(s.text))));
                }
                // Weak signs.
                if ["ia", "land", "stan"].iter().any(|e| t.norm.ends_with(e)) && t.norm.len() >= 5 {
                    weak += 1;
                }
                let joined_to_country = |k: Option<usize>| k.is_some_and(known_country_at);
                let before = i.checked_sub(2).filter(|&k| matches!(tokens[k + 1].norm.as_str(), "and" | "-" | "or"));
                let after = (i + 2 < tokens.len() && matches!(tokens[i + 1].norm.as_str(), "and" | "-" | "or")).then_some(i + 2);
                if joined_to_country(before) || joined_to_country(after) {
                    weak += 1;
                }
                // Joined to another unknown word, which may prove a country below.
                let partners: Vec<String> = [before, after]
                    .into_iter()
                    .flatten()
                    .filter(|&k| covered[k].is_none() && is_candidate(tokens, k))
                    .map(|k| tokens[k].norm.to_string())
                    .collect();
                let entry = match candidates.iter_mut().find(|c| c.norm == t.norm) {
                    Some(c) => c,
                    None => {
                        candidates.push(Candidate { norm: t.norm.to_string(), surface, strong: None, weak: 0, before_agent: false, partners: Vec::new() });
                        candidates.last_mut().expect("just pushed")
                    }
                };
                if entry.strong.is_none() {
                    entry.strong = strong;
                }
                entry.weak += weak;
                entry.before_agent |= before_agent;
                entry.partners.extend(partners);
            }
        }
        // Being joined to a country found here ("the foreign ministers of
        // Elvonia and Yarmesh", with "Elvonian" proving Elvonia) is joined to a
        // country too: repeated until nothing more is found.
        for c in &mut candidates {
            c.weak += usize::from(c.before_agent);
        }
        let mut proven: Vec<bool> = candidates.iter().map(|c| c.strong.is_some() || c.weak >= 2).collect();
        loop {
            let is_country = |norm: &str, proven: &[bool]| {
                candidates.iter().zip(proven).any(|(c, &p)| p && (c.norm == norm || adjective_of(norm, &c.norm) || adjective_of(&c.norm, norm)))
            };
            let newly: Vec<usize> = (0..candidates.len())
                .filter(|&k| !proven[k])
                .filter(|&k| candidates[k].weak + candidates[k].partners.iter().filter(|p| is_country(p, &proven)).count() >= 2)
                .collect();
            if newly.is_empty() {
                break;
            }
            for k in newly {
                proven[k] = true;
            }
        }
        // Two words that are one country: the name and its adjective forms.
        let names: Vec<&Candidate> = candidates.iter().zip(&proven).filter(|(_, &p)| p).map(|(c, _)| c).collect();
        let mut out = DocumentNames { surnames: surnames(sentences), ..DocumentNames::default() };
        let mut taken: Vec<&str> = Vec::new();
        for c in &names {
            if taken.contains(&c.norm.as_str()) {
                continue;
            }
            // The country's name: this word, or the name its adjective comes from.
            let (name_norm, name) = match candidates.iter().find(|n| n.norm != c.norm && adjective_of(&n.norm, &c.norm)) {
                Some(n) => (n.norm.clone(), n.surface.clone()),
                // "Corran" looks like an adjective, but "Corranese" in the same
                // report is its own: then it is the name.
                None if c.strong.is_some() && looks_adjectival(&c.norm) && !candidates.iter().any(|n| adjective_of(&c.norm, &n.norm)) => {
                    let stem = name_from_adjective(&c.surface);
                    (stem.to_lowercase(), stem)
                }
                None => (c.norm.clone(), c.surface.clone()),
            };
            let code = format!("X-{}", slug(&name));
            let evidence = c.strong.clone().unwrap_or_else(|| format!("{} (a country's name and company)", c.surface));
            out.found.push((name.clone(), evidence.clone()));
            // Every form the document uses, and the regular ones it may use later.
            let mut forms: Vec<(String, bool)> = vec![(name_norm.clone(), false)];
            for n in &candidates {
                if adjective_of(&name_norm, &n.norm) {
                    forms.push((n.norm.clone(), true));
                }
            }
            for suffix in ["n", "an", "ian", "i", "ese", "ish"] {
                let form = format!("{name_norm}{suffix}");
                if !forms.iter().any(|(f, _)| *f == form) {
                    forms.push((form, true));
                }
            }
            for (form, adjective) in forms {
                taken.extend(candidates.iter().filter(|n| n.norm == form).map(|n| n.norm.as_str()));
                let plural = format!("{form}s");
                let value = |plural| Form { code: code.clone(), name: name.clone(), adjective, plural, evidence: evidence.clone() };
                if adjective {
                    out.forms.insert(&[plural], value(true));
                }
                out.forms.insert(&[form], value(false));
            }
        }
        out
    }
}

/// The last names of the lexicon's people that the report names in full
/// ("Colin Powell"), each with the person's mention; a last name that two
/// different people share stands for neither; with each, the first name.
fn surnames(sentences: &[SentencePieces<'_>]) -> Vec<(String, String, Mention)> {
    let mut found: Vec<(String, String, Mention)> = Vec::new();
    let mut shared: Vec<String> = Vec::new();
    for s in sentences {
        for p in s.pieces.iter().filter(|p| p.kind == MentionKind::Person && p.tokens.len() >= 2) {
            let last = &s.tokens[p.tokens.end - 1];
            if !last.capitalized || !last.is_word() || last.norm.len() < 3 {
                continue;
            }
            remember_surname(&mut found, &mut shared, &last.norm, |o| o.code == p.code, || {
                let first = &s.tokens[p.tokens.start];
                let first = if first.capitalized && first.is_word() && first.norm.len() >= 3 { first.norm.to_string() } else { String::new() };
                (first, p.clone())
            });
        }
    }
    // "President Davit Rosko": a singular title before a first and a last
    // name no dictionary holds names the person as well ("Rosko's office
    // said" later). Not in a headline, where every word has a capital.
    for s in sentences {
        let owned = |i: usize| s.pieces.iter().any(|p| p.tokens.contains(&i));
        let name_word = |i: usize| {
            s.tokens.get(i).is_some_and(|t| t.capitalized && t.is_word() && !t.all_caps && !crate::find::is_function_word(&t.norm)) && !owned(i)
        };
        for p in s.pieces.iter().filter(|p| p.kind == MentionKind::Agent && !p.plural && !p.tokens.is_empty()) {
            let (first, last) = (p.tokens.end, p.tokens.end + 1);
            if !(s.tokens[p.tokens.end - 1].capitalized && name_word(first) && name_word(last) && !name_word(last + 1)) {
                continue;
            }
            if crate::find::headline_like(s.tokens) {
                break;
            }
            let surname = &s.tokens[last];
            if surname.norm.len() < 3 || !surname.norm.chars().all(char::is_alphabetic) {
                continue;
            }
            let mut m = p.clone();
            m.tokens = p.tokens.start..last + 1;
            m.name = s.text[s.tokens[p.tokens.start].start..surname.end].to_string();
            // No first name: "Mr Davit" is read only for the lexicon's people.
            remember_surname(&mut found, &mut shared, &surname.norm, |o| o.name == m.name, || (String::new(), m.clone()));
        }
    }
    found.retain(|(n, _, _)| !shared.contains(n));
    // A first name two of them share ("Ali") names neither.
    let twice: Vec<bool> = (0..found.len()).map(|k| found.iter().enumerate().any(|(j, o)| j != k && o.1 == found[k].1)).collect();
    for (f, twice) in found.iter_mut().zip(twice) {
        if twice {
            f.1.clear();
        }
    }
    found
}

/// Notes a person by `last` name, with the first name (or none) and mention
/// `entry` makes: a last name already noted for another person (`same` says
/// whether it is this one) is `shared`, and stands for neither.
fn remember_surname(
    found: &mut Vec<(String, String, Mention)>,
    shared: &mut Vec<String>,
    last: &str,
    same: impl Fn(&Mention) -> bool,
    entry: impl FnOnce() -> (String, Mention),
) {
    match found.iter().find(|(n, _, _)| n == last) {
        Some((_, _, o)) if !same(o) => shared.push(last.to_string()),
        Some(_) => {}
        None => {
            let (first, m) = entry();
            found.push((last.to_string(), first, m));
        }
    }
}

struct Candidate {
    norm: String,
    surface: String,
    strong: Option<String>,
    weak: usize,
    /// Named right before an agent somewhere: one weak sign however often.
    before_agent: bool,
    /// The unknown words it is joined to ("Elvonia and Yarmesh"), once per joint.
    partners: Vec<String>,
}

/// A capitalised word of letters only, not a function word, not in capitals
/// (a dateline city, an acronym), at least four letters long.
fn is_candidate(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.is_word()
        && t.capitalized
        && !t.all_caps
        && t.norm.len() >= 4
        && t.norm.chars().all(|c| c.is_alphabetic())
        && !crate::find::is_function_word(&t.norm)
}

/// Whether the token at `i` is the first word of its sentence or after an
/// opening dash or quote, capitalised for its position alone.
pub(crate) fn sentence_opener(tokens: &[Token], i: usize) -> bool {
    i == 0 || matches!(tokens[i - 1].norm.as_str(), "-" | "\"" | "'" | "(" | ":" | "." | "–" | "—")
}

fn tokens_text<'t>(text: &'t str, tokens: &[Token], from: usize, to: usize) -> &'t str {
    let to = to.min(tokens.len());
    if from >= to {
        return "";
    }
    &text[tokens[from].start..tokens[to - 1].end]
}

/// Whether `adjective` is a demonym of the name `name` ("valdorian" of "valdoria",
/// "lunmarki" of "lunmark", "zembalan" of "zembala").
fn adjective_of(name: &str, adjective: &str) -> bool {
    let Some(rest) = adjective.strip_prefix(name) else { return false };
    matches!(rest, "n" | "an" | "ian" | "i" | "ese" | "ish" | "ns" | "ans" | "ians" | "is")
}

fn looks_adjectival(norm: &str) -> bool {
    ["ian", "an", "i", "ese", "ish"].iter().any(|e| norm.ends_with(e))
}

/// The country's name from its adjective, when the document never writes the
/// name itself: "Zembalan" -> "Zembala", "Valdorian" -> "Valdoria", "Lunmarki" -> "Lunmark".
fn name_from_adjective(adjective: &str) -> String {
    for (ending, keep) in [("ese", ""), ("ish", ""), ("ian", "ia"), ("an", "a"), ("i", "")] {
        if let Some(stem) = adjective.strip_suffix(ending) {
            if stem.len() >= 3 {
                return format!("{stem}{keep}");
            }
        }
    }
    adjective.to_string()
}

/// Upper-case letters and digits joined by `-`: the name part of a provisional code.
pub(crate) fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_uppercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonyms_belong_to_their_names() {
        assert!(adjective_of("valdoria", "valdorian"));
        assert!(adjective_of("lunmark", "lunmarki"));
        assert!(adjective_of("osmara", "osmaran"));
        assert!(!adjective_of("valdoria", "valdorias"));
        assert_eq!(name_from_adjective("Zembalan"), "Zembala");
        assert_eq!(name_from_adjective("Valdorian"), "Valdoria");
        assert_eq!(name_from_adjective("Lunmarki"), "Lunmark");
    }
}
