//! Words: CAMEO codes as verbs in the past tense, actors as names with
//! codes, numbers as an analyst writes them.

use parley::Role;
use std::collections::HashMap;

/// `(code, verb phrase with its object's slot "{}")`, the most specific
/// first: the longest prefix of an event's code that is listed wins, and
/// every root (two digits) is listed.
const VERBS: &[(&str, &str)] = &[
    ("010", "made a statement about {}"),
    ("012", "made a pessimistic comment about {}"),
    ("013", "made an optimistic comment about {}"),
    ("016", "denied accusations by {}"),
    ("018", "expressed sympathy with {}"),
    ("01", "made a public statement about {}"),
    ("0233", "asked {} for humanitarian aid"),
    ("023", "asked {} for aid"),
    ("0256", "asked {} to de-escalate"),
    ("025", "asked {} to yield"),
    ("026", "asked {} to meet or negotiate"),
    ("027", "asked {} to settle the dispute"),
    ("028", "asked {} to mediate"),
    ("02", "appealed to {}"),
    ("036", "offered to meet or negotiate with {}"),
    ("037", "offered to settle with {}"),
    ("038", "offered to accept mediation with {}"),
    ("03", "offered to cooperate with {}"),
    ("040", "consulted {}"),
    ("042", "visited {}"),
    ("043", "hosted {}"),
    ("045", "mediated for {}"),
    ("046", "negotiated with {}"),
    ("04", "consulted {}"),
    ("05", "cooperated diplomatically with {}"),
    ("06", "cooperated materially with {}"),
    ("073", "gave humanitarian aid to {}"),
    ("07", "gave aid to {}"),
    ("08", "yielded to {}"),
    ("09", "investigated {}"),
    ("10", "demanded of {}"),
    ("111", "criticised {}"),
    ("112", "accused {}"),
    ("11", "disapproved of {}"),
    ("12", "rejected {}"),
    ("13", "threatened {}"),
    ("14", "protested against {}"),
    ("15", "showed force against {}"),
    ("163", "imposed sanctions on {}"),
    ("16", "reduced relations with {}"),
    ("17", "coerced {}"),
    ("18", "assaulted {}"),
    ("19", "fought {}"),
    ("20", "used mass violence against {}"),
];

/// The verb phrase of `cameo` with `object` in its slot; without an
/// object, the phrase up to its slot ("asked to mediate" reads poorly, so
/// the object is "others").
pub(crate) fn verb(cameo: &str, object: Option<&str>) -> String {
    let template = VERBS
        .iter()
        .filter(|(code, _)| cameo.starts_with(code))
        .max_by_key(|(code, _)| code.len())
        .map_or("acted toward {} (CAMEO {code})", |(_, t)| t);
    let template = template.replace("{code}", cameo);
    match object {
        Some(o) => template.replace("{}", o),
        // "made an optimistic comment", not "... about others".
        None => match [" about {}", " with {}", " on {}", " against {}", " of {}", " by {}", " for {}"].iter().find(|p| template.ends_with(*p)) {
            Some(p) => template[..template.len() - p.len()].to_string(),
            None => template.replace("{}", "others"),
        },
    }
}

/// Roots whose events ask something of their target.
pub(crate) fn is_request(root: &str) -> bool {
    matches!(root, "02" | "10")
}

/// Roots whose events offer something to their target.
pub(crate) fn is_offer(root: &str) -> bool {
    root == "03"
}

/// Roots whose events answer a request or an offer: meeting, agreeing,
/// giving, yielding, rejecting.
pub(crate) fn answers(root: &str) -> bool {
    matches!(root, "04" | "05" | "06" | "07" | "08" | "12")
}

