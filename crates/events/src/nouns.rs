//! Events told by a noun whose actors the noun phrase itself names: "talks
//! between Sudan and the rebels", "Downer's visit to Pyongyang", "a visit to
//! Seoul by China's premier", "Israeli raids on Gaza", "an attack on the
//! embassy by insurgents".
//!
//! Wire news tells much of what happened this way, in a sentence whose verb
//! says something else ("talks between X and Y struggled", "despite X's
//! mission to Y"). Such a noun phrase asserts the happening (the coding guide:
//! "after talks with Japan's PM, Bush ..." is a meeting), so it is an event
//! when both its sides are named inside the phrase: the one who acts by
//! "between ... and", a possessive, a country word before the noun or "by";
//! the one acted on by "between ... and", "to" (a visit) or "on"/"against" (an
//! attack). A noun with one side only ("an attack on the convoy") says too
//! little of who did it, and one that is feared, planned, refused or denied
//! ("fears of an attack on", "no talks with") did not happen.
//!
//! Fighting told by a noun after "after", "amid" or "days of" ("fled after
//! clashes in eastern Congo", "amid fighting between warlords") is read apart
//! ([`fighting_noun`]), when no verb of the sentence tells fighting: it needs
//! no source, its place giving its target.

use crate::cues::Mode;
use crate::sentence::Sentence;
use crate::{Participant, SentenceEvent};
use parley_actors::MentionKind;

/// What a noun of an event is, and which preposition names what it is done to.
struct EventNoun {
    /// The noun's forms, as token norms.
    forms: &'static [&'static str],
    /// The lemma reported with the event.
    lemma: &'static str,
    /// The CAMEO code of the happening, as the verb of the same meaning has it.
    code: &'static str,
    /// What the noun takes: its two sides joined by "between ... and" (talks,
    /// a meeting), or a target after one of these prepositions.
    takes: Takes,
}

/// How a noun names the side it is done to.
enum Takes {
    /// "talks between A and B": both sides, the first acting on the second.
    Between,
    /// "a visit to B", "raids on B": the target after one of these words.
    Object(&'static [&'static str]),
}

/// The nouns read. Each codes what its verb codes by default (`talks` as
/// `hold talks` 046, `meeting` as `meet` 040, `visit` 042, `attack` and `raid`
/// 190); "strikes" is left out, being a labour strike as often.
const EVENT_NOUNS: &[EventNoun] = &[
    EventNoun { forms: &["talks", "negotiations"], lemma: "talks", code: "046", takes: Takes::Between },
    EventNoun { forms: &["meeting", "meetings", "summit"], lemma: "meet", code: "040", takes: Takes::Between },
    EventNoun { forms: &["visit", "visits", "trip"], lemma: "visit", code: "042", takes: Takes::Object(&["to"]) },
    EventNoun {
        forms: &["attack", "attacks", "raid", "raids", "assault", "assaults", "offensive", "incursion", "incursions"],
        lemma: "attack",
        code: "190",
        takes: Takes::Object(&["on", "against", "into"]),
    },
];

/// Words before the noun that say its happening did not take place, or not
/// yet: feared, threatened, planned, refused ("fears of an attack on", "plans
/// for a visit to", "no talks with", "against attacks on").
const UNREAL: &[&str] = &[
    "fear", "fears", "feared", "threat", "threats", "threatened", "warning", "warnings", "warned", "risk", "possible", "possibility",
    "potential", "planned", "plan", "plans", "proposed", "proposal", "upcoming", "future", "next", "expected", "prevent", "preventing",
    "avoid", "against", "any", "no", "not", "without", "cancel", "cancelled", "canceled", "called", "postpone", "postponed", "delayed",
    "call", "calls", "urged", "invitation", "invited", "invite", "plot", "plotting", "accused", "denied", "deny", "rejected", "refused",
    "resume", "resumption", "further", "more", "prepare", "preparing", "ahead", "before", "for", "to", "would",
    "will", "could", "may", "might", "should", "must", "if", "years", "decades", "centuries",
];

/// Words after the noun, in its clause, that put the happening in the future
/// ("talks between X and Y *tomorrow* could fail", "a visit to Y *next* week").
const NOT_YET: &[&str] = &[
    "tomorrow", "next", "will", "would", "could", "may", "might", "planned", "scheduled", "expected", "due", "proposed", "later",
];

/// Plain words that may stand between a possessive or a country word and its
/// noun ("Downer's *high-profile* mission", "Israeli *air* raids").
const MODIFIERS: usize = 2;

/// Words that end the noun's own phrase when looking left for who acted:
/// articles, conjunctions, prepositions and the forms of verbs that join a
/// phrase ("drones *used in* attacks on Kyiv": the drones did not attack).
const NOT_MODIFIERS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "over", "under", "after",
    "before", "during", "amid", "against", "as", "than", "that", "which", "who", "is", "are", "was", "were", "be", "been", "being",
    "has", "have", "had", "used", "behind", "blamed", "claimed", "condemned", "denied", "since", "about",
];

