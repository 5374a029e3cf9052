//! Training a [`Parser`] from gold CoNLL-U sentences, deterministically:
//! a fixed seed drives every random choice, sentences are visited in a
//! seeded order, and no hash-map iteration order reaches the weights (tables
//! are written sorted by key). Same sentences and configuration: same bytes.
//!
//! Steps: (1) add headline-styled copies of a share of the sentences (title
//! case, no articles, no final period), so that "Israel Kills 5 in Gaza Raid"
//! is not read as a string of names; (2) build the tag dictionary; (3) train
//! the tagger's two passes, and tag the training set by jack-knifing (each
//! fold tagged by taggers that did not see it; the second pass learns from
//! the first pass's jack-knifed tags), so the second pass and the parser
//! learn from tags as noisy as at parse time; (4) train the parser with the
//! dynamic oracle; (5) average, prune, quantise.

use crate::conllu::Sentence;
use crate::parser::{self, Tokens, LABEL_FEATURES, MOVE_FEATURES};
use crate::table::{Learner, Table};
use crate::tagger::{self, WordInfo, RETAG_FEATURES};
use crate::tags::{Deprel, Upos};
use crate::transition::{State, MOVES, NO_LABEL, SHIFT};
use crate::Parser;

/// How to train.
#[derive(Clone, Debug)]
pub struct Config {
    /// Seed of every random choice.
    pub seed: u64,
    /// Passes of the tagger over the training set.
    pub tagger_epochs: usize,
    /// Passes of the parser over the training set.
    pub parser_epochs: usize,
    /// Folds for jack-knifed training tags (1: tag with the final tagger).
    pub folds: usize,
    /// Share of sentences (of at most 30 words) added again in headline style.
    pub headline_share: f64,
    /// From which epoch on the parser follows its own mistakes.
    pub explore_from_epoch: usize,
    /// How often it follows a mistake then.
    pub explore_probability: f64,
    /// Move features updated fewer times than this are dropped.
    pub min_updates: u32,
    /// Label features updated fewer times than this are dropped.
    pub label_min_updates: u32,
    /// Tagger features updated fewer times than this are dropped.
    pub tagger_min_updates: u32,
    /// A word enters the tag dictionary when seen this often ...
    pub dictionary_min_count: u32,
    /// ... with one tag this share of the time.
    pub dictionary_min_share: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 13,
            tagger_epochs: 10,
            parser_epochs: 12,
            folds: 4,
            headline_share: 0.08,
            explore_from_epoch: 1,
            explore_probability: 0.9,
            min_updates: 3,
            label_min_updates: 3,
            tagger_min_updates: 2,
            dictionary_min_count: 20,
            dictionary_min_share: 0.99,
        }
    }
}

/// splitmix64: a small, fixed, seedable generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// A training sentence, its words described once.
struct Example {
    words: Vec<WordInfo>,
    upos: Vec<Upos>,
    /// Gold heads by word number (index 0 unused).
    heads: Vec<u32>,
    /// Gold labels by word number (index 0 unused).
    labels: Vec<u8>,
}

const HEADLINE_LOWER: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "from", "as",
];

/// The sentence in headline style, if it can be made one: articles that
/// are leaves and a final period are dropped, and words are title-cased but
/// for short function words.
fn headline(
    words: &[String],
    gold: &crate::conllu::Annotation,
) -> Option<(Vec<String>, crate::conllu::Annotation)> {
    let n = words.len();
    let has_children = |i: usize| gold.heads.iter().any(|&h| h as usize == i + 1);
    let keep: Vec<bool> = (0..n)
        .map(|i| {
            let article = gold.deprels[i] == Deprel::Det
                && matches!(words[i].to_lowercase().as_str(), "the" | "a" | "an");
            let final_stop = i == n - 1 && gold.upos[i] == Upos::Punct && words[i] == ".";
            !((article || final_stop) && !has_children(i))
        })
        .collect();
    let mut number = vec![0u32; n + 1];
    let mut next = 0;
    for i in 0..n {
        if keep[i] {
            next += 1;
            number[i + 1] = next;
        }
    }
    if next < 2 {
        return None;
    }
    let mut out_words = Vec::new();
    let mut out = crate::conllu::Annotation::default();
    for i in (0..n).filter(|&i| keep[i]) {
        let word = &words[i];
        let lower = word.to_lowercase();
        let titled = if out_words.is_empty() || !HEADLINE_LOWER.contains(&lower.as_str()) {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            lower
        };
        out_words.push(titled);
        out.upos.push(gold.upos[i]);
        out.heads.push(number[gold.heads[i] as usize]);
        out.deprels.push(gold.deprels[i]);
    }
    Some((out_words, out))
}

