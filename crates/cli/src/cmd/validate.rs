//! `parley validate`: runs a PETRARCH validation file and compares.
//!
//! The file's `<Environment>` names the dictionaries (looked up in the
//! `--dictionaries` folder); every record is coded from its `<Text>` alone
//! (the `<Parse>` is ignored) and its events compared with the expected
//! `<EventCoding>`s as a set of (source, target, event) triples. As in
//! PETRARCH's default configuration (`require_dyad`), only events with both a
//! source and a target count; where a `<Config option="require_dyad"
//! value="false">` has turned that off, an event with one actor counts too,
//! the missing one written `---`. A code with `/` (`[FRO/BIL/SAM]`) stands
//! for each of its actors. A record expecting `noevents` (or nothing) passes when nothing
//! is coded; one expecting `error="storydiscard"`/`"sentencediscard"` when
//! such a discard phrase is in its text and nothing is coded; other errors
//! (`dateline`, `bad_input_parse`) when nothing is coded. Records of a
//! category the `<Include>` list lacks are skipped.

use crate::petrarch::{self, Expected, Record};
use crate::Outcome;
use parley::{Coder, Event, Lexicon, Options};
use parley_lexicon::tabari::{DictionarySet, Discard, Kind};
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// A PETRARCH validation file (XML with `<Environment>` and expected `<EventCoding>`s).
    file: PathBuf,
    /// The folder holding the dictionaries the file's `<Environment>` names.
    #[arg(long, value_name = "DIR")]
    dictionaries: PathBuf,
    /// Also list the records that passed.
    #[arg(long)]
    verbose: bool,
    /// Only the records whose id starts with this.
    #[arg(long, value_name = "PREFIX")]
    only: Option<String>,
}

type Triple = (String, String, String);

/// The outcome of a validation run.
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Records that could not be read (each reported on standard error with its line).
    pub unreadable: usize,
    /// A report of each failure (and, verbose, of each pass).
    pub report: String,
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let summary = validate(&args.file, &args.dictionaries, args.verbose, args.only.as_deref())?;
    print!("{}", summary.report);
    println!("{} passed, {} failed, {} skipped", summary.passed, summary.failed, summary.skipped);
    Ok(if summary.failed == 0 && summary.unreadable == 0 { Outcome::Done } else { Outcome::Skipped })
}

/// Runs the validation file `file` with the dictionaries of `dir`.
pub fn validate(file: &std::path::Path, dir: &std::path::Path, verbose: bool, only: Option<&str>) -> Result<Summary, String> {
    let name = file.display().to_string();
    let xml = std::fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
    let parsed = petrarch::parse(&name, &xml)?;
    let env = &parsed.environment;
    let mut set = DictionarySet::default();
    for (kind, names) in [(Kind::Verbs, &env.verbs), (Kind::Actors, &env.actors), (Kind::Agents, &env.agents), (Kind::Discards, &env.discards)] {
        set.files.extend(names.iter().map(|n| (kind, dir.join(n))));
    }
    if env.verbs.is_empty() || env.actors.is_empty() {
        return Err(format!("{name}: its <Environment> names no <Verbfile> or no <Actorfile>"));
    }
    let lexicon = Lexicon::from_tabari(&set, false).map_err(|e| format!("lexicon error: {e}"))?;
    for w in &lexicon.warnings {
        eprintln!("parley: warning: {w}");
    }
    // As PETRARCH codes with its dictionaries: "said" is a verb like any other.
    let coder = Coder::new(lexicon).with_options(Options { keep_negated: true }).with_reports_as_events(true).with_statements_as_actions(true);
    let mut summary = Summary { passed: 0, failed: 0, skipped: 0, unreadable: parsed.errors.len(), report: String::new() };
    for e in &parsed.errors {
        eprintln!("parley: {e} (skipped)");
    }
    for record in &parsed.records {
        if only.is_some_and(|p| !record.id.starts_with(p)) {
            continue;
        }
        if !env.include.is_empty() && !env.include.contains(&record.category) {
            summary.skipped += 1;
            continue;
        }
        let events = coder.code(&record.document());
        let got = triples(&events, record.require_dyad);
        let ok = match &record.expected {
            Expected::Events(expected) => {
                let expected: BTreeSet<Triple> = expected.iter().flat_map(|(s, t, e)| split(s, t, e)).collect();
                got == expected
            }
            Expected::Error(kind) => {
                let found = match kind.as_str() {
                    "storydiscard" => coder.lexicon().discard_in(&record.text) == Some(Discard::Story),
                    "sentencediscard" => coder.lexicon().discard_in(&record.text) == Some(Discard::Sentence),
                    _ => true,
                };
                found && got.is_empty()
            }
        };
        if ok {
            summary.passed += 1;
            if verbose {
                summary.report.push_str(&format!("ok   {}\n", record.id));
            }
        } else {
            summary.failed += 1;
            summary.report.push_str(&failure(&name, record, &got, &events));
        }
    }
    Ok(summary)
}

/// The (source, target, event) triples of the events with both actors, or,
/// without `require_dyad`, with at least one (the other written `---`).
fn triples(events: &[Event], require_dyad: bool) -> BTreeSet<Triple> {
    fn code(a: &Option<parley::ActorRef>) -> Option<&str> {
        a.as_ref().map(|a| a.code.as_str())
    }
    events
        .iter()
        .filter_map(|e| match (code(&e.source), code(&e.target)) {
            (Some(s), Some(t)) => Some((s, t, e)),
            (s, t) if !require_dyad && (s.is_some() || t.is_some()) => Some((s.unwrap_or("---"), t.unwrap_or("---"), e)),
            _ => None,
        })
        .flat_map(|(s, t, e)| split(s, t, &e.cameo))
        .collect()
}

/// `FRO/BIL` stands for each of its actors.
fn split(s: &str, t: &str, e: &str) -> Vec<Triple> {
    let mut out = Vec::new();
    for s in s.split('/') {
        for t in t.split('/') {
            out.push((s.to_string(), t.to_string(), e.to_string()));
        }
    }
    out
}

fn show(set: &BTreeSet<Triple>) -> String {
    if set.is_empty() {
        return "(no events)".into();
    }
    set.iter().map(|(s, t, e)| format!("{s} {t} {e}")).collect::<Vec<_>>().join("; ")
}

fn failure(file: &str, record: &Record, got: &BTreeSet<Triple>, events: &[Event]) -> String {
    let expected = match &record.expected {
        Expected::Events(v) => show(&v.iter().flat_map(|(s, t, e)| split(s, t, e)).collect()),
        Expected::Error(kind) => format!("error {kind} (no events)"),
    };
    let mut out = format!(
        "FAIL {} [{}] {file}:{}\n  text:     {}\n  expected: {expected}\n  got:      {}\n",
        record.id,
        record.category,
        record.line,
        record.text,
        show(got)
    );
    for e in events {
        let code = |a: &Option<parley::ActorRef>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
        out.push_str(&format!("    {} {} {} ({}): {}\n", code(&e.source), code(&e.target), e.cameo, e.verb.text, e.lexicon.join(" | ")));
    }
    out
}
