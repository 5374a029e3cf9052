//! `cargo bench -p parley-bench`: parley's stages, one at a time, over the
//! first 2,000 documents of the benchmark corpus (real AG News and GigaWord
//! text from `../shared/anchors`, see `parley_bench`), built-in lexicon, one
//! thread. Each stage gets the previous stages' output precomputed, so a
//! figure is that stage's own cost. Throughput is shown in sentences (items)
//! or bytes per second.

use chrono::NaiveDate;
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use parley::{Coder, Document, Lexicon};
use parley_actors::{ActorMatcher, Mention, Resolver};
use parley_enrich::Enricher;
use parley_events::EventMatcher;
use parley_text::Token;
use std::sync::OnceLock;

/// The allocator of the `parley` binary, so that figures compare.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOCS: usize = 2000;

struct Sentence {
    text: String,
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
    date: Option<NaiveDate>,
}

struct Fixture {
    docs: Vec<Document>,
    /// Cleaned text of each document, as the coder reads it.
    texts: Vec<String>,
    tokens: Vec<Vec<Token>>,
    sentences: Vec<Sentence>,
    lexicon: Lexicon,
    actors: ActorMatcher,
    events: EventMatcher,
    enricher: Enricher,
    coder: Coder,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let anchors = parley_bench::anchors_dir();
        let items = parley_bench::load_sources(&anchors)
            .unwrap_or_else(|e| panic!("the benchmark corpus needs {}: {e}", anchors.display()));
        let lexicon = Lexicon::builtin().expect("built-in lexicon");
        let names = parley_bench::Names::from_lexicon(&lexicon);
        let docs = parley_bench::generate(&items, &names, DOCS, 1);
        let texts: Vec<String> = docs.iter().map(parley_bench::document_text).collect();
        let tokens: Vec<Vec<Token>> = texts.iter().map(|t| parley_text::tokenize(t)).collect();
        let actors = ActorMatcher::new(&lexicon);
        let mut sentences = Vec::new();
        for ((doc, text), toks) in docs.iter().zip(&texts).zip(&tokens) {
            let mut resolver = Resolver::new(None);
            for s in parley_text::sentences(text, toks) {
                let local: Vec<Token> = toks[s.tokens.clone()]
                    .iter()
                    .map(|t| Token { start: t.start - s.span.start, end: t.end - s.span.start, ..t.clone() })
                    .collect();
                let sentence = text[s.span.clone()].to_string();
                let mut mentions = actors.find(&sentence, &local, doc.date);
                resolver.resolve(&local, &mut mentions);
                sentences.push(Sentence { text: sentence, tokens: local, mentions, date: doc.date });
            }
        }
        Fixture {
            events: EventMatcher::new(&lexicon),
            enricher: Enricher::new(&lexicon),
            coder: Coder::new(lexicon.clone()),
            actors,
            lexicon,
            docs,
            texts,
            tokens,
            sentences,
        }
    })
}

fn sentences() -> ItemsCount {
    ItemsCount::new(fixture().sentences.len())
}

fn bytes() -> BytesCount {
    BytesCount::new(fixture().texts.iter().map(String::len).sum::<usize>())
}

fn main() {
    fixture();
    divan::main();
}

/// Repairing feed debris (`#39;`, `&amp;`, tags).
#[divan::bench(sample_count = 20)]
fn clean(b: Bencher) {
    let f = fixture();
    let raw: Vec<String> = f.docs.iter().map(|d| format!("{}\n\n{}", d.title.as_deref().unwrap_or(""), d.text)).collect();
    b.counter(bytes()).bench(|| raw.iter().map(|t| parley_text::clean(t).len()).sum::<usize>());
}

/// Text to tokens (words, numbers, punctuation, with norms).
#[divan::bench(sample_count = 20)]
fn tokenize(b: Bencher) {
    let f = fixture();
    b.counter(bytes()).bench(|| f.texts.iter().map(|t| parley_text::tokenize(t).len()).sum::<usize>());
}

/// Tokens to sentences (abbreviations, headlines, datelines).
#[divan::bench(sample_count = 20)]
fn sentence_split(b: Bencher) {
    let f = fixture();
    b.counter(sentences())
        .bench(|| f.texts.iter().zip(&f.tokens).map(|(t, toks)| parley_text::sentences(t, toks).len()).sum::<usize>());
}

/// Actor mentions of each sentence (dictionary trie, names, composition, references).
#[divan::bench(sample_count = 20)]
fn actor_match(b: Bencher) {
    let f = fixture();
    b.counter(sentences()).bench(|| {
        f.sentences.iter().map(|s| f.actors.find(&s.text, &s.tokens, s.date).len()).sum::<usize>()
    });
}

/// Verbs, patterns and roles of each sentence, given its resolved mentions.
#[divan::bench(sample_count = 20)]
fn verb_match(b: Bencher) {
    let f = fixture();
    b.counter(sentences())
        .bench(|| f.sentences.iter().map(|s| f.events.code_sentence(&s.text, &s.tokens, &s.mentions).len()).sum::<usize>());
}

/// Dates, places, counts, certainty and attribution of each sentence, with
/// the scan of its cue phrases (which the coder shares with events).
#[divan::bench(sample_count = 20)]
fn enrichment(b: Bencher) {
    let f = fixture();
    b.counter(sentences()).bench(|| {
        f.sentences.iter().map(|s| f.enricher.sentence(&s.text, &s.tokens, &f.events.cues(&s.tokens), s.date).counts.len()).sum::<usize>()
    });
}

/// The whole coder, documents to events and facts (one thread).
#[divan::bench(sample_count = 10)]
fn whole_coder(b: Bencher) {
    let f = fixture();
    b.counter(sentences()).bench(|| f.docs.iter().map(|d| black_box(f.coder.code_with_facts(d)).events.len()).sum::<usize>());
}

/// Start-up: compiling the built-in lexicon into a coder.
#[divan::bench(sample_count = 5)]
fn coder_from_lexicon(b: Bencher) {
    let f = fixture();
    b.bench(|| Coder::new(f.lexicon.clone()));
}