fn example(
    words: &[String],
    gold: &crate::conllu::Annotation,
    casing: &Table,
    chars: &mut Vec<char>,
) -> Example {
    let mut heads = vec![0];
    heads.extend(&gold.heads);
    let mut labels = vec![NO_LABEL];
    labels.extend(gold.deprels.iter().map(|d| d.index() as u8));
    let mut infos = Vec::with_capacity(words.len());
    tagger::describe(words, casing, chars, &mut infos);
    Example {
        words: infos,
        upos: gold.upos.clone(),
        heads,
        labels,
    }
}

/// Trains a parser on the gold sentences of `sentences` (others are
/// skipped), reporting progress through `log`, with the accuracy on `dev`
/// every few epochs (when `dev` is not empty).
#[allow(clippy::manual_is_multiple_of)] // is_multiple_of is newer than the workspace's rust-version
pub fn train(
    sentences: &[Sentence],
    dev: &[Sentence],
    config: &Config,
    log: &mut dyn FnMut(String),
) -> Parser {
    let mut rng = Rng(config.seed);
    let mut chars = Vec::new();
    let casing = casing(sentences, &mut chars);
    log(format!("casing known for {} words", casing.len()));
    let mut examples = Vec::new();
    let mut headlines = 0;
    for sentence in sentences {
        let Some(gold) = &sentence.gold else { continue };
        examples.push(example(&sentence.words, gold, &casing, &mut chars));
        if sentence.words.len() <= 30 && rng.chance(config.headline_share) {
            if let Some((words, gold)) = headline(&sentence.words, gold) {
                examples.push(example(&words, &gold, &casing, &mut chars));
                headlines += 1;
            }
        }
    }
    log(format!(
        "{} training sentences ({headlines} of them headline-styled copies)",
        examples.len()
    ));

    let dictionary = tag_dictionary(&examples, config);
    log(format!("tag dictionary: {} words", dictionary.len()));

    // Jack-knifed tags for the parser's training, from both passes: each
    // fold is tagged by taggers that did not see it.
    let all: Vec<usize> = (0..examples.len()).collect();
    let folds = config.folds.max(1);
    let mut first: Vec<Vec<Upos>> = examples.iter().map(|e| e.upos.clone()).collect();
    let mut predicted = first.clone();
    if folds > 1 {
        first = jackknife(&examples, &dictionary, None, config, &mut rng, log);
        predicted = jackknife(&examples, &dictionary, Some(&first), config, &mut rng, log);
    }
    let tagger = train_tagger(
        &examples,
        &all,
        &dictionary,
        None,
        config.tagger_epochs,
        &mut rng,
    )
    .freeze(config.tagger_min_updates);
    if folds <= 1 {
        for (example, tags) in examples.iter().zip(&mut first) {
            tagger::tag(&dictionary, &tagger, &example.words, None, None, tags);
        }
    }
    let retagger = train_tagger(
        &examples,
        &all,
        &dictionary,
        Some(&first),
        config.tagger_epochs,
        &mut rng,
    )
    .freeze(config.tagger_min_updates);
    if folds <= 1 {
        for ((example, tags), ahead) in examples.iter().zip(&mut predicted).zip(&first) {
            tagger::tag(
                &dictionary,
                &retagger,
                &example.words,
                None,
                Some(ahead),
                tags,
            );
        }
    }
    log(format!(
        "tagger: {} + {} features",
        tagger.len(),
        retagger.len()
    ));

    let checkpoint = |epoch: usize, moves: &Learner, labels: &Learner| {
        if dev.is_empty() || (epoch % 3 != 0 && epoch != config.parser_epochs) {
            return None;
        }
        let parser = Parser {
            dictionary: dictionary.clone(),
            casing: casing.clone(),
            tagger: tagger.clone(),
            retagger: retagger.clone(),
            moves: moves.freeze(config.min_updates),
            labels: labels.freeze(config.label_min_updates),
        };
        let s = crate::score::evaluate(&parser, dev);
        Some(format!(
            "after parser epoch {epoch}: dev UPOS {:.4} UAS {:.4} LAS {:.4}",
            s.upos, s.uas, s.las
        ))
    };
    let (moves, labels) = train_parser(&examples, &predicted, config, &mut rng, &checkpoint, log);
    let moves = moves.freeze(config.min_updates);
    let labels = labels.freeze(config.label_min_updates);
    log(format!(
        "parser: {} move features, {} label features",
        moves.len(),
        labels.len()
    ));
    Parser {
        dictionary,
        casing,
        tagger,
        retagger,
        moves,
        labels,
    }
}

