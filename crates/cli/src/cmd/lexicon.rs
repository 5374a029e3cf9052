//! `parley lexicon`: what the lexicon holds.

use super::LexiconArgs;
use crate::Outcome;
use parley::Lexicon;
use parley_lexicon::tabari;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Count the entries of the lexicon, by kind.
    Stats {
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Write the lexicon (the built-in one by default) as TABARI/PETRARCH
    /// dictionaries: parley.verbs.txt, parley.actors.txt, parley.agents.txt,
    /// parley.discards.txt in DIR, to edit with the tools made for them.
    Export {
        /// The folder to write (created if missing).
        dir: PathBuf,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Convert TABARI/PETRARCH dictionaries (a folder or file, as for
    /// --dictionaries) into a lexicon folder in parley's own format (for
    /// --lexicon). Entries parley's format cannot hold are listed on standard
    /// error and left out.
    Import {
        /// The dictionaries.
        from: PathBuf,
        /// The folder to write (created if missing).
        dir: PathBuf,
    },
    /// Measure the lexicon (the built-in one by default) against a
    /// TABARI/PETRARCH verb dictionary: each of its coding patterns becomes
    /// the smallest sentence it codes, and the lexicon codes it; prints, per
    /// CAMEO root, how many it codes with the same root.
    Coverage {
        /// The verb dictionary (e.g. CAMEO.2.0.txt).
        dictionary: PathBuf,
        /// Also list every pattern not covered, by root.
        #[arg(long)]
        list: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome, String> {
    match args.action {
        Action::Stats { lexicon } => {
            let lexicon = lexicon.load()?;
            for (what, n) in lexicon.stats() {
                println!("{n:>7}  {what}");
            }
            Ok(Outcome::Done)
        }
        Action::Export { dir, lexicon } => {
            let lexicon = lexicon.load()?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for (name, text) in [
                ("parley.verbs.txt", tabari::export_verbs(&lexicon)),
                ("parley.actors.txt", tabari::export_actors(&lexicon)),
                ("parley.agents.txt", tabari::export_agents(&lexicon)),
                ("parley.discards.txt", tabari::export_discards(&lexicon)),
            ] {
                let path = dir.join(name);
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                println!("{}", path.display());
            }
            Ok(Outcome::Done)
        }
        Action::Coverage { dictionary, list, lexicon } => super::coverage::run(&dictionary, &lexicon, list),
        Action::Import { from, dir } => {
            let set = tabari::DictionarySet::from_path(&from).map_err(|e| format!("lexicon error: {e}"))?;
            let mut lexicon = Lexicon::default();
            set.load_into(&mut lexicon).map_err(|e| format!("lexicon error: {e}"))?;
            for w in &lexicon.warnings {
                eprintln!("parley: warning: {w}");
            }
            let (files, skipped) = tabari::parley_format(&lexicon);
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for (name, text) in files {
                let path = dir.join(name);
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                println!("{}", path.display());
            }
            for s in &skipped {
                eprintln!("parley: left out (parley's format cannot hold it): {s}");
            }
            // The result must load as a lexicon folder.
            Lexicon::from_dir(&dir).map_err(|e| format!("the imported lexicon does not load: {e}"))?;
            Ok(if skipped.is_empty() { Outcome::Done } else { Outcome::Skipped })
        }
    }
}
