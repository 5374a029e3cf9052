//! One module per subcommand, and what they share: building a coder.

pub mod brief;
pub mod code;
pub mod export;
pub mod import;
pub mod coverage;
pub mod forecast;
pub mod ingest;
pub mod serve;
pub mod lexicon;
pub mod parse;
pub mod validate;

use parley::{Coder, Lexicon, Options};
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
        let lexicon = Lexicon::assemble(self.lexicon.as_deref(), &self.dictionaries, self.merge)
            .map_err(|e| format!("lexicon error: {e}"))?;
        for w in &lexicon.warnings {
            eprintln!("parley: warning: {w}");
        }
        Ok(lexicon)
    }

    pub fn coder(&self, options: Options) -> Result<Coder, String> {
        Ok(Coder::new(self.load()?).with_options(options))
    }
}
