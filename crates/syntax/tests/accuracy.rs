//! The shipped model has not regressed: its accuracy on the development
//! split (gold tokens, punctuation included) stays above floors set just
//! under what it measured when it was trained.

mod common;

use parley_syntax::{score, Parser};

#[test]
fn the_shipped_model_keeps_its_accuracy_on_the_dev_split() {
    let Some(dev) = common::treebank("dev.conllu") else {
        return;
    };
    let scores = score::evaluate(Parser::builtin(), &dev);
    eprintln!("dev: {scores:?}");
    assert_eq!(scores.sentences, dev.len());
    assert!(
        scores.upos >= UPOS_FLOOR,
        "UPOS {:.4} fell under {UPOS_FLOOR}",
        scores.upos
    );
    assert!(
        scores.uas >= UAS_FLOOR,
        "UAS {:.4} fell under {UAS_FLOOR}",
        scores.uas
    );
    assert!(
        scores.las >= LAS_FLOOR,
        "LAS {:.4} fell under {LAS_FLOOR}",
        scores.las
    );
}

// Measured on the shipped model minus about half a point.
const UPOS_FLOOR: f64 = 0.950;
const UAS_FLOOR: f64 = 0.843;
const LAS_FLOOR: f64 = 0.809;
