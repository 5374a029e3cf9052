//! `parley parse`: part-of-speech tags and dependency trees as CoNLL-U.
//!
//! Text is cleaned, tokenised and split into sentences by parley's own text
//! stage, paragraph by paragraph (so memory stays bounded), then tagged and
//! parsed by the built-in model. `--input conllu` re-parses the words
//! (columns 1-2) of a CoNLL-U file; `--score GOLD` compares with its gold
//! columns and prints UPOS, UAS and LAS.

use crate::Outcome;
use parley_syntax::conllu;
use parley_syntax::{score, Parse, Parser, Scratch};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Input {
    /// Running text (blank lines separate paragraphs).
    Text,
    /// CoNLL-U: only the words (ID and FORM columns) are used.
    Conllu,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files to parse (standard input when none, or `-`).
    inputs: Vec<String>,
    /// What the inputs hold.
    #[arg(long, value_enum, default_value = "text")]
    input: Input,
    /// Parse the words of this gold CoNLL-U file and print the accuracy
    /// (UPOS, UAS, LAS; punctuation included) and the speed, instead of the parses.
    #[arg(long, value_name = "GOLD.conllu", conflicts_with = "inputs")]
    score: Option<String>,
}

fn open(name: &str) -> Result<Box<dyn BufRead>, String> {
    if name == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(name).map_err(|e| format!("{name}: {e}"))?;
    Ok(Box::new(BufReader::new(file)))
}

fn read_all(name: &str) -> Result<String, String> {
    let mut text = String::new();
    open(name)?
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(text)
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let parser = Parser::builtin();
    if let Some(gold) = &args.score {
        let sentences = read_conllu(gold, &mut false)?;
        let scores = score::evaluate(parser, &sentences);
        println!(
            "{gold}: {} sentences, {} words",
            scores.sentences, scores.words
        );
        println!("UPOS {:.4}", scores.upos);
        println!("UAS  {:.4}", scores.uas);
        println!(
            "LAS  {:.4}  (universal relations only, as CoNLL 2018: {:.4})",
            scores.las, scores.las_universal
        );
        println!(
            "speed {:.0} sentences/s, {:.0} words/s (tagging and parsing, one thread)",
            scores.sentences_per_second(),
            scores.words_per_second()
        );
        return Ok(Outcome::Done);
    }
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut skipped = false;
    let mut writer = Writer {
        parser,
        scratch: Scratch::default(),
        parse: Parse::new(),
        count: 0,
    };
    for name in &inputs {
        match args.input {
            Input::Conllu => {
                for sentence in read_conllu(name, &mut skipped)? {
                    let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
                    writer.write(&mut out, sentence.comments, &words)?;
                }
            }
            Input::Text => {
                let mut paragraph = String::new();
                for line in open(name)?.lines() {
                    let line = line.map_err(|e| format!("{name}: {e}"))?;
                    if line.trim().is_empty() {
                        writer.write_text(&mut out, &paragraph)?;
                        paragraph.clear();
                    } else {
                        paragraph.push_str(&line);
                        paragraph.push('\n');
                    }
                }
                writer.write_text(&mut out, &paragraph)?;
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if skipped {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}

/// The sentences of a CoNLL-U file; bad ones are reported and skipped.
fn read_conllu(name: &str, skipped: &mut bool) -> Result<Vec<conllu::Sentence>, String> {
    let text = read_all(name)?;
    let mut sentences = Vec::new();
    for result in conllu::read_str(&text, name) {
        match result {
            Ok(sentence) => sentences.push(sentence),
            Err(error) => {
                eprintln!("parley: skipped: {error}");
                *skipped = true;
            }
        }
    }
    Ok(sentences)
}

struct Writer {
    parser: &'static Parser,
    scratch: Scratch,
    parse: Parse,
    count: usize,
}

impl Writer {
    fn write(
        &mut self,
        out: &mut impl Write,
        comments: Vec<String>,
        words: &[&str],
    ) -> Result<(), String> {
        self.parser
            .parse_into(words, &mut self.scratch, &mut self.parse);
        conllu::write_sentence(out, &comments, words, &self.parse).map_err(|e| e.to_string())
    }

    /// Splits a paragraph into sentences with parley's text stage and writes each.
    fn write_text(&mut self, out: &mut impl Write, paragraph: &str) -> Result<(), String> {
        let text = parley_text::clean(paragraph);
        let tokens = parley_text::tokenize(&text);
        for sentence in parley_text::sentences(&text, &tokens) {
            let words: Vec<&str> = tokens[sentence.tokens.clone()]
                .iter()
                .map(|t| t.text(&text))
                .collect();
            if words.is_empty() {
                continue;
            }
            self.count += 1;
            let raw = text[sentence.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let comments = vec![format!("sent_id = {}", self.count), format!("text = {raw}")];
            self.write(out, comments, &words)?;
        }
        Ok(())
    }
}