/// How running text writes the words seen inside sentences (not first): [`tagger::LOWER`] when in lower case at least half of the
/// time, else [`tagger::CAPITALISED`].
fn casing(sentences: &[Sentence], chars: &mut Vec<char>) -> Table {
    let mut counts: std::collections::BTreeMap<u64, (u32, u32)> = Default::default();
    for sentence in sentences {
        for word in sentence.words.iter().skip(1) {
            let Some(first) = word.chars().next() else {
                continue;
            };
            if !first.is_alphabetic() {
                continue;
            }
            let entry = counts.entry(WordInfo::of(word, chars).norm).or_default();
            entry.0 += first.is_lowercase() as u32;
            entry.1 += 1;
        }
    }
    let (mut keys, mut values) = (Vec::new(), Vec::new());
    for (&key, &(lower, total)) in &counts {
        if total >= 1 {
            keys.push(key);
            values.push(if lower * 2 >= total {
                tagger::LOWER
            } else {
                tagger::CAPITALISED
            });
        }
    }
    Table::new(1, &keys, values)
}

fn tag_dictionary(examples: &[Example], config: &Config) -> Table {
    let mut counts: std::collections::BTreeMap<u64, [u32; Upos::COUNT]> = Default::default();
    for e in examples {
        for (w, tag) in e.words.iter().zip(&e.upos) {
            counts.entry(w.norm).or_insert([0; Upos::COUNT])[tag.index()] += 1;
        }
    }
    let (mut keys, mut tags) = (Vec::new(), Vec::new());
    for (&norm, row) in &counts {
        let total: u32 = row.iter().sum();
        let best = tagger::argmax(&row.map(|c| c as i32));
        if total >= config.dictionary_min_count
            && row[best] as f64 >= total as f64 * config.dictionary_min_share
        {
            keys.push(norm);
            tags.push(best as i16);
        }
    }
    Table::new(1, &keys, tags)
}

