//! `parley parse`: CoNLL-U out of text or of a CoNLL-U file's words, and the scorer.

mod common;

use common::parley;

/// The data lines of CoNLL-U output, split into columns.
fn rows(stdout: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn text_is_split_by_parley_and_printed_as_conllu() {
    let text = "Rebels Seize Key Town in Eastern Congo\n\nBAGHDAD (Reuters) - Iraq#39;s army attacked insurgents on Sunday. They fled.\n";
    let out = parley(&["parse"], text.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("# text = ").count(), 3, "{stdout}");
    assert!(
        stdout.contains("# text = Iraq's army attacked insurgents on Sunday."),
        "debris repaired, dateline left out: {stdout}"
    );
    let rows = rows(&out.stdout);
    assert!(rows.iter().all(|r| r.len() == 10));
    let root_words: Vec<&str> = rows
        .iter()
        .filter(|r| r[6] == "0")
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(root_words, ["Seize", "attacked", "fled"]);
}

#[test]
fn conllu_input_is_reparsed_from_its_words_and_a_bad_sentence_is_skipped() {
    let dir = std::env::temp_dir().join(format!("parley-parse-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.conllu");
    // Wrong tags and heads in the input must not matter: only columns 1-2 are read.
    let good = "# sent_id = a\n1\tRebels\t_\tX\t_\t_\t0\troot\t_\t_\n2\tseized\t_\tX\t_\t_\t1\tdep\t_\t_\n3\tthe\t_\tX\t_\t_\t1\tdep\t_\t_\n4\ttown\t_\tX\t_\t_\t1\tdep\t_\t_\n";
    let bad = "1\tOne\n3\tThree\n";
    std::fs::write(&file, format!("{good}\n{bad}\n{good}")).unwrap();
    let out = parley(&["parse", "--input", "conllu", file.to_str().unwrap()], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped sentence makes exit code 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in.conllu:8:"),
        "the bad line is named: {stderr}"
    );
    let rows = rows(&out.stdout);
    assert_eq!(rows.len(), 8, "both good sentences are parsed");
    assert_eq!(rows[1][1], "seized");
    assert_eq!(rows[1][6], "0", "'seized' is the root");
    assert_eq!(rows[0][7], "nsubj");
    assert_eq!(rows[3][7], "obj");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# sent_id = a\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_scorer_prints_upos_uas_and_las() {
    let dir = std::env::temp_dir().join(format!("parley-score-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gold.conllu");
    let gold = "1\tRebels\t_\tNOUN\t_\t_\t2\tnsubj\t_\t_\n2\tseized\t_\tVERB\t_\t_\t0\troot\t_\t_\n3\tthe\t_\tDET\t_\t_\t4\tdet\t_\t_\n4\ttown\t_\tNOUN\t_\t_\t2\tobj\t_\t_\n5\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
    std::fs::write(&file, gold).unwrap();
    let out = parley(&["parse", "--score", file.to_str().unwrap()], b"");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in ["UPOS 1.0000", "UAS  1.0000", "LAS  1.0000"] {
        assert!(stdout.contains(line), "{stdout}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