/// The events the sentence tells by nouns with both sides named, whose root no
/// event of the sentence (`coded`) has already: a verb that tells the same
/// happening ("launched an attack on") is the better reading.
pub fn noun_events(sentence: &Sentence, coded: &[SentenceEvent]) -> Vec<SentenceEvent> {
    let Sentence { tokens, .. } = sentence;
    let mut events = Vec::new();
    for k in 0..tokens.len() {
        let norm = tokens[k].norm.as_str();
        let Some(noun) = EVENT_NOUNS.iter().find(|n| n.forms.contains(&norm)) else { continue };
        if coded.iter().chain(&events).any(|e: &SentenceEvent| e.code[..2] == noun.code[..2]) || unreal(sentence, k) {
            continue;
        }
        let sides = match noun.takes {
            Takes::Between => between(sentence, k),
            Takes::Object(preps) => object(sentence, k, preps),
        };
        let Some((source, target)) = sides else { continue };
        let (s, t) = (&sentence.mentions[source], &sentence.mentions[target]);
        // One actor on itself, or one country on itself in a plain attack,
        // tells nothing an analyst would count ("Iraq's offensive in Iraq").
        if s.entity.is_some() && s.entity == t.entity || s.code == t.code {
            continue;
        }
        events.push(SentenceEvent {
            verb: k..k + 1,
            lemma: noun.lemma.to_string(),
            code: noun.code.to_string(),
            source: Some(Participant::of(source)),
            target: Some(Participant::of(target)),
            mode: Mode::Asserted,
            tense: crate::Tense::Past,
            background: false,
            passive: false,
            lexicon: vec![format!("convention: an event told by a noun with both its sides named ({norm})")],
            embedded: None,
            object_noun: None,
        });
    }
    events
}

/// Whether a word of [`UNREAL`] stands in the five words before the noun
/// ("the threat of an attack on"), or one of [`NOT_YET`] in the fifteen after
/// it in its clause.
fn unreal(sentence: &Sentence, k: usize) -> bool {
    let tokens = sentence.tokens;
    let from = k.saturating_sub(5);
    let to = (k + 16).min(tokens.len());
    // Back to the last comma only; a clause opener ("150 years *after* the
    // assault") does not end what the words before it say of the noun.
    let from = (from..k).rev().find(|&j| tokens[j].norm == "," || !tokens[j].is_word() && tokens[j].norm != "-" && tokens[j].norm != "'s").map_or(from, |j| j + 1);
    (from..k).any(|j| UNREAL.contains(&tokens[j].norm.as_str()))
        || (k + 1..to).any(|j| sentence.clause.same(j, k) && NOT_YET.contains(&tokens[j].norm.as_str()))
}

/// The mention that owns token `j`, if it is a real actor (no place).
fn actor_at(sentence: &Sentence, j: usize) -> Option<usize> {
    let m = sentence.owner.get(j).copied().flatten()?;
    (!sentence.mentions[m].locative || sentence.mentions[m].country.is_some()).then_some(m)
}

/// "talks between A and B": A and B, each right after its word (up to two
/// plain words before each: "between Sudan's *warring* government").
fn between(sentence: &Sentence, k: usize) -> Option<(usize, usize)> {
    let Sentence { tokens, mentions, .. } = sentence;
    if tokens.get(k + 1).map(|t| t.norm.as_str()) != Some("between") {
        return None;
    }
    let first = first_actor_after(sentence, k + 2)?;
    let and = mentions[first].tokens.end;
    if tokens.get(and).map(|t| t.norm.as_str()) != Some("and") {
        return None;
    }
    let second = first_actor_after(sentence, and + 1)?;
    Some((first, second))
}

/// The first actor at `from` or after up to [`MODIFIERS`] plain words ("the",
/// "warring") in the clause of `from`.
fn first_actor_after(sentence: &Sentence, from: usize) -> Option<usize> {
    let Sentence { tokens, clause, .. } = sentence;
    (from..(from + MODIFIERS + 2).min(tokens.len()))
        .take_while(|&j| clause.same(from, j) && !clause.hard_break(j) && tokens[j].norm != "," && (j == from || tokens[j].is_word()))
        .find_map(|j| actor_at(sentence, j))
}

/// "a visit to B by A", "A's visit to B", "a visit by A to B", "Israeli raids
/// on B": the target right after a preposition of `preps` and the source by a
/// possessive or a country word before the noun, or by "by" after the noun or
/// after the target.
fn object(sentence: &Sentence, k: usize, preps: &[&str]) -> Option<(usize, usize)> {
    let Sentence { tokens, mentions, .. } = sentence;
    let next = |j: usize| tokens.get(j).map(|t| t.norm.as_str());
    let after_by = |j: usize| (next(j) == Some("by")).then(|| first_actor_after(sentence, j + 1)).flatten();
    let (target, by) = if next(k + 1).is_some_and(|w| preps.contains(&w)) {
        let target = first_actor_after(sentence, k + 2)?;
        (target, after_by(mentions[target].tokens.end))
    } else {
        let by = after_by(k + 1)?;
        let prep = mentions[by].tokens.end;
        if !next(prep).is_some_and(|w| preps.contains(&w)) {
            return None;
        }
        (first_actor_after(sentence, prep + 1)?, Some(by))
    };
    Some((by.or_else(|| before_the_noun(sentence, k))?, target))
}

