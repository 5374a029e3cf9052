//! `parley code`: news reports in, coded events out.

use super::LexiconArgs;
use crate::input::{Format, Reader};
use crate::progress::{Done, Progress};
use crate::Outcome;
use chrono::NaiveDate;
use parley::{Event, Options};
use parley_formats::parquet::ParquetWriter;
use parley_formats::{gdelt, plover, Context, DocumentInfo};
use std::io::{BufWriter, IsTerminal, Write};

#[derive(clap::Args)]
pub struct Args {
    /// Input files; standard input when none is given or for `-`.
    files: Vec<String>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input: Format,
    /// Output format (see README, "Formats").
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
    /// Instead of JSON, write a readable audit of each event: the sentence,
    /// the code, and the lexicon lines and context rules (dateline, earlier
    /// mention, coreference) that gave the verb and each actor. The same as
    /// `--format explain`.
    #[arg(long)]
    explain: bool,
    /// No progress bar on standard error (it shows only on a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// parley's JSON lines, one event per line.
    Json,
    /// parley's short table: date, source, target, cameo, root, quad_class,
    /// goldstein, doc_id, sentence (tab-separated, with a header).
    ParleyTsv,
    /// PLOVER JSON lines.
    Plover,
    /// The GDELT 2.0 event table (61 columns, with a header; no store, so
    /// no mention counts).
    Gdelt,
    /// Parquet with the Python package's event schema (to a file: redirect).
    Parquet,
    /// A readable audit of each event (what `--explain` writes).
    Explain,
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
    if args.format == OutputFormat::Parquet && std::io::stdout().is_terminal() {
        return Err("Parquet is binary: redirect standard output to a file".into());
    }
    // The inputs are checked before the lexicon is loaded: a missing file ends the run before any work.
    let mut reader = Reader::new(args.files, args.input, args.date)?;
    let coder = args.lexicon.coder(Options { keep_negated: args.keep_negated })?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(|e| e.to_string())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    // Documents are coded and serialised on the pool, batch by batch, while
    // this thread writes the previous batch's output and reads the next batch:
    // reading and writing JSON would otherwise be a serial fifth of the work.
    let format = if args.explain { OutputFormat::Explain } else { args.format };
    let facts = args.facts;
    // Each document's output, and how many events it holds (for the progress bar).
    let code_batch = |batch: &[parley::Document]| -> Vec<(Output, u64)> {
        use rayon::prelude::*;
        let code = |doc: &parley::Document| if facts { coder.code_with_facts(doc) } else { parley::Coded { events: coder.code(doc), facts: Vec::new() } };
        pool.install(|| {
            batch
                .par_iter()
                .map(|doc| {
                    let coded = code(doc);
                    let events = coded.events.len() as u64;
                    (serialise(doc, coded, format, facts), events)
                })
                .collect()
        })
    };
    let mut parquet = match format {
        OutputFormat::Parquet => Some(ParquetWriter::new(std::io::stdout())?),
        _ => None,
    };
    // GDELT's GLOBALEVENTID: a running number in output order.
    let mut next_id = 1u64;
    let mut emit = |out: &mut dyn Write, output: Output| -> std::io::Result<()> {
        match output {
            Output::Bytes(bytes) if format == OutputFormat::Gdelt => {
                for row in bytes.split_inclusive(|b| *b == b'\n') {
                    write!(out, "{next_id}")?;
                    out.write_all(row)?;
                    next_id += 1;
                }
                Ok(())
            }
            Output::Bytes(bytes) => out.write_all(&bytes),
            Output::Events(events) => {
                let writer = parquet.as_mut().expect("a Parquet writer for Parquet output");
                events.into_iter().try_for_each(|e| writer.write(e)).map_err(std::io::Error::other)
            }
        }
    };
    let mut progress = Progress::new(args.quiet);
    let mut done = Done::default();
    let written = (|| -> std::io::Result<()> {
        match format {
            OutputFormat::ParleyTsv => writeln!(out, "{}", Event::TSV_HEADER)?,
            OutputFormat::Gdelt => writeln!(out, "{}", gdelt::header())?,
            _ => {}
        }
        let mut batch = reader.next_batch(BATCH);
        let mut previous: Vec<(Output, u64)> = Vec::new();
        while !batch.is_empty() {
            let (coded, next) = std::thread::scope(|scope| -> std::io::Result<_> {
                let worker = scope.spawn(|| code_batch(&batch));
                for (output, _) in previous.drain(..) {
                    emit(&mut out, output)?;
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
        for (output, _) in previous {
            emit(&mut out, output)?;
        }
        progress.finish();
        out.flush()
    })();
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write output: {e}")),
        Ok(()) => {}
    }
    if let Some(writer) = parquet {
        writer.finish()?;
    }
    Ok(if reader.skipped { Outcome::Skipped } else { Outcome::Done })
}

/// One document's output: its events as text lines, then (with --facts)
/// its facts; or its events themselves, for Parquet.
enum Output {
    Bytes(Vec<u8>),
    Events(Vec<Event>),
}

/// One document's output lines: its events, then (with --facts) its facts.
/// GDELT rows start at their second column: the writer numbers them.
fn serialise(doc: &parley::Document, coded: parley::Coded, format: OutputFormat, facts: bool) -> Output {
    if format == OutputFormat::Parquet {
        return Output::Events(coded.events);
    }
    // Room for 2 KiB an event and 1 KiB a fact (a parley JSON event is about
    // 1.3 KiB): pages left unused cost no memory, while a buffer grown by
    // doubling copies itself (at 1 KiB an event, a long report's output
    // outgrew its buffer: 95 MiB copied into 190).
    let mut out = Vec::with_capacity(2048 * coded.events.len() + 1024 * coded.facts.len() + 1024);
    let document = DocumentInfo::of(doc);
    // Each event goes once written: the document's events and their text
    // are not all held beside all of it.
    for (ordinal, event) in coded.events.into_iter().enumerate() {
        let context = || Context { ordinal, cluster: None, document: document.clone() };
        match format {
            OutputFormat::Json => {
                serde_json::to_writer(&mut out, &event).expect("events serialise");
                out.push(b'\n');
            }
            OutputFormat::ParleyTsv => writeln!(out, "{}", event.tsv_row()).expect("writing to memory"),
            OutputFormat::Explain => writeln!(out, "{}", event.explain()).expect("writing to memory"),
            OutputFormat::Plover => {
                serde_json::to_writer(&mut out, &plover::record(&event, &context())).expect("records serialise");
                out.push(b'\n');
            }
            OutputFormat::Gdelt => {
                let row = gdelt::row(&event, &context(), 0);
                for field in &row[1..] {
                    out.push(b'\t');
                    out.extend_from_slice(field.as_bytes());
                }
                out.push(b'\n');
            }
            OutputFormat::Parquet => unreachable!("returned above"),
        }
    }
    if facts {
        for fact in &coded.facts {
            serde_json::to_writer(&mut out, fact).expect("facts serialise");
            out.push(b'\n');
        }
    }
    Output::Bytes(out)
}
