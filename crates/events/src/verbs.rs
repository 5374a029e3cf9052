//! Event verbs: finding them, and choosing their code from the patterns.

use crate::cues::{Cues, Mode};
use crate::roles::{self, Form};
use crate::nouns;
use crate::sentence::Sentence;
use crate::speech::{self, statement_code, Statement};
use crate::syntax;
use crate::{Antecedent, Embedded, Participant, SentenceEvent, GAP, SKIP};
use parley_actors::{conjoined, Mention, MentionKind, Role};
use parley_lexicon::{CueKind, CueMatch, Lexicon, Pattern, PatternElement, NULL_CODE};
use parley_text::{PhraseTrie, Token};
use rustc_hash::{FxHashMap, FxHashSet};

/// Codes the events of sentences; built once from a lexicon.
pub struct EventMatcher {
    /// Every verb form: what form it is, and the verbs it inflects. Looked up
    /// once per token, so it uses a fast non-cryptographic hash.
    forms: FxHashMap<Box<str>, VerbForm>,
    /// For each verb and pattern, the words the pattern cannot match without:
    /// per literal element, the first words of its alternatives. A pattern
    /// whose words the sentence lacks is not tried at all.
    required: Vec<Vec<Vec<Vec<String>>>>,
    verbs: Vec<parley_lexicon::Verb>,
    synsets: FxHashMap<String, PhraseTrie<()>>,
    cues: Cues,
    reciprocal: FxHashSet<String>,
    /// Phrases that drop their sentence (TABARI's discards).
    discards: PhraseTrie<()>,
    /// Phrases that drop their whole story (TABARI's `+` discards), and so
    /// their sentence too.
    story_discards: PhraseTrie<()>,
    /// See [`EventMatcher::with_reports_as_events`].
    reports_are_events: bool,
    /// Whether statements are coded as statements (CAMEO's convention, on by
    /// default) or as the action inside them (PETRARCH's validation records).
    statements: bool,
}

/// A verb form of the lexicon.
struct VerbForm {
    form: Form,
    /// The verbs (indices) it is a form of.
    verbs: Vec<usize>,
}

/// A pattern matched around a verb.
struct Matched<'p> {
    pattern: &'p Pattern,
    skipped: usize,
    source: Option<usize>,
    target: Option<usize>,
    /// Last token the pattern used, to the right of the verb.
    end: usize,
    /// The tokens its words and synsets matched right of the verb (not its gaps).
    words: Vec<std::ops::Range<usize>>,
    /// A compound actor (`%`) the pattern matched, and whether it stands
    /// before the verb.
    compound: Option<(usize, bool)>,
}

impl Matched<'_> {
    /// Notes the actor a role element (`+`, `$`, `%`) matched; a compound
    /// before the verb is its subject.
    fn assign(&mut self, e: &PatternElement, mention: Option<usize>, before_verb: bool) {
        match e {
            PatternElement::Target => self.target = mention,
            PatternElement::Source => self.source = mention,
            PatternElement::Compound => self.compound = mention.map(|m| (m, before_verb)),
            _ => {}
        }
    }
}

/// How far the next element may stand after a marker (`..` a gap, `_`
/// adjacency); `None` for elements that match tokens themselves.
fn marker_allowance(e: &PatternElement) -> Option<usize> {
    match e {
        PatternElement::Gap => Some(GAP),
        PatternElement::Adjacent => Some(0),
        _ => None,
    }
}