/// The actor whose act the noun at `k` is by the words before it: a possessive
/// ("Downer's mission", "Israel's raids") or a country word or name right
/// before the noun ("Israeli raids", "US attacks"), with up to
/// [`MODIFIERS`] plain lower-case words between.
fn before_the_noun(sentence: &Sentence, k: usize) -> Option<usize> {
    let Sentence { tokens, clause, .. } = sentence;
    let mut j = k;
    let mut words = 0;
    while words <= MODIFIERS {
        if j == 0 || !clause.same(j - 1, k) {
            return None;
        }
        j -= 1;
        // "high-profile" is one modifier of three tokens.
        if tokens[j].norm == "-" {
            continue;
        }
        words += 1;
        if let Some(m) = actor_at(sentence, j) {
            // "an *official* visit", "a *military* offensive": an agent word
            // alone before the noun is an adjective of it, not who acted.
            let agent = &sentence.mentions[m];
            let bare_agent = agent.tokens.len() == 1 && !tokens[j].capitalized && agent.country_from_context;
            return (!bare_agent).then_some(m);
        }
        if tokens[j].norm == "'s" {
            return j.checked_sub(1).and_then(|p| actor_at(sentence, p));
        }
        if !tokens[j].is_word() || tokens[j].capitalized || NOT_MODIFIERS.contains(&tokens[j].norm.as_str()) {
            return None;
        }
    }
    None
}

/// Nouns of fighting that tell an event of their own after "after", "amid",
/// "following", "during" or "days of".
/// Each is a form of a lexicon verb (`clash`, `fight`, `battle`, `skirmish`).
pub(crate) const FIGHTING_NOUNS: &[&str] = &["clashes", "fighting", "battles", "skirmishes"];

/// Words that make a noun one already told ("after *the* clashes").
const DEFINITE: &[&str] = &["the", "this", "that", "these", "those", "its", "their", "his", "her", "such"];

/// Fighting told by a noun after "after", "amid", "following" or "during", or
/// after "an outbreak of", "days of", "a new round of" (two
/// modifiers at most, no determiner: "the clashes" were told before): between
/// two actors it runs from the first to the second ("amid fighting between
/// government troops and rebels"; one plural actor fights itself: "between
/// warlords"), in a country or place it is aimed at that country, whoever
/// fought ("after clashes in the east of Congo"). Anything else ("after clashes
/// that stirred fears") says too little.
pub(crate) fn fighting_noun(sentence: &Sentence) -> Option<SentenceEvent> {
    let Sentence { tokens, mentions, owner, clause, .. } = sentence;
    let noun = (0..tokens.len()).find(|&k| {
        FIGHTING_NOUNS.contains(&tokens[k].norm.as_str())
            && (1..=3).any(|back| {
                k >= back
                    && (matches!(tokens[k - back].norm.as_str(), "after" | "amid" | "following" | "during")
                        || (tokens[k - back].norm == "of" && k > back && matches!(tokens[k - back - 1].norm.as_str(), "outbreak" | "days" | "weeks" | "months" | "hours" | "round" | "wave")))
                    && (k - back + 1..k).all(|j| owner[j].is_none() && tokens[j].is_word() && !DEFINITE.contains(&tokens[j].norm.as_str()) && clause.same(j, k))
            })
    })?;
    let reach = |from: usize, len: usize| (from..(from + len).min(tokens.len())).take_while(move |&j| clause.same(noun, j) && !clause.hard_break(j) && tokens[j].norm != ",");
    let (source, target) = match tokens.get(noun + 1).map(|t| t.norm.as_str()) {
        Some("between") => {
            let first = reach(noun + 2, 4).find_map(|j| owner[j])?;
            let after = mentions[first].tokens.end;
            let second = match tokens.get(after).map(|t| t.norm.as_str()) {
                Some("and") => reach(after + 1, 3).find_map(|j| owner[j])?,
                _ if mentions[first].plural => first,
                _ => return None,
            };
            (Some(first), Some(second))
        }
        Some("in") => {
            let place = mentions.iter().position(|m| reach(noun + 2, 6).any(|j| j == m.tokens.start) && m.country.is_some() && (m.locative || m.kind == MentionKind::Country))?;
            (None, Some(place))
        }
        _ => return None,
    };
    Some(SentenceEvent {
        verb: noun..noun + 1,
        lemma: "clash".to_string(),
        code: "190".to_string(),
        source: source.map(Participant::of),
        target: target.map(Participant::of),
        mode: Mode::Asserted,
        tense: crate::Tense::Past,
        background: false,
        passive: false,
        lexicon: vec![format!("convention: fighting told by a noun ({}) is an event", tokens[noun].norm)],
        embedded: None,
        object_noun: None,
    })
}
