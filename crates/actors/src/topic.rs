//! What a document is about: its topic country, and the countries that stand
//! outside its conflict as mediators or hosts.
//!
//! An agent the text gives no country ("police", "the government") belongs
//! to the country the report is about. Reports on talks are often filed from
//! the mediator's capital and name the mediator often ("DOHA - Qatar offered
//! to host talks between Tazeria and Lunmark"), yet the police and the army of
//! such a report are never the mediator's: a country that mediates, hosts or
//! brokers is a third party, and neither the dateline nor the topic count
//! makes it the country of the report.

use crate::Mention;
use parley_text::Token;

/// The country a document is about: the one its actors belong to most often,
/// counting the headline and the first two sentences twice, when at least two
/// sentences speak of it or it is the only country the report names; on a tie, the one named first (a headline names
/// what the report is about first: "Quenda detains three journalists,
/// deports British reporter"). Places ("in Kabul") do not count: a
/// report filed from a city may be about another country; nor do the
/// countries in `third_parties` (see [`third_parties`]).
pub fn topic_country<'m>(sentences: impl Iterator<Item = &'m [Mention]>, third_parties: &[String]) -> Option<String> {
    // (country, weighted count, sentences that speak of it)
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (k, mentions) in sentences.enumerate() {
        let weight = if k < 3 { 2 } else { 1 };
        let mut here: Vec<&str> = Vec::new();
        for m in mentions.iter().filter(|m| !m.locative) {
            let Some(c) = m.country.as_deref() else { continue };
            if third_parties.iter().any(|t| t == c) {
                continue;
            }
            let first_here = !here.contains(&c);
            here.push(c);
            match counts.iter_mut().find(|(x, _, _)| *x == c) {
                Some((_, n, s)) => {
                    *n += weight;
                    *s += usize::from(first_here);
                }
                None => counts.push((c, weight, 1)),
            }
        }
    }
    // A stable sort: on a tie the country named first leads.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [(c, _, s), ..] if *s >= 2 => Some(c.to_string()),
        // A short report (a headline and a sentence) that names one country
        // only is about it: the judge of "A judge questioned a former
        // Peruvian president" is Peru's, the recruits of "The British Army
        // restricted recruits" Britain's.
        [(c, _, _)] => Some(c.to_string()),
        _ => None,
    }
}

/// The countries a document shows mediating, hosting or brokering: "Qatar
/// offered to host talks", "Norway, which facilitated the negotiations",
/// "Qatari mediation", "Swiss-hosted talks", "a swap brokered by the United
/// Arab Emirates". Each sentence comes as its tokens and its mentions, in
/// document order; the answer is sorted and holds each country once.
///
/// Only what the country itself does counts: in "Israel rejected Egyptian
/// mediation" Egypt is the third party, not Israel.
pub fn third_parties<'a>(sentences: impl Iterator<Item = (&'a [Token], &'a [Mention])>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (tokens, mentions) in sentences {
        for (i, m) in mentions.iter().enumerate() {
            let Some(country) = m.country.as_deref() else { continue };
            if m.locative || out.iter().any(|c| c == country) {
                continue;
            }
            if names_mediator(tokens, m) || mediates(tokens, mentions, i) {
                out.push(country.to_string());
            }
        }
    }
    out.sort();
    out
}

/// The verbs of mediating, in the forms a subject takes ("Qatar mediated",
/// "Norway, which has facilitated ..."); the bare "host" and "mediate" only
/// after "to" ("offered to host").
fn is_mediating_verb(tokens: &[Token], i: usize) -> bool {
    match tokens[i].norm.as_str() {
        "mediated" | "mediates" | "mediating" | "facilitated" | "facilitates" | "facilitating" | "brokered" | "brokers"
        | "brokering" | "hosted" | "hosts" | "hosting" => true,
        "mediate" | "host" | "facilitate" | "broker" => i > 0 && tokens[i - 1].norm == "to",
        _ => false,
    }
}

