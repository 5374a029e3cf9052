//! The events stage, specified sentence by sentence with a small lexicon.

use parley_actors::{ActorMatcher, Resolver};
use parley_events::{EventMatcher, Mode};
use parley_lexicon::Lexicon;

const LEXICON: &[(&str, &str)] = &[
    ("cameo.txt", "01 | 0 | statement\n010 | 0 | Make statement\n016 | 0 | Deny\n02 | 3 | Appeal\n020 | 3 | Appeal\n026 | 4 | Appeal to meet\n028 | 4 | Appeal for mediation\n03 | 4 | Intent\n036 | 4 | Intent to meet\n04 | 1 | Consult\n040 | 1 | Consult\n042 | 1.9 | Visit\n11 | -2 | Disapprove\n112 | -2 | Accuse\n16 | -4 | Reduce\n163 | -8 | Sanction\n19 | -10 | Fight\n190 | -10 | Fight\n193 | -10 | Small arms\n"),
    ("countries.txt", "IND | India | Indian; Indians | New Delhi\nPAK | Pakistan | Pakistani; Pakistanis | Islamabad\nRUS | Russia | Russian; Russians | Moscow\nUKR | Ukraine | Ukrainian; Ukrainians | Kyiv\nUSA | United States; US | American; Americans | Washington\n"),
    ("agents.txt", "GOV | government; president; officials; official\nMIL | forces; troops; army\nCVL | civilians\n"),
    ("synsets.txt", "&TALKS | talks; negotiations; dialogue\n&SANCTIONS | sanctions\n"),
    ("verbs.txt", "@accuse\n112 *\n@attack\n190 *\n@call\n020 *\n026 * for &TALKS\n@deny\n016 *\n@impose\n163 * &SANCTIONS\n@meet met\n040 *\n@visit\n042 *\n@fire\n193 * on\n@say said\n@declare\n010 *\n"),
    ("cues.txt", include_str!("../../../lexicon/cues.txt")),
];

/// Codes `sentences` as one document; each event as "SRC>TGT:CODE:mode".
fn code(sentences: &[&str]) -> Vec<String> {
    code_with(sentences, false)
}

/// [`code`], with reporting verbs coded as events when `reports` (PETRARCH's reading).
fn code_with(sentences: &[&str], reports: bool) -> Vec<String> {
    let mut lexicon = Lexicon::default();
    for (name, text) in LEXICON {
        lexicon.add_file(name, text).unwrap();
    }
    let actors = ActorMatcher::new(&lexicon);
    let events = EventMatcher::new(&lexicon).with_reports_as_events(reports);
    let mut resolver = Resolver::new(None);
    let mut out = Vec::new();
    for s in sentences {
        let tokens = parley_text::tokenize(s);
        let mut mentions = actors.find(s, &tokens, None);
        resolver.resolve(&tokens, &mut mentions);
        for e in events.code_sentence(s, &tokens, &mentions) {
            let code_of = |p: Option<parley_events::Participant>| {
                p.map_or("-".to_string(), |p| match p.member {
                    Some(k) => mentions[p.mention].members[k].0.clone(),
                    None => mentions[p.mention].code.clone(),
                })
            };
            let mode = serde_json::to_string(&e.mode).unwrap().trim_matches('"').to_string();
            out.push(format!("{}>{}:{}:{}", code_of(e.source), code_of(e.target), e.code, mode));
        }
    }
    out
}

#[test]
fn subject_verb_object() {
    assert_eq!(code(&["Russian forces attacked Ukrainian troops on Tuesday."]), ["RUSMIL>UKRMIL:190:asserted"]);
}

#[test]
fn the_complement_chooses_the_code() {
    assert_eq!(code(&["India called for talks with Pakistan."]), ["IND>PAK:026:asserted"]);
    assert_eq!(code(&["The US imposed targeted sanctions on Russia."]), ["USA>RUS:163:asserted"]);
}

#[test]
fn nouns_are_not_verbs() {
    assert!(code(&["The attack on Ukraine was condemned."]).is_empty());
    assert!(code(&["Russia and its history of attacks."]).is_empty());
}

#[test]
fn passive_voice_swaps_roles() {
    assert_eq!(code(&["Ukraine was accused by Russia of shelling."]), ["RUS>UKR:112:asserted"]);
    assert_eq!(code(&["Indian officials were attacked."]), ["->INDGOV:190:asserted"]);
}

#[test]
fn compounds_give_one_event_per_actor() {
    assert_eq!(code(&["India and Pakistan accused Russia."]), ["IND>RUS:112:asserted", "PAK>RUS:112:asserted"]);
}

