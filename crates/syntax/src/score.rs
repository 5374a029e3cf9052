//! Scoring against gold CoNLL-U with the standard definitions: every word
//! counts, punctuation included; UAS is the share of words with the right
//! head, LAS with the right head and relation. LAS compares full relations
//! (`nsubj:pass`), the CoNLL 2018 variant only their universal part (`nsubj`).

use crate::conllu::Sentence;
use crate::Parser;
use std::time::{Duration, Instant};

/// Accuracy figures over a set of sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Sentences scored.
    pub sentences: usize,
    /// Words scored.
    pub words: usize,
    /// Share of words with the gold part of speech.
    pub upos: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score (relations with their subtypes).
    pub las: f64,
    /// Labelled attachment score on universal relations (CoNLL 2018).
    pub las_universal: f64,
    /// Time spent tagging and parsing (reading excluded).
    pub elapsed: Duration,
}

impl Scores {
    /// Sentences per second of tagging and parsing.
    pub fn sentences_per_second(&self) -> f64 {
        self.sentences as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Words per second of tagging and parsing.
    pub fn words_per_second(&self) -> f64 {
        self.words as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Tags and parses the words of every gold sentence (sentences without gold
/// annotation are left out) and compares with the gold annotation.
pub fn evaluate(parser: &Parser, sentences: &[Sentence]) -> Scores {
    evaluate_with(parser, sentences, false)
}

/// Like [`evaluate`], but the parser reads the gold parts of speech instead
/// of the tagger's: the parser's accuracy alone.
pub fn evaluate_with_gold_tags(parser: &Parser, sentences: &[Sentence]) -> Scores {
    evaluate_with(parser, sentences, true)
}

fn evaluate_with(parser: &Parser, sentences: &[Sentence], gold_tags: bool) -> Scores {
    let mut scores = Scores::default();
    let (mut upos, mut uas, mut las, mut las_universal) = (0usize, 0usize, 0usize, 0usize);
    let mut scratch = crate::Scratch::default();
    let mut parse = crate::Parse::new();
    for sentence in sentences {
        let Some(gold) = &sentence.gold else { continue };
        let start = Instant::now();
        if gold_tags {
            parser.parse_tagged_into(&sentence.words, &gold.upos, &mut scratch, &mut parse);
        } else {
            parser.parse_into(&sentence.words, &mut scratch, &mut parse);
        }
        scores.elapsed += start.elapsed();
        scores.sentences += 1;
        scores.words += sentence.words.len();
        for i in 0..sentence.words.len() {
            upos += (parse.upos(i) == gold.upos[i]) as usize;
            let head = parse.head(i).map_or(0, |h| h as u32 + 1);
            if head == gold.heads[i] {
                uas += 1;
                las += (parse.deprel(i) == gold.deprels[i]) as usize;
                las_universal +=
                    (parse.deprel(i).universal() == gold.deprels[i].universal()) as usize;
            }
        }
    }
    let words = scores.words.max(1) as f64;
    scores.upos = upos as f64 / words;
    scores.uas = uas as f64 / words;
    scores.las = las as f64 / words;
    scores.las_universal = las_universal as f64 / words;
    scores
}
