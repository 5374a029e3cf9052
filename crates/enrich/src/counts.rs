//! Casualty and displacement counts: "killed at least 12 civilians", "has
//! claimed over 200,000 lives", "more than 5 million people displaced",
//! "dozens of protesters were arrested", "left 30 dead".
//!
//! A figure (see [`crate::numbers`]) is a count only when a word of harm
//! fixes its kind: a verb before it ("killed", "displaced", "claimed ...
//! lives"), a predicate after its noun ("were killed", "fled", "are
//! missing"), a kind noun ("refugees", "deaths") or adjective ("dead",
//! "displaced people"), or a toll ("the death toll rose to 30"). So "the 200
//! delegates" and "a 5 million dollar grant" give nothing: no harm word, and
//! a currency or unit after a figure rules it out outright.

use crate::numbers::{quantity_at, Qualifier};
use parley_text::{Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What happened to the people counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountKind {
    Killed,
    Wounded,
    Displaced,
    Refugees,
    Arrested,
    Abducted,
    Missing,
}

/// Whether a count is the toll of the sentence's event or a running total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The toll of this event ("the blast killed 12").
    Event,
    /// A total since a conflict or crisis began ("the war has claimed over
    /// 200,000 lives", "since 2019", "so far").
    Cumulative,
}

/// A casualty or displacement figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub kind: CountKind,
    /// The figure, or its lower bound.
    pub value: u64,
    /// Its upper bound, for ranges, "up to" and vague amounts ("dozens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Who was counted ("civilians", "soldiers", "people"), when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub victims: Option<String>,
    pub scope: Scope,
    /// Who gives the figure ("the United Nations"), when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The words it was read from ("claimed over 200,000 lives").
    pub phrase: String,
    #[serde(skip)]
    pub tokens: Range<usize>,
}

/// A verb that, before a figure, says what happened to them.
fn kind_verb(norm: &str) -> Option<CountKind> {
    Some(match norm {
        "kill" | "kills" | "killed" | "killing" | "slew" | "slain" | "massacred" | "executed" => CountKind::Killed,
        "wound" | "wounds" | "wounded" | "wounding" | "injure" | "injures" | "injured" | "injuring" | "maimed" => CountKind::Wounded,
        "displace" | "displaces" | "displaced" | "displacing" | "uprooted" | "uprooting" => CountKind::Displaced,
        "arrest" | "arrests" | "arrested" | "arresting" | "detain" | "detains" | "detained" | "detaining" | "jailed" | "rounded" => {
            CountKind::Arrested
        }
        "abduct" | "abducts" | "abducted" | "abducting" | "kidnap" | "kidnaps" | "kidnapped" | "kidnapping" => CountKind::Abducted,
        _ => return None,
    })
}

/// Verbs that take "lives" as a toll: "claimed 200,000 lives", "cost 300 lives".
fn toll_verb(norm: &str) -> bool {
    matches!(norm, "claimed" | "claiming" | "claims" | "claim" | "cost" | "costing" | "costs" | "took" | "taken" | "taking" | "takes")
}

/// A word after the counted people that says what happened to them.
fn predicate(norm: &str) -> Option<CountKind> {
    Some(match norm {
        "killed" | "dead" | "died" | "die" | "perished" | "slain" | "executed" | "massacred" => CountKind::Killed,
        "wounded" | "injured" | "hurt" | "maimed" | "hospitalised" | "hospitalized" => CountKind::Wounded,
        "displaced" | "fled" | "flee" | "fleeing" | "uprooted" | "homeless" | "evacuated" => CountKind::Displaced,
        "arrested" | "detained" | "jailed" | "imprisoned" => CountKind::Arrested,
        "abducted" | "kidnapped" | "hostage" => CountKind::Abducted,
        "missing" | "unaccounted" => CountKind::Missing,
        _ => return None,
    })
}

/// Nouns that are a kind of count by themselves.
fn kind_noun(norm: &str) -> Option<CountKind> {
    Some(match norm {
        "deaths" | "dead" | "fatalities" | "bodies" => CountKind::Killed,
        "injuries" | "wounded" | "injured" => CountKind::Wounded,
        "idps" | "evacuees" => CountKind::Displaced,
        "refugees" | "asylum" => CountKind::Refugees,
        "arrests" | "detainees" | "detentions" | "prisoners" => CountKind::Arrested,
        "hostages" | "abductees" | "captives" => CountKind::Abducted,
        _ => return None,
    })
}

