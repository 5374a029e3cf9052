//! `parley lexicon coverage`: a TABARI verb dictionary measured against the lexicon.

mod common;

use common::parley;

/// A verb dictionary in TABARI's syntax: three verbs the built-in lexicon codes
/// with the same roots, one it does not know, one pattern it codes with another root.
const DICTIONARY: &str = "\
&CRIME
+CORRUPTION

--- ACCUSE [112] ---
ACCUSE
- * + OF &CRIME [1121]

--- SHELL [194] ---
SHELL

--- GRUMBLE [111] ---
GRUMBLE

--- PRAISE [---] ---
PRAISE
- * + [190]
";

/// Runs the command on [`DICTIONARY`], written to a file of the test's own.
fn coverage(test: &str, args: &[&str]) -> String {
    let dir = std::env::temp_dir().join(format!("parley-coverage-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{test}.verbs.txt"));
    std::fs::write(&file, DICTIONARY).unwrap();
    let mut all = vec!["lexicon", "coverage", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = parley(&all, b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_coding_pattern_is_counted_once_by_its_root() {
    let out = coverage("counts", &[]);
    let row = |root: &str| out.lines().find(|l| l.split_whitespace().next() == Some(root)).map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "));
    // root: patterns covered coded-otherwise not-coded. "accuse" and "accuse X of
    // corruption" are 11 and so is parley's; "grumble" parley does not know.
    assert_eq!(row("11").as_deref(), Some("3 2 0 1"));
    assert_eq!(row("19").as_deref(), Some("2 1 1 0"), "'shells' is 194; 'praises Iran' is 051 in parley, not 190");
    assert_eq!(row("all").as_deref(), Some("5 3 1 1"));
}

#[test]
fn the_list_names_each_gap_with_its_sentence_and_line() {
    let out = coverage("list", &["--list"]);
    let grumble = out.lines().find(|l| l.contains("GRUMBLE")).expect("the unknown verb is listed");
    assert!(grumble.contains("France grumbles Iran.") && grumble.contains("no verb") && grumble.contains("list.verbs.txt:12"), "{grumble}");
    let praise = out.lines().find(|l| l.contains("PRAISE")).expect("the pattern coded otherwise is listed");
    assert!(praise.contains("[190]") && praise.contains("gave 051"), "{praise}");
    assert!(!out.contains("ACCUSE"), "covered patterns are not listed:\n{out}");
}
