//! parley's syntax stage: a part-of-speech tagger and a labelled dependency
//! parser for English, in Universal Dependencies, learned from public
//! treebanks (see NOTICE) and shipped inside the binary.
//!
//! # Design
//! - **Tagger**: two greedy left-to-right passes of averaged perceptrons over
//!   the word, its suffixes, prefixes and shape, its neighbours and the two
//!   previous tags; the second pass also reads the first pass's tags of the
//!   word and the two words after it (the right context a greedy tagger
//!   lacks). Frequent unambiguous words come from a tag dictionary.
//! - **Parser**: greedy arc-hybrid transitions (see `transition.rs`) chosen by an
//!   averaged perceptron over Zhang & Nivre style features, trained with a
//!   dynamic oracle (the model learns to recover from its own mistakes); arc
//!   labels come from a second perceptron consulted once per arc, so the move
//!   classifier has 3 classes, not 100. A left arc that would give a word a
//!   second subject on its left gives way to the next-best move, unless far
//!   ahead of it. A parse is always a single tree.
//! - **Headlines**: a sentence that reads as one ("Israel Kills 5 in Gaza
//!   Raid") has its capitalised words that running text does not write
//!   capitalised (a casing table learned with the model) read as lower case,
//!   and training adds headline-styled copies of some sentences.
//! - **Features** are template numbers and values hashed into `u64` keys
//!   (no strings at parse time). Weights are averaged, pruned, quantised to
//!   `i16` and stored sorted by key in one blob (`model/en-ud.bin`; rows of
//!   many classes sparse, only their non-zero weights), which is
//!   `include_bytes!`-ed and indexed into open-addressing tables on first use.
//! - **Hot path**: per sentence, the words are hashed once; everything else
//!   lives in a reusable [`Scratch`] (one per thread behind
//!   [`Parser::parse`]), so a warm parse allocates only its result, and
//!   [`Parser::parse_into`] not even that. Time is linear in the sentence's
//!   length: `2n` moves, a bounded number of features each.
//!
//! # Use
//! ```
//! use parley_syntax::{ClauseKind, Parser};
//! let parser = Parser::builtin();
//! let words = ["Pakistan", ",", "a", "close", "Chinese", "partner", ",", "refused", "to", "send", "troops", "."];
//! let parse = parser.parse(&words);
//! let verb = parse.root().unwrap();
//! assert_eq!(words[verb], "refused");
//! assert_eq!(parse.subject(verb).map(|i| words[i]), Some("Pakistan"));
//! let send = 9;
//! assert_eq!(parse.clause(send).kind, ClauseKind::OpenComplement);
//! assert_eq!(parse.object(send).map(|i| words[i]), Some("troops"));
//! ```
//!
//! Training is [`train::train`] (the `parley-train` command); scoring
//! against a gold CoNLL-U file is [`score::evaluate`].

#![deny(missing_docs)]

pub mod conllu;
mod hash;
mod parse;
mod parser;
pub mod score;
mod table;
mod tagger;
mod tags;
pub mod train;
mod transition;

pub use parse::{Clause, ClauseKind, Node, Oblique, Parse};
pub use tags::{Deprel, Upos};

use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;
use table::Table;
use tagger::WordInfo;

/// The model shipped with parley (trained by `parley-train`; see the README).
static BUILTIN_MODEL: &[u8] = include_bytes!("../model/en-ud.bin");

/// The first bytes of a model, with its format version.
const MAGIC: &[u8; 8] = b"PRLYSYN4";

/// A tagger and parser: the weight tables of a model.
pub struct Parser {
    dictionary: Table,
    /// How running text writes words: lower case or capitalised.
    casing: Table,
    tagger: Table,
    /// The tagger's second pass, which sees the first pass's tags ahead.
    retagger: Table,
    moves: Table,
    labels: Table,
}