/// Words between the counted people and their predicate: "were", "have been",
/// "reportedly", "forced to".
fn is_auxiliary(norm: &str) -> bool {
    matches!(
        norm,
        "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "being" | "be" | "reportedly" | "allegedly" | "also" | "all"
            | "who" | "later" | "subsequently" | "remain" | "remained" | "remains" | "still" | "now" | "feared" | "believed" | "confirmed"
            | "reported" | "left" | "forced" | "to" | "either" | "since" | "already" | "taken" | "went" | "gone" | "lost" | "their"
            | "its" | "seriously" | "critically" | "badly" | "lightly" | "fatally"
    )
}

/// People nouns that do not end in "s" (plurals mostly do).
fn is_people(norm: &str) -> bool {
    matches!(
        norm,
        "people" | "person" | "police" | "personnel" | "staff" | "children" | "men" | "women" | "militia" | "youth" | "crew"
            | "civilian" | "soldier" | "child" | "man" | "woman" | "policeman" | "policemen" | "officer" | "worker" | "student"
            | "journalist" | "resident" | "villager" | "fighter" | "militant" | "rebel" | "protester" | "member" | "citizen"
            | "refugee" | "migrant" | "pilgrim" | "guard" | "gunman" | "gunmen" | "servicemen" | "serviceman" | "infant" | "baby"
    )
}

/// Units and currencies: a figure before them is not people.
fn is_unit(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "%" | "$" | "€" | "£")
        || matches!(
            t.norm.as_str(),
            "dollar" | "dollars" | "usd" | "euro" | "euros" | "pound" | "pounds" | "yuan" | "rupees" | "rubles" | "roubles" | "yen"
                | "percent" | "per" | "cent" | "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days" | "hour"
                | "hours" | "minute" | "minutes" | "km" | "kilometres" | "kilometers" | "miles" | "metres" | "meters" | "tonnes"
                | "tons" | "barrels" | "acres" | "hectares" | "square" | "degrees" | "times" | "points" | "seats" | "votes"
                | "rockets" | "missiles" | "drones" | "shells" | "tanks" | "homes" | "houses" | "buildings" | "vehicles" | "aircraft"
                | "budget" | "grant" | "loan" | "worth" | "kg" | "pm" | "am" | "gmt" | "bn" | "billion" | "m"
        )
}

/// Words that end the people counted ("12 people in Kharkiv", "killed 12 and").
fn ends_noun(t: &Token) -> bool {
    t.kind != TokenKind::Word
        || matches!(
            t.norm.as_str(),
            "in" | "on" | "at" | "near" | "by" | "during" | "when" | "after" | "before" | "including" | "and" | "or" | "across" | "from"
                | "since" | "as" | "with" | "while" | "that" | "which" | "of" | "for" | "into" | "over" | "last" | "this"
                | "according" | "inside" | "outside" | "among" | "amid"
        )
}

fn norm(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.norm.as_str())
}

/// Every count in the sentence, in order, with scope and source left for
/// the caller to set (they depend on the whole sentence).
pub(crate) fn find_counts(text: &str, tokens: &[Token]) -> Vec<Count> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(q) = quantity_at(tokens, i) else {
            i += 1;
            continue;
        };
        let next = q.tokens.end.max(i + 1);
        if let Some(c) = count(text, tokens, q) {
            out.push(c);
        }
        i = next;
    }
    out
}

