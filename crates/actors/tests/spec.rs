//! Actor mentions, specified phrase by phrase with a small lexicon.

use parley_actors::ActorMatcher;
use parley_lexicon::Lexicon;

fn lexicon() -> Lexicon {
    let mut lex = Lexicon::default();
    lex.add_file("countries.txt", "RUS | Russia | Russian; Russians | Moscow\nUKR | Ukraine; Calimehtar | Ukrainian; Ukrainians | Kyiv\nFRA | France | French | Paris\n").unwrap();
    lex.add_file("agents.txt", "GOV | government; minister; prime minister; mayor\nMIL | army; troops\nCVL | civilians\n").unwrap();
    lex.add_file("verbs.txt", "@attack\n190 *\n@hit\n190 *\n").unwrap();
    lex
}

/// Each actor mention of `text` as (its words, its code).
fn codes(text: &str) -> Vec<(String, String)> {
    let matcher = ActorMatcher::new(&lexicon());
    let tokens = parley_text::tokenize(text);
    matcher
        .find(text, &tokens, None)
        .into_iter()
        .filter(|m| !m.locative)
        .map(|m| (text[tokens[m.tokens.start].start..tokens[m.tokens.end - 1].end].to_string(), m.code))
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn a_possessive_reaches_its_agent_past_modifiers() {
    assert_eq!(codes("Russia's new mayor left"), [pair("Russia's new mayor", "RUSGOV")]);
    assert_eq!(codes("Russia's awful and evil minister left"), [pair("Russia's awful and evil minister", "RUSGOV")]);
    assert_eq!(codes("France's first Deputy Prime Minister left"), [pair("France's first Deputy Prime Minister", "FRAGOV")]);
}

#[test]
fn verbs_plurals_and_prepositions_are_no_modifiers() {
    assert_eq!(codes("Russia's attack hit civilians"), [pair("Russia", "RUS"), pair("civilians", "---CVL")]);
    assert_eq!(codes("Russia's war on civilians"), [pair("Russia", "RUS"), pair("civilians", "---CVL")]);
    assert_eq!(codes("Russia's strikes killed civilians"), [pair("Russia", "RUS"), pair("civilians", "---CVL")]);
}

#[test]
fn a_singular_title_names_the_person_after_it() {
    // A name the dictionary lists under another actor (TABARI's `+CALIMEHTAR`
    // under a country) is the title holder here.
    assert_eq!(codes("Russia's minister Calimehtar spoke"), [pair("Russia's minister Calimehtar", "RUSGOV")]);
    // A plural agent before a name is no title.
    assert_eq!(codes("Russian troops Ukraine"), [pair("Russian troops", "RUSMIL"), pair("Ukraine", "UKR")]);
}

/// The groups `parley_actors::conjoined` makes of `text`'s mentions, as their words.
fn groups(text: &str) -> Vec<Vec<String>> {
    let matcher = ActorMatcher::new(&lexicon());
    let tokens = parley_text::tokenize(text);
    let mentions = matcher.find(text, &tokens, None);
    let words = |m: usize| text[tokens[mentions[m].tokens.start].start..tokens[mentions[m].tokens.end - 1].end].to_string();
    parley_actors::conjoined(&tokens, &mentions).into_iter().map(|g| g.into_iter().map(words).collect()).collect()
}

#[test]
fn possessed_nouns_joined_by_and_join_their_actors() {
    // "X's sheep and goats of Y": one conjunct is X's, the other Y's.
    assert_eq!(groups("Russia's allies and partners of Ukraine warned"), [["Russia", "Ukraine"]]);
    // Not when the second noun phrase is no plain conjunct.
    assert_eq!(groups("Russia's war and the fate of Ukraine"), [["Russia"], ["Ukraine"]]);
}

#[test]
fn a_group_and_its_members_are_the_group() {
    let lex = {
        let mut lex = parley_lexicon::Lexicon::default();
        lex.add_file("organizations.txt", "PSEREB | Hamas\n").unwrap();
        lex.add_file("agents.txt", "REB | militants\nMIL | military\n").unwrap();
        lex
    };
    let matcher = parley_actors::ActorMatcher::new(&lex);
    let text = "Hamas militants fired rockets at Hamas military targets.";
    let tokens = parley_text::tokenize(text);
    let found: Vec<(String, String)> = matcher
        .find(text, &tokens, None)
        .into_iter()
        .map(|m| (text[tokens[m.tokens.start].start..tokens[m.tokens.end - 1].end].to_string(), m.code))
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(found, [pair("Hamas militants", "PSEREB"), pair("Hamas", "PSEREB"), pair("military", "---MIL")]);
}
