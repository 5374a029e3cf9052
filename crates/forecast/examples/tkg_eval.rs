//! Runs the benchmark on a data folder: `cargo run --release --example tkg_eval -- DIR`.
fn main() {
    let dir = std::env::args().nth(1).expect("usage: tkg_eval DIR");
    let start = std::time::Instant::now();
    let data = parley_forecast::Dataset::load(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    for s in &data.skipped {
        eprintln!("skipped {s}");
    }
    let report = parley_forecast::pipeline::run(&data, &Default::default(), &Default::default());
    println!("rules {}", report.rules);
    for (phase, d) in &report.phases {
        println!("{phase:<32} {:>8.1} s", d.as_secs_f64());
    }
    for r in &report.results {
        println!("{:<28} MRR {:.4} H@1 {:.4} H@3 {:.4} H@10 {:.4} ({} questions)", r.method, r.test.mrr(), r.test.hits_at(1), r.test.hits_at(3), r.test.hits_at(10), r.test.queries);
    }
    println!("total {:.1} s", start.elapsed().as_secs_f64());
}
