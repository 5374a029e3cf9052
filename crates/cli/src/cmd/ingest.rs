//! `parley ingest`: code news reports and store the events, in one step.
//!
//! Reads the same inputs as `parley code` (the same `Reader`), codes them with
//! the same `Coder`, and writes each batch of documents in one transaction of
//! the store. What is reported as committed is on disk: killing the process
//! loses at most the batch in flight, and the store still opens.

use super::LexiconArgs;
use crate::input::{Format, Reader};
use crate::progress::{Done, Progress};
use crate::Outcome;
use chrono::NaiveDate;
use parley::Options;
use parley_store::{AlertConfig, IngestStats, Store};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Input files; standard input when none is given or for `-`.
    files: Vec<String>,
    /// The store (an SQLite file; created when missing).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input: Format,
    /// The date of documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    date: Option<NaiveDate>,
    /// Also store negated events ("did not attack"), with mode "negated".
    #[arg(long)]
    keep_negated: bool,
    /// Worker threads for coding (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    batch: u64,
    /// Re-code and replace documents even when their id and text are already stored.
    #[arg(long)]
    force: bool,
    /// Alert thresholds, a JSON file (see README, "Alert rules"); defaults otherwise.
    #[arg(long, value_name = "FILE")]
    alert_config: Option<PathBuf>,
    /// Print a line for every committed batch on standard error, even when it is not a terminal.
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// No progress bar and no summary on standard error (only skipped records are reported).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Reads `--alert-config`, shared with `parley serve`.
pub fn alert_config(path: Option<&PathBuf>) -> Result<AlertConfig, String> {
    match path {
        None => Ok(AlertConfig::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            AlertConfig::from_json(&text)
        }
    }
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let config = alert_config(args.alert_config.as_ref())?;
    // The inputs are checked before the lexicon and the store are opened: a missing file ends the run before any work.
    let mut reader = Reader::new(args.files, args.input, args.date)?;
    let coder = args.lexicon.coder(Options { keep_negated: args.keep_negated })?;
    let mut store = Store::open(&args.db).map_err(|e| e.to_string())?;
    store.set_alert_config(config);
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(|e| e.to_string())?;
    let tty = std::io::stderr().is_terminal() && !args.quiet;
    let mut progress = Progress::new(args.quiet || args.verbose);
    let started = Instant::now();
    let mut total = IngestStats::default();
    let mut batches = 0usize;
    // The next batch is read and coded on the pool while another thread
    // writes the current one: the store's writer and the coder each have work.
    let code_next = |reader: &mut Reader| {
        let docs = reader.next_batch(args.batch as usize);
        let coded = pool.install(|| coder.code_all_with_facts(&docs));
        let facts: Vec<Vec<serde_json::Value>> =
            coded.iter().map(|c| c.facts.iter().filter_map(|f| serde_json::to_value(f).ok()).collect()).collect();
        (docs, coded, facts)
    };
    let mut current = code_next(&mut reader);
    while !current.0.is_empty() {
        let (docs, coded, facts) = &current;
        let (written, next) = std::thread::scope(|scope| {
            let writer = scope.spawn(|| {
                let items = docs.iter().zip(coded).zip(facts).map(|((d, c), f)| (d, c.events.as_slice(), f.as_slice()));
                store.ingest_with_facts(items, args.force)
            });
            let next = code_next(&mut reader);
            (writer.join().expect("writing thread"), next)
        });
        let stats = written.map_err(|e| format!("{}: {e} (documents before this batch are committed)", args.db.display()))?;
        total.add(&stats);
        batches += 1;
        if args.verbose {
            eprintln!(
                "parley: committed batch {batches}: {} documents ({} unchanged), {} events; last id {}",
                stats.documents + stats.unchanged,
                stats.unchanged,
                stats.events,
                docs.last().map_or("", |d| d.id.as_str())
            );
        } else {
            let (bytes, total_bytes) = reader.progress();
            progress.update(Done { documents: (total.documents + total.unchanged) as u64, events: total.events as u64, bytes, total_bytes });
        }
        current = next;
    }
    progress.finish();
    if tty || args.verbose {
        // The totals are the store's own counts, read after the last commit:
        // what another writer added at the same time is in them too.
        let held = store.stats().map_err(|e| format!("{}: {e}", args.db.display()))?;
        eprintln!(
            "parley: stored {} documents ({} replaced, {} unchanged), {} events in {} new happenings, {} skipped records, into {} in {}; \
             alerts raised or changed {}, withdrawn {}; the store holds {} documents, {} events in {} clusters, {} alerts",
            total.documents,
            total.replaced,
            total.unchanged,
            total.events,
            total.clusters,
            reader.skipped_records,
            args.db.display(),
            crate::progress::clock(started.elapsed().as_secs_f64()),
            total.alerts,
            total.alerts_withdrawn,
            held.documents,
            held.events,
            held.clusters,
            held.alerts,
        );
    }
    Ok(if reader.skipped { Outcome::Skipped } else { Outcome::Done })
}