/// A model that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad syntax model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// Reusable buffers for parsing; keep one per thread to parse without allocating.
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    words: Vec<WordInfo>,
    tags: Vec<Upos>,
    /// The tagger's first pass.
    first: Vec<Upos>,
    tokens: parser::Tokens,
    state: transition::State,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Parser {
    /// The model shipped in the binary, read on first use (a few
    /// milliseconds) and shared afterwards.
    pub fn builtin() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            Parser::from_bytes(BUILTIN_MODEL).expect("the shipped syntax model is valid")
        })
    }

    /// Reads a model written by [`Parser::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| ModelError("not a parley syntax model".into()))?;
        let mut tables = Vec::with_capacity(6);
        let mut rest = rest;
        for expected in [
            1,
            1,
            Upos::COUNT,
            Upos::COUNT,
            transition::MOVES,
            Deprel::COUNT,
        ] {
            let (table, more) = Table::read(rest).map_err(ModelError)?;
            if table.classes() != expected {
                return Err(ModelError(format!(
                    "a table has {} classes, {expected} expected",
                    table.classes()
                )));
            }
            tables.push(table);
            rest = more;
        }
        if !rest.is_empty() {
            return Err(ModelError("trailing bytes".into()));
        }
        let mut tables = tables.into_iter();
        let mut next = || tables.next().unwrap();
        let parser = Parser {
            dictionary: next(),
            casing: next(),
            tagger: next(),
            retagger: next(),
            moves: next(),
            labels: next(),
        };
        if parser.dictionary.any_weight_outside(Upos::COUNT) || parser.casing.any_weight_outside(3)
        {
            return Err(ModelError("tag dictionary holds an unknown tag".into()));
        }
        Ok(parser)
    }

    /// The model as bytes: deterministic for given weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for table in [
            &self.dictionary,
            &self.casing,
            &self.tagger,
            &self.retagger,
            &self.moves,
            &self.labels,
        ] {
            table.write(&mut out);
        }
        out
    }

    /// How many entries each table holds: tag dictionary, word casing,
    /// tagger (both passes), moves, labels.
    pub fn sizes(&self) -> [usize; 5] {
        [
            self.dictionary.len(),
            self.casing.len(),
            self.tagger.len() + self.retagger.len(),
            self.moves.len(),
            self.labels.len(),
        ]
    }

    /// Tags and parses `words` (one sentence, already tokenised as UD
    /// does: "did" + "n't", "Iraq" + "'s").
    pub fn parse<W: AsRef<str>>(&self, words: &[W]) -> Parse {
        let mut out = Parse::new();
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.parse_into(words, &mut scratch, &mut out),
            // Only when called re-entrantly from the same thread.
            Err(_) => self.parse_into(words, &mut Scratch::default(), &mut out),
        });
        out
    }

    /// Tags and parses `words` into `out`, with `scratch` as working memory:
    /// once both have grown to the longest sentence seen, this allocates nothing.
    pub fn parse_into<W: AsRef<str>>(&self, words: &[W], scratch: &mut Scratch, out: &mut Parse) {
        out.clear();
        if words.is_empty() {
            return;
        }
        self.tag_into(words, None, scratch);
        self.parse_tagged_scratch(scratch, out);
    }

    /// Parses `words` with the parts of speech `tags` given (one per word)
    /// instead of the tagger's: for callers who know better (a lexicon's
    /// names, or gold tags when measuring the parser alone).
    ///
    /// # Panics
    /// When `tags` and `words` differ in length.
    pub fn parse_tagged_into<W: AsRef<str>>(
        &self,
        words: &[W],
        tags: &[Upos],
        scratch: &mut Scratch,
        out: &mut Parse,
    ) {
        assert_eq!(words.len(), tags.len(), "one tag per word");
        out.clear();
        if words.is_empty() {
            return;
        }
        tagger::describe(words, &self.casing, &mut scratch.chars, &mut scratch.words);
        scratch.tags.clear();
        scratch.tags.extend_from_slice(tags);
        self.parse_tagged_scratch(scratch, out);
    }

    fn parse_tagged_scratch(&self, scratch: &mut Scratch, out: &mut Parse) {
        let Scratch {
            words: infos,
            tags,
            tokens,
            state,
            ..
        } = scratch;
        tokens.fill(infos, tags);
        parser::parse(&self.moves, &self.labels, tokens, state);
        for (i, &tag) in tags.iter().enumerate() {
            let label = state.labels[i + 1];
            out.push(tag, state.heads[i + 1], Deprel::from_index(label as usize));
        }
    }

    /// Only the parts of speech of `words`.
    pub fn tag<W: AsRef<str>>(&self, words: &[W]) -> Vec<Upos> {
        let mut scratch = Scratch::default();
        self.tag_into(words, None, &mut scratch);
        scratch.tags
    }

    fn tag_into<W: AsRef<str>>(
        &self,
        words: &[W],
        hints: Option<&[Option<Upos>]>,
        scratch: &mut Scratch,
    ) {
        tagger::describe(words, &self.casing, &mut scratch.chars, &mut scratch.words);
        tagger::tag(
            &self.dictionary,
            &self.tagger,
            &scratch.words,
            hints,
            None,
            &mut scratch.first,
        );
        tagger::tag(
            &self.dictionary,
            &self.retagger,
            &scratch.words,
            hints,
            Some(&scratch.first),
            &mut scratch.tags,
        );
    }

    /// Tags and parses `words` into `out` with the parts of speech the
    /// caller knows fixed (`hints[i]`: a lexicon's actor names are `PROPN`,
    /// its event verbs `VERB`); the tagger tags the other words, with the
    /// fixed ones as context.
    ///
    /// # Panics
    /// When `hints` and `words` differ in length.
    pub fn parse_hinted_into<W: AsRef<str>>(
        &self,
        words: &[W],
        hints: &[Option<Upos>],
        scratch: &mut Scratch,
        out: &mut Parse,
    ) {
        assert_eq!(words.len(), hints.len(), "one hint per word");
        out.clear();
        if words.is_empty() {
            return;
        }
        self.tag_into(words, Some(hints), scratch);
        self.parse_tagged_scratch(scratch, out);
    }
}
