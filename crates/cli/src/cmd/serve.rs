//! `parley serve`: the HTTP API and the dashboard over an event store.

use super::LexiconArgs;
use crate::Outcome;
use parley::Options;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The store (created empty when missing).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Address to listen on; port 0 picks a free one (the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: String,
    /// Token needed to POST documents (default: the PARLEY_TOKEN environment
    /// variable; without either, posting is disabled).
    #[arg(long)]
    token: Option<String>,
    /// Close the read endpoints too: every request needs the token.
    #[arg(long)]
    private: bool,
    /// Largest request body, in bytes (suffixes K and M allowed).
    #[arg(long, default_value = "10M", value_parser = parse_size)]
    max_body: usize,
    /// Alert thresholds for posted documents, a JSON file (see README).
    #[arg(long, value_name = "FILE")]
    alert_config: Option<PathBuf>,
    /// Worker threads of the server (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Also store negated events of posted documents.
    #[arg(long)]
    keep_negated: bool,
    /// Seconds a new connection has to send a whole request head.
    #[arg(long, default_value = "10", value_parser = parse_seconds, value_name = "SECONDS")]
    header_timeout: Duration,
    /// Seconds a request body has to arrive.
    #[arg(long, default_value = "30", value_parser = parse_seconds, value_name = "SECONDS")]
    body_timeout: Duration,
    /// Seconds a connection may stay without a byte read or written before it is closed.
    #[arg(long, default_value = "60", value_parser = parse_seconds, value_name = "SECONDS")]
    idle_timeout: Duration,
    /// Connections served at once; more are answered 503.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    max_connections: u64,
    /// A host name or address requests may name in `Host` (repeatable; `*` for any). Default: the
    /// names of the --bind address (loopback: localhost, 127.0.0.1, [::1]; 0.0.0.0: any).
    #[arg(long, value_name = "HOST")]
    allow_host: Vec<String>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0 && *v <= 86_400.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("{s:?} is not a number of seconds between 0 and 86400"))
}

fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.chars().last() {
        Some('K' | 'k') => (&t[..t.len() - 1], 1 << 10),
        Some('M' | 'm') => (&t[..t.len() - 1], 1 << 20),
        _ => (t, 1),
    };
    num.parse::<usize>().ok().and_then(|n| n.checked_mul(mult)).filter(|n| *n > 0).ok_or_else(|| format!("{s:?} is not a size (like 10M)"))
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let token = args.token.or_else(|| std::env::var("PARLEY_TOKEN").ok()).filter(|t| !t.is_empty());
    if args.private && token.is_none() {
        return Err("--private needs a token (--token or PARLEY_TOKEN)".into());
    }
    let coder = args.lexicon.coder(Options { keep_negated: args.keep_negated })?;
    let config = parley_serve::Config {
        db: args.db,
        token,
        private: args.private,
        max_body: args.max_body,
        alert_config: super::ingest::alert_config(args.alert_config.as_ref())?,
        limits: parley_serve::Limits {
            header_timeout: args.header_timeout,
            body_timeout: args.body_timeout,
            idle_timeout: args.idle_timeout,
            max_connections: args.max_connections as usize,
            ..parley_serve::Limits::default()
        },
        allowed_hosts: (!args.allow_host.is_empty()).then(|| parley_serve::AllowedHosts::from_list(&args.allow_host)),
    };
    let app = parley_serve::App::new(config, Arc::new(coder))?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    parley_serve::run(app, &args.bind, threads, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "parley: serving http://{addr}/ (dashboard at /, API under /api, description at /api/openapi.json)");
        let _ = out.flush();
    })?;
    Ok(Outcome::Done)
}
