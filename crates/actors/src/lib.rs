//! # parley-actors: who is in a sentence, and who they are across a document
//!
//! The third stage. It takes a sentence's tokens and finds its actor
//! *mentions* ([`ActorMatcher::find`]), then links mentions across the
//! document into *entities* ([`Resolver`]).
//!
//! Finding mentions, in order:
//! 1. **Dictionary phrases**, longest match over a token trie compiled once from
//!    the lexicon: country names, adjectives and demonyms, capitals, organisations,
//!    people (with the role in force on the document's date), agents ("army",
//!    "foreign minister") and gazetteer places (context only, never actors). A
//!    phrase written capitalised in the lexicon matches only capitalised text, and
//!    one written in capitals only capitals, so "us" is never the United States.
//! 2. **Named actors no dictionary holds**: a run of capitalised words ending in a
//!    head word of `org_heads.txt` ("the Revolutionary Front" -> role REB), and an
//!    agent followed by "of" and an unknown name ("the government of Country X").
//!    They get a provisional code, `X-<NAME>-<ROLE>`, the same wherever the name
//!    recurs, or country + role when the name carries a country ("Sudanese
//!    Liberation Front" -> `SDNREB`).
//! 3. **Composition**: neighbouring pieces make one actor: "Russian forces"
//!    (RUS + MIL), "the president of France", "Russia's defence ministry",
//!    "Russian President Vladimir Putin" (the person's dated role wins), "the
//!    opposition coalition led by the Revolutionary Front" (the leader names it).
//! 4. **References**: pronouns, "the latter", "both sides", "the coalition" are
//!    mentions too, left for the [`Resolver`] to link.
//!
//! A capital after "in", "at", "near" or "from" is a place, not its government.

mod code;
mod dyad;
mod find;
mod resolve;
mod role;
mod topic;
mod unknown;

pub use code::{ActorCode, ParseActorCodeError};
pub use dyad::{can_be_a_side, main_dyad};
pub use find::{join_code, ActorMatcher, Mention, MentionKind, Reference};
pub use resolve::{Entity, Resolver};
pub use role::{ParseRoleError, Role};
pub use topic::{third_parties, topic_country};
pub use unknown::{DocumentNames, SentencePieces};

/// Groups of mentions joined by "and", "," or "as well as" ("India and
/// Pakistan", "France, Germany and Italy"): each group is a list of indices
/// into `mentions`, in order; a mention that stands alone is a group of one.
pub fn conjoined(tokens: &[parley_text::Token], mentions: &[Mention]) -> Vec<Vec<usize>> {
    // Each group with, per joint, whether it was a bare comma.
    let mut groups: Vec<(Vec<usize>, Vec<bool>)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.locative {
            continue;
        }
        let joint = groups.last().and_then(|(g, _)| g.last()).and_then(|&prev| {
            let between: Vec<&str> = tokens[mentions[prev].tokens.end..m.tokens.start].iter().map(|t| t.norm.as_str()).collect();
            match between.as_slice() {
                [","] => Some(true),
                ["and"] | [",", "and"] | ["and", "the"] | [",", "and", "the"] | ["as", "well", "as"] | ["&"] | ["and", "their"] | ["nor"] => Some(false),
                _ => modified_joint(&between)
                    .or_else(|| possessed_joint(&between))
                    .or_else(|| described_joint(&between, mentions[prev].adjectival)),
            }
        });
        match joint {
            Some(comma) => {
                let (g, joints) = groups.last_mut().expect("checked above");
                g.push(i);
                joints.push(comma);
            }
            None => groups.push((vec![i], Vec::new())),
        }
    }
    // A comma joins a list only when an "and" closes it ("France, Germany and Italy");
    // otherwise it separates clauses ("If X attacks Y, Z will respond").
    let mut out = Vec::new();
    for (g, joints) in groups {
        if joints.iter().any(|&comma| !comma) {
            out.push(g);
            continue;
        }
        out.extend(g.into_iter().map(|m| vec![m]));
    }
    out
}

/// A joint between two possessed nouns ("Ithilen's sheep and goats of
/// Gondor"): "'s" and one or two plain words close the first conjunct, one or
/// two plain words and "of" (perhaps "the") open the second, "and" joins them.
fn possessed_joint(between: &[&str]) -> Option<bool> {
    let plain = |w: &&str| w.chars().all(|c| c.is_ascii_lowercase()) && !matches!(*w, "and" | "of" | "the" | "a" | "an" | "to" | "in" | "on" | "that");
    let rest = between.strip_prefix(&["'s"])?;
    let rest = rest.strip_suffix(&["the"]).unwrap_or(rest);
    let rest = rest.strip_suffix(&["of"])?;
    let and = rest.iter().position(|w| *w == "and")?;
    let (left, right) = (&rest[..and], &rest[and + 1..]);
    ((1..=2).contains(&left.len()) && (1..=2).contains(&right.len()) && left.iter().chain(right).all(plain)).then_some(false)
}

/// A joint after a country adjective and the noun it describes ("a French
/// engineer and an Italian aid worker"): the noun, "and", perhaps an article.
fn described_joint(between: &[&str], after_adjective: bool) -> Option<bool> {
    let noun = |w: &str| w.len() > 2 && w.chars().all(|c| c.is_ascii_lowercase());
    let joined = match between {
        [n, "and"] | [n, "and", "a" | "an" | "the"] => noun(n),
        _ => false,
    };
    (after_adjective && joined).then_some(false)
}

/// A joint with modifiers before the next name ("and the evil awful Gondor",
/// ", the awful Fornost"): a comma or "and"/"nor", an optional "the", then one
/// or two plain lower-case words that are not verb forms, adverbs or function
/// words. `Some(true)` for a bare comma, as in [`conjoined`].
fn modified_joint(between: &[&str]) -> Option<bool> {
    let mut rest = between;
    let comma = rest.first() == Some(&",");
    if comma {
        rest = &rest[1..];
    }
    let and = matches!(rest.first(), Some(&"and") | Some(&"nor"));
    if and {
        rest = &rest[1..];
    }
    if rest.first() == Some(&"the") {
        rest = &rest[1..];
    }
    const NOT_MODIFIERS: &[&str] = &[
        "then", "also", "later", "its", "their", "his", "her", "which", "who", "whose", "whom", "that", "said", "says", "has", "have",
        "had", "will", "would", "was", "were", "is", "are", "with", "of", "in", "on", "to", "for", "by", "from", "at",
    ];
    let modifier = |w: &&str| {
        w.chars().all(|c| c.is_ascii_lowercase())
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !w.ends_with("ly")
            && !NOT_MODIFIERS.contains(w)
    };
    ((comma || and) && (1..=2).contains(&rest.len()) && rest.iter().all(modifier)).then_some(comma && !and)
}
