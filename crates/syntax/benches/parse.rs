//! Tagging and parsing speed on the UD English test text, one thread:
//! `cargo bench -p parley-syntax` prints sentences/s and words/s, the time to
//! load the built-in model, and the process's peak memory.
//!
//! Under `cargo test` (no `--bench` argument) it only checks that it runs,
//! on the first 200 sentences.

use parley_syntax::conllu;
use parley_syntax::{Parse, Parser, Scratch};
use std::path::PathBuf;
use std::time::Instant;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds this thread has run (user + system), from /proc: on a shared
/// machine, time waiting for a core is not time spent parsing.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/ud-english/test.conllu");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not present", path.display());
        return;
    };
    let sentences: Vec<Vec<String>> = conllu::read_str(&text, "test.conllu")
        .into_iter()
        .filter_map(Result::ok)
        .map(|s| s.words)
        .take(if measuring { usize::MAX } else { 200 })
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();

    let (start, cpu_before) = (Instant::now(), thread_cpu_seconds());
    let parser = Parser::builtin();
    let load = start.elapsed();
    let load_cpu = thread_cpu_seconds()
        .zip(cpu_before)
        .map_or(f64::NAN, |(a, b)| a - b);

    let rounds = if measuring { 5 } else { 1 };
    let mut scratch = Scratch::default();
    let mut parse = Parse::new();
    let mut best = f64::INFINITY;
    let cpu_start = thread_cpu_seconds();
    for _ in 0..rounds {
        let start = Instant::now();
        for sentence in &sentences {
            parser.parse_into(sentence, &mut scratch, &mut parse);
            std::hint::black_box(&parse);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let cpu = thread_cpu_seconds()
        .zip(cpu_start)
        .map(|(end, start)| (end - start) / rounds as f64);
    let per_cpu_second = cpu
        .filter(|&c| c > 0.0)
        .map_or(f64::NAN, |c| sentences.len() as f64 / c);
    println!(
        "parse UD test ({} sentences, {words} words), best of {rounds}: {:.0} sentences/s, {:.0} words/s (wall); {per_cpu_second:.0} sentences per CPU-second; model load {:.1} ms ({:.0} ms CPU); peak RSS {:.0} MB",
        sentences.len(),
        sentences.len() as f64 / best,
        words as f64 / best,
        load.as_secs_f64() * 1e3,
        load_cpu * 1e3,
        peak_rss_mb().unwrap_or(f64::NAN),
    );
}