#[test]
fn reciprocal_verbs_run_both_ways() {
    assert_eq!(code(&["India and Pakistan met in Moscow."]), ["IND>PAK:040:asserted", "PAK>IND:040:asserted"]);
}

#[test]
fn mode_comes_from_the_words_before_the_verb() {
    // An announced attack is, by CAMEO's convention, a threat of conventional attack.
    assert_eq!(code(&["Russia will attack Ukraine."]), ["RUS>UKR:1384:intended"]);
    assert_eq!(code(&["Russia is expected to visit India."]), ["RUS>IND:042:expected"]);
    assert_eq!(code(&["Russia did not attack Ukraine."]), ["RUS>UKR:190:negated"]);
    assert_eq!(code(&["If Russia attacks Ukraine, the US will respond."]), ["RUS>UKR:190:conditional"]);
}

#[test]
fn reporting_verbs_are_attribution_not_events() {
    assert_eq!(code(&["Indian officials said Pakistan attacked India."]), ["PAK>IND:190:asserted"]);
}

#[test]
fn a_reporting_verb_with_a_default_code_is_an_event_only_in_petrarchs_reading() {
    let s = ["Pakistan attacked India, an Indian official declared on Friday."];
    // By default it only says who reports the attack.
    assert_eq!(code_with(&s, false), ["PAK>IND:190:asserted"]);
    // PETRARCH codes every verb its dictionary gives a code, with or without a target.
    assert_eq!(code_with(&s, true), ["PAK>IND:190:asserted", "INDGOV>-:010:asserted"]);
}

#[test]
fn a_past_form_after_an_actors_possessed_noun_is_its_verb() {
    // "X's (new) militia attacked": the possessor's noun phrase is the subject.
    assert_eq!(code(&["Russia's new militia attacked Ukraine."]), ["RUS>UKR:190:asserted"]);
    // After a plain noun a past form is still a participle ("a militia attacked by").
    assert!(code(&["A militia attacked Ukraine."]).is_empty());
}

#[test]
fn an_abbreviation_in_brackets_renames_the_actor_before_it() {
    assert_eq!(code(&["Pakistan and the United States (USA) accuse India."]), ["PAK>IND:112:asserted", "USA>IND:112:asserted"]);
}

#[test]
fn a_complement_belongs_to_its_governing_verb() {
    assert_eq!(code(&["India called on Pakistan to attack nobody."]), ["IND>PAK:020:asserted"]);
}

#[test]
fn coordinated_verbs_share_the_subject() {
    assert_eq!(code(&["India met Pakistan and accused Russia."]), ["IND>PAK:040:asserted", "IND>RUS:112:asserted"]);
}

#[test]
fn pronouns_take_the_previous_actor() {
    let out = code(&["The Russian president arrived.", "He accused Ukraine."]);
    assert_eq!(out, ["RUSGOV>UKR:112:asserted"]);
}

#[test]
fn relative_clause_subject_is_the_antecedent() {
    assert_eq!(code(&["It was Russia, which accused Ukraine."]), ["RUS>UKR:112:asserted"]);
}

#[test]
fn modes_are_typed() {
    let _ = Mode::Asserted;
}

#[test]
fn a_participle_with_by_is_passive() {
    assert_eq!(code(&["Indian officials attacked by Pakistani troops fled."]), ["PAKMIL>INDGOV:190:asserted"]);
}

#[test]
fn by_telephone_names_a_manner_not_an_agent() {
    assert_eq!(code(&["India met by telephone with Pakistan."]), ["IND>PAK:040:asserted"]);
}

#[test]
fn the_agent_of_a_passive_may_follow_modifiers() {
    assert_eq!(code(&["Ukraine was attacked by a 40-strong Russian army unit."]), ["RUSMIL>UKR:190:asserted"]);
}

#[test]
fn what_the_subject_owns_is_not_its_target() {
    assert_eq!(code(&["Russia will attack with its troops in Ukraine."]), ["RUS>UKR:1384:intended"]);
}

#[test]
fn a_named_object_wins_over_a_bare_agent_before_it() {
    assert_eq!(code(&["Russia imposed sanctions on officials and on India."]), ["RUS>IND:163:asserted"]);
}

#[test]
fn a_denied_clause_did_not_happen() {
    // The denial is the event; what it denies is negated (and so not emitted by the coder).
    assert_eq!(code(&["Russia denied reports that its army attacked Ukraine."]), ["RUS>-:016:asserted", "RUSMIL>UKR:190:negated"]);
}

