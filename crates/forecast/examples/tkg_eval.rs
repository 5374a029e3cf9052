//! Runs the benchmark on a data folder: `cargo run --release --example tkg_eval -- DIR`.
//! Options can be varied for experiments through `FC_*` environment variables.
use parley_forecast::rules::{ApplyOptions, LearnOptions};

fn var<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: tkg_eval DIR");
    let start = std::time::Instant::now();
    let data = parley_forecast::Dataset::load(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    for s in &data.skipped {
        eprintln!("skipped {s}");
    }
    let (l, a) = (LearnOptions::default(), ApplyOptions::default());
    let learn = LearnOptions {
        max_length: var("FC_MAXLEN", l.max_length),
        walks: var("FC_WALKS", l.walks),
        confidence_samples: var("FC_SAMPLES", l.confidence_samples),
        min_groundings: var("FC_MINGROUND", l.min_groundings),
        ..l
    };
    let apply = ApplyOptions {
        confidence_weight: var("FC_A", a.confidence_weight),
        decay: var("FC_DECAY", a.decay),
        enough_candidates: var("FC_ENOUGH", a.enough_candidates),
        max_rules: var("FC_MAXRULES", a.max_rules),
        max_expansions: var("FC_EXPANSIONS", a.max_expansions),
    };
    let report = parley_forecast::pipeline::run(&data, &learn, &apply);
    println!("rules {}", report.rules);
    for (phase, d) in &report.phases {
        println!("{phase:<36} {:>8.1} s", d.as_secs_f64());
    }
    for r in &report.results {
        println!("{:<28} MRR {:.4} H@1 {:.4} H@3 {:.4} H@10 {:.4} ({} questions)", r.method, r.test.mrr(), r.test.hits_at(1), r.test.hits_at(3), r.test.hits_at(10), r.test.queries);
    }
    println!("total {:.1} s", start.elapsed().as_secs_f64());
}