/// The tags of every example by a tagger (first pass, or second reading
/// `first`) trained on the other folds.
fn jackknife(
    examples: &[Example],
    dictionary: &Table,
    first: Option<&[Vec<Upos>]>,
    config: &Config,
    rng: &mut Rng,
    log: &mut dyn FnMut(String),
) -> Vec<Vec<Upos>> {
    let folds = config.folds;
    let mut out = vec![Vec::new(); examples.len()];
    for fold in 0..folds {
        let train: Vec<usize> = (0..examples.len()).filter(|i| i % folds != fold).collect();
        let tagger = train_tagger(
            examples,
            &train,
            dictionary,
            first,
            config.tagger_epochs,
            rng,
        )
        .freeze(1);
        let (mut right, mut total) = (0, 0);
        for i in (0..examples.len()).filter(|i| i % folds == fold) {
            let ahead = first.map(|f| f[i].as_slice());
            tagger::tag(
                dictionary,
                &tagger,
                &examples[i].words,
                None,
                ahead,
                &mut out[i],
            );
            right += out[i]
                .iter()
                .zip(&examples[i].upos)
                .filter(|(a, b)| a == b)
                .count();
            total += examples[i].upos.len();
        }
        log(format!(
            "pass {}, fold {fold}: held-out tagging accuracy {:.4}",
            1 + first.is_some() as usize,
            right as f64 / total.max(1) as f64
        ));
    }
    out
}

/// Trains the tagger's first pass (`first` is `None`) or its second, which
/// reads the first pass's tags `first[i]` of each sentence.
fn train_tagger(
    examples: &[Example],
    subset: &[usize],
    dictionary: &Table,
    first: Option<&[Vec<Upos>]>,
    epochs: usize,
    rng: &mut Rng,
) -> Learner {
    let mut learner = Learner::new(Upos::COUNT);
    let mut order = subset.to_vec();
    let mut buffer = [0u64; RETAG_FEATURES];
    let mut scores = [0i32; Upos::COUNT];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = &examples[i];
            let ahead = first.map(|f| f[i].as_slice());
            let headline = tagger::is_headline(&e.words);
            let (mut prev, mut prev2) = (tagger::NO_TAG, tagger::NO_TAG);
            for j in 0..e.words.len() {
                let guess = match dictionary.row(e.words[j].norm) {
                    Some(row) => row[0] as usize,
                    None => {
                        let feats =
                            tagger::extract(&e.words, j, prev, prev2, headline, ahead, &mut buffer);
                        learner.score(feats, &mut scores);
                        let guess = tagger::argmax(&scores);
                        learner.tick();
                        learner.update(feats, e.upos[j].index(), guess);
                        guess
                    }
                };
                prev2 = prev;
                prev = guess as u64;
            }
        }
    }
    learner
}

