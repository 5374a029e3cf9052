//! `parley lexicon`: what the lexicon holds.

use super::LexiconArgs;
use crate::Outcome;

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
    }
}
