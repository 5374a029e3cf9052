//! `parley lexicon coverage`: which phrases a TABARI/PETRARCH verb dictionary
//! codes that the lexicon does not.
//!
//! Comparing two dictionaries entry by entry says little: they split verbs,
//! synsets and patterns differently. So every coding pattern of the dictionary
//! (and every verb whose own default codes something) is turned into the
//! smallest sentence it would code ("France rushes aid", "France accuses Iran"),
//! and the lexicon under test codes that sentence with the whole engine. The
//! pattern is *covered* when the coder gives an event of the same CAMEO root,
//! *coded otherwise* when it gives only other roots, and *not coded* when it
//! gives nothing. The sentences are approximations (a gap becomes nothing, a
//! synset its first phrase), so the counts measure breadth, not agreement.
//!
//! A block pattern belongs to every verb of its block; it is tried with the verb
//! its author named in the line's trailing comment (`# RUSH`), else with the
//! block's first verb, so each pattern line counts once.

use super::LexiconArgs;
use crate::Outcome;
use parley::{Coder, Document, Lexicon};
use parley_lexicon::{tabari, PatternElement, Verb, NULL_CODE};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The subject and the target of the test sentences: two countries every
/// lexicon knows and that no pattern word spells.
const SUBJECT: &str = "France";
const TARGET: &str = "Iran";

/// How the lexicon under test codes one dictionary pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Covered,
    CodedOtherwise,
    NotCoded,
}

/// One coding pattern of the dictionary, as a test sentence.
struct Probe {
    /// The dictionary's CAMEO code.
    code: String,
    /// The verb it was tried with, upper case as TABARI writes it.
    verb: String,
    /// Whether the lexicon under test has a verb with this form at all.
    verb_known: bool,
    /// The test sentence with the verb in the present, then in the past: a
    /// pattern counts as covered when either is coded with its root.
    sentences: [String; 2],
    /// `FILE:LINE` of the pattern or verb line.
    origin: String,
}

/// A pattern the lexicon under test does not cover, and the codes it gave instead.
struct Gap<'p> {
    verdict: Verdict,
    probe: &'p Probe,
    given: Vec<String>,
}

/// Counts per CAMEO root and, with `list`, every pattern that is not covered.
pub fn run(dictionary: &Path, lexicon: &LexiconArgs, list: bool) -> Result<Outcome, String> {
    let set = tabari::DictionarySet::from_path(dictionary).map_err(|e| format!("dictionary error: {e}"))?;
    let mut dict = Lexicon::default();
    set.load_into(&mut dict).map_err(|e| format!("dictionary error: {e}"))?;
    let raw = std::fs::read_to_string(dictionary).map_err(|e| format!("{}: {e}", dictionary.display()))?;
    let raw_lines: Vec<&str> = raw.lines().collect();
    let coder = Coder::new(lexicon.load()?);
    let probes = probes(&dict, &raw_lines, coder.lexicon());

    let docs: Vec<Document> =
        probes.iter().flat_map(|p| &p.sentences).enumerate().map(|(i, s)| Document::new(i.to_string(), s.clone())).collect();
    let coded = coder.code_all(&docs);

    // root -> verdict -> count; and the uncovered probes with what the coder gave.
    let mut table: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut gaps: BTreeMap<String, Vec<Gap>> = BTreeMap::new();
    for (probe, both) in probes.iter().zip(coded.chunks(2)) {
        let root = probe.code.get(..2).unwrap_or(&probe.code).to_string();
        let events: Vec<&parley::Event> = both.iter().flatten().collect();
        let mut given: Vec<String> = events.iter().map(|e| e.cameo.clone()).collect();
        given.dedup();
        let verdict = if events.iter().any(|e| e.root == root) {
            Verdict::Covered
        } else if events.is_empty() {
            Verdict::NotCoded
        } else {
            Verdict::CodedOtherwise
        };
        table.entry(root.clone()).or_default()[verdict as usize] += 1;
        if verdict != Verdict::Covered {
            gaps.entry(root).or_default().push(Gap { verdict, probe, given });
        }
    }

    println!("root  patterns  covered  coded-otherwise  not-coded");
    let mut total = [0usize; 3];
    for (root, counts) in &table {
        let n: usize = counts.iter().sum();
        println!("{root:>4}  {n:>8}  {:>7}  {:>15}  {:>9}", counts[0], counts[1], counts[2]);
        for (t, c) in total.iter_mut().zip(counts) {
            *t += c;
        }
    }
    let n: usize = total.iter().sum();
    println!(" all  {n:>8}  {:>7}  {:>15}  {:>9}", total[0], total[1], total[2]);
    let unknown = probes.iter().filter(|p| !p.verb_known).count();
    println!("patterns whose verb the lexicon does not have: {unknown}");

    if list {
        for (root, mut rows) in gaps {
            rows.sort_by(|a, b| (a.verdict, &a.probe.verb).cmp(&(b.verdict, &b.probe.verb)));
            println!("\n== {root}");
            for Gap { verdict, probe, given } in rows {
                let what = match verdict {
                    Verdict::NotCoded if !probe.verb_known => "no verb".to_string(),
                    Verdict::NotCoded => "nothing".to_string(),
                    _ => format!("gave {}", given.join(",")),
                };
                println!("  [{}] {:<40} {:<12} {}  ({})", probe.code, probe.sentences[0], what, probe.verb, probe.origin);
            }
        }
    }
    Ok(Outcome::Done)
}