/// The mention is the mediator by its place in a phrase: before "mediation"
/// or "mediators" ("Qatari mediation", "Egypt's mediators"), before
/// "-hosted" or "-brokered", or after "brokered by", "hosted by" and the like.
fn names_mediator(tokens: &[Token], m: &Mention) -> bool {
    let after: Vec<&str> = tokens[m.tokens.end..].iter().take(2).map(|t| t.norm.as_str()).collect();
    let modifies = matches!(
        after.as_slice(),
        ["mediation" | "mediators" | "mediator", ..]
            | ["'s", "mediation" | "mediators" | "mediator"]
            | ["-", "hosted" | "brokered" | "mediated" | "sponsored"]
    );
    let before: Vec<&str> = tokens[..m.tokens.start].iter().rev().take(3).map(|t| t.norm.as_str()).collect();
    let agent = match before.as_slice() {
        ["by", verb, ..] | ["the", "by", verb] => matches!(*verb, "brokered" | "hosted" | "mediated" | "facilitated"),
        _ => false,
    };
    modifies || agent
}

/// The mention is the subject of a verb of mediating a few words on, with
/// no clause boundary between them (an aside's commas aside) and no other
/// actor unless conjoined with it ("Egypt and Qatar mediated").
fn mediates(tokens: &[Token], mentions: &[Mention], index: usize) -> bool {
    const REACH: usize = 6;
    let m = &mentions[index];
    let reach = m.tokens.end..tokens.len().min(m.tokens.end + REACH);
    let boundary = |i: &usize| matches!(tokens[*i].norm.as_str(), "." | ";" | ":" | "but" | "while" | "said" | "says");
    let Some(verb) = reach.take_while(|i| !boundary(i)).find(|&i| is_mediating_verb(tokens, i)) else { return false };
    let others: Vec<usize> = (0..mentions.len())
        .filter(|&k| k != index && !mentions[k].locative && mentions[k].tokens.start < verb && mentions[k].tokens.end > m.tokens.end)
        .collect();
    // The sentence's lists are read only when another actor stands between.
    others.is_empty() || crate::conjoined(tokens, mentions).iter().any(|g| g.contains(&index) && others.iter().all(|k| g.contains(k)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorMatcher;
    use parley_lexicon::Lexicon;

    /// The third parties of a one-sentence document, with the built-in lexicon.
    fn mediators(text: &str) -> Vec<String> {
        let matcher = ActorMatcher::new(&Lexicon::builtin().unwrap());
        let tokens = parley_text::tokenize(text);
        let mentions = matcher.find(text, &tokens, None);
        third_parties(std::iter::once((tokens.as_slice(), mentions.as_slice())))
    }

    #[test]
    fn who_mediates_hosts_or_brokers_is_a_third_party() {
        assert_eq!(mediators("Qatar offered on Saturday to host talks between Kenya and Somalia."), ["QAT"]);
        assert_eq!(mediators("Norway, which facilitated the negotiations, said it would help."), ["NOR"]);
        assert_eq!(mediators("The talks collapsed after Qatari mediation failed."), ["QAT"]);
        assert_eq!(mediators("Government negotiators walked out of the Swiss-hosted talks."), ["CHE"]);
        assert_eq!(mediators("Russia and Ukraine swapped prisoners in a deal brokered by the United Arab Emirates."), ["ARE"]);
        assert_eq!(mediators("Egypt and Qatar mediated between Israel and Hamas."), ["EGY", "QAT"]);
    }

    #[test]
    fn on_a_tie_the_country_named_first_is_the_topic() {
        let matcher = ActorMatcher::new(&Lexicon::builtin().unwrap());
        let sentences = ["Kenya detains British reporter", "Kenyan police arrested a British journalist."];
        let mentions: Vec<Vec<Mention>> = sentences.iter().map(|s| matcher.find(s, &parley_text::tokenize(s), None)).collect();
        assert_eq!(topic_country(mentions.iter().map(Vec::as_slice), &[]).as_deref(), Some("KEN"));
        // One sentence is not enough to make a topic.
        assert_eq!(topic_country(mentions[..1].iter().map(Vec::as_slice), &[]), None);
    }

    #[test]
    fn a_country_that_answers_a_mediator_is_no_third_party() {
        assert_eq!(mediators("Israel rejected Egyptian mediation."), ["EGY"]);
        assert!(mediators("Lunmark rejected any outside mediation.").is_empty());
        assert!(mediators("Israel accused Iran of arming Hamas.").is_empty());
    }
}
