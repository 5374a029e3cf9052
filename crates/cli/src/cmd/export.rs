//! `parley export`: stored events out in the field's formats (PLOVER JSON
//! lines, the GDELT 2.0 event table, Parquet, parley's own JSON lines), with
//! the API's filters. The conversions are `parley-formats`'; this command
//! reads the store and hands each event over with its context.

use crate::Outcome;
use chrono::NaiveDate;
use parley::Event;
use parley_formats::{gdelt, plover, Cluster, Context, DocumentInfo};
use parley_store::{EventFilter, Store, StoreError, StoredEvent, Unit};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The store to read.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// The output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// One row per happening (`clusters`, GDELT's default) or per report
    /// (`mentions`, the default of the other formats).
    #[arg(long, value_enum)]
    unit: Option<UnitArg>,
    /// First day, inclusive (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<String>,
    /// Last day, inclusive (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    to: Option<String>,
    /// Two actors, either direction unless --directed (USA,RUS; codes match as prefixes).
    #[arg(long, value_parser = parse_dyad)]
    dyad: Option<(String, String)>,
    /// With --dyad: only from the first to the second.
    #[arg(long)]
    directed: bool,
    /// An actor on either side (a code prefix).
    #[arg(long)]
    actor: Option<String>,
    /// CAMEO code prefix ("19", "0871").
    #[arg(long)]
    cameo: Option<String>,
    /// Quad class, 1 to 4.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad_class: Option<u8>,
    /// GDELT: leave out the header line (raw GDELT files have none).
    #[arg(long)]
    no_header: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// PLOVER JSON lines (PLOVER manual, "Data Fields").
    Plover,
    /// The GDELT 2.0 event table: 61 tab-separated columns, with a header line.
    Gdelt,
    /// Parquet with the Python package's event schema.
    Parquet,
    /// parley's own JSON lines, as `parley code` prints them.
    Parley,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum UnitArg {
    Clusters,
    Mentions,
}

fn parse_day(s: &str) -> Result<String, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|_| s.to_string()).map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

fn parse_dyad(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a.trim().to_string(), b.trim().to_string())),
        _ => Err(format!("expected two actor codes separated by a comma (USA,RUS), got {s:?}")),
    }
}

/// The event and its context, from a stored row.
pub fn context_of(row: &StoredEvent) -> Context {
    Context {
        ordinal: row.ordinal as usize,
        cluster: Some(Cluster { id: row.cluster_id as u64, mentions: row.mentions as u64, articles: row.articles as u64, sources: row.sources as u64 }),
        document: DocumentInfo {
            title: row.title.clone(),
            url: row.url.clone(),
            publisher: row.publisher.clone(),
            date: row.doc_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            added: Some(row.ingested_at.clone()),
        },
    }
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let store = Store::open_read_only(&args.db).map_err(|e| e.to_string())?;
    let unit = match args.unit {
        Some(UnitArg::Clusters) => Unit::Clusters,
        Some(UnitArg::Mentions) => Unit::Mentions,
        None if args.format == ExportFormat::Gdelt => Unit::Clusters,
        None => Unit::Mentions,
    };
    let filter = EventFilter {
        actor: args.actor.clone(),
        dyad: args.dyad.clone(),
        directed: args.directed,
        cameo: args.cameo.clone(),
        quad_class: args.quad_class,
        from: args.from.clone(),
        to: args.to.clone(),
        unit,
        ..EventFilter::default()
    };
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?),
        None => {
            if args.format == ExportFormat::Parquet && std::io::stdout().is_terminal() {
                return Err("Parquet is binary: give --output FILE or redirect standard output".into());
            }
            Box::new(std::io::stdout())
        }
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut unreadable = 0usize;
    // A reader that stops early (`| head`) ends the export quietly, as in `parley code`.
    let broken_pipe = std::cell::Cell::new(false);
    let io = |e: std::io::Error| {
        broken_pipe.set(broken_pipe.get() || e.kind() == std::io::ErrorKind::BrokenPipe);
        StoreError(format!("cannot write: {e}"))
    };
    // A stored event parley cannot read as an event (written by another
    // version) is reported and skipped; the others are still exported.
    let mut event_of = |row: &StoredEvent| -> Option<Event> {
        match serde_json::from_str::<Event>(&row.json) {
            Ok(e) => Some(e),
            Err(e) => {
                unreadable += 1;
                eprintln!("parley: {}: event {} (document {:?}): not readable as an event: {e}; skipped", args.db.display(), row.id, row.doc_id);
                None
            }
        }
    };
    let result = match args.format {
        ExportFormat::Parley => store.each_stored_event(&filter, |row| {
            out.write_all(row.json.as_bytes()).and_then(|_| out.write_all(b"\n")).map_err(io)
        }),
        ExportFormat::Plover => store.each_stored_event(&filter, |row| {
            let Some(event) = event_of(&row) else { return Ok(()) };
            serde_json::to_writer(&mut out, &plover::record(&event, &context_of(&row))).map_err(|e| StoreError(e.to_string()))?;
            out.write_all(b"\n").map_err(io)
        }),
        ExportFormat::Gdelt => {
            if !args.no_header {
                writeln!(out, "{}", gdelt::header()).map_err(|e| e.to_string())?;
            }
            store.each_stored_event(&filter, |row| {
                let Some(event) = event_of(&row) else { return Ok(()) };
                let id = if unit == Unit::Clusters { row.cluster_id } else { row.id };
                gdelt::write_row(&mut out, &event, &context_of(&row), id as u64).map_err(io)
            })
        }
        ExportFormat::Parquet => {
            let mut writer = parley_formats::parquet::ParquetWriter::new(&mut out)?;
            let n = store.each_stored_event(&filter, |row| match event_of(&row) {
                Some(event) => writer.write(event).map_err(StoreError),
                None => Ok(()),
            });
            writer.finish()?;
            n
        }
    };
    let written = match result {
        Err(_) if broken_pipe.get() => return Ok(Outcome::Done),
        other => other.map_err(|e| e.to_string())?,
    };
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(Outcome::Done),
        other => other.map_err(|e| format!("cannot write: {e}"))?,
    }
    if args.output.is_some() {
        eprintln!("parley: exported {} events", written - unreadable);
    }
    Ok(if unreadable > 0 { Outcome::Skipped } else { Outcome::Done })
}
