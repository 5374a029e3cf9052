//! One module per subcommand, and what they share: building a coder.

pub mod code;
pub mod ingest;
pub mod serve;
pub mod lexicon;
pub mod validate;

use parley::{Coder, Lexicon, Options};
use parley_lexicon::tabari::DictionarySet;
use std::path::PathBuf;

/// Where the lexicon comes from; shared by every command that codes.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct LexiconArgs {
    /// A lexicon folder in parley's format to use instead of the built-in one
    /// (files it lacks are taken from the built-in lexicon).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// TABARI/PETRARCH dictionaries to code with instead of the built-in
    /// verbs, actors and agents: a folder (its PETR_config.ini, else every
    /// *verbs*, CAMEO*, *actors*, *agents*, *discards* .txt file in it) or a
    /// file; may be repeated.
    #[arg(long, value_name = "PATH")]
    pub dictionaries: Vec<PathBuf>,
    /// With --dictionaries: add them on top of the lexicon instead of replacing it.
    #[arg(long, requires = "dictionaries")]
    pub merge: bool,
}

impl LexiconArgs {
    pub fn load(&self) -> Result<Lexicon, String> {
        let err = |e: parley::LexiconError| format!("lexicon error: {e}");
        let mut lexicon = match &self.lexicon {
            Some(dir) => Lexicon::from_dir(dir),
            None => Lexicon::builtin(),
        }
        .map_err(err)?;
        if !self.dictionaries.is_empty() {
            let mut set = DictionarySet::default();
            for path in &self.dictionaries {
                set.files.extend(DictionarySet::from_path(path).map_err(err)?.files);
            }
            if !self.merge {
                // Replace what the dictionaries hold; keep the code table, PLOVER, cues, places.
                lexicon = Lexicon { codes: lexicon.codes, plover: lexicon.plover, cues: lexicon.cues, places: lexicon.places, ..Lexicon::default() };
            }
            set.load_into(&mut lexicon).map_err(err)?;
            for w in &lexicon.warnings {
                eprintln!("parley: warning: {w}");
            }
        }
        Ok(lexicon)
    }

    pub fn coder(&self, options: Options) -> Result<Coder, String> {
        Ok(Coder::new(self.load()?).with_options(options))
    }
}
