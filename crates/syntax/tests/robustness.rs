//! Input no treebank holds still gets a tree, in time and memory linear in
//! its length: empty input, a 5,000-word sentence, punctuation only, mixed
//! scripts, wire debris.

use parley_syntax::{Deprel, Parse, Parser};

/// Checks the invariants of a parse of `n` words: one root word, labelled
/// `root`, and every head chain reaching it without a cycle.
fn assert_tree(parse: &Parse, n: usize) {
    assert_eq!(parse.len(), n);
    let roots: Vec<usize> = (0..n).filter(|&i| parse.head(i).is_none()).collect();
    assert_eq!(roots.len(), 1, "one root word");
    for i in 0..n {
        assert_eq!(
            parse.deprel(i) == Deprel::Root,
            parse.head(i).is_none(),
            "word {i}: root label iff root"
        );
        let (mut at, mut steps) = (i, 0);
        while let Some(head) = parse.head(at) {
            at = head;
            steps += 1;
            assert!(steps <= n, "cycle through word {i}");
        }
    }
}

#[test]
fn an_empty_sentence_has_an_empty_parse() {
    let parse = Parser::builtin().parse::<&str>(&[]);
    assert!(parse.is_empty());
    assert_eq!(parse.root(), None);
}

#[test]
fn a_five_thousand_word_sentence_is_parsed_whole() {
    let base = [
        "Troops",
        "fired",
        "on",
        "protesters",
        "in",
        "the",
        "capital",
        ",",
        "and",
    ];
    let words: Vec<&str> = base.iter().cycle().take(5_000).copied().collect();
    let parse = Parser::builtin().parse(&words);
    assert_tree(&parse, words.len());
}

#[test]
fn punctuation_only_mixed_scripts_and_debris_get_trees() {
    let sentences: &[&[&str]] = &[
        &[".", ".", ".", "!", "?", "--", "(", ")", "\"", "'"],
        &[
            "Москва",
            "заявила",
            "北京",
            "said",
            "القاهرة",
            "on",
            "Monday",
            ".",
        ],
        &[
            "BAGHDAD", "(", "Reuters", ")", "-", "#39;", "quot;", "&amp;", "<b>",
        ],
        &["🙂", "\u{200b}", "a\tb", "x"],
        &["word"],
    ];
    for words in sentences {
        assert_tree(&Parser::builtin().parse(words), words.len());
    }
}