/// One probe per coding pattern line of the dictionary.
fn probes(dict: &Lexicon, raw_lines: &[&str], under_test: &Lexicon) -> Vec<Probe> {
    let known: HashSet<&str> =
        under_test.verbs.iter().flat_map(|v| v.forms.iter().map(String::as_str)).collect();
    // Pattern line -> the verbs of its block, in file order.
    let mut carriers: BTreeMap<(String, usize), Vec<&Verb>> = BTreeMap::new();
    for verb in &dict.verbs {
        for p in &verb.patterns {
            carriers.entry((p.origin.file.to_string(), p.origin.line)).or_default().push(verb);
        }
    }
    let mut out = Vec::new();
    for ((file, line), verbs) in carriers {
        let named = raw_lines
            .get(line - 1)
            .and_then(|l| l.split_once('#'))
            .and_then(|(_, c)| c.split_whitespace().next())
            .map(|w| w.to_ascii_lowercase());
        let verb = named.and_then(|n| verbs.iter().find(|v| v.lemma == n).copied()).unwrap_or(verbs[0]);
        let Some(pattern) = verb.patterns.iter().find(|p| p.origin.line == line && *p.origin.file == *file) else { continue };
        if pattern.code == NULL_CODE {
            continue;
        }
        out.push(Probe {
            code: pattern.code.clone(),
            verb: verb.lemma.to_ascii_uppercase(),
            verb_known: known.contains(verb.lemma.as_str()),
            sentences: [sentence(&pattern.elements, &third_person(verb), dict), sentence(&pattern.elements, &past(verb), dict)],
            origin: format!("{file}:{line}"),
        });
    }
    out
}

/// The smallest sentence a pattern codes: its words in order, the verb in the
/// form given, the source as [`SUBJECT`] (put first when the pattern has none) and
/// the target as [`TARGET`] (put last when the pattern has none and ends
/// with the verb).
fn sentence(elements: &[PatternElement], verb_form: &str, dict: &Lexicon) -> String {
    let has = |e: &PatternElement| elements.contains(e);
    let mut words: Vec<String> = Vec::new();
    if !has(&PatternElement::Source) && !has(&PatternElement::Compound) {
        words.push(SUBJECT.into());
    }
    for e in elements {
        match e {
            PatternElement::Verb => words.push(verb_form.to_string()),
            PatternElement::Words(alts) => words.extend(alts[0].iter().cloned()),
            PatternElement::Synset(name) => {
                if let Some(phrase) = dict.synsets.get(name).and_then(|s| s.phrases.first()) {
                    words.extend(phrase.norms.iter().cloned());
                }
            }
            PatternElement::Target => words.push(TARGET.into()),
            PatternElement::Source => words.push(SUBJECT.into()),
            PatternElement::Compound => words.push(format!("{SUBJECT} and {TARGET}")),
            PatternElement::Skip => words.push("new".into()),
            PatternElement::Gap | PatternElement::Adjacent => {}
        }
    }
    if !has(&PatternElement::Target) && matches!(elements.last(), Some(PatternElement::Verb)) {
        words.push(TARGET.into());
    }
    let mut s = words.join(" ");
    s.push('.');
    s
}

/// The verb's third person singular ("France sets out its views"): the
/// present needs no irregular past ("set", "cast", "fought") to be known.
fn third_person(verb: &Verb) -> String {
    let lemma = &verb.lemma;
    let regular = [format!("{lemma}s"), format!("{lemma}es"), format!("{}ies", lemma.strip_suffix('y').unwrap_or(lemma))];
    verb.forms.iter().find(|f| regular.contains(f)).cloned().unwrap_or_else(|| regular[0].clone())
}

/// The verb's simple past: a form in `-ed`, else a listed form that is
/// neither the third person nor the gerund, else the lemma.
fn past(verb: &Verb) -> String {
    let forms = &verb.forms;
    let by_suffix = forms.iter().find(|f| f.ends_with("ed") && **f != verb.lemma);
    let irregular = || forms.iter().skip(1).find(|f| !f.ends_with('s') && !f.ends_with("ing"));
    by_suffix.or_else(irregular).unwrap_or(&verb.lemma).clone()
}
