use super::*;
use chrono::NaiveDate;

fn load(kind: Kind, text: &str) -> Result<Lexicon, LexiconError> {
    let mut lex = Lexicon::default();
    lex.add_tabari(kind, "test.txt", text)?;
    Ok(lex)
}

const VERBS: &str = "\
<!-- a validation dictionary -->
&TIETYPES
+MILITARY
+ECONOMIC

&NEGAUX_  # no plurals
+DID N'T
+WILL NOT

--- ABANDON  [345]  ---
ABANDON    # pas
KLM_NOP_+RST [002]
- * NEW_&TIETYPES_RELATIONS [903] # comment
- * DIPLOMATIC TIES [901]
- % * [030:030]
- $ ^ FOR *  [164]
- * FXLL [+++]

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN +BROKEN_DOWN }
- * (TO {FINANCIAL AID})  [073]
~ a (a b ATTACK) SAY = a b 015
";

#[test]
fn synsets_get_plurals_unless_closed() {
    let lex = load(Kind::Verbs, VERBS).unwrap();
    let ties: Vec<String> = lex.synsets["TIETYPES"].phrases.iter().map(|p| p.text()).collect();
    assert_eq!(ties, ["military", "militaries", "economic", "economics"]);
    let neg: Vec<String> = lex.synsets["NEGAUX"].phrases.iter().map(|p| p.text()).collect();
    assert_eq!(neg, ["did n't", "will not"]);
}

#[test]
fn a_synset_included_in_itself_or_a_chain_holds_each_phrase_once() {
    // Found by the fuzz loop: each `+&A` line doubled &A (2^40 phrases here,
    // out of memory), and a chain of synsets each including the last twice did too.
    let mut text = String::from("&A\n+ONE\n+TWO\n");
    text += &"+&A\n".repeat(40);
    for k in 0..40 {
        text += &format!("&S{k}\n+&{}\n+&{}\n+WORD{k}_\n", if k == 0 { "A".to_string() } else { format!("S{}", k - 1) }, "A");
    }
    let lex = load(Kind::Verbs, &text).unwrap();
    let a: Vec<String> = lex.synsets["A"].phrases.iter().map(|p| p.text()).collect();
    assert_eq!(a, ["one", "ones", "two", "twos"]);
    assert_eq!(lex.synsets["S39"].phrases.len(), 4 + 40);
}

#[test]
fn blocks_become_verbs_with_every_pattern() {
    let lex = load(Kind::Verbs, VERBS).unwrap();
    let lemmas: Vec<&str> = lex.verbs.iter().map(|v| v.lemma.as_str()).collect();
    assert_eq!(lemmas, ["abandon", "klm nop rst", "break", "break down"]);
    let abandon = &lex.verbs[0];
    assert!(abandon.forms.contains(&"abandoned".to_string()));
    assert_eq!(abandon.patterns[0].code, "345");
    assert_eq!(abandon.patterns.len(), 5, "the default, four patterns, +++ dropped");
    let p = &abandon.patterns[1];
    use PatternElement::*;
    assert_eq!(
        p.elements,
        [Verb, Gap, Words(vec![vec!["new".into()]]), Adjacent, Synset("TIETYPES".into()), Adjacent, Words(vec![vec!["relations".into()]])]
    );
    let paired = &abandon.patterns[3];
    assert_eq!((paired.code.as_str(), paired.reverse.as_deref()), ("030", Some("030")));
    assert_eq!(paired.elements, [Compound, Gap, Verb]);
    assert_eq!(abandon.patterns[4].elements, [Source, Gap, Skip, Gap, Words(vec![vec!["for".into()]]), Gap, Verb]);
    // Own code, and the words around the marked verb.
    let rst = &lex.verbs[1];
    assert_eq!(rst.patterns[0].code, "002");
    assert_eq!(rst.patterns[0].elements, [Words(vec![vec!["klm".into(), "nop".into()]]), Adjacent, Verb]);
    // Listed forms replace the regular ones.
    let brk = &lex.verbs[2];
    assert_eq!(brk.forms, ["break", "broke", "broken"]);
    assert_eq!(brk.patterns[1].elements, [Verb, Gap, Words(vec![vec!["to".into()]]), Gap, Words(vec![vec!["financial".into()]]), Gap, Words(vec![vec!["aid".into()]])]);
    let down = &lex.verbs[3];
    assert_eq!(down.forms, ["break", "breaks", "broke", "broken"]);
    assert_eq!(down.patterns[0].elements, [Verb, Adjacent, Words(vec![vec!["down".into()]])]);
}

