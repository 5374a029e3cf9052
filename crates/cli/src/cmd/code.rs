//! `parley code`: news reports in, coded events out.

use super::LexiconArgs;
use crate::input::{Format, Reader};
use crate::progress::{Done, Progress};
use crate::Outcome;
use chrono::NaiveDate;
use parley::{Event, Options};
use std::io::{BufWriter, Write};

#[derive(clap::Args)]
pub struct Args {
    /// Input files; standard input when none is given or for `-`.
    files: Vec<String>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input: Format,
    /// Output format: JSON lines, or a GDELT-like TSV table with a header.
    #[arg(long, value_enum, default_value = "json")]
    format: OutputFormat,
    /// The date of documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    date: Option<NaiveDate>,
    /// Also emit negated events ("did not attack"), with mode "negated".
    #[arg(long)]
    keep_negated: bool,
    /// Also write the facts of each document (running tolls, when a conflict
    /// began, how long it has lasted, hedged claims) as JSON lines with
    /// "kind": "fact", after the document's events. JSON output only.
    #[arg(long)]
    facts: bool,
    /// Worker threads (default: all cores). Output order is the input order.
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar on standard error (it shows only on a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Json,
    Tsv,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// How many documents are coded together: enough to keep every thread busy,
/// few enough that output starts at once and memory stays flat.
const BATCH: usize = 256;

pub fn run(args: Args) -> Result<Outcome, String> {
    if args.facts && args.format != OutputFormat::Json {
        return Err("--facts needs JSON output (--format json)".into());
    }
    let coder = args.lexicon.coder(Options { keep_negated: args.keep_negated })?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(|e| e.to_string())?;
    let mut reader = Reader::new(args.files, args.input, args.date);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    // Documents are coded and serialised on the pool, batch by batch, while
    // this thread writes the previous batch's output and reads the next batch:
    // reading and writing JSON would otherwise be a serial fifth of the work.
    let format = args.format;
    let facts = args.facts;
    // Each document's output, and how many events it holds (for the progress bar).
    let code_batch = |batch: &[parley::Document]| -> Vec<(Vec<u8>, u64)> {
        use rayon::prelude::*;
        let code = |doc: &parley::Document| if facts { coder.code_with_facts(doc) } else { parley::Coded { events: coder.code(doc), facts: Vec::new() } };
        pool.install(|| {
            batch
                .par_iter()
                .map(|doc| {
                    let coded = code(doc);
                    (serialise(&coded, format, facts), coded.events.len() as u64)
                })
                .collect()
        })
    };
    let mut progress = Progress::new(args.quiet);
    let mut done = Done::default();
    let written = (|| -> std::io::Result<()> {
        if args.format == OutputFormat::Tsv {
            writeln!(out, "{}", Event::TSV_HEADER)?;
        }
        let mut batch = reader.next_batch(BATCH);
        let mut previous: Vec<(Vec<u8>, u64)> = Vec::new();
        while !batch.is_empty() {
            let (coded, next) = std::thread::scope(|scope| -> std::io::Result<_> {
                let worker = scope.spawn(|| code_batch(&batch));
                for (bytes, _) in previous.drain(..) {
                    out.write_all(&bytes)?;
                }
                let next = reader.next_batch(BATCH);
                Ok((worker.join().expect("coding thread"), next))
            })?;
            done.documents += coded.len() as u64;
            done.events += coded.iter().map(|c| c.1).sum::<u64>();
            (done.bytes, done.total_bytes) = reader.progress();
            progress.update(done);
            previous = coded;
            batch = next;
        }
        for (bytes, _) in previous {
            out.write_all(&bytes)?;
        }
        progress.finish();
        out.flush()
    })();
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write output: {e}")),
        Ok(()) => {}
    }
    Ok(if reader.skipped { Outcome::Skipped } else { Outcome::Done })
}

/// One document's output lines: its events, then (with --facts) its facts.
fn serialise(doc: &parley::Coded, format: OutputFormat, facts: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024 * (doc.events.len() + 1));
    for event in &doc.events {
        match format {
            OutputFormat::Json => {
                serde_json::to_writer(&mut out, event).expect("events serialise");
                out.push(b'\n');
            }
            OutputFormat::Tsv => writeln!(out, "{}", event.tsv_row()).expect("writing to memory"),
        }
    }
    if facts {
        for fact in &doc.facts {
            serde_json::to_writer(&mut out, fact).expect("facts serialise");
            out.push(b'\n');
        }
    }
    out
}