impl EventMatcher {
    pub fn new(lexicon: &Lexicon) -> EventMatcher {
        let mut forms: FxHashMap<Box<str>, VerbForm> = FxHashMap::default();
        for (i, v) in lexicon.verbs.iter().enumerate() {
            let regular = parley_lexicon::inflections(&v.lemma);
            for f in &v.forms {
                // A lexicon may list a past form as its verb (TABARI's "MET", "SAID").
                let kind = if *f == regular[0] && !looks_past(f) {
                    Form::Base
                } else if *f == regular[1] {
                    Form::Third
                } else if f.ends_with("ing") {
                    Form::Gerund
                } else {
                    Form::Past
                };
                // The first verb to list a form decides what form it is.
                let entry = forms.entry(f.as_str().into()).or_insert(VerbForm { form: kind, verbs: Vec::new() });
                if !entry.verbs.contains(&i) {
                    entry.verbs.push(i);
                }
            }
        }
        let synsets = lexicon
            .synsets
            .iter()
            .map(|(name, s)| {
                let mut trie = PhraseTrie::new();
                for p in &s.phrases {
                    trie.insert(&p.norms, ());
                }
                (name.clone(), trie)
            })
            .collect();
        let reciprocal = lexicon
            .cues
            .iter()
            .filter(|c| c.kind == CueKind::Reciprocal)
            .flat_map(|c| c.phrases.iter().map(|p| p.text()))
            .collect();
        let mut discards = PhraseTrie::new();
        for d in &lexicon.discards {
            discards.insert(&d.norms, ());
        }
        let mut story_discards = PhraseTrie::new();
        for d in &lexicon.story_discards {
            story_discards.insert(&d.norms, ());
        }
        let required = lexicon
            .verbs
            .iter()
            .map(|v| {
                v.patterns
                    .iter()
                    .map(|p| {
                        p.elements
                            .iter()
                            .filter_map(|e| match e {
                                PatternElement::Words(alts) => Some(alts.iter().filter_map(|a| a.first().cloned()).collect()),
                                _ => None,
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        EventMatcher {
            forms,
            required,
            verbs: lexicon.verbs.clone(),
            synsets,
            cues: Cues::new(lexicon),
            reciprocal,
            discards,
            story_discards,
            reports_are_events: false,
            statements: true,
        }
    }

    /// PETRARCH's reading of its dictionaries: every verb with a default code
    /// codes an event, reporting verbs too ("a senior official said on
    /// Saturday" is `SAID [023]` with no target). By default a reporting verb
    /// that only introduces what was said gives attribution, not an event.
    pub fn with_reports_as_events(mut self, on: bool) -> EventMatcher {
        self.reports_are_events = on;
        self
    }

    /// Codes an intent, demand, appeal or threat as the action inside it
    /// ("will attack": 190 intended) instead of the statement (1384), as
    /// PETRARCH's validation records expect.
    pub fn with_statements_as_actions(mut self, on: bool) -> EventMatcher {
        self.statements = !on;
        self
    }

    /// Whether [`EventMatcher::code`] can find an event in `tokens`: every
    /// event has a verb form of the lexicon (a noun of fighting, a mediation
    /// told by its participle, too), so a sentence with none codes nothing,
    /// and its cue phrases and clauses need not be read (a quarter of news
    /// sentences: headlines, datelines, captions, figures).
    pub fn may_code(&self, tokens: &[Token]) -> bool {
        tokens.iter().any(|t| self.forms.contains_key(t.norm.as_str()))
    }

    /// The cue phrases of a sentence, found once for [`EventMatcher::code`]
    /// and for enrichment alike.
    pub fn cues(&self, tokens: &[Token]) -> Vec<CueMatch> {
        self.cues.find(tokens)
    }

    /// Whether `tokens` (a whole document's) hold a story-level discard
    /// (TABARI's `+TYPHOON`), which drops the document.
    pub fn discards_story(&self, tokens: &[Token]) -> bool {
        Self::holds(&self.story_discards, tokens)
    }

    fn holds(phrases: &PhraseTrie<()>, tokens: &[Token]) -> bool {
        !phrases.is_empty() && (0..tokens.len()).any(|i| phrases.all_at(tokens, i).next().is_some())
    }

    /// The events of one sentence. `mentions` are the sentence's resolved
    /// actor mentions in text order (locative ones included; they are skipped).
    pub fn code_sentence(&self, text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<SentenceEvent> {
        self.code(&Sentence::new(text, tokens, mentions, &conjoined(tokens, mentions), &self.cues(tokens)))
    }

    /// The events of a sentence read once by the coder (see [`Sentence::new`]).
    pub fn code(&self, sentence: &Sentence) -> Vec<SentenceEvent> {
        let (tokens, mentions) = (sentence.tokens, sentence.mentions);
        let Sentence { owner, cues, clause, groups, .. } = sentence;
        // A discarded phrase drops its sentence; a story-level one its story, so its sentence too.
        if Self::holds(&self.discards, tokens) || Self::holds(&self.story_discards, tokens) {
            return Vec::new();
        }
        let mut events: Vec<SentenceEvent> = Vec::new();
        // Verbs already coded, for complements and coordination.
        let mut coded: Vec<roles::Coded> = Vec::new();
        // Coded verbs with their codes, for the "that" clauses they govern.
        let mut governors: Vec<(usize, String)> = Vec::new();
        // Tokens up to here belong to a coded verb's pattern ("imposed targeted sanctions").
        let mut pattern_end = 0;
        let found: Vec<Option<&VerbForm>> = tokens.iter().map(|t| self.forms.get(t.norm.as_str())).collect();
        // The sentence's words, to skip patterns that need a word it lacks.
        let present: FxHashSet<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        let mut verbish: Vec<bool> = Vec::with_capacity(tokens.len());
        for i in 0..tokens.len() {
            let verb = owner[i].is_none()
                && found[i].is_some_and(|f| {
                    roles::reads_as_verb(sentence, i, f.form, &verbish)
                        || self.multiword_at(tokens, i, &f.verbs)
                        || (f.form != Form::Gerund && self.act_named_before(tokens, i, &f.verbs))
                        || (described_by_its_agent(tokens, owner, cues, i, f.form) && self.mediates(&f.verbs))
                })
                // Right after a verb, a verb form modifies its object ("imposed targeted
                // sanctions", "Celebrates Mass").
                // An auxiliary that is also a lexicon verb ("have", "will") still lets the
                // verb after it be one ("have delayed").
                && !(i > 0 && verbish[i - 1] && !cues.is(i - 1, CueKind::Auxiliary));
            verbish.push(verb);
        }
        // The parse, made the first time a question needs it: parsing costs ten
        // times the rest of coding, and most sentences never ask.
        let parsed = std::cell::OnceCell::new();
        let grammar = || syntax::Grammar::new(parsed.get_or_init(|| syntax::parse(sentence.text, tokens)), tokens, owner);
        for i in 0..tokens.len() {
            if owner[i].is_some() || i < pattern_end {
                continue;
            }
            if !verbish[i] {
                continue;
            }
            let VerbForm { form, verbs: candidates } = found[i].expect("verbish tokens are verb forms");
            let form = *form;
            let reduced_relative = roles::is_reduced_relative(tokens, i, form, &verbish, owner, cues, clause);
            let passive = roles::is_passive(tokens, i, form) || reduced_relative;
            let Some((verb, matched)) = self.best_pattern(sentence, i, candidates, passive, &present) else { continue };
            let pattern = matched.pattern;
            // "Saddam's aides will go on trial", "ordered to stand trial": one who goes
            // on or stands trial undergoes the legal action (17), as the subject of a
            // passive does; who brings it is the authorities, unless the report says.
            let passive = passive || (pattern.code.starts_with("17") && UNDERGOING.contains(&self.verbs[verb].lemma.as_str()));
            if pattern.code == NULL_CODE && pattern.reverse.is_none() {
                // A null-coded pattern matched: the verb codes nothing here.
                continue;
            }
            let is_default = matched.pattern.elements.len() == 1;
            if is_default && !self.reports_are_events && cues.is(i, CueKind::Reporting) && roles::introduces_report(tokens, i, owner) {
                continue;
            }
            // A complement ("urged X to negotiate") belongs to the verb that governs it.
            // Adverbs may split the infinitive ("pledged to temporarily suspend").
            let after_to = tokens[..i].iter().rev().find(|t| !roles::is_adverb(t)).is_some_and(|t| t.norm == "to");
            if after_to && coded.iter().any(|c| clause.same(c.verb, i)) {
                // "urged Israel (020) to halt the strikes (0874)": a general appeal,
                // intent, demand or threat takes its kind from the complement (0256).
                if let Some(governor) = coded.iter().rev().find(|c| clause.same(c.verb, i)).filter(|_| self.statements) {
                    specify_statement(&mut events, governor.verb, pattern);
                }
                continue;
            }
            // "would respond positively if militants ceased attacks": what an "if" or
            // "unless" clause after the act it conditions names a condition, not an
            // event; what a "whether" clause names is a question ("to debate whether he
            // should step down").
            if in_condition_or_question(tokens, i, clause) {
                continue;
            }
            // "in an attempt to quell", "his plan to withdraw", "Turkey's bid to start":
            // what a noun of purpose aims at has not happened, and is no one's statement.
            if aim_of_a_noun(tokens, i, cues, owner) {
                continue;
            }
            // "ventured into Peru's jungle to investigate", "rumbled into Gaza 16 days
            // ago to stop rocket attacks": an infinitive after a place tells why the
            // motion was made, not a second event.
            if purpose_after_a_place(tokens, i, cues) {
                continue;
            }
            // "Web sites maintained by states to help citizens import medicines",
            // "classes to help employees relax": what a help is given for has not
            // happened, and the helper's act is the help.
            if aim_of_a_help(tokens, i, clause) {
                continue;
            }
            let lemma = self.verbs[verb].lemma.clone();
            let found = roles::find_roles(sentence, i, &matched.words, &verbish, passive, &coded);
            // The nearest actor to the left may stand in a relative clause or an
            // apposition of the subject ("Brazil, which borders both countries,
            // offered"; "an official who worked with the Iraqi ministers was
            // murdered"): the parse's subject is then the subject, the source of an
            // active verb and the target of a passive one.
            let subject_side = if passive { found.target } else { found.source };
            let aside_between = |p: Participant| {
                let m = &mentions[p.mention];
                (m.tokens.end..i).any(|k| tokens[k].norm == ",") || after_a_relative_pronoun(tokens, owner, m.tokens.start)
            };
            let subject_side = match subject_side {
                Some(p) if aside_between(p) => {
                    let g = grammar();
                    if g.outside_verb_phrase(mentions[p.mention].tokens.start, i) {
                        g.subject(i).map(Participant::of).or(Some(p))
                    } else {
                        Some(p)
                    }
                }
                s => s,
            };
            let (found_source, found_target) = if passive { (found.source, subject_side) } else { (subject_side, found.target) };
            // "they had dissolved the government and suspended the constitution":
            // the nearest actor before a verb after "and" may be the object of
            // the verb before it; the parse's subject of the pair is then the source.
            let object_of_previous_verb = |p: Participant| {
                let start = mentions[p.mention].tokens.start;
                after_coordinator(tokens, i) && verbish[..start].iter().rposition(|&v| v).is_some_and(|v| clause.same(v, i))
            };
            let found_source = match found_source {
                // A subject that names no actor ("A man broke into a school dormitory
                // and stabbed ...") leaves the verb with none, not the first verb's object.
                Some(p) if !passive && object_of_previous_verb(p) => match grammar().conjunct_subject_read(i) {
                    Some(subject) => subject.map(Participant::of),
                    None => Some(p),
                },
                // "said they had beheaded a hostage in as many days and threatened to
                // kill ...": where the shallow reading finds no subject for a verb the
                // parse coordinates with an earlier one, it shares that one's subject.
                // Only after "and" or "but": asking the parse of every verb with no
                // subject found tripled the parse's cost on news.
                None if !passive && after_coordinator(tokens, i) => grammar().conjunct_agent(i).map(Participant::of),
                s => s,
            };
            let mut source = matched.source.map(Participant::of).or(found_source);
            let mut target = matched.target.map(Participant::of).or(found_target);
            // "in a swap brokered by the UAE": a participle with its agent after a
            // plain noun acts on that noun, not on an actor before it; whom the act
            // concerns is for the document to tell (a mediation: the two sides).
            if passive && matched.target.is_none() && described_by_its_agent(tokens, owner, cues, i, form) {
                target = None;
            }
            // "captured the port after two days of fighting with government troops":
            // violence with no one named it is done to is done to the other side of
            // the fighting its sentence tells, after the verb.
            if !passive && target.is_none() && harms_bodily(&pattern.code) {
                target = roles::other_side(tokens, i, owner, clause, |_| true);
            }
            // "flew to Khartoum", "arrived in Seoul from China", "heads to Baghdad for
            // talks": a visit is aimed at the country of the place it goes to, not at
            // where it comes from; a place of the visitor's own country is a trip home.
            // So is attending a meeting held somewhere else ("will attend a conference
            // in London"): its host is whom the attendance, or its refusal, concerns.
            let mut visited = None;
            let attends = lemma == "attend" && pattern.code.starts_with("04") && target.is_none();
            if !passive && (attends || pattern.code.starts_with("042") && target.is_none_or(|t| roles::after_word(tokens, &mentions[t.mention], "from"))) {
                if let Some(place) = roles::destination(tokens, i, mentions, clause) {
                    let home = source.and_then(|s| mentions[s.mention].country.as_deref());
                    if home != mentions[place.mention].country.as_deref() {
                        target = Some(place);
                        visited = mentions[place.mention].country.clone();
                    }
                }
            }
            // `%`: a compound before the verb acts on itself unless the pattern names
            // a target; after the verb it is the target.
            let mut compound_reciprocal = false;
            match matched.compound {
                Some((m, true)) => {
                    source = Some(Participant::of(m));
                    if matched.target.is_none() {
                        target = None;
                        compound_reciprocal = true;
                    }
                }
                Some((m, false)) => target = Some(Participant::of(m)),
                None => {}
            }
            pattern_end = matched.end;
            // A pattern that names the act before its verb ("bombs exploded", "a suicide
            // bombing killed") tells of violence whoever did it.
            let names_the_act = pattern
                .elements
                .iter()
                .take_while(|e| !matches!(e, PatternElement::Verb))
                .any(|e| matches!(e, PatternElement::Words(_) | PatternElement::Synset(_)));
            // "Fighting between two militias has forced 12,000 people to flee": the
            // noun before "between" is the subject; the actors inside are no one's
            // agents of this verb, unless its pattern names that noun ("clashes
            // between X and Y erupted").
            if !passive && !names_the_act && source.is_some_and(|p| inside_between(tokens, owner, mentions[p.mention].tokens.start)) {
                continue;
            }
            if source.is_none() && !passive && !names_the_act {
                // An active verb with no actor as its subject ("the conflict displaced",
                // "the request, delivered ...") reports no one's act.
                continue;
            }
            // "sanctions on the Crimson Hand, a militia accused of killing villagers",
            // "a dispute over exiles imprisoned in Panama": a participle after the
            // object of another verb, with no agent, says who that object is, not
            // what happened.
            if reduced_relative && source.is_none() {
                continue;
            }
            // "Sixty men accused of plotting a coup deny ...": an accusation told as a
            // participle on a noun says who the noun is (its accuser would follow the
            // verb: "accused by Kenya of"; an agent further on is another verb's:
            // "suspected of aiding X by supplying him"); it is kept as the noun's
            // verb, so that the next verb's subject is the noun, not an actor inside
            // the charge ("charged with abusing Iraqi prisoners").
            if pattern.code.starts_with("11") && roles::is_accused_participle(tokens, i) {
                coded.push(roles::Coded { verb: i, source: None, subject: target });
                continue;
            }
            // "Eight people have been killed in an explosion", "two protesters were
            // killed when ...": people of private life harmed in the passive with no
            // one named who did it is a toll (kept as a count), not an act between
            // actors.
            let private = |t: Participant| mentions[t.mention].role.is_some_and(|r| PRIVATE_LIFE.contains(&r));
            if source.is_none() && passive && harms_bodily(&pattern.code) && target.is_some_and(private) {
                continue;
            }
            let (mut mode, tense) = roles::mode_and_tense(tokens, i, form, cues, clause);
            match roles::governed(tokens, i, cues, clause, &governors) {
                // "demanded that Russia withdraw": the demand is the event.
                Some(roles::Governor::Demand) | Some(roles::Governor::Allegation) => continue,
                // "denied reports that it was supplying shells": what is denied did not happen.
                Some(roles::Governor::Denial) => mode = Mode::Negated,
                None => {}
            }
            let background = roles::is_background(tokens, i, cues, clause, tense);
            let mut lexicon = vec![
                format!("{} @{}", self.verbs[verb].origin, lemma),
                format!("{} {} {}", matched.pattern.origin, matched.pattern.code, matched.pattern.text),
            ];
            if let Some(country) = visited {
                lexicon.push(format!("convention: a visit is aimed at the country of the place it goes to ({country})"));
            }
            // CAMEO codes the statement, not the action inside it.
            let mut code = pattern.code.clone();
            let mut embedded = None;
            let action_mode = mode;
            if let Some(statement) = speech::frame(tokens, i, mode, cues, clause).filter(|_| self.statements) {
                let sayer = speech::sayer(tokens, i, cues, clause, owner)
                    .or_else(|| speech::second_reporting_verb(i, cues, clause).and_then(|v| grammar().subject(v)))
                    .map(Participant::of);
                // A demand needs someone who makes it: "X must" alone is the reporter's.
                let speaker = match statement {
                    Statement::Demand => sayer,
                    _ => source.or(sayer),
                };
                if let (Some(speaker), Some(statement_code)) = (speaker, statement_code(statement, &code)) {
                    if statement == Statement::Demand {
                        // "The EU said the junta must free ...": from the EU to the junta.
                        target = source.or(target);
                        source = Some(speaker);
                        mode = Mode::Asserted;
                    } else {
                        source = Some(speaker);
                    }
                    lexicon.push(format!("convention: the statement is the event ({statement:?} {statement_code} for {code})"));
                    // "warned (130) it would halt exports (1312)": the specific threat
                    // replaces the warning verb's general one.
                    if statement == Statement::Threat {
                        let opener = clause.start(i);
                        events.retain(|e| !(e.verb.start == opener && e.code.starts_with("13")));
                    }
                    embedded = Some(Embedded { code: std::mem::replace(&mut code, statement_code), mode: action_mode });
                }
            }
            // "Israel will not attend the conference": a cooperation the speaker says
            // it will not take is a refusal, which CAMEO codes (12x); a denied fact
            // ("did not attend") stays no event.
            if mode == Mode::Negated && embedded.is_none() && speech::refused(tokens, i, clause) {
                if let Some(refusal) = speech::refusal_code(&code) {
                    lexicon.push(format!("convention: a cooperation refused for the future is a rejection ({refusal} for {code})"));
                    embedded = Some(Embedded { code: std::mem::replace(&mut code, refusal), mode: action_mode });
                    mode = Mode::Asserted;
                }
            }
            // A participle right after its noun ("troops backed by artillery") has that
            // noun, its target, as the subject the next verb shares ("... attacked").
            // Not in a headline, where "Bishop Indicted on Child Rape Charges" has
            // capitals for verbs and nouns alike.
            let participle = passive && i > 0 && owner[i - 1].is_some() && !tokens[i].capitalized;
            coded.push(roles::Coded { verb: i, source, subject: if participle { target } else { source } });
            governors.push((i, code.clone()));
            // What a reaction with no target answers ("rejected the allegation"):
            // the parse is asked only when such a noun stands near the verb.
            let near = tokens[i.saturating_sub(6)..(i + 8).min(tokens.len())].iter().any(|t| Antecedent::of(&t.norm).is_some());
            let object_noun = if target.is_none() && near {
                grammar().object_words(i).into_iter().map(|o| tokens[o].norm.to_string()).find(|noun| Antecedent::of(noun).is_some())
            } else {
                None
            };
            // "opened its own investigation into the massacre": an investigation is
            // of whoever did what it looks into.
            let object_noun = object_noun.or_else(|| {
                (code.starts_with("09") && target.is_none())
                    .then(|| looked_into(tokens, i))
                    .flatten()
            });
            let base = SentenceEvent {
                verb: i..i + 1,
                lemma: lemma.clone(),
                code: code.clone(),
                source: None,
                target: None,
                mode,
                tense,
                background,
                passive,
                lexicon,
                embedded,
                object_noun,
            };
            // Reciprocal by lemma ("met") or by code ("held talks": 046).
            let reciprocal = compound_reciprocal || self.reciprocal.contains(&lemma) || self.reciprocal.contains(&pattern.code);
            let check = TargetCheck { tokens, mentions, owner, clause, verb: i, code: &code };
            for (s, t) in roles::expand(tokens, mentions, groups, source, target, reciprocal) {
                if s.is_none() && t.is_none() {
                    continue;
                }
                let Some(t) = check.target(s, t) else { continue };
                let t = t.or_else(|| check.target_of_the_verb_before(&events, s));
                // Each member of "they" the speakers' side may leave the same pair behind.
                let repeated = events.iter().any(|e| e.verb.start == i && e.source == s && e.target == t);
                if repeated || (s.is_none() && t.is_none()) {
                    continue;
                }
                if pattern.code != NULL_CODE {
                    events.push(SentenceEvent { source: s, target: t, ..base.clone() });
                }
                // A paired code (TABARI's `[032:033]`): the target's act back on the source.
                if let (Some(reverse), Some(_), Some(_)) = (&pattern.reverse, s, t) {
                    events.push(SentenceEvent { source: t, target: s, code: reverse.clone(), ..base.clone() });
                }
            }
        }
        // "fled their homes after clashes in eastern Congo", "intervened amid fighting
        // between warlords": news tells fighting with a noun too, when no verb of the
        // sentence tells it.
        // The nouns are verb forms too, so only tokens already found as one are compared.
        let fighting = (0..tokens.len()).any(|k| found[k].is_some() && nouns::FIGHTING_NOUNS.contains(&tokens[k].norm.as_str()));
        if fighting && !events.iter().any(|e| e.code.starts_with("19")) {
            events.extend(nouns::fighting_noun(sentence));
        }
        let told_by_nouns = nouns::noun_events(sentence, &events);
        events.extend(told_by_nouns);
        events
    }

    /// Whether one of the verbs is mediation or hosting by default (04: "broker",
    /// "mediate", "host").
    fn mediates(&self, verbs: &[usize]) -> bool {
        verbs.iter().any(|&v| self.verbs[v].patterns.iter().any(|p| p.elements.len() == 1 && p.code.starts_with("04")))
    }

    /// Whether the token at `i` completes a multi-word verb whose first words
    /// stand right before it ("wire tapped", TABARI's `WIRE_+TAP`): every
    /// pattern of such a verb opens with those words joined to the verb.
    fn multiword_at(&self, tokens: &[Token], i: usize, candidates: &[usize]) -> bool {
        candidates.iter().any(|&v| {
            let patterns = &self.verbs[v].patterns;
            !patterns.is_empty()
                && patterns.iter().all(|p| {
                    let at = p.elements.iter().position(|e| *e == PatternElement::Verb).unwrap_or(0);
                    match p.elements.get(at.wrapping_sub(2)..at) {
                        Some([PatternElement::Words(alts), PatternElement::Adjacent]) => alts.iter().any(|a| {
                            a.len() <= i && tokens[i - a.len()..i].iter().zip(a).all(|(t, w)| t.norm == *w)
                        }),
                        _ => false,
                    }
                })
        })
    }

    /// Whether a pattern of the verb names its act right before it ("bombs
    /// exploded near a convoy", "clashes erupted in", "a car bomb kills 20",
    /// "Blast Hits Embassy"): the noun of violence is the subject, so the form
    /// after it acts, though after other plain nouns a past form is a participle
    /// ("a plot linked to") and a present one part of the noun.
    fn act_named_before(&self, tokens: &[Token], i: usize, candidates: &[usize]) -> bool {
        candidates.iter().any(|&v| {
            self.verbs[v].patterns.iter().any(|p| {
                let at = p.elements.iter().position(|e| *e == PatternElement::Verb).unwrap_or(0);
                let before = p.elements[..at].iter().rev().find(|e| !matches!(e, PatternElement::Gap | PatternElement::Adjacent));
                let Some(PatternElement::Synset(name)) = before else { return false };
                let Some(trie) = self.synsets.get(name) else { return false };
                (i.saturating_sub(4)..i).any(|start| trie.all_at(tokens, start).any(|(len, _)| start + len == i))
            })
        })
    }

    /// The verb (of those sharing this form) and pattern that match best.
    fn best_pattern<'a>(&'a self, sentence: &Sentence, at: usize, candidates: &[usize], passive: bool, present: &FxHashSet<&str>) -> Option<(usize, Matched<'a>)> {
        let mut best: Option<(usize, Matched<'a>)> = None;
        for &v in candidates {
            for (k, pattern) in self.verbs[v].patterns.iter().enumerate() {
                let possible = self.required[v][k].iter().all(|alts| alts.iter().any(|w| present.contains(w.as_str())));
                if !possible {
                    continue;
                }
                let Some(m) = self.match_pattern(pattern, sentence, at, passive) else { continue };
                let better = match &best {
                    None => true,
                    Some((_, b)) => {
                        (pattern.specificity(), std::cmp::Reverse(m.skipped)) > (b.pattern.specificity(), std::cmp::Reverse(b.skipped))
                    }
                };
                if better {
                    best = Some((v, m));
                }
            }
        }
        best
    }

    fn match_pattern<'p>(&self, pattern: &'p Pattern, sentence: &Sentence, at: usize, passive: bool) -> Option<Matched<'p>> {
        let owner = &sentence.owner;
        let verb_pos = pattern.elements.iter().position(|e| *e == PatternElement::Verb)?;
        let mut state = Matched { pattern, skipped: 0, source: None, target: None, end: at, words: Vec::new(), compound: None };
        // Right of the verb, forwards.
        let mut pos = at + 1;
        let mut allowance = SKIP;
        for e in &pattern.elements[verb_pos + 1..] {
            if let Some(next) = marker_allowance(e) {
                allowance = next;
                continue;
            }
            let (start, end) = self.find_forward(e, sentence, pos, allowance, at)?;
            state.skipped += start - pos;
            if matches!(e, PatternElement::Words(_) | PatternElement::Synset(_)) {
                state.words.push(start..end);
            }
            state.assign(e, owner[start], false);
            pos = end;
            state.end = end;
            allowance = SKIP;
        }
        // Left of the verb, backwards.
        let mut pos = at; // exclusive end
        allowance = SKIP;
        for e in pattern.elements[..verb_pos].iter().rev() {
            if let Some(next) = marker_allowance(e) {
                allowance = next;
                continue;
            }
            let (start, end) = self.find_backward(e, sentence, pos, allowance, at)?;
            state.skipped += pos - end;
            state.assign(e, owner[start], true);
            pos = start;
            allowance = SKIP;
        }
        // In a pattern, + and $ are the active roles; the passive swaps them, unless
        // the pattern names both (TABARI's "+ WAS_ * FROM $" says who is who).
        if passive && !(state.source.is_some() && state.target.is_some()) {
            std::mem::swap(&mut state.source, &mut state.target);
        }
        Some(state)
    }

    /// Where element `e` matches at or after `from` (within `allowance` skipped
    /// tokens, inside the verb's clause): its token range.
    fn find_forward(&self, e: &PatternElement, sentence: &Sentence, from: usize, allowance: usize, verb: usize) -> Option<(usize, usize)> {
        let Sentence { tokens, clause, .. } = sentence;
        for start in from..(from + allowance + 1).min(tokens.len()) {
            if start > from && clause.hard_break(start - 1) {
                return None;
            }
            if let Some(end) = self.element_at(e, sentence, start) {
                // Words may run on into a complement clause; an actor may too once the
                // pattern has walked into a "that" clause ("warned that it would act against +").
                let into_that = (verb + 1..start).any(|k| tokens[k].norm == "that");
                if clause.same(verb, start) || into_that || matches!(e, PatternElement::Words(_) | PatternElement::Synset(_)) {
                    return Some((start, end));
                }
            }
        }
        None
    }

    fn find_backward(&self, e: &PatternElement, sentence: &Sentence, before: usize, allowance: usize, verb: usize) -> Option<(usize, usize)> {
        let clause = &sentence.clause;
        let lowest = before.saturating_sub(allowance + 4);
        for start in (lowest..before).rev() {
            if clause.hard_break(start) {
                return None;
            }
            if let Some(end) = self.element_at(e, sentence, start) {
                if end <= before && before - end <= allowance && clause.same(start, verb) {
                    return Some((start, end));
                }
            }
        }
        None
    }

    /// If element `e` matches starting exactly at `start`, where it ends.
    fn element_at(&self, e: &PatternElement, sentence: &Sentence, start: usize) -> Option<usize> {
        let Sentence { tokens, mentions, owner, .. } = sentence;
        match e {
            PatternElement::Words(alts) => alts
                .iter()
                .filter(|alt| start + alt.len() <= tokens.len() && tokens[start..start + alt.len()].iter().zip(alt.iter()).all(|(t, w)| t.norm == *w))
                .map(|alt| start + alt.len())
                .max(),
            PatternElement::Synset(name) => {
                let trie = self.synsets.get(name)?;
                trie.all_at(tokens, start).last().map(|(len, _)| start + len)
            }
            PatternElement::Target | PatternElement::Source | PatternElement::Compound => {
                let m = owner[start]?;
                let mention = &mentions[m];
                (mention.tokens.start == start && !mention.locative).then_some(mention.tokens.end)
            }
            // `^`: one noun phrase, an actor mention or else a word.
            PatternElement::Skip => match owner[start] {
                Some(m) if mentions[m].tokens.start == start => Some(mentions[m].tokens.end),
                Some(_) => None,
                None => tokens[start].is_word().then_some(start + 1),
            },
            _ => None, // markers (verb, gaps, TABARI adjacency/compound/skip) match no token themselves
        }
    }
}

/// Whether the verb at `i` follows "and" or "but", adverbs and auxiliaries
/// aside ("... and suspended", "... but later released", "... and had
/// threatened").
fn after_coordinator(tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    while k > 0 && (roles::is_adverb(&tokens[k - 1]) || AUXILIARIES.contains(&tokens[k - 1].norm.as_str())) {
        k -= 1;
    }
    k > 0 && matches!(tokens[k - 1].norm.as_str(), "and" | "but")
}

/// Whether a relative pronoun right after an actor stands before token
/// `start` in its sentence ("an official who worked with the Iraqi
/// ministers"): an actor from there on may be inside the relative clause.
fn after_a_relative_pronoun(tokens: &[Token], owner: &[Option<usize>], start: usize) -> bool {
    (1..start).any(|k| matches!(tokens[k].norm.as_str(), "who" | "which") && owner[k - 1].is_some())
}

/// Whether a verb written as a lemma is in fact a past form ("met", "said",
/// "killed"), as in dictionaries that list the forms they code.
fn looks_past(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "met", "said", "left", "held", "fought", "sank", "began", "begun", "drawn", "risen", "made", "shot", "won", "found",
        "lent", "paid", "told", "sent", "took", "taken", "gave", "given", "broke", "broken", "struck", "led", "fled", "sold",
        "brought", "caught", "kept", "spoke", "spoken", "stood", "threw", "thrown", "wrote", "written", "came", "went", "saw",
    ];
    (word.ends_with("ed") && !word.ends_with("eed") && word.len() > 4) || IRREGULAR.contains(&word)
}

/// Whether the verb at `i` stands in an "if" or "unless" clause that trails the
/// act it conditions, or in a "whether" clause: the word opens before it with no
/// comma or hard break between. A fronted condition ("If Russia attacks Ukraine,
/// the US will respond") stays an event in the conditional mode.
///
/// A trailing "when" clause in the present tense is a time too, not news: it
/// tells when the main act is to happen or usually happens ("threatened to
/// kill the players when they tour the country", "may resist calls when it
/// meets this week"). In the past tense it tells an act of its own ("were
/// killed when troops stormed the school") and stays.
fn in_condition_or_question(tokens: &[Token], i: usize, clause: &roles::Clause) -> bool {
    (0..i).rev().take_while(|&k| tokens[k].norm != "," && !clause.hard_break(k)).any(|k| match tokens[k].norm.as_str() {
        "whether" => true,
        "if" | "unless" => k > 0 && !clause.hard_break(k - 1),
        "when" | "whenever" => k > 0 && !clause.hard_break(k - 1) && !tokens[k..=i].iter().any(|t| told_in_the_past(&t.norm)),
        _ => false,
    })
}

/// Whether a word of a clause tells it as done: a past or perfect auxiliary
/// ("at a time when Cheney has been mocking Kerry") or a past form of a verb
/// ("stormed", "met").
fn told_in_the_past(word: &str) -> bool {
    matches!(word, "was" | "were" | "had" | "did" | "has" | "have" | "been") || looks_past(word)
}

/// Verbs whose subject undergoes what their coercion patterns code ("go on
/// trial", "stand trial").
const UNDERGOING: &[&str] = &["go", "stand"];

/// What is asked of a candidate target before an event is made of a source
/// and it: whether it is the speaker again, what the act concerns, and, for a
/// threat that names no one, whom the speaker's act before it was aimed at.
/// The rules read the verb's sentence, the verb and its (final) code.
struct TargetCheck<'a> {
    tokens: &'a [Token],
    mentions: &'a [Mention],
    owner: &'a [Option<usize>],
    clause: &'a roles::Clause,
    verb: usize,
    code: &'a str,
}

impl TargetCheck<'_> {
    /// The target of an event of `s` on `t`, perhaps none; `None` (the outer
    /// one) when the pair makes no event because source and target are one actor.
    fn target(&self, s: Option<Participant>, t: Option<Participant>) -> Option<Option<Participant>> {
        let t = self.besides_the_speaker(s, t);
        if roles::same_entity(self.mentions, s, t) {
            return None;
        }
        Some(self.what_the_act_concerns(s, t))
    }

    /// "Britain called Iran's conduct unacceptable and warned that it would push
    /// for sanctions", "the EU said the junta must free detainees and warned it
    /// would impose sanctions": a threat after "and" or "but" whose own clause
    /// names no one it is aimed at is aimed at whom the same speaker's act just
    /// before it, in the sentence, was. Only threats: an appeal or intent after
    /// "and" often turns to someone else or to no one ("asked the bloc to
    /// mediate and called for a binding agreement").
    fn target_of_the_verb_before(&self, events: &[SentenceEvent], s: Option<Participant>) -> Option<Participant> {
        if !self.code.starts_with("13") || s.is_none() || !after_coordinator(self.tokens, self.verb) {
            return None;
        }
        let before = events.iter().rev().find(|e| e.verb.start < self.verb && e.source == s && e.target.is_some())?;
        before.target.filter(|&t| !roles::same_entity(self.mentions, s, Some(t)))
    }

    /// A target that is the source's own actor again, told apart: something
    /// else it acts on, no target, or itself (no event).
    fn besides_the_speaker(&self, s: Option<Participant>, t: Option<Participant>) -> Option<Participant> {
        let Some(p) = t.filter(|_| self.speakers_side(s, t)) else { return t };
        // "warned it would impose sanctions on its members": the speaker as the
        // subject of its own complement is no target; what it acts on, further
        // right, is.
        let t = roles::object_after_own_subject(self.tokens, self.mentions, self.owner, self.clause, p).or(t);
        let Some(p) = t.filter(|_| self.speakers_side(s, t)) else { return t };
        let m = &self.mentions[p.mention];
        // "rejected claims that *he* is ...": the subject of the clause the verb
        // governs, when it is the verb's own subject again, is no target; the
        // act stands without one. In the verb's own clause it is no event.
        let governed = !self.clause.same(self.verb, m.tokens.start);
        // "Rebels seized two engineers and threatened to kill them": an object
        // pronoun is never the subject of its own clause, whatever group the
        // document names last; who it is stays open here.
        let object_pronoun = matches!(self.tokens[m.tokens.start].norm.as_str(), "them" | "him" | "her");
        // "warned it would consider sanctions against whichever party": the
        // speaker's pronoun before a modal or auxiliary opens what it says, in
        // the verb's clause too; the act stands without a target.
        if governed || object_pronoun || opens_a_complement(self.tokens, m) {
            return None;
        }
        t
    }

    /// Whether `t` is the speaker `s` again, or one of a reference to a list
    /// the speaker belongs to ("Britain, France and Germany ... warned that
    /// *they* would"): the speakers speak of themselves, not of each other.
    fn speakers_side(&self, s: Option<Participant>, t: Option<Participant>) -> bool {
        if roles::same_entity(self.mentions, s, t) {
            return true;
        }
        let (Some(s), Some(t)) = (s, t) else { return false };
        // Members of one reference to each other ("the two delegations would
        // meet") are the two sides, not a speaker and itself.
        let Some(speaker) = s.entity(self.mentions).filter(|_| s.mention != t.mention) else { return false };
        t.member.is_some() && self.mentions[t.mention].members.iter().any(|&(_, id)| id == speaker)
    }

    /// What the act concerns, where the target found is not it: the forces it
    /// moves or gives, the speaker's own airspace, a third party's talks.
    fn what_the_act_concerns(&self, s: Option<Participant>, t: Option<Participant>) -> Option<Participant> {
        let (tokens, mentions, code) = (self.tokens, self.mentions, self.code);
        let t = match t {
            // "moved tanks and troops to its border", "deployed two battalions":
            // the forces a posture moves are its own, not whom it is aimed at;
            // that is told elsewhere, if at all. One event for all of them.
            // Whom they are sent against still is ("deployed troops against the
            // rebels").
            Some(p) if is_posture(code) && forces_moved(&mentions[p.mention]) => {
                actor_after_word(tokens, self.owner, mentions[p.mention].tokens.end, "against", self.clause)
            }
            // "delivered a batch of armed drones to the Dunovian military": forces or
            // arms given are what is given; whom they go to is the target.
            Some(p) if code.starts_with("07") && forces_moved(&mentions[p.mention]) => {
                actor_after_word(tokens, self.owner, mentions[p.mention].tokens.end, "to", self.clause).or(t)
            }
            t => t,
        };
        match t {
            // "any drone entering Morvathi airspace would be shot down": the
            // speaker's own country named as a place it guards is no target.
            Some(p) if own_place(tokens, mentions, s, p) => None,
            // "walked out of the Swiss-hosted talks": a country that hosts or
            // brokers what the act is about is a third party, not its target.
            Some(p) if hosts_the_object(tokens, &mentions[p.mention]) => None,
            t => t,
        }
    }
}

/// Agent roles of people in private life: civilians ("people", "protesters"),
/// students, workers, business people, farmers, refugees. Journalists, aid
/// workers and officials are often chosen as targets, so they are not here.
const PRIVATE_LIFE: &[Role] = &[Role::CVL, Role::EDU, Role::LAB, Role::BUS, Role::AGR, Role::REF];

/// Whether a CAMEO code is a military posture (15): mobilising, deploying,
/// raising alert.
fn is_posture(code: &str) -> bool {
    code.starts_with("15")
}

/// Whether a mention is forces with no name of their own ("troops", "tanks",
/// "two army battalions"): what a posture moves.
fn forces_moved(m: &Mention) -> bool {
    m.kind == MentionKind::Agent && m.role == Some(Role::MIL)
}

/// Nouns of the ground, air or sea a state guards ("Morvathi airspace").
const GUARDED_PLACES: &[&str] = &["airspace", "territory", "waters", "soil", "territorial"];

/// Whether the target `t` is the source's own country as an adjective of a
/// place it guards ("warned that any drone entering *Morvathi* airspace would
/// be shot down", said by Morvath's minister).
fn own_place(tokens: &[Token], mentions: &[Mention], s: Option<Participant>, t: Participant) -> bool {
    let m = &mentions[t.mention];
    m.adjectival
        && m.role.is_none()
        && tokens.get(m.tokens.end).is_some_and(|n| GUARDED_PLACES.contains(&n.norm.as_str()))
        && s.is_some_and(|s| mentions[s.mention].country.is_some() && mentions[s.mention].country == m.country)
}

/// Participles of a third party's part in talks or deals ("Swiss-hosted",
/// "Qatari-brokered").
const THIRD_PARTY_PARTICIPLES: &[&str] = &["hosted", "brokered", "mediated", "sponsored", "facilitated"];

/// Whether a mention is the first half of a hyphenated participle of a third
/// party's part ("the *Swiss*-hosted talks").
fn hosts_the_object(tokens: &[Token], m: &Mention) -> bool {
    let at = m.tokens.end;
    tokens.get(at).is_some_and(|t| t.norm == "-")
        && tokens.get(at + 1).is_some_and(|t| THIRD_PARTY_PARTICIPLES.contains(&t.norm.as_str()) && tokens[at].end == t.start)
}

/// The noun of a thing done that an investigation at `i` looks into ("opened
/// an investigation *into the massacre*"), within the next ten words.
fn looked_into(tokens: &[Token], i: usize) -> Option<String> {
    let end = (i + 10).min(tokens.len());
    let into = (i + 1..end).find(|&k| tokens[k].norm == "into")?;
    tokens[into + 1..(into + 5).min(tokens.len())]
        .iter()
        .map(|t| t.norm.as_str())
        .find(|n| Antecedent::of(n) == Some(Antecedent::Force))
        .map(str::to_string)
}

/// Whether the actor starting at `start` stands in "between ... and ..." or
/// "among ..." after a plain noun ("fighting between two militias"): up to
/// three plain words may stand between the preposition and the actor, or the
/// actor may be the second of the pair ("between Chad's army and the rebels").
fn inside_between(tokens: &[Token], owner: &[Option<usize>], start: usize) -> bool {
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < 12 {
        k -= 1;
        steps += 1;
        let t = &tokens[k];
        if matches!(t.norm.as_str(), "between" | "among") {
            return k > 0 && owner[k - 1].is_none() && tokens[k - 1].is_word() && !matches!(tokens[k - 1].norm.as_str(), "the" | "a" | "an");
        }
        // Only the pair's own words: modifiers, "and", the first actor of the pair.
        let inside = owner[k].is_some() || t.norm == "and" || t.norm == "'s" || (t.is_word() && !t.capitalized && t.norm.len() > 1);
        let opener = matches!(
            t.norm.as_str(),
            "that" | "which" | "who" | "said" | "after" | "before" | "when" | "as" | "since" | "because" | "while" | "until" | "where" | "if" | "than" | "but"
        );
        if !inside || opener {
            return false;
        }
    }
    false
}

/// Whether a mention stands right before a modal or an auxiliary, as the
/// subject of a clause of its own ("warned *it* would", "said *it* had").
fn opens_a_complement(tokens: &[Token], m: &Mention) -> bool {
    tokens.get(m.tokens.end).is_some_and(|t| AUXILIARIES.contains(&t.norm.as_str()))
}

/// Modals and the finite and bare forms of "be", "have" and "do": the words
/// that stand between a subject and its verb. (The lexicon's `auxiliary` cue
/// phrases are wider: every word that may stand before a verb, pronouns and
/// adverbs too.)
const AUXILIARIES: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "has", "have", "had", "did", "is", "are", "was", "were", "be", "been",
];

/// The actor after `word` right after forces or arms: whom they are given
/// to ("drones *to the army*") or sent against ("deployed troops *against
/// the rebels*").
fn actor_after_word(tokens: &[Token], owner: &[Option<usize>], after: usize, word: &str, clause: &roles::Clause) -> Option<Participant> {
    tokens.get(after).filter(|t| t.norm == word).and_then(|_| roles::agent_after(tokens, after + 1, owner, clause))
}

/// Whether a CAMEO code harms people's bodies: unconventional violence (18)
/// and fighting (19), whose victims a passive names without their attacker.
fn harms_bodily(code: &str) -> bool {
    code.starts_with("18") || code.starts_with("19")
}

/// Nouns whose infinitive says what they aim at ("an attempt to", "its bid to").
const PURPOSE_NOUNS: &[&str] = &[
    "attempt", "attempts", "bid", "bids", "effort", "efforts", "plan", "plans", "campaign", "drive", "push", "mission", "aim",
    "proposal", "proposals", "decision", "readiness", "willingness", "refusal", "failure", "opportunity", "chance",
];

/// Whether the verb at `i` is what a help not yet given aims at: the bare
/// infinitive after "help", "helps" or "helping" and its object, three tokens
/// apart at most, in one clause ("to help citizens import", "may help to
/// ease"). After "helped" the act was done ("helped Iraqi forces retake the
/// city") and stays.
fn aim_of_a_help(tokens: &[Token], i: usize, clause: &roles::Clause) -> bool {
    (i.saturating_sub(4)..i)
        .rev()
        .take_while(|&k| tokens[k].norm != "," && !clause.hard_break(k))
        .any(|k| matches!(tokens[k].norm.as_str(), "help" | "helps" | "helping"))
}

/// Whether the verb at `i` is the infinitive of a noun of purpose with a
/// determiner or possessor before it, an adjective between at most ("in an
/// attempt to quell", "Turkey's latest bid to start"); without one the word may
/// be a verb ("they plan to", "Kenya's army plans to").
fn aim_of_a_noun(tokens: &[Token], i: usize, cues: &crate::cues::CueMap, owner: &[Option<usize>]) -> bool {
    let Some(to) = (0..i).rev().find(|&k| !roles::is_adverb(&tokens[k])) else { return false };
    if tokens[to].norm != "to" || to == 0 || !PURPOSE_NOUNS.contains(&tokens[to - 1].norm.as_str()) {
        return false;
    }
    let noun = to - 1;
    let determines = |k: usize| tokens[k].norm == "'s" || cues.is(k, CueKind::Determiner);
    match noun {
        0 => false,
        1 => determines(0),
        _ => determines(noun - 1) || (determines(noun - 2) && owner[noun - 1].is_none() && tokens[noun - 1].is_word()),
    }
}

/// Whether the verb at `i` is an infinitive right after a phrase of place
/// ("into Peru's jungle to investigate", "on U.S. and NATO airplanes to
/// retake"): the nearest preposition before "to" is one of place, with no comma,
/// auxiliary ("activists in Arnor are about to restore") or day ("voted on
/// Thursday to launch" decides, it does not aim) between.
fn purpose_after_a_place(tokens: &[Token], i: usize, cues: &crate::cues::CueMap) -> bool {
    let Some(to) = (0..i).rev().find(|&k| !roles::is_adverb(&tokens[k])) else { return false };
    if tokens[to].norm != "to" {
        return false;
    }
    let Some(place) = (to.saturating_sub(8)..to).rev().take_while(|&k| !matches!(tokens[k].norm.as_str(), "," | ";" | ":")).find(|&k| {
        matches!(tokens[k].norm.as_str(), "into" | "onto" | "aboard" | "on" | "in")
    }) else {
        return false;
    };
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "weekend"];
    (place + 1..to).all(|k| !days.contains(&tokens[k].norm.as_str()) && !cues.is(k, CueKind::Auxiliary))
}

