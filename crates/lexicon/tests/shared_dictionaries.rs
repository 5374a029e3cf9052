//! Loads the public TABARI/PETRARCH dictionaries of `../shared` when they are
//! there (they are never copied into the repository); when they are not, fails
//! under CI (`CI` set) and skips elsewhere, saying so.

use parley_lexicon::tabari::{DictionarySet, Kind};
use parley_lexicon::Lexicon;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/anchors/petrarch2");
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(std::env::var_os("CI").is_none(), "{} is missing, and CI needs it", dir.display());
        eprintln!("skipped: {} is not present (outside CI only)", dir.display());
        None
    }
}

#[test]
fn every_dictionary_file_loads() {
    let Some(dir) = shared() else { return };
    for name in [
        "PETR.Validate.verbs.txt",
        "PETR.Validate.actors.txt",
        "PETR.Validate.agents.txt",
        "PETR.Validate.discards.txt",
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
    ] {
        let path = dir.join(name);
        let set = DictionarySet::from_path(&path).unwrap();
        let mut lex = Lexicon::builtin_base().unwrap();
        set.load_into(&mut lex).unwrap_or_else(|e| panic!("{e}"));
        match set.files[0].0 {
            Kind::Verbs => assert!(lex.verbs.len() > 100, "{name}: {} verbs", lex.verbs.len()),
            Kind::Actors => assert!(lex.countries.len() + lex.actors.len() > 100, "{name}"),
            Kind::Agents => assert!(lex.agents.len() > 20, "{name}"),
            Kind::Discards => assert!(lex.discards.len() + lex.story_discards.len() > 5, "{name}"),
        }
    }
}
