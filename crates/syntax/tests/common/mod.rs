//! What the tests share: finding the treebanks in `../shared` (read in place,
//! never copied into the repository).

#![allow(dead_code)]

use parley_syntax::conllu::{self, Sentence};
use std::path::PathBuf;

/// The sentences of `../shared/corpora/ud-english/<name>`; `None` (the test
/// is skipped) when `../shared` is absent, but a failure under CI.
pub fn treebank(name: &str) -> Option<Vec<Sentence>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/ud-english")
        .join(name);
    if !path.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing, and CI is set",
            path.display()
        );
        eprintln!("skipped: {} is not present", path.display());
        return None;
    }
    let text = std::fs::read_to_string(&path).expect("read the treebank");
    let sentences: Vec<Sentence> = conllu::read_str(&text, &path.display().to_string())
        .into_iter()
        .map(|s| s.expect("a well-formed sentence"))
        .collect();
    Some(sentences)
}
