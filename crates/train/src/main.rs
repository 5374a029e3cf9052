//! `parley-train`: trains the tagger and parser of `parley-syntax` from a
//! folder of CoNLL-U files (`train.conllu`, scored on `dev.conllu`) and
//! writes the model blob. Deterministic: same data and options, same bytes.
//!
//! ```text
//! cargo run --release -p parley-train -- --data ../shared/corpora/ud-english --out crates/syntax/model/en-ud.bin
//! ```

#![deny(missing_docs)]

use clap::Parser as _;
use parley_syntax::conllu::{self, Sentence};
use parley_syntax::{score, train, Parser};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Trains parley's tagger and dependency parser.
#[derive(clap::Parser)]
struct Args {
    /// A folder with train.conllu and dev.conllu.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Seed of every random choice.
    #[arg(long, default_value_t = train::Config::default().seed)]
    seed: u64,
    /// Passes of the parser over the training set.
    #[arg(long, default_value_t = train::Config::default().parser_epochs)]
    parser_epochs: usize,
    /// Passes of the tagger over the training set.
    #[arg(long, default_value_t = train::Config::default().tagger_epochs)]
    tagger_epochs: usize,
    /// Folds for jack-knifed training tags (1: none).
    #[arg(long, default_value_t = train::Config::default().folds)]
    folds: usize,
    /// Share of sentences added again in headline style.
    #[arg(long, default_value_t = train::Config::default().headline_share)]
    headline_share: f64,
    /// Move features updated fewer times than this are dropped.
    #[arg(long, default_value_t = train::Config::default().min_updates)]
    min_updates: u32,
    /// Label features updated fewer times than this are dropped.
    #[arg(long, default_value_t = train::Config::default().label_min_updates)]
    label_min_updates: u32,
    /// Sentences (words split on spaces) to tag and parse with the new model,
    /// printed after the scores: a quick look at what it does.
    #[arg(long, value_name = "SENTENCE")]
    probe: Vec<String>,
    /// Tagger features updated fewer times than this are dropped.
    #[arg(long, default_value_t = train::Config::default().tagger_min_updates)]
    tagger_min_updates: u32,
    /// From which epoch on the parser follows its own mistakes.
    #[arg(long, default_value_t = train::Config::default().explore_from_epoch)]
    explore_from_epoch: usize,
    /// How often it follows a mistake then.
    #[arg(long, default_value_t = train::Config::default().explore_probability)]
    explore_probability: f64,
}

fn read(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut sentences = Vec::new();
    for result in conllu::read_str(&text, &path.display().to_string()) {
        match result {
            Ok(sentence) => sentences.push(sentence),
            Err(error) => eprintln!("parley-train: skipped: {error}"),
        }
    }
    Ok(sentences)
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let train_set = read(&args.data.join("train.conllu"))?;
    let dev_set = read(&args.data.join("dev.conllu"))?;
    let config = train::Config {
        seed: args.seed,
        parser_epochs: args.parser_epochs,
        tagger_epochs: args.tagger_epochs,
        folds: args.folds,
        headline_share: args.headline_share,
        min_updates: args.min_updates,
        label_min_updates: args.label_min_updates,
        tagger_min_updates: args.tagger_min_updates,
        explore_from_epoch: args.explore_from_epoch,
        explore_probability: args.explore_probability,
        ..train::Config::default()
    };
    eprintln!("parley-train: {config:?}");
    let parser = train::train(&train_set, &dev_set, &config, &mut |line| {
        eprintln!("[{:6.1}s] {line}", started.elapsed().as_secs_f64())
    });
    let bytes = parser.to_bytes();
    std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let trained = started.elapsed();
    // Score what was written, read back, so the figures are the shipped model's.
    let parser = Parser::from_bytes(&bytes).map_err(|e| e.to_string())?;
    let dev = score::evaluate(&parser, &dev_set);
    println!(
        "model {}: {:.1} MB, features {:?}, trained in {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        parser.sizes(),
        trained.as_secs_f64()
    );
    println!(
        "dev: UPOS {:.4} UAS {:.4} LAS {:.4} (universal relations {:.4}), {} sentences, {:.0} sentences/s",
        dev.upos,
        dev.uas,
        dev.las,
        dev.las_universal,
        dev.sentences,
        dev.sentences_per_second()
    );
    // The tagger's most frequent confusions on dev: where tagging work would pay.
    let mut confusions = std::collections::BTreeMap::new();
    for sentence in &dev_set {
        let Some(gold) = &sentence.gold else { continue };
        for (guess, truth) in parser.tag(&sentence.words).iter().zip(&gold.upos) {
            if guess != truth {
                *confusions
                    .entry((truth.as_str(), guess.as_str()))
                    .or_insert(0usize) += 1;
            }
        }
    }
    let mut confusions: Vec<_> = confusions.into_iter().collect();
    confusions.sort_by_key(|&(pair, n)| (std::cmp::Reverse(n), pair));
    let top: Vec<String> = confusions
        .iter()
        .take(12)
        .map(|((t, g), n)| format!("{t}->{g} {n}"))
        .collect();
    println!("dev tagging errors (gold->guess): {}", top.join(", "));
    for sentence in &args.probe {
        let words: Vec<&str> = sentence.split(' ').collect();
        let parse = parser.parse(&words);
        let shown: Vec<String> = (0..words.len())
            .map(|i| {
                format!(
                    "{}/{}/{}:{}",
                    words[i],
                    parse.upos(i),
                    parse.head(i).map_or(0, |h| h + 1),
                    parse.deprel(i)
                )
            })
            .collect();
        println!("probe: {}", shown.join(" "));
    }
    let gold_tags = score::evaluate_with_gold_tags(&parser, &dev_set);
    println!(
        "dev with gold tags: UAS {:.4} LAS {:.4}",
        gold_tags.uas, gold_tags.las
    );
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("parley-train: {message}");
            ExitCode::FAILURE
        }
    }
}
