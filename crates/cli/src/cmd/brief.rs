//! `parley brief`: a situation brief over an event store, every line cited
//! (see the parley-brief crate).

use crate::Outcome;
use parley_brief::{Brief, BriefQuery, Day, Format, Subject};
use parley_store::Store;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The store (an SQLite file written by `parley ingest`).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Two parties, by actor code: what passes between them and who else takes part.
    #[arg(long, value_name = "A,B", value_parser = parse_dyad, conflicts_with = "actor", required_unless_present = "actor")]
    dyad: Option<Subject>,
    /// One actor and everyone it deals with.
    #[arg(long, value_name = "CODE", value_parser = Subject::actor)]
    actor: Option<Subject>,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_parser = Day::parse)]
    from: Option<Day>,
    /// Last day (YYYY-MM-DD).
    #[arg(long, value_parser = Day::parse)]
    to: Option<Day>,
    /// md (citations as [e12] and [doc ID s4]), html (citations link to the dashboard), or json.
    #[arg(long, default_value = "md", value_parser = Format::parse)]
    format: Format,
    /// Where the dashboard is, for the links of --format html.
    #[arg(long, default_value = "http://127.0.0.1:8080/", value_name = "URL")]
    dashboard: String,
}

fn parse_dyad(s: &str) -> Result<Subject, String> {
    match s.split_once(',') {
        Some((a, b)) => Subject::dyad(a, b),
        None => Err(format!("expected two actor codes separated by a comma (USA,RUS), got {s:?}")),
    }
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let Some(subject) = args.dyad.or(args.actor) else { return Err("give --dyad A,B or --actor A".into()) };
    if let (Some(f), Some(t)) = (args.from, args.to) {
        if f > t {
            return Err(format!("--from {f} is after --to {t}"));
        }
    }
    let store = Store::open_read_only(&args.db).map_err(|e| e.to_string())?;
    let query = BriefQuery { subject, from: args.from, to: args.to };
    let brief = Brief::build(&store, &query)?;
    let text = brief.render(args.format, &args.dashboard);
    std::io::stdout().lock().write_all(text.as_bytes()).map_err(|e| format!("cannot write the brief: {e}"))?;
    Ok(Outcome::Done)
}