fn train_parser(
    examples: &[Example],
    tags: &[Vec<Upos>],
    config: &Config,
    rng: &mut Rng,
    checkpoint: &dyn Fn(usize, &Learner, &Learner) -> Option<String>,
    log: &mut dyn FnMut(String),
) -> (Learner, Learner) {
    let mut moves = Learner::new(MOVES);
    let mut labels = Learner::new(Deprel::COUNT);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut tokens = Tokens::default();
    let mut state = State::default();
    let mut feats = [0u64; MOVE_FEATURES];
    let mut label_feats = [0u64; LABEL_FEATURES];
    let mut scores = [0i32; MOVES];
    let mut label_scores = [0i32; Deprel::COUNT];
    for epoch in 0..config.parser_epochs {
        rng.shuffle(&mut order);
        let explore = epoch >= config.explore_from_epoch;
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &order {
            let e = &examples[i];
            tokens.fill(&e.words, &tags[i]);
            state.reset(e.words.len());
            while !state.is_terminal() {
                let legal = state.legal();
                let mv = if legal == [true, false, false] {
                    SHIFT
                } else {
                    parser::move_features(&state, &tokens, &mut feats);
                    moves.score(&feats, &mut scores);
                    let guess = parser::best_move(legal, &scores);
                    let costs = state.costs(&e.heads);
                    let least = *costs.iter().min().unwrap();
                    let best = (0..MOVES)
                        .filter(|&m| costs[m] == least)
                        .max_by_key(|&m| (scores[m], std::cmp::Reverse(m)))
                        .unwrap();
                    moves.tick();
                    if costs[guess] > least {
                        moves.update(&feats, best, guess);
                    }
                    if costs[guess] == least || (explore && rng.chance(config.explore_probability))
                    {
                        guess
                    } else {
                        best
                    }
                };
                let mut label = NO_LABEL;
                if mv != SHIFT {
                    label = parser::predict_label(
                        &labels,
                        &state,
                        &tokens,
                        mv,
                        &mut label_feats,
                        &mut label_scores,
                    );
                    let (head, dependent) = state.arc(mv);
                    // The label classifier learns from right arcs only (the root's is given).
                    if head != 0 && e.heads[dependent as usize] == head {
                        let truth = e.labels[dependent as usize];
                        labels.tick();
                        labels.update(&label_feats, truth as usize, label as usize);
                        label = truth;
                    }
                }
                state.apply(mv, label);
            }
            for w in 1..=e.words.len() {
                right += (state.heads[w] == e.heads[w]) as usize;
            }
            total += e.words.len();
        }
        log(format!(
            "parser epoch {}: training UAS {:.4} (while exploring)",
            epoch + 1,
            right as f64 / total.max(1) as f64
        ));
        if let Some(line) = checkpoint(epoch + 1, &moves, &labels) {
            log(line);
        }
    }
    (moves, labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::Annotation;

    #[test]
    fn headline_style_drops_articles_and_the_period_and_title_cases() {
        let words: Vec<String> = ["Israel", "kills", "five", "in", "a", "raid", "."]
            .map(String::from)
            .to_vec();
        let gold = Annotation {
            upos: vec![
                Upos::Propn,
                Upos::Verb,
                Upos::Num,
                Upos::Adp,
                Upos::Det,
                Upos::Noun,
                Upos::Punct,
            ],
            heads: vec![2, 0, 2, 6, 6, 2, 2],
            deprels: vec![
                Deprel::Nsubj,
                Deprel::Root,
                Deprel::Obj,
                Deprel::Case,
                Deprel::Det,
                Deprel::Obl,
                Deprel::Punct,
            ],
        };
        let (words, gold) = headline(&words, &gold).unwrap();
        assert_eq!(words, ["Israel", "Kills", "Five", "in", "Raid"]);
        assert_eq!(gold.heads, [2, 0, 2, 5, 2]);
        assert_eq!(gold.deprels[4], Deprel::Obl);
    }

    /// A tiny treebank: "X attacked Y ." in a few variants.
    fn tiny() -> Vec<Sentence> {
        let names = ["Israel", "Iran", "rebels", "troops", "police", "Russia"];
        let mut out = Vec::new();
        for (i, a) in names.iter().enumerate() {
            for b in names.iter().skip(i + 1) {
                out.push(Sentence {
                    words: [*a, "attacked", *b, "."].map(String::from).to_vec(),
                    gold: Some(Annotation {
                        upos: vec![Upos::Propn, Upos::Verb, Upos::Propn, Upos::Punct],
                        heads: vec![2, 0, 2, 2],
                        deprels: vec![Deprel::Nsubj, Deprel::Root, Deprel::Obj, Deprel::Punct],
                    }),
                    ..Sentence::default()
                });
            }
        }
        out
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let config = Config {
            parser_epochs: 3,
            tagger_epochs: 3,
            folds: 2,
            min_updates: 1,
            label_min_updates: 1,
            tagger_min_updates: 1,
            ..Config::default()
        };
        let data = tiny();
        let first = train(&data, &data, &config, &mut |_| {});
        let second = train(&data, &data, &config, &mut |_| {});
        assert_eq!(
            first.to_bytes(),
            second.to_bytes(),
            "same data, same seed: same bytes"
        );
        let other = train(&data, &[], &Config { seed: 7, ..config }, &mut |_| {});
        assert_ne!(first.to_bytes(), other.to_bytes(), "the seed matters");
        let scores = crate::score::evaluate(&first, &data);
        assert!(scores.uas > 0.9 && scores.upos > 0.9, "{scores:?}");
        let back = Parser::from_bytes(&first.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), first.to_bytes());
    }
}
