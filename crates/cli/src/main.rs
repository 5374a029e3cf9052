//! The `parley` command: a thin layer over the `parley` library.
//!
//! Each subcommand lives in `cmd/`; reading inputs is in `input.rs`. Exit
//! codes: 0 when everything was coded, 1 when some input was skipped (each
//! skip is reported on standard error with its place), 2 on a fatal error
//! (bad arguments, a malformed lexicon, an unreadable file list).

mod cmd;
mod feed;
#[cfg(test)]
mod fuzz;
mod input;
mod petrarch;
mod xml_records;
mod progress;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: per-thread free lists instead of glibc's arenas; the coder's many
/// short-lived strings made malloc and free a quarter of the profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "parley", version, about = "Political event coding from raw news text (CAMEO/PLOVER)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code news reports into events, one JSON object per line.
    Code(cmd::code::Args),
    /// Inspect the lexicon.
    Lexicon(cmd::lexicon::Args),
    /// Run a PETRARCH validation file and compare with its expected codings.
    Validate(cmd::validate::Args),
    /// Code news reports and store the events in an event store (SQLite).
    Ingest(cmd::ingest::Args),
    /// Serve the HTTP API and the web dashboard over an event store.
    Serve(cmd::serve::Args),
    /// Write stored events as PLOVER JSON, a GDELT 2.0 event table, Parquet or parley JSON.
    Export(cmd::export::Args),
    /// Store events coded elsewhere (ICEWS TKG sets, PLOVER JSON, parley JSON).
    Import(cmd::import::Args),
    /// Forecast an actor's or a dyad's next events from a store; `forecast eval` runs the ICEWS benchmarks.
    Forecast(cmd::forecast::Args),
    /// Write a situation brief on a dyad or an actor, every line citing its events and documents.
    Brief(cmd::brief::Args),
    /// Tag and parse text (or a CoNLL-U file's words) into CoNLL-U dependency trees.
    Parse(cmd::parse::Args),
}

/// What a command ended with.
pub enum Outcome {
    /// Everything was processed.
    Done,
    /// Some input was skipped; the reasons went to standard error.
    Skipped,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => cmd::code::run(args),
        Command::Lexicon(args) => cmd::lexicon::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Forecast(args) => cmd::forecast::run(args),
        Command::Brief(args) => cmd::brief::run(args),
        Command::Parse(args) => cmd::parse::run(args),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Skipped) => ExitCode::from(1),
        Err(message) => {
            eprintln!("parley: {message}");
            ExitCode::from(2)
        }
    }
}