fn count(text: &str, tokens: &[Token], q: crate::numbers::Quantity) -> Option<Count> {
    let (start, end) = (q.tokens.start, q.tokens.end);
    // "$5 million", "5 million dollars", "40 percent", "a 5 million dollar grant".
    if start > 0 && is_unit(&tokens[start - 1]) {
        return None;
    }
    if tokens.get(end).is_some_and(is_unit) {
        return None;
    }
    // A subset of people counted just before ("including three children").
    if start > 0 && matches!(norm(tokens, start - 1), "including" | "among") {
        return None;
    }
    // The people counted: words up to a clause word; the last is the head.
    let mut kind: Option<CountKind> = None;
    let mut head: Option<usize> = None;
    let mut k = end;
    while k < tokens.len() && k < end + 3 && !ends_noun(&tokens[k]) {
        let n = tokens[k].norm.as_str();
        if is_unit(&tokens[k]) {
            return None;
        }
        if k == end && (predicate(n).is_some() || kind_noun(n).is_some()) && n != "hostage" {
            // "12 dead", "5 million displaced people", "300 refugees"
            kind = kind_noun(n).or_else(|| predicate(n));
            if kind_noun(n).is_some() && !matches!(n, "dead" | "wounded" | "injured") {
                head = Some(k);
            }
            k += 1;
            continue;
        }
        if is_auxiliary(n) || predicate(n).is_some() {
            break;
        }
        head = Some(k);
        k += 1;
        // The counted people end at their noun: "two journalists said".
        if let Some(kn) = kind_noun(n) {
            kind = kind.or(Some(kn));
            break;
        }
        if is_people(n) || n.ends_with('s') && n.len() > 3 {
            break;
        }
    }
    // Only a noun names the people ("killed 27 people today", not "today").
    let head = head.filter(|&h| {
        let n = tokens[h].norm.as_str();
        is_people(n) || kind_noun(n).is_some() || (n.ends_with('s') && !n.ends_with("ss") && n.len() > 3)
    });
    let noun_end = k;
    let head_norm = head.map(|h| tokens[h].norm.as_str());
    // Before the figure: "killed at least 12", "claimed over 200,000 lives".
    let mut phrase_start = start;
    let before = start.checked_sub(1).and_then(|b| if matches!(norm(tokens, b), "a" | "an" | "the" | "another") { b.checked_sub(1) } else { Some(b) });
    let mut pre = None;
    if let Some(b) = before {
        let v = tokens[b].norm.as_str();
        if let Some(kv) = kind_verb(v) {
            pre = Some(kv);
            phrase_start = b;
        } else if toll_verb(v) && head_norm == Some("lives") {
            pre = Some(CountKind::Killed);
            phrase_start = b;
        }
    }
    // "the death toll rose to 30", "a toll of at least 12"
    if pre.is_none() {
        let mut b = start;
        while b > 0 && start - b < 6 && tokens[b - 1].kind == TokenKind::Word {
            b -= 1;
            if tokens[b].norm == "toll" {
                pre = Some(CountKind::Killed);
                phrase_start = b;
                break;
            }
        }
    }
    // After the people: "were killed", "have fled", "are missing", "lost their lives".
    let mut post = None;
    let mut phrase_end = noun_end.max(end);
    let mut p = noun_end;
    // ", who were later released": the predicate may follow one comma.
    if norm(tokens, p) == "," && is_auxiliary(norm(tokens, p + 1)) {
        p += 1;
    }
    let limit = p + 5;
    while p < tokens.len() && p < limit {
        let n = tokens[p].norm.as_str();
        if n == "lives" && p > noun_end && norm(tokens, p - 2) == "lost" {
            post = Some(CountKind::Killed);
            phrase_end = p + 1;
            break;
        }
        if let Some(kp) = predicate(n) {
            post = Some(kp);
            phrase_end = p + 1;
            break;
        }
        if !is_auxiliary(n) {
            break;
        }
        p += 1;
    }
    if head_norm == Some("lives") && pre.is_none() && post != Some(CountKind::Killed) {
        return None;
    }
    let kind = pre.or(post).or(kind)?;
    if q.value == 0 && q.max.is_none() {
        return None;
    }
    let victims = head_norm.filter(|h| *h != "lives").map(str::to_string);
    let phrase_end = phrase_end.max(noun_end);
    Some(Count {
        kind,
        value: q.value,
        max: q.max,
        qualifier: q.qualifier,
        victims,
        scope: Scope::Event,
        source: None,
        phrase: text[tokens[phrase_start].start..tokens[phrase_end - 1].end].to_string(),
        tokens: phrase_start..phrase_end,
    })
}

