//! `parley forecast`: the likely next events of an actor or a dyad from an
//! event store, and `parley forecast eval`: the benchmark run on an ICEWS
//! data folder.

use crate::Outcome;
use parley_forecast::pipeline;
use parley_forecast::rules::{ApplyOptions, LearnOptions};
use parley_forecast::Dataset;
use parley_serve::forecast::{day_text, forecast, ForecastRequest};
use parley_store::Store;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// The event store.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The actor whose next events to forecast (its country code when known, else its actor code).
    #[arg(long)]
    actor: Option<String>,
    /// Only events between two actors, in either direction: `A,B`.
    #[arg(long, value_name = "A,B")]
    dyad: Option<String>,
    /// Learn from the last N days of the store only.
    #[arg(long, value_name = "N")]
    days: Option<u32>,
    /// How many forecasts to list.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print the answer as JSON (as `GET /api/forecast` does).
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Learn, tune and test on a benchmark folder (train/valid/test.txt,
    /// entity2id.txt, relation2id.txt) and print the test table and the wall time.
    Eval {
        /// The data folder, e.g. ../shared/corpora/tkg/ICEWS14.
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
}

pub fn run(args: Args) -> Result<Outcome, String> {
    match args.command {
        Some(Command::Eval { data, threads }) => eval(&data, threads),
        None => live(args),
    }
}

fn eval(dir: &std::path::Path, threads: Option<usize>) -> Result<Outcome, String> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().map_err(|e| format!("threads: {e}"))?;
    }
    let start = Instant::now();
    let data = Dataset::load(dir).map_err(|e| e.to_string())?;
    for s in &data.skipped {
        eprintln!("parley: skipped {s}");
    }
    println!(
        "{}: {} entities, {} relations, {} / {} / {} train / valid / test facts",
        dir.display(),
        data.entities.len(),
        data.relations.len(),
        data.train.len(),
        data.valid.len(),
        data.test.len()
    );
    let report = pipeline::run(&data, &LearnOptions::default(), &ApplyOptions::default());
    println!("{} rules learned; {} threads", report.rules, rayon::current_num_threads());
    println!("\ntest, time-aware filtered, both directions ({} questions):", report.results[0].test.queries);
    println!("| method | MRR | Hits@1 | Hits@3 | Hits@10 |\n|---|---|---|---|---|");
    for r in &report.results {
        let m = &r.test;
        println!("| {} | {:.4} | {:.4} | {:.4} | {:.4} |", r.method, m.mrr(), m.hits_at(1), m.hits_at(3), m.hits_at(10));
    }
    println!();
    for (phase, took) in &report.phases {
        println!("{phase:<38} {:>8.1} s", took.as_secs_f64());
    }
    println!("{:<38} {:>8.1} s", "wall time (with loading)", start.elapsed().as_secs_f64());
    Ok(if data.skipped.is_empty() { Outcome::Done } else { Outcome::Skipped })
}

fn live(args: Args) -> Result<Outcome, String> {
    let db = args.db.ok_or("forecast needs --db PATH (or the `eval` subcommand)")?;
    let (actor, counterpart) = match (&args.actor, &args.dyad) {
        (_, Some(dyad)) => {
            let (a, b) = dyad.split_once(',').filter(|(a, b)| !a.is_empty() && !b.is_empty()).ok_or(format!("--dyad expects A,B, got {dyad:?}"))?;
            if args.actor.as_deref().is_some_and(|x| x != a && x != b) {
                return Err(format!("--actor {} is not in --dyad {dyad}", args.actor.unwrap()));
            }
            let actor = args.actor.clone().unwrap_or(a.to_string());
            let other = if actor == a { b } else { a };
            (actor, Some(other.to_string()))
        }
        (Some(a), None) => (a.clone(), None),
        (None, None) => return Err("forecast needs --actor A or --dyad A,B".into()),
    };
    let start = Instant::now();
    let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
    let request = ForecastRequest { actor, counterpart, days: args.days, limit: args.limit };
    let answer = forecast(&store, &request).map_err(|e| e.to_string())?;
    if args.json {
        println!("{}", answer.to_json(&request));
        return Ok(Outcome::Done);
    }
    let who = match &request.counterpart {
        Some(b) => format!("{} and {b}", request.actor),
        None => request.actor.clone(),
    };
    println!(
        "Likely events of {who} from {} (learned from {} clusters since {}, {} rules; {:.0} ms: read {:.0}, learn {:.0}, forecast {:.0}):",
        answer.day,
        answer.history_events,
        answer.history_from,
        answer.rules,
        start.elapsed().as_secs_f64() * 1000.0,
        answer.took_ms[0],
        answer.took_ms[1],
        answer.took_ms[2]
    );
    let json = answer.to_json(&request);
    for (row, prediction) in json["rows"].as_array().into_iter().flatten().zip(&answer.predictions) {
        println!(
            "{:.3}  {} -> {}  CAMEO {} {}",
            prediction.score,
            row["source"].as_str().unwrap_or(""),
            row["target"].as_str().unwrap_or(""),
            prediction.relation,
            row["event_name"].as_str().unwrap_or("")
        );
        for support in &prediction.support {
            match support {
                parley_forecast::live::Support::Recurrence { times, last_day, events } => {
                    println!("       happened {times} time(s), last {}; events {}", day_text(*last_day), ids(events))
                }
                parley_forecast::live::Support::Rule { rule, confidence, events } => {
                    println!("       rule {rule} (confidence {confidence:.2}); events {}", ids(events))
                }
            }
        }
    }
    if answer.predictions.is_empty() {
        println!("(nothing in the history supports a forecast)");
    }
    Ok(Outcome::Done)
}

fn ids(events: &[i64]) -> String {
    events.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(", ")
}
