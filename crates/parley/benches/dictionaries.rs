//! Loads the full Phoenix/CAMEO TABARI/PETRARCH dictionaries (CAMEO.2.0.txt,
//! the three Phoenix actor files, Phoenix.agents.txt, Phoenix.discards.txt)
//! from `../shared/anchors/petrarch2`, builds a coder, and prints the time it
//! took and the peak memory of the process (Linux `VmHWM`), then codes the seed
//! article. `cargo bench -p parley --bench dictionaries`. The targets: under
//! 2 s and under 500 MB.

use parley::{Coder, Document, Lexicon};
use parley_lexicon::tabari::{DictionarySet, Kind};
use std::path::PathBuf;
use std::time::Instant;

fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let dir = root.join("anchors/petrarch2");
    if !dir.is_dir() {
        println!("skipped: {} is not present", dir.display());
        return;
    }
    let files = [
        (Kind::Verbs, "CAMEO.2.0.txt"),
        (Kind::Actors, "Phoenix.Countries.actors.txt"),
        (Kind::Actors, "Phoenix.International.actors.txt"),
        (Kind::Actors, "Phoenix.MilNonState.actors.txt"),
        (Kind::Agents, "Phoenix.agents.txt"),
        (Kind::Discards, "Phoenix.discards.txt"),
    ];
    let set = DictionarySet { files: files.iter().map(|(k, n)| (*k, dir.join(n))).collect() };
    let before = peak_mb().unwrap_or(0.0);
    let start = Instant::now();
    let lexicon = Lexicon::from_tabari(&set, false).expect("the Phoenix dictionaries load");
    let read = start.elapsed();
    let stats = lexicon.stats();
    let coder = Coder::new(lexicon);
    let total = start.elapsed();
    let peak = peak_mb().unwrap_or(f64::NAN);
    println!("dictionaries: {}", files.iter().map(|f| f.1).collect::<Vec<_>>().join(", "));
    for (what, n) in stats.iter().filter(|(_, n)| *n > 0) {
        println!("  {n:>7}  {what}");
    }
    println!("read into the lexicon: {:.3} s", read.as_secs_f64());
    println!("load (read + compile the coder): {:.3} s (target < 2 s)", total.as_secs_f64());
    println!("peak memory: {peak:.1} MB (before loading {before:.1} MB; target < 500 MB)");
    let seed = root.join("seed/article.txt");
    if let Ok(text) = std::fs::read_to_string(&seed) {
        let start = Instant::now();
        let events = coder.code(&Document::new("seed", text));
        println!("seed article: {} events in {:.3} s", events.len(), start.elapsed().as_secs_f64());
        for e in &events {
            let code = |a: &Option<parley::ActorRef>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
            println!("  {} {} {} ({})", code(&e.source), code(&e.target), e.cameo, e.verb.text);
        }
    }
    // Time is reported, not asserted: on a shared machine a timing is a
    // figure to read, not a test (memory is steady enough to hold to its bound).
    println!("load time target (< 2 s): {}", if total.as_secs_f64() < 2.0 { "met" } else { "NOT met on this run" });
    assert!(peak < 500.0, "peak memory {peak:.1} MB over the 500 MB target");
}