/// Whether a count is a running total: the sentence says so ("since",
/// "so far", "to date", "in total"), or a conflict noun is the subject of a
/// perfect ("the war has claimed", "have been killed in the conflict").
pub(crate) fn is_cumulative(tokens: &[Token], count: &Count, has_duration: bool) -> bool {
    let w = |k: usize| norm(tokens, k);
    for k in 0..tokens.len() {
        let cue = matches!(
            (w(k), w(k + 1)),
            ("since", _) | ("so", "far") | ("to", "date") | ("in", "total") | ("in", "all") | ("altogether", _) | ("overall", _)
                | ("cumulative", _) | ("total", "of") | ("tally", _)
        );
        if cue {
            return true;
        }
    }
    if has_duration {
        return true;
    }
    let process = tokens.iter().any(|t| crate::dates::is_process_noun(&t.norm));
    let perfect = tokens[..count.tokens.end.min(tokens.len())].iter().any(|t| matches!(t.norm.as_str(), "has" | "have" | "had"));
    process && perfect
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_text::tokenize;

    fn counts(text: &str) -> Vec<(CountKind, u64, Option<Qualifier>, Option<String>)> {
        let tokens = tokenize(text);
        find_counts(text, &tokens).into_iter().map(|c| (c.kind, c.value, c.qualifier, c.victims)).collect()
    }

    fn one(text: &str) -> (CountKind, u64, Option<Qualifier>, Option<String>) {
        let c = counts(text);
        assert_eq!(c.len(), 1, "{text}: {c:?}");
        c.into_iter().next().unwrap()
    }

    use CountKind::*;
    use Qualifier::*;

    #[test]
    fn seed_style_tolls() {
        let c = counts("The conflict, which began in 2019, has claimed over 200,000 lives and displaced more than 5 million people.");
        assert_eq!(c, [(Killed, 200_000, Some(MoreThan), None), (Displaced, 5_000_000, Some(MoreThan), Some("people".into()))]);
    }

    #[test]
    fn verbs_before_figures() {
        assert_eq!(one("An airstrike killed at least 12 civilians in Idlib."), (Killed, 12, Some(AtLeast), Some("civilians".into())));
        assert_eq!(one("The bombing injured about 40 people."), (Wounded, 40, Some(About), Some("people".into())));
        assert_eq!(one("Police arrested dozens of protesters on Sunday."), (Arrested, 24, Some(Vague), Some("protesters".into())));
        assert_eq!(one("Gunmen kidnapped seven aid workers."), (Abducted, 7, None, Some("workers".into())));
        assert_eq!(one("Israeli strikes killed 12 Palestinians."), (Killed, 12, None, Some("palestinians".into())));
        assert_eq!(one("A car bomb killed at least 27 people today."), (Killed, 27, Some(AtLeast), Some("people".into())));
        assert_eq!(one("Gunmen who kidnapped two French journalists said they would free them."), (Abducted, 2, None, Some("journalists".into())));
        assert_eq!(one("The bomb killed 9 in Baghdad."), (Killed, 9, None, None));
    }

    #[test]
    fn predicates_after_figures() {
        assert_eq!(one("At least 30 soldiers were killed in the ambush."), (Killed, 30, Some(AtLeast), Some("soldiers".into())));
        assert_eq!(one("Two dozen villagers remain missing after the raid."), (Missing, 24, None, Some("villagers".into())));
        assert_eq!(one("Thousands have fled their homes."), (Displaced, 2000, Some(Vague), None));
        assert_eq!(one("Some 300 people lost their lives."), (Killed, 300, Some(About), Some("people".into())));
        let c = counts("The blast left 12 dead and 30 wounded.");
        assert_eq!(c, [(Killed, 12, None, None), (Wounded, 30, None, None)]);
    }

    #[test]
    fn kind_nouns_and_tolls() {
        assert_eq!(one("The region now hosts 5 million refugees."), (Refugees, 5_000_000, None, Some("refugees".into())));
        assert_eq!(one("The storm left 80 000 Grenadians homeless."), (Displaced, 80_000, None, Some("grenadians".into())));
        assert_eq!(one("The death toll rose to 43 on Friday."), (Killed, 43, None, None));
        assert_eq!(one("Between 10 and 15 civilians were wounded."), (Wounded, 10, Some(Range), Some("civilians".into())));
        assert_eq!(one("Fighting has displaced up to 70,000 residents."), (Displaced, 70_000, Some(UpTo), Some("residents".into())));
        assert_eq!(one("There are 2 million displaced people in the country."), (Displaced, 2_000_000, None, Some("people".into())));
    }

    #[test]
    fn figures_that_are_not_tolls() {
        assert!(counts("The 200 delegates voted on the resolution.").is_empty());
        assert!(counts("The agency announced a 5 million dollar grant for displaced families.").is_empty());
        assert!(counts("The war has cost $5 billion.").is_empty());
        assert!(counts("He was killed 5 years ago.").is_empty());
        assert!(counts("Unemployment rose to 12 percent.").is_empty());
        assert!(counts("Doctors saved 200 lives.").is_empty());
        assert!(counts("Rebels fired 40 rockets at the city.").is_empty());
        assert!(counts("In 2019, the army took control of the town.").is_empty());
    }

    #[test]
    fn scope() {
        let check = |text: &str| {
            let tokens = tokenize(text);
            let c = find_counts(text, &tokens);
            is_cumulative(&tokens, &c[0], false)
        };
        assert!(check("The conflict, which began in 2019, has claimed over 200,000 lives."));
        assert!(check("More than 10,000 people have been killed in the war."));
        assert!(check("Some 300 people have been arrested since the protests began."));
        assert!(check("So far, 40 journalists have been killed."));
        assert!(!check("A car bomb killed 12 people in Kabul on Tuesday."));
        assert!(!check("The blast left 12 dead."));
    }
}
