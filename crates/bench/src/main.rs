//! `parley-corpus`: writes the benchmark corpus as JSON lines, or measures one.
//!
//! ```text
//! parley-corpus [--docs N] [--seed S] > corpus.jsonl   # N documents (default: the sources once)
//! parley-corpus --stats corpus.jsonl                   # documents, sentences and bytes of a corpus
//! ```

use parley::Document;
use parley_bench::{anchors_dir, generate, load_sources, measure, to_json_line, Names};
use std::io::{BufRead, BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    if let Some(path) = value("--stats") {
        let file = std::fs::File::open(&path).unwrap_or_else(|e| die(&format!("{path}: {e}")));
        let docs: Vec<Document> = std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .map(|l| Document::from_json(&l).unwrap_or_else(|e| die(&format!("{path}: {e}"))))
            .collect();
        let (sentences, bytes) = measure(&docs);
        println!("documents {}\nsentences {sentences}\nbytes {bytes}", docs.len());
        return;
    }
    let anchors = anchors_dir();
    let items = load_sources(&anchors).unwrap_or_else(|e| die(&format!("{}: {e}", anchors.display())));
    let docs = value("--docs").map_or(items.len(), |n| n.parse().unwrap_or_else(|_| die("--docs N")));
    let seed = value("--seed").map_or(1, |n| n.parse().unwrap_or_else(|_| die("--seed S")));
    let lexicon = parley_lexicon::Lexicon::builtin().unwrap_or_else(|e| die(&e.to_string()));
    let names = Names::from_lexicon(&lexicon);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for doc in generate(&items, &names, docs, seed) {
        writeln!(out, "{}", to_json_line(&doc)).unwrap_or_else(|e| die(&e.to_string()));
    }
    out.flush().unwrap_or_else(|e| die(&e.to_string()));
}

fn die(message: &str) -> ! {
    eprintln!("parley-corpus: {message}");
    std::process::exit(2)
}
