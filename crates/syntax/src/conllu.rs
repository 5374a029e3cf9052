//! Reading and writing CoNLL-U, the Universal Dependencies file format.
//!
//! The reader keeps what the tagger and parser use: the words (column 2) and,
//! when the file has them, the gold UPOS, HEAD and DEPREL columns. Multiword
//! token lines (`1-2`) and empty nodes (`1.1`) are skipped, as the standard
//! evaluation does. A malformed sentence is reported with its `FILE:LINE` and
//! costs only itself: reading goes on at the next blank line.

use crate::parse::Parse;
use crate::tags::{Deprel, Upos};
use std::fmt;
use std::io::{self, Write};

/// A sentence read from CoNLL-U.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The comment lines, without their leading `#`, trimmed.
    pub comments: Vec<String>,
    /// The words (syntactic tokens), in order.
    pub words: Vec<String>,
    /// The gold annotation, when every word has a UPOS, HEAD and DEPREL.
    pub gold: Option<Annotation>,
    /// The line where the sentence starts (1-based).
    pub line: usize,
}

/// Tags and a tree for the words of a sentence: one entry per word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotation {
    /// Part of speech of each word.
    pub upos: Vec<Upos>,
    /// Head of each word: 0 for the root, else the head's 1-based position.
    pub heads: Vec<u32>,
    /// Relation of each word to its head.
    pub deprels: Vec<Deprel>,
}

/// A malformed sentence: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The file (or other source) name.
    pub source: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.message)
    }
}

impl std::error::Error for Error {}

/// Reads every sentence of `text`, named `source` in errors. Each sentence is
/// read on its own: a bad one yields an error and the others are still read.
///
/// ```
/// let text = "# text = Hi .\n1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n";
/// let sentences = parley_syntax::conllu::read_str(text, "x.conllu");
/// let sentence = sentences[0].as_ref().unwrap();
/// assert_eq!(sentence.words, ["Hi", "."]);
/// assert_eq!(sentence.gold.as_ref().unwrap().heads, [0, 1]);
/// ```
pub fn read_str(text: &str, source: &str) -> Vec<Result<Sentence, Error>> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !block.is_empty() {
                out.push(read_block(&block, source));
                block.clear();
            }
        } else {
            block.push((number + 1, line));
        }
    }
    if !block.is_empty() {
        out.push(read_block(&block, source));
    }
    out
}

fn read_block(lines: &[(usize, &str)], source: &str) -> Result<Sentence, Error> {
    let error = |line: usize, message: String| Error {
        source: source.to_string(),
        line,
        message,
    };
    let mut sentence = Sentence {
        line: lines[0].0,
        ..Sentence::default()
    };
    let mut gold = Some(Annotation::default());
    let mut head_lines = Vec::new();
    for &(number, line) in lines {
        if let Some(comment) = line.strip_prefix('#') {
            sentence.comments.push(comment.trim().to_string());
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 2 {
            return Err(error(
                number,
                "expected tab-separated columns ID and FORM at least".into(),
            ));
        }
        let id = columns[0];
        if id.contains('-') || id.contains('.') {
            continue; // a multiword token or an empty node: not a syntactic word
        }
        let expected = sentence.words.len() + 1;
        match id.parse::<usize>() {
            Ok(n) if n == expected => {}
            _ => {
                return Err(error(
                    number,
                    format!("ID {id:?} where word {expected} was expected"),
                ))
            }
        }
        if columns[1].is_empty() {
            return Err(error(number, "empty FORM".into()));
        }
        sentence.words.push(columns[1].to_string());
        let annotated = columns.len() >= 8 && [3, 6, 7].iter().all(|&c| columns[c] != "_");
        match (&mut gold, annotated) {
            (Some(gold), true) => {
                let upos = Upos::parse(columns[3])
                    .ok_or_else(|| error(number, format!("unknown UPOS {:?}", columns[3])))?;
                let head = columns[6]
                    .parse::<u32>()
                    .map_err(|_| error(number, format!("HEAD {:?} is not a number", columns[6])))?;
                gold.upos.push(upos);
                gold.heads.push(head);
                gold.deprels.push(Deprel::parse_lenient(columns[7]));
                head_lines.push(number);
            }
            _ => gold = None,
        }
    }
    if sentence.words.is_empty() {
        return Err(error(lines[0].0, "a sentence without words".into()));
    }
    if let Some(gold) = &gold {
        for (i, &head) in gold.heads.iter().enumerate() {
            if head as usize > sentence.words.len() || head as usize == i + 1 {
                return Err(error(
                    head_lines[i],
                    format!("HEAD {head} is not another word of the sentence"),
                ));
            }
        }
    }
    sentence.gold = gold;
    Ok(sentence)
}

/// Writes one sentence as CoNLL-U: the comments, then a line per word with
/// its ID, FORM, UPOS, HEAD and DEPREL from `parse` (other columns `_`), then
/// a blank line.
pub fn write_sentence<W: Write>(
    out: &mut W,
    comments: &[String],
    words: &[&str],
    parse: &Parse,
) -> io::Result<()> {
    for comment in comments {
        writeln!(out, "# {comment}")?;
    }
    for (i, word) in words.iter().enumerate() {
        let head = parse.head(i).map_or(0, |h| h + 1);
        // A FORM may not hold tabs or newlines; a word from raw text never does, but be safe.
        let form: std::borrow::Cow<str> = if word.contains(['\t', '\n']) {
            word.replace(['\t', '\n'], " ").into()
        } else {
            (*word).into()
        };
        writeln!(
            out,
            "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t_",
            i + 1,
            form,
            parse.upos(i),
            head,
            parse.deprel(i)
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiword_tokens_and_empty_nodes_are_not_words() {
        let text = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\t_\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\t_\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n3.1\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n";
        let sentence = read_str(text, "t").remove(0).unwrap();
        assert_eq!(sentence.words, ["do", "n't", "go"]);
        let gold = sentence.gold.unwrap();
        assert_eq!(gold.heads, [3, 3, 0]);
        assert_eq!(gold.deprels, [Deprel::Aux, Deprel::Advmod, Deprel::Root]);
    }

    #[test]
    fn a_bad_sentence_names_its_line_and_costs_only_itself() {
        let text = "1\tA\ta\tDET\t_\t_\t0\troot\t_\t_\n\n1\tB\tb\tNOPE\t_\t_\t0\troot\t_\t_\n\n1\tC\n3\tD\n\n1\tE\te\tX\t_\t_\t0\troot\t_\t_\n";
        let results = read_str(text, "bad.conllu");
        assert_eq!(results.len(), 4);
        assert!(results[0].is_ok());
        assert_eq!(
            results[1].as_ref().unwrap_err().to_string(),
            "bad.conllu:3: unknown UPOS \"NOPE\""
        );
        assert!(results[2]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("bad.conllu:6: ID \"3\""));
        assert_eq!(results[3].as_ref().unwrap().words, ["E"]);
    }

    #[test]
    fn words_only_files_read_without_annotation() {
        let sentence = read_str("1\tHello\n2\tworld\n", "t").remove(0).unwrap();
        assert_eq!(sentence.words, ["Hello", "world"]);
        assert_eq!(sentence.gold, None);
    }

    #[test]
    fn a_head_outside_the_sentence_is_an_error() {
        let text = "1\tA\ta\tDET\t_\t_\t5\tdet\t_\t_\n";
        let error = read_str(text, "t").remove(0).unwrap_err();
        assert_eq!(error.line, 1);
    }
}