/// Whether the past form at `i` follows a plain noun and is followed by its
/// agent ("a swap *brokered* by the UAE"): a passive that describes the noun.
/// Only mediation and hosting are read as acts so told (see `code`); other
/// verbs describe who the noun is ("towns held by rebels", "his final years
/// encircled by the army").
fn described_by_its_agent(tokens: &[Token], owner: &[Option<usize>], cues: &crate::cues::CueMap, i: usize, form: Form) -> bool {
    form == Form::Past
        && i > 0
        && owner[i - 1].is_none()
        && tokens[i - 1].is_word()
        && !tokens[i - 1].capitalized
        && !roles::is_adverb(&tokens[i - 1])
        && !cues.is(i - 1, CueKind::Auxiliary)
        && roles::agent_named_after(tokens, owner, i)
}

/// Gives the general statement events of the verb at `governor` (020 appeal,
/// 030 intent, 100 demand, 130 threat) the specific code of the action in its
/// complement, keeping the action as embedded: "urged Israel to halt the
/// strikes" is 0256, not 020.
fn specify_statement(events: &mut [SentenceEvent], governor: usize, complement: &Pattern) {
    let action = complement.code.as_str();
    for e in events.iter_mut().filter(|e| e.verb.start == governor && e.embedded.is_none()) {
        let statement = match e.code.as_str() {
            "020" => Statement::Appeal,
            "030" => Statement::Intent,
            "100" => Statement::Demand,
            "130" => Statement::Threat,
            _ => continue,
        };
        if let Some(code) = statement_code(statement, action) {
            e.lexicon.push(format!("{} {} {action}: convention: the statement is the event ({statement:?} {code} for {action})", complement.origin, complement.text));
            let mode = match statement {
                Statement::Appeal | Statement::Demand => Mode::Demanded,
                Statement::Intent | Statement::Threat => Mode::Intended,
            };
            e.embedded = Some(Embedded { code: std::mem::replace(&mut e.code, code), mode });
        }
    }
}
