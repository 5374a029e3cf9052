//! Actor mentions, specified phrase by phrase with a small lexicon.

use parley_actors::{ActorMatcher, MentionKind, Reference};
use parley_lexicon::Lexicon;

fn lexicon() -> Lexicon {
    let mut lex = Lexicon::default();
    lex.add_file(
        "countries.txt",
        "USA | United States; US; U.S. | American; Americans | Washington\nRUS | Russia | Russian; Russians | Moscow\nUKR | Ukraine; Calimehtar | Ukrainian; Ukrainians | Kyiv\nFRA | France | French | Paris\n",
    )
    .unwrap();
    lex.add_file("organizations.txt", "IGOUNO | United Nations; UN\nIGOUNOSEC | United Nations Security Council; UN Security Council\n").unwrap();
    lex.add_file("people.txt", "Vladimir Putin; Putin | RUSGOV 2000-05-07..2008-05-06; RUSGOV 2012-05-07..\n").unwrap();
    lex.add_file("agents.txt", "GOV | government; president; official; officials; foreign minister; minister; prime minister; mayor\nMIL | army; forces; troops\nOPP | opposition\nCVL | civilians\n").unwrap();
    lex.add_file("org_heads.txt", "REB | Front; Liberation Army\nOPP | Party\n").unwrap();
    lex.add_file("verbs.txt", "@attack\n190 *\n@hit\n190 *\n").unwrap();
    lex
}

/// Each actor mention of `text` as (its words, its code).
fn codes(text: &str) -> Vec<(String, String)> {
    codes_with(&lexicon(), text)
}

/// Each actor mention of `text` as (its words, its code), found with `lex`.
fn codes_with(lex: &Lexicon, text: &str) -> Vec<(String, String)> {
    let matcher = ActorMatcher::new(lex);
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

#[test]
fn countries_adjectives_and_agents_compose() {
    assert_eq!(codes("Russian forces shelled the city"), [pair("Russian forces", "RUSMIL")]);
    assert_eq!(codes("the US president spoke"), [pair("US president", "USAGOV")]);
    assert_eq!(codes("the president of France spoke"), [pair("president of France", "FRAGOV")]);
    assert_eq!(codes("Russia's army moved"), [pair("Russia's army", "RUSMIL")]);
}

#[test]
fn case_keeps_pronouns_out() {
    assert_eq!(codes("he told us"), [pair("he", "---")]);
}

#[test]
fn longest_organization_wins() {
    assert_eq!(codes("the UN Security Council met"), [pair("UN Security Council", "IGOUNOSEC")]);
}

#[test]
fn people_take_their_role_and_absorb_titles() {
    assert_eq!(codes("Russian President Vladimir Putin said"), [pair("Russian President Vladimir Putin", "RUSGOV")]);
}

#[test]
fn capitals_are_governments_unless_places() {
    assert_eq!(codes("Moscow rejected the plan"), [pair("Moscow", "RUSGOV")]);
    assert!(codes("talks in Moscow").is_empty());
}

#[test]
fn unknown_named_actors_get_provisional_codes() {
    assert_eq!(codes("the Revolutionary Front attacked"), [pair("Revolutionary Front", "X-REVOLUTIONARY-FRONT-REB")]);
    assert_eq!(codes("the government of Country X agreed"), [pair("government of Country X", "X-COUNTRY-X-GOV")]);
    assert_eq!(codes("the Russian Liberation Army"), [pair("Russian Liberation Army", "RUSREB")]);
}

#[test]
fn a_title_or_a_known_actor_after_of_is_no_unknown_name() {
    assert_eq!(codes("the government of President Putin agreed"), [pair("government", "---GOV"), pair("President Putin", "RUSGOV")]);
}

#[test]
fn a_leader_names_the_group_it_leads() {
    let found = codes("the opposition coalition led by the Revolutionary Front");
    assert_eq!(found, [pair("opposition coalition led by the Revolutionary Front", "X-REVOLUTIONARY-FRONT-REB")]);
}

#[test]
fn references_are_mentions() {
    let matcher = ActorMatcher::new(&lexicon());
    let text = "The latter denied it, and both sides met.";
    let tokens = parley_text::tokenize(text);
    let kinds: Vec<MentionKind> = matcher.find(text, &tokens, None).into_iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            MentionKind::Reference(Reference::Latter),
            MentionKind::Reference(Reference::Neuter),
            MentionKind::Reference(Reference::Pair)
        ]
    );
}

/// The spec lexicon with head words of media and companies, as
/// `org_heads.txt` has them.
fn kinds_lexicon() -> Lexicon {
    let mut lex = lexicon();
    lex.add_file("org_heads.txt", "BUS | Corp; Co; Co.\nMED | Times; Post\n").unwrap();
    lex
}

/// Each actor mention of `text` with the spec lexicon and the kinds' head words.
fn kind_codes(text: &str) -> Vec<(String, String)> {
    codes_with(&kinds_lexicon(), text)
}

#[test]
fn a_name_before_a_lower_case_party_is_a_party() {
    assert_eq!(kind_codes("the Verdant party said on monday that talks would resume"), [pair("Verdant party", "X-VERDANT-PARTY-OPP")]);
    // Ruling: the government's party, as the agent "ruling party" is.
    assert_eq!(kind_codes("the ruling Verdant party said talks would resume"), [pair("Verdant party", "X-VERDANT-PARTY-GOV")]);
    // "a ... party" is an occasion.
    assert_eq!(kind_codes("guests went to a Midwinter party and then left"), []);
}

#[test]
fn a_country_before_a_name_no_dictionary_holds_is_its_country() {
    assert_eq!(kind_codes("Ukraine's opposition Verdant party said talks would resume"), [pair("Ukraine's opposition Verdant party", "UKROPP")]);
    assert_eq!(kind_codes("Ukraine's opposition Verdant Party said talks would resume"), [pair("Ukraine's opposition Verdant Party", "UKROPP")]);
}

#[test]
fn a_city_opening_a_named_body_gives_it_its_country() {
    // Not the capital standing for its government (UKRGOV).
    assert_eq!(kind_codes("the Kyiv Evening Times said on monday that talks would resume"), [pair("Kyiv Evening Times", "UKRMED")]);
    // Without a head word the capital is still the government.
    assert_eq!(kind_codes("Kyiv Evening said on monday that talks would resume"), [pair("Kyiv", "UKRGOV")]);
}

#[test]
fn a_company_suffix_without_its_period_is_a_company() {
    assert_eq!(kind_codes("Grumbold Widget Co. said on monday that talks would resume"), [pair("Grumbold Widget Co", "X-GRUMBOLD-WIDGET-CO-BUS")]);
}

#[test]
fn a_council_of_a_faith_is_religious_and_of_its_country() {
    assert_eq!(kind_codes("the Hindu Council of France said talks would resume"), [pair("Hindu Council of France", "FRAREL")]);
    // A council of no faith stays unnamed: councils are as often a government's.
    assert_eq!(kind_codes("the Grain Council of France said talks would resume"), [pair("France", "FRA")]);
}

#[test]
fn a_special_task_force_is_police() {
    let lex = Lexicon::builtin().unwrap();
    let matcher = ActorMatcher::new(&lex);
    let text = "a special task force unit freed both women who were held";
    let tokens = parley_text::tokenize(text);
    let codes: Vec<String> = matcher.find(text, &tokens, None).into_iter().map(|m| m.code).collect();
    assert_eq!(codes, ["---COP", "---CVL"]);
}