/// What an actor known only by its role is: "---GOV" is a government actor.
fn role_word(role: Role) -> &'static str {
    match role {
        Role::GOV => "government actor",
        Role::MIL => "military actor",
        Role::REB => "rebel actor",
        Role::OPP => "opposition actor",
        Role::IGO => "international body",
        Role::NGO => "non-governmental group",
        Role::REF => "refugees",
        Role::CVL => "civilians",
        Role::MED => "news medium",
        Role::BUS => "business",
        Role::COP => "police",
        Role::JUD => "judiciary",
        Role::LEG => "legislature",
        Role::ELI => "elite member",
        Role::SPY => "intelligence service",
        _ => "actor",
    }
}

/// How an actor is written: "Country X (X-COUNTRY-X-GOV)"; an actor known
/// only by its role ("---GOV") is "an unnamed government actor (---GOV)",
/// or with the words of the report when they are known (`said`: "an unnamed
/// official (---GOV)"); no actor at all is "an unnamed actor".
pub(crate) fn actor(code: &str, names: &HashMap<String, String>) -> String {
    actor_said(code, None, names)
}

/// [`actor`], with the words one report used for it.
pub(crate) fn actor_said(code: &str, said: Option<&str>, names: &HashMap<String, String>) -> String {
    if code.is_empty() {
        return "an unnamed actor".into();
    }
    if let Some(role) = code.strip_prefix("---") {
        // The store's names of "---GOV" mix every unnamed government actor of
        // every report: only the report's own words describe this one.
        let what = said.map(str::to_lowercase).unwrap_or_else(|| role.parse().map_or("actor", role_word).to_string());
        let article = if what.ends_with('s') { "" } else { "an " };
        return format!("{article}unnamed {what} ({code})");
    }
    match names.get(code) {
        Some(name) if name != code => format!("{name} ({code})"),
        _ => code.to_string(),
    }
}

/// 200000 as "200,000"; whole millions as "5 million".
pub(crate) fn number(n: i64) -> String {
    if n >= 1_000_000 && n % 100_000 == 0 {
        let m = n as f64 / 1e6;
        return if n % 1_000_000 == 0 { format!("{} million", n / 1_000_000) } else { format!("{m:.1} million") };
    }
    let out = crate::thousands(n.unsigned_abs());
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Plural "s" for `n` things.
pub(crate) fn s(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_verb_wins() {
        assert_eq!(verb("028", Some("US (USA)")), "asked US (USA) to mediate");
        assert_eq!(verb("0281", Some("X")), "asked X to mediate");
        assert_eq!(verb("020", Some("X")), "appealed to X");
        assert_eq!(verb("1631", Some("X")), "imposed sanctions on X");
        assert_eq!(verb("190", None), "fought others");
        assert_eq!(verb("013", None), "made an optimistic comment");
        assert_eq!(verb("016", None), "denied accusations");
        assert_eq!(verb("99", Some("X")), "acted toward X (CAMEO 99)");
    }

    #[test]
    fn numbers_read_as_an_analyst_writes_them() {
        assert_eq!(number(200_000), "200,000");
        assert_eq!(number(5_000_000), "5 million");
        assert_eq!(number(2_500_000), "2.5 million");
        assert_eq!(number(1_234_567), "1,234,567");
        assert_eq!(number(999), "999");
        assert_eq!(number(-1500), "-1,500");
    }

    #[test]
    fn actors_are_named_with_their_codes() {
        let names: HashMap<String, String> =
            [("USA".into(), "US".into()), ("---GOV".into(), "diplomats".into())].into_iter().collect();
        assert_eq!(actor("USA", &names), "US (USA)");
        assert_eq!(actor("---GOV", &names), "an unnamed government actor (---GOV)", "the store's name of ---GOV is anyone's");
        assert_eq!(actor_said("---GOV", Some("Official"), &names), "an unnamed official (---GOV)");
        assert_eq!(actor_said("---IGO", Some("International observers"), &names), "unnamed international observers (---IGO)");
        assert_eq!(actor("RUS", &names), "RUS");
        assert_eq!(actor("", &names), "an unnamed actor");
    }
}
