//! One module per subcommand, and what they share: building a coder.

pub mod code;
pub mod lexicon;

use parley::{Coder, Lexicon, Options};
use std::path::PathBuf;

/// Where the lexicon comes from; shared by every command that codes.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct LexiconArgs {
    /// A lexicon folder in parley's format to use instead of the built-in one
    /// (files it lacks are taken from the built-in lexicon).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
}

impl LexiconArgs {
    pub fn load(&self) -> Result<Lexicon, String> {
        match &self.lexicon {
            Some(dir) => Lexicon::from_dir(dir),
            None => Lexicon::builtin(),
        }
        .map_err(|e| format!("lexicon error: {e}"))
    }

    pub fn coder(&self, options: Options) -> Result<Coder, String> {
        Ok(Coder::new(self.load()?).with_options(options))
    }
}