#[test]
fn verb_errors_say_where_and_what() {
    let err = load(Kind::Verbs, "--- X [010] ---\nX\n- * TALKS 010\n").unwrap_err();
    assert_eq!(err.to_string(), "test.txt:3: expected the pattern's code in `[...]` at its end");
    let err = load(Kind::Verbs, "- * TALKS [010]\n").unwrap_err();
    assert!(err.message.contains("must follow a verb block header"), "{err}");
    // As in PETRARCH, a pattern naming an undefined synset is ignored.
    assert_eq!(load(Kind::Verbs, "--- X [010] ---\nX\n- * &NOPE [010]\n").unwrap().verbs[0].patterns.len(), 1);
    let err = load(Kind::Verbs, "&S\nWORD\n").unwrap_err();
    assert!(err.message.contains("expected a synset member `+PHRASE` of &S"), "{err}");
    let err = load(Kind::Verbs, "--- X [010] ---\nX\n- TALKS [010]\n").unwrap_err();
    assert!(err.message.contains("exactly one `*`"), "{err}");
}

const ACTORS: &str = "\
<!--
# a block comment
# -->
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH
+ANORIEN

GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
#\t[950601-990815]  commented out
\t[HOBREB > 990816]

PRINCE OF DOL AMROTH
\t[--- <950630]
\t[DOL]
JAMES_BYRNES_  ; CountryInfo.txt
\t[USAELI 18970101-450703]
";

#[test]
fn actors_with_and_without_dates() {
    let lex = load(Kind::Actors, ACTORS).unwrap();
    let countries: Vec<(&str, Vec<String>)> = lex.countries.iter().map(|c| (c.iso3.as_str(), c.names.iter().map(|n| n.text()).collect())).collect();
    assert_eq!(countries[0], ("ARN", vec!["arnor".to_string()]));
    assert_eq!(countries[1], ("GON", vec!["gondor".to_string(), "minas tirith".into(), "anorien".into()]));
    let gollum = &lex.actors[0];
    assert_eq!(gollum.names.len(), 2);
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    assert_eq!(gollum.code_on(day("19950101")), Some("HOB"));
    assert_eq!(gollum.code_on(day("19951101")), Some("HOBGOV"));
    assert_eq!(gollum.code_on(day("20010101")), Some("HOBREB"));
    let prince = &lex.actors[1];
    assert_eq!(prince.code_on(day("19950101")), Some("---"));
    assert_eq!(prince.code_on(day("19990809")), Some("DOL"));
    assert_eq!(lex.actors[2].roles[0].to, day("19450703"));
}

#[test]
fn actor_errors_say_where_and_what() {
    let lex = load(Kind::Actors, "GOLLUM\n\t[HOB 9506x1-990815]\n").unwrap();
    let warning = &lex.warnings[0];
    assert_eq!((warning.line, warning.message.as_str()), (2, "\"9506x1\" is not a date YYYYMMDD or YYMMDD; this date restriction is skipped"));
    let err = load(Kind::Actors, "\t[HOB]\n").unwrap_err();
    assert!(err.message.contains("must follow an actor phrase"), "{err}");
    let err = load(Kind::Actors, "GONDOR [GON\n").unwrap_err();
    assert!(err.message.contains("without a closing"), "{err}");
}

