//! `parley import`: events coded elsewhere into the store, through the same
//! write path as `parley ingest` (`Store::ingest`), so that de-duplication,
//! actors, timelines and alerts work on them as on coded text.
//!
//! Reading is `parley-formats`'; a bad record is reported as `FILE:LINE:
//! reason` and skipped. A document id the store holds already is left as
//! it is (`--force` replaces it), so importing never loses what is stored,
//! and importing the same file again changes nothing.

use super::ingest::alert_config;
use crate::Outcome;
use chrono::NaiveDate;
use parley_formats::{icews::TkgSet, Imported, RecordError, Vocabulary};
use parley_store::{IngestStats, Store};
use std::io::BufReader;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Files to import.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The store (an SQLite file; created when missing).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// What the files hold.
    #[arg(long, value_enum)]
    format: ImportFormat,
    /// icews-tkg: the set's first day, where time 0 falls (default: January
    /// 1st of the year its folder's name says, ICEWS14 -> 2014-01-01).
    #[arg(long, value_parser = parse_day)]
    start: Option<NaiveDate>,
    /// Replace documents the store holds already (by id).
    #[arg(long)]
    force: bool,
    /// Events per transaction (whole documents; a document is never split).
    #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    batch_events: u64,
    /// Alert thresholds, a JSON file (see README, "Alert rules"); defaults otherwise.
    #[arg(long, value_name = "FILE")]
    alert_config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ImportFormat {
    /// ICEWS14/ICEWS18 forecasting splits: `s r o t` ids with entity2id.txt and relation2id.txt beside them.
    IcewsTkg,
    /// PLOVER JSON lines (as `parley export --format plover` writes them).
    Plover,
    /// parley's own JSON lines (`parley code`, `parley export --format parley`).
    Parley,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// Gathers documents into transactions and counts what happened.
struct Importer {
    store: Store,
    force: bool,
    batch_events: usize,
    pending: Vec<Imported>,
    /// Ids of the pending documents: a second document with one of them
    /// (in another file) would replace the first inside the transaction.
    pending_ids: std::collections::HashSet<String>,
    pending_events: usize,
    stats: IngestStats,
    kept: usize,
    bad_records: usize,
}

impl Importer {
    fn add(&mut self, item: Result<Imported, RecordError>) -> Result<(), String> {
        let doc = match item {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("parley: {e}");
                self.bad_records += 1;
                return Ok(());
            }
        };
        let id = &doc.document.id;
        if self.pending_ids.contains(id) || (!self.force && self.store.document(id).map_err(|e| e.to_string())?.is_some()) {
            self.kept += 1;
            return Ok(());
        }
        self.pending_events += doc.events.len();
        self.pending_ids.insert(doc.document.id.clone());
        self.pending.push(doc);
        if self.pending_events >= self.batch_events {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), String> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let items = self.pending.iter().map(|d| (&d.document, d.events.as_slice()));
        // Replacing only with --force: the documents were checked above.
        let stats = self.store.ingest(items, true).map_err(|e| format!("{e} (documents before this batch are committed)"))?;
        self.stats.add(&stats);
        self.pending.clear();
        self.pending_ids.clear();
        self.pending_events = 0;
        Ok(())
    }
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let config = alert_config(args.alert_config.as_ref())?;
    let vocabulary = Vocabulary::builtin()?;
    let mut store = Store::open(&args.db).map_err(|e| e.to_string())?;
    store.set_alert_config(config);
    let started = Instant::now();
    let mut importer = Importer {
        store,
        force: args.force,
        batch_events: args.batch_events as usize,
        pending: Vec::new(),
        pending_ids: Default::default(),
        pending_events: 0,
        stats: IngestStats::default(),
        kept: 0,
        bad_records: 0,
    };
    for path in &args.files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let input = BufReader::with_capacity(1 << 16, file);
        match args.format {
            ImportFormat::IcewsTkg => {
                let set = TkgSet::open(path, args.start, &vocabulary)?;
                for item in set.read(&name, input, &vocabulary) {
                    importer.add(item)?;
                }
            }
            ImportFormat::Plover => {
                for item in parley_formats::plover::read(&name, input, &vocabulary) {
                    importer.add(item)?;
                }
            }
            ImportFormat::Parley => {
                for item in parley_formats::parley_json::read(&name, input) {
                    importer.add(item)?;
                }
            }
        }
    }
    importer.commit()?;
    let s = &importer.stats;
    eprintln!(
        "parley: imported {} events of {} documents ({} new clusters, {} alerts) into {} in {:.2}s; {} documents already stored were kept{}",
        s.events,
        s.documents,
        s.clusters,
        s.alerts,
        args.db.display(),
        started.elapsed().as_secs_f64(),
        importer.kept,
        if importer.bad_records > 0 { format!(", {} bad records skipped", importer.bad_records) } else { String::new() }
    );
    Ok(if importer.bad_records > 0 { Outcome::Skipped } else { Outcome::Done })
}