#[test]
fn a_demand_addresses_the_subject_of_its_that_clause() {
    let lexicon_has_no_demand_verb = code(&["India called on Tuesday that Pakistan meet Russia."]);
    assert_eq!(lexicon_has_no_demand_verb, ["IND>PAK:020:asserted"]);
}

#[test]
fn an_allegation_reported_as_a_noun_is_no_event() {
    assert!(code(&["Indian accusations that Pakistan attacked Russia grew."]).is_empty());
}

#[test]
fn a_pair_that_meets_in_a_country_meets_each_other() {
    assert_eq!(code(&["India and Pakistan met in Russia."]), ["IND>PAK:040:asserted", "PAK>IND:040:asserted"]);
}

#[test]
fn both_sides_can_refer_to_a_pair_named_earlier_in_the_sentence() {
    let out = code(&["Indian and Pakistani troops attacked each other, and the US accused both sides."]);
    assert!(out.contains(&"USA>INDMIL:112:asserted".to_string()), "{out:?}");
    assert!(out.contains(&"USA>PAKMIL:112:asserted".to_string()), "{out:?}");
}

#[test]
fn a_trailing_attribution_is_not_an_object() {
    assert_eq!(code(&["India and Pakistan met, US officials said."]), ["IND>PAK:040:asserted", "PAK>IND:040:asserted"]);
}

#[test]
fn after_its_object_a_country_after_in_says_where() {
    assert_eq!(code(&["Russian troops attacked civilians in Ukraine."]), ["RUSMIL>UKRCVL:190:asserted"]);
}

#[test]
fn the_two_leaders_are_the_last_two_actors_named() {
    let out = code(&["The Indian president met the Pakistani president.", "The two leaders accused Russia."]);
    assert_eq!(out, ["INDGOV>PAKGOV:040:asserted", "INDGOV>RUS:112:asserted", "PAKGOV>RUS:112:asserted"]);
}

#[test]
fn a_participle_after_a_comma_acts_for_the_main_subject() {
    let out = code(&["India called on Pakistan to meet without delay, accusing Pakistan of attacks."]);
    // The general appeal takes its kind from the complement: an appeal to meet.
    assert_eq!(out, ["IND>PAK:026:asserted", "IND>PAK:112:asserted"]);
}

#[test]
fn a_past_form_with_an_object_acts_even_after_a_plain_noun() {
    // "the Russian army group attacked the convoy": the group's verb; "a plan linked to" is no verb.
    assert_eq!(code(&["The Russian army group attacked the Ukrainian troops."]), ["RUSMIL>UKRMIL:190:asserted"]);
    assert!(code(&["A Russian plan attacked by Ukraine."]).iter().all(|e| e.starts_with("UKR>")));
}

#[test]
fn a_participle_after_an_object_describes_it() {
    // "visited Indian officials accused of ...": the officials were accused, they accused no one;
    // with no accuser named, the participle says who they are, and is no event.
    assert_eq!(code(&["Russia visited Indian officials accused of attacks."]), ["RUS>INDGOV:042:asserted"]);
    // With its agent it is one.
    assert_eq!(code(&["Russia visited Indian officials accused by Pakistan of attacks."]), ["RUS>INDGOV:042:asserted", "PAK>INDGOV:112:asserted"]);
}

#[test]
fn an_actor_that_is_an_object_modifies_the_word_after_it() {
    // "attacked Pakistani positions": "positions" would be no verb anyway; "attacked Russia calls" neither.
    assert_eq!(code(&["India attacked Pakistan calls for talks."]), ["IND>PAK:190:asserted"]);
}

#[test]
fn an_event_told_by_a_noun_with_both_sides_named() {
    // The sentence's verb says something else; the noun phrase names who did
    // what to whom.
    assert_eq!(code(&["Talks between India and Pakistan ended without progress."]), ["IND>PAK:046:asserted"]);
    assert_eq!(code(&["The Indian president's visit to Russia drew protests."]), ["INDGOV>RUS:042:asserted"]);
    assert_eq!(code(&["Protests followed a visit to Pakistan by the Indian president."]), ["INDGOV>PAK:042:asserted"]);
    assert_eq!(code(&["Markets fell as Russian attacks on Ukraine continued."]), ["RUS>UKR:190:asserted"]);
    // One side only says too little; a feared or coming happening did not take place.
    assert_eq!(code(&["An attack on Ukrainian troops left two dead."]), Vec::<String>::new());
    assert_eq!(code(&["Markets fell on fears of Russian attacks on Ukraine."]), Vec::<String>::new());
    assert_eq!(code(&["Talks between India and Pakistan next week could fail."]), Vec::<String>::new());
}