#[test]
fn agents_plurals_markers_and_prefixes() {
    let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [ ~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nCONGRESS [~LEG]\nMSF {}  [NGO~]\n";
    let lex = load(Kind::Agents, text).unwrap();
    let leg: Vec<String> = lex.agents[0].words.iter().map(|w| w.text()).collect();
    assert_eq!(leg, ["congressman", "congressmen", "congress", "congresses"]);
    assert_eq!(lex.agents[1].words.len(), 1);
    let gov: Vec<String> = lex.agents[2].words.iter().map(|w| w.text()).collect();
    assert_eq!(gov, ["attorney general", "attorneys general"]);
    assert!(lex.agents[3].prefix && lex.agents[3].code == "NGO");
    let err = load(Kind::Agents, "POLICE [COP]\n").unwrap_err();
    assert!(err.message.contains("`~CODE`"), "{err}");
}

#[test]
fn discards_by_sentence_and_story() {
    let lex = load(Kind::Discards, "BASEBALL\n+World Golf Championships # story\n").unwrap();
    assert_eq!(lex.discards[0].text(), "baseball");
    assert_eq!(lex.story_discards[0].text(), "world golf championships");
}

#[test]
fn dictionary_codes_not_in_cameo_are_derived() {
    let mut lex = Lexicon::builtin_base().unwrap();
    lex.add_tabari(Kind::Verbs, "v.txt", "--- X [174K] ---\nX\n- * TALKS [903]\n").unwrap();
    lex.derive_missing_codes();
    lex.check().unwrap();
    assert_eq!(lex.codes["174K"].goldstein, lex.codes["174"].goldstein);
    assert_eq!(lex.codes["903"].goldstein, 0.0);
}

#[test]
fn kinds_from_file_names() {
    assert_eq!(Kind::of_file("CAMEO.2.0.txt"), Some(Kind::Verbs));
    assert_eq!(Kind::of_file("PETR.Validate.verbs.txt"), Some(Kind::Verbs));
    assert_eq!(Kind::of_file("Phoenix.Countries.actors.txt"), Some(Kind::Actors));
    assert_eq!(Kind::of_file("Phoenix.agents.txt"), Some(Kind::Agents));
    assert_eq!(Kind::of_file("Phoenix.discards.txt"), Some(Kind::Discards));
    assert_eq!(Kind::of_file("Phoenix.IssueCoding.txt"), None);
}

#[test]
fn export_reads_back_to_the_same_entries() {
    let lex = Lexicon::builtin().unwrap();
    let mut back = Lexicon::default();
    back.add_tabari(Kind::Verbs, "verbs", &export_verbs(&lex)).unwrap();
    back.add_tabari(Kind::Actors, "actors", &export_actors(&lex)).unwrap();
    back.add_tabari(Kind::Agents, "agents", &export_agents(&lex)).unwrap();
    back.add_tabari(Kind::Discards, "discards", &export_discards(&lex)).unwrap();
    assert_eq!(back.verbs.len(), lex.verbs.len());
    for (a, b) in lex.verbs.iter().zip(&back.verbs) {
        assert_eq!(a.lemma, b.lemma);
        let mut fa = a.forms.clone();
        let mut fb = b.forms.clone();
        fa.sort();
        fb.sort();
        assert_eq!(fa, fb, "{}", a.lemma);
        assert!(b.patterns.len() >= a.patterns.len(), "{}", a.lemma);
    }
    assert_eq!(back.synsets.len(), lex.synsets.len());
    let words = |l: &Lexicon| l.agents.iter().map(|a| a.words.len()).sum::<usize>();
    assert_eq!(words(&back), words(&lex));
    let names = |l: &Lexicon| {
        l.countries.iter().map(|c| c.names.len() + c.adjectives.len() + c.capitals.len()).sum::<usize>()
            + l.actors.iter().map(|a| a.names.len()).sum::<usize>()
    };
    assert_eq!(names(&back), names(&lex));
}
