//! The [`Coder`]: all stages, compiled once, run per document.

use crate::anaphora;
use crate::document::Document;
use crate::event::{ActorRef, AttributionRef, EmbeddedRef, Event, PloverRef, VerbRef};
use crate::fact::{Coded, Fact, FactType};
use parley_actors::{third_parties, topic_country, ActorCode, ActorMatcher, DocumentNames, Mention, MentionKind, Reference, Resolver, Role, SentencePieces};
use parley_enrich::{Certainty, Count, DateInfo, Enricher, MainPlace, Place, Scope, SentenceFacts};
use parley_events::{EventMatcher, Mode, Participant, Sentence, SentenceEvent};
use parley_lexicon::{Lexicon, LexiconError};
use parley_text::Token;
use rayon::prelude::*;
use std::sync::Arc;

/// What a coder emits beyond the default.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Emit negated events ("did not attack") too, with `mode: "negated"`.
    pub keep_negated: bool,
}

/// Codes documents into events. Build it once (compiling the lexicon takes
/// a moment) and share it: coding needs only `&self`.
pub struct Coder {
    lexicon: Arc<Lexicon>,
    actors: ActorMatcher,
    events: EventMatcher,
    enricher: Enricher,
    options: Options,
}

impl Coder {
    /// A coder over `lexicon`.
    pub fn new(lexicon: Lexicon) -> Coder {
        Coder {
            actors: ActorMatcher::new(&lexicon),
            events: EventMatcher::new(&lexicon),
            enricher: Enricher::new(&lexicon),
            lexicon: Arc::new(lexicon),
            options: Options::default(),
        }
    }

    /// A coder over the built-in lexicon.
    pub fn builtin() -> Result<Coder, LexiconError> {
        Ok(Coder::new(Lexicon::builtin()?))
    }

    pub fn with_options(mut self, options: Options) -> Coder {
        self.options = options;
        self
    }

    /// Codes reporting verbs that have a default code in the lexicon as events
    /// even when they only introduce a statement, as PETRARCH does with its
    /// dictionaries (`SAID [023]`); see [`EventMatcher::with_reports_as_events`].
    pub fn with_reports_as_events(mut self, on: bool) -> Coder {
        self.events = self.events.with_reports_as_events(on);
        self
    }

    /// Codes statements as the action inside them ("will attack": 190
    /// intended), as PETRARCH's dictionaries and validation records do; see
    /// [`EventMatcher::with_statements_as_actions`].
    pub fn with_statements_as_actions(mut self, on: bool) -> Coder {
        self.events = self.events.with_statements_as_actions(on);
        self
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Codes one document into events.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        self.code_document(doc, false).events
    }

    /// Codes one document into events and the facts of the document: figures
    /// not tied to one event (running tolls), when a conflict began, how long
    /// it has lasted, and hedged claims that are not events.
    pub fn code_with_facts(&self, doc: &Document) -> Coded {
        self.code_document(doc, true)
    }

    /// The one code path of [`Coder::code`] and [`Coder::code_with_facts`].
    /// Without facts, a sentence that codes no event is read only for its
    /// places (the document's main place needs them); its dates, counts and
    /// hedges would serve nothing.
    fn code_document(&self, doc: &Document, with_facts: bool) -> Coded {
        let full;
        let raw = match &doc.title {
            Some(title) if !title.trim().is_empty() => {
                full = format!("{}\n\n{}", title.trim(), doc.text);
                full.as_str()
            }
            _ => doc.text.as_str(),
        };
        let text = parley_text::clean(raw);
        let mut tokenizer = parley_text::Tokenizer::default();
        let mut tokens = tokenizer.tokenize(&text);
        // A story-level discard anywhere drops the whole document, not just its sentence.
        if self.events.discards_story(&tokens) {
            return Coded::default();
        }
        let sentences = parley_text::sentences(&text, &tokens);
        let headline = doc.title.as_deref().is_some_and(|t| !t.trim().is_empty())
            || sentences.first().is_some_and(|s| is_headline(&text[s.span.clone()], &text[s.span.end..]));
        // The wire dateline ("KABUL, Afghanistan (Reuters) -") places the report.
        let dateline = self.enricher.dateline_place(&text, &tokens, &sentences);
        // First pass: each sentence's tokens and what the lexicon covers in it,
        // so that the document as a whole can say which unknown names are
        // countries ("Valdoria's army") before any sentence is composed.
        let mut seen = std::collections::HashSet::new();
        let mut split = Vec::with_capacity(sentences.len());
        for (index, s) in sentences.iter().enumerate() {
            let sentence = &text[s.span.clone()];
            // A headline repeated as the first line is one report, not two.
            if !seen.insert(sentence) {
                continue;
            }
            // Tokens relative to the sentence, so spans are sentence offsets:
            // made so in place (sentences do not share tokens), so that a long
            // document's tokens are held once (copies of them took a third of
            // the memory of a 15 MB report).
            for t in &mut tokens[s.tokens.clone()] {
                t.start -= s.span.start;
                t.end -= s.span.start;
            }
            let pieces = self.actors.pieces(sentence, &tokens[s.tokens.clone()], doc.date);
            split.push((index, sentence, s.tokens.clone(), pieces));
        }
        drop((seen, sentences));
        let mut names = DocumentNames::discover(
            &split
                .iter()
                .map(|(_, text, range, pieces)| SentencePieces { text, tokens: &tokens[range.clone()], pieces })
                .collect::<Vec<_>>(),
        );
        let found: Vec<(usize, &str, std::ops::Range<usize>, Vec<Mention>)> = split
            .into_iter()
            .map(|(index, sentence, range, pieces)| {
                let mut mentions = self.actors.mentions(sentence, &tokens[range.clone()], pieces, &mut names);
                // Held until the second pass: without the room left by
                // growing (a list of 232-byte mentions starts at four).
                mentions.shrink_to_fit();
                (index, sentence, range, mentions)
            })
            .collect();
        // Agents with no country of their own ("police", "troops") take the
        // dateline's country when the report speaks of it, else the country
        // the report is about; neither makes a mediator the country of the
        // report ("DOHA - Qatar offered to host talks between ...").
        let mediators = third_parties(found.iter().map(|(_, _, range, m)| (&tokens[range.clone()], m.as_slice())));
        let dateline_country = dateline.as_ref().map(|p| p.country.clone()).filter(|c| !mediators.contains(c));
        let topic = topic_country(found.iter().map(|(_, _, _, m)| m.as_slice()), &mediators);
        let spoken_of = |c: &str| found.iter().any(|(_, _, _, m)| m.iter().any(|m| !m.locative && m.country.as_deref() == Some(c)));
        // A dateline the report never speaks of again ("OSLO" over a report on
        // Drovnia) gives way to the country the report is about.
        let dateline_country = dateline_country.filter(|d| topic.is_none() || spoken_of(d));
        // The countries the report names: an act with no target in a report
        // about one country only is a domestic one.
        let named_countries: std::collections::BTreeSet<String> =
            found.iter().flat_map(|(_, _, _, m)| m.iter().filter(|m| !m.locative).filter_map(|m| m.country.clone())).collect();
        let mut resolver = Resolver::new(dateline_country)
            .with_topic_country(topic)
            .with_document_groups(found.iter().flat_map(|(_, _, _, m)| m.iter()));
        // Room for an event a sentence (1 KiB each), reserved at once: a list
        // grown by doubling copies itself, old and new resident together
        // (33 and 67 MiB for the 15 MB report's 46,000 events). Pages left
        // unused cost no memory (reserved before the tokens go, it does not
        // take their pages, still resident a while once freed); a denser
        // report still grows the list.
        let mut out = Coded { events: Vec::with_capacity(found.len()), facts: Vec::new() };
        // A long report's tokens go before the second pass, which tokenizes
        // each sentence again as it comes (the same tokens: see `Tokenizer`):
        // held to the end, they were a third of the peak memory of a 15 MB
        // report. An ordinary one keeps them: tokenizing twice was a tenth
        // of the time of coding news.
        let kept = (text.len() <= KEEP_TOKENS_UP_TO).then_some(tokens);
        // Second pass: actors linked across sentences, events and enrichment
        // of every sentence, each sentence's events dressed at once; its
        // mentions, events and facts then go (a long report held them all to
        // its end: a third of the peak memory of a 15 MB report). The
        // document's main place needs every sentence's places, so what takes
        // it (no place of its own, no dateline) is given it after the pass.
        let mut main_place = dateline.is_none().then(MainPlace::default);
        // Each event's object noun, for the reactions pass below.
        let mut objects: Vec<Option<String>> = Vec::new();
        for (index, sentence, range, mut mentions) in found {
            let retokenized;
            let local = match &kept {
                Some(tokens) => &tokens[range],
                None => {
                    retokenized = tokenizer.tokenize(sentence);
                    debug_assert_eq!(retokenized.len(), range.len(), "{sentence:?} tokenized alone");
                    &retokenized[..]
                }
            };
            let groups = resolver.resolve(local, &mut mentions);
            // The cue phrases, found once for events and enrichment alike; a
            // sentence that can code no event needs them only for its facts.
            let may_code = self.events.may_code(local);
            let cues = if may_code || with_facts { self.events.cues(local) } else { Vec::new() };
            let coded = if may_code { self.events.code(&Sentence::new(sentence, local, &mentions, &groups, &cues)) } else { Vec::new() };
            for e in &coded {
                // "The US imposed sanctions on both sides": whoever acts on the
                // report's two sides at once stands apart from them, and its acts
                // do not make it one of the sides that a later "both parties" means.
                let on_both_sides = e.target.is_some_and(|p| mentions[p.mention].kind == MentionKind::Reference(Reference::Pair));
                if on_both_sides {
                    continue;
                }
                if let (Some(s), Some(t)) = (e.source.and_then(|p| p.entity(&mentions)), e.target.and_then(|p| p.entity(&mentions))) {
                    resolver.note_event(s, t, e.code.as_str() >= "10");
                }
            }
            let facts = if with_facts || !coded.is_empty() {
                self.enricher.sentence(sentence, local, &cues, doc.date)
            } else {
                self.enricher.places(sentence, local)
            };
            if let Some(tally) = &mut main_place {
                tally.add(&facts.places);
            }
            // What a sentence without events gives, without facts, is its places.
            if coded.is_empty() && !with_facts {
                continue;
            }
            let mut r = Read { index, sentence, mentions, coded, facts };
            let setting = Setting {
                date: r.facts.event_date().cloned().or_else(|| doc.date.map(DateInfo::of_document)),
                place: r.facts.event_place().cloned().or_else(|| dateline.clone()),
            };
            let first = out.events.len();
            for e in std::mem::take(&mut r.coded) {
                if e.mode == Mode::Negated && !self.options.keep_negated {
                    continue;
                }
                let object = e.object_noun.clone();
                if let Some(event) = self.event(doc, &r, local, e, &setting) {
                    out.events.push(event);
                    objects.push(object);
                }
            }
            let events = &mut out.events[first..];
            // Counts of this event go to the event whose verb reads them
            // ("killed at least 12"), else to the sentence's material
            // conflict events, else to all its events; running totals and
            // counts of sentences without events are facts of the document.
            let mut loose = Vec::new();
            for count in r.facts.counts.iter().cloned() {
                if count.scope == Scope::Cumulative || events.is_empty() {
                    loose.push(count);
                    continue;
                }
                let own: Vec<usize> = (0..events.len())
                    .filter(|&k| {
                        let v = events[k].verb.span;
                        v[0] >= local[count.tokens.start].start && v[1] <= local[count.tokens.end - 1].end
                    })
                    .collect();
                let targets: Vec<usize> = if !own.is_empty() {
                    own
                } else if events.iter().any(|e| e.quad_class == 4) {
                    (0..events.len()).filter(|&k| events[k].quad_class == 4).collect()
                } else {
                    (0..events.len()).collect()
                };
                for k in targets {
                    events[k].counts.push(count.clone());
                }
            }
            // The document's facts are wanted only with them (`code` drops them).
            if with_facts {
                let had_events = !events.is_empty();
                out.facts.extend(self.facts(doc, &r, &setting, loose, had_events));
            }
        }
        if let Some(main_place) = main_place.and_then(MainPlace::finish) {
            for place in out.events.iter_mut().map(|e| &mut e.place).chain(out.facts.iter_mut().map(|f| &mut f.place)) {
                if place.is_none() {
                    *place = Some(main_place.clone());
                }
            }
        }
        // A headline the body repeats goes before context is read off the
        // events: the body's telling is what later reactions answer.
        if headline {
            drop_repeated_headline_events(&mut out.events, &mut objects);
        }
        let sides = anaphora::sides(&out.events);
        anaphora::source_claimed_violence(&mut out.events);
        anaphora::source_blamed_violence(&mut out.events);
        anaphora::source_released_captives(&mut out.events);
        anaphora::target_reactions(&mut out.events, &objects);
        // "Cisco said it has agreed to acquire P-Cube", "Thai Airways has agreed to
        // buy six Airbus A380s": a business acting on no one or on another business
        // is commerce, which event coders leave out (pure economics is no political
        // event). Before the conventions below give it its own country as target.
        out.events.retain(|e| !is_commerce(e));
        for event in &mut out.events {
            let country = event.source.as_ref().and_then(|a| a.country.as_deref());
            let domestic = named_countries.iter().all(|c| Some(c.as_str()) == country) || event.cameo == STEP_DOWN;
            if event.target.is_none() && domestic {
                if let Some(domestic) = domestic_target(&event.root, event.source.as_ref()) {
                    event.lexicon.push(format!("convention: a domestic act with no target named is aimed at its own country ({})", domestic.code));
                    event.target = Some(domestic);
                }
            }
            // "U.N. experts found traces of plutonium near an Egyptian facility and are
            // investigating": a body of no country (an international organisation, an
            // NGO) that investigates, eases, criticises, rejects, protests or coerces
            // with no target named, in a report that names one country only, acts on
            // that country.
            // Only a body the lexicon knows: a name no dictionary holds may be a
            // group of that country read without it.
            let stateless = event.source.as_ref().is_some_and(|s| s.country.is_none() && !s.provisional);
            if event.target.is_none() && stateless && named_countries.len() == 1 && (event.root == "09" || DOMESTIC_ROOTS.contains(&event.root.as_str())) {
                let country = named_countries.iter().next().expect("one country").clone();
                event.lexicon.push(format!("convention: an act of a body of no country with no target named is aimed at the one country of its report ({country})"));
                event.target = Some(country_of_the_report(country, "the one country of the report"));
            }
        }
        anaphora::target_mediation(&mut out.events);
        anaphora::target_other_side(&mut out.events, sides);
        // Once the document has given every target it can: a statement or a
        // visit still aimed at no one is no interaction.
        out.events.retain(|e| e.target.is_some() || !needs_a_target(e));
        // "they fired on a Guyanese army patrol and wounded two soldiers": violence
        // from an actor to the same actor is a misread subject, not an act; one
        // mention that is both sides is a group fighting itself ("fighting
        // between warlords").
        out.events.retain(|e| {
            !(anaphora::is_violence(&e.root) && e.source.as_ref().zip(e.target.as_ref()).is_some_and(|(s, t)| s.code == t.code && s.span != t.span))
        });
        // "The group said in a statement that it had freed the two": an act the
        // document told with its target, told again in a later sentence by the
        // same actor with none, is the same act told again.
        drop_retold_events(&mut out.events);
        out
    }

    /// The facts of one sentence that belong to the document: `counts` are
    /// those no event of it took, `had_events` whether it gave any event.
    fn facts(&self, doc: &Document, sentence: &Read, setting: &Setting, counts: Vec<Count>, had_events: bool) -> Vec<Fact> {
        let facts = &sentence.facts;
        let certainty = &facts.certainty;
        let attribution = attribution_ref(certainty, &sentence.mentions);
        let fact = |fact_type: FactType| Fact {
            kind: "fact".into(),
            fact_type,
            doc_id: doc.id.clone(),
            sentence_index: sentence.index,
            sentence: sentence.sentence.to_string(),
            count: None,
            start: None,
            duration: None,
            subject: None,
            date: setting.date.clone(),
            place: setting.place.clone(),
            certainty: certainty.level(),
            hedges: certainty.hedges.clone(),
            attribution: attribution.clone(),
        };
        let mut out = Vec::new();
        for start in facts.starts() {
            out.push(Fact { start: Some(start.date.clone()), subject: start.subject.clone(), ..fact(FactType::Start) });
        }
        for d in facts.durations.iter().filter(|d| d.subject.is_some()) {
            out.push(Fact { subject: d.subject.clone(), duration: Some(d.clone()), ..fact(FactType::Duration) });
        }
        for c in counts {
            out.push(Fact { count: Some(c), ..fact(FactType::Count) });
        }
        // A hedged claim that is no event ("is believed to be a senior
        // official") is still what the report says, with its certainty.
        if !had_events && !certainty.hedges.is_empty() {
            out.push(fact(FactType::Statement));
        }
        out
    }

    /// Codes many documents on the current rayon pool, keeping their order.
    pub fn code_all(&self, docs: &[Document]) -> Vec<Vec<Event>> {
        docs.par_iter().map(|d| self.code(d)).collect()
    }

    /// [`Coder::code_with_facts`] over many documents, keeping their order.
    pub fn code_all_with_facts(&self, docs: &[Document]) -> Vec<Coded> {
        docs.par_iter().map(|d| self.code_with_facts(d)).collect()
    }

    /// Event `e` of sentence `read` (whose tokens are `tokens`) as it is
    /// written out, or None when the lexicon does not know its code.
    fn event(&self, doc: &Document, read: &Read, tokens: &[Token], e: SentenceEvent, setting: &Setting) -> Option<Event> {
        let (index, sentence, mentions, certainty) = (read.index, read.sentence, &read.mentions, &read.facts.certainty);
        let code = self.lexicon.event_code(&e.code)?;
        let actor = |p: Option<Participant>| p.map(|p| actor_ref(sentence, tokens, mentions, p));
        let mut lexicon = e.lexicon.clone();
        let target = actor(e.target);
        let source = actor(e.source).or_else(|| {
            let implied = implied_authority(&e, code.root(), target.as_ref(), tokens)?;
            let what = if e.code.starts_with(RELEASE) { "a release from jail" } else { "an arrest or restriction" };
            lexicon.push(format!("convention: {what} with no agent is by the authorities of its target's country ({})", implied.code));
            Some(ActorRef { span: [tokens[e.verb.start].start, tokens[e.verb.end - 1].end], ..implied })
        });
        for p in [e.source, e.target].into_iter().flatten() {
            lexicon.extend(mentions[p.mention].lexicon.iter().cloned());
        }
        let attribution = attribution_ref(certainty, mentions);
        let verb = VerbRef {
            text: span_text(sentence, tokens, e.verb.clone()).to_string(),
            lemma: e.lemma.clone(),
            span: [tokens[e.verb.start].start, tokens[e.verb.end - 1].end],
        };
        Some(Event {
            doc_id: doc.id.clone(),
            sentence_index: index,
            sentence: sentence.to_string(),
            source,
            target,
            cameo: code.code.clone(),
            root: code.root().to_string(),
            quad_class: code.quad_class(),
            goldstein: code.goldstein,
            event_name: code.name.clone(),
            plover: self.lexicon.plover(&code.code).map(|p| PloverRef {
                event_type: p.event_type.clone(),
                mode: p.mode.clone(),
                context: p.context.clone(),
            }),
            mode: e.mode,
            certainty: certainty.level(),
            hedges: certainty.hedges.clone(),
            attribution,
            date: setting.date.as_ref().map(|d| d.value.clone()),
            date_info: setting.date.clone(),
            place: setting.place.clone(),
            counts: Vec::new(),
            tense: e.tense,
            background: e.background,
            passive: e.passive,
            verb,
            lexicon,
            embedded: e.embedded.map(|x| EmbeddedRef { cameo: x.code, mode: x.mode }),
        })
    }
}

/// Who arrests, detains, sentences or expels when the report does not say
/// ("Eight Egyptians have been arrested"): the state of the people it is done
/// to, as event coders read such passives. Its police for arrests and the use
/// of force against crowds (173, 175), its government for other coercion, and
/// for restrictions eased ("a curfew was eased": 081x), since only a state
/// lifts what only a state imposes; and for releases from jail or custody
/// ("he was freed from jail on Thursday"), since only a state holds its jails
/// (hostages freed from captivity are their captors' to free).
fn implied_authority(e: &SentenceEvent, root: &str, target: Option<&ActorRef>, tokens: &[Token]) -> Option<ActorRef> {
    if !e.passive || !(root == "17" || e.code.starts_with("081") || (e.code.starts_with(RELEASE) && from_jail(tokens, e.verb.end))) {
        return None;
    }
    let country = target?.country.clone()?;
    let role = if e.code.starts_with("173") || e.code.starts_with("175") { Role::COP } else { Role::GOV };
    Some(ActorRef {
        code: parley_actors::join_code(&country, role),
        text: String::new(),
        span: [0, 0],
        country: Some(country),
        role: Some(role),
        provisional: false,
        refers_to: Some("the authorities (implied by the passive)".to_string()),
        entity: None,
    })
}

/// CAMEO's releases and returns (084).
const RELEASE: &str = "084";

/// Whether "from" and a place of state custody follow the verb ending at
/// `end` ("freed *from jail*", "released from a military prison", "from
/// police custody"), with at most two words between.
fn from_jail(tokens: &[Token], end: usize) -> bool {
    let rest = &tokens[end.min(tokens.len())..];
    let Some(from) = rest.iter().take(3).position(|t| t.norm == "from") else { return false };
    rest.iter().skip(from + 1).take(3).any(|t| matches!(t.norm.as_str(), "jail" | "prison" | "custody" | "detention"))
}

/// The longest text (bytes) whose tokens the coder holds from the first pass
/// to the second (about 6 bytes of text a token, 32 bytes a token: 350 KB
/// held at most); a longer one is tokenized again, a sentence at a time.
const KEEP_TOKENS_UP_TO: usize = 1 << 16;

/// CAMEO codes that are no event without someone they are aimed at: a
/// statement (010) addressed to no one is commentary ("issued a toughly worded
/// statement", "is set to unveil a new weapon"), and a visit made or hosted
/// (042, 043) with no one visited or hosted is travel ("Cheney Arrives", "UN
/// monitors are expected to arrive next month").
const CODES_NEEDING_A_TARGET: &[&str] = &["010", "042", "043"];

/// CAMEO's root of reducing relations (16): relations are always with
/// someone, so a cut that the document cannot aim ("The two countries recalled
/// their ambassadors", "sanctions since 2023") is misread, not half an event.
const REDUCE_RELATIONS: &str = "16";

/// Drops an event with no target whose source made an event of the same code
/// with a target in an earlier sentence (see [`Coder`]'s last pass).
fn drop_retold_events(events: &mut Vec<Event>) {
    if events.iter().all(|e| e.target.is_some()) {
        return;
    }
    // The first sentence each (source, code) was told with a target in.
    let mut first: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for e in events.iter().filter(|e| e.target.is_some()) {
        if let Some(s) = &e.source {
            let at = first.entry((s.code.as_str(), e.cameo.as_str())).or_insert(e.sentence_index);
            *at = (*at).min(e.sentence_index);
        }
    }
    let retold: Vec<bool> = events
        .iter()
        .map(|e| e.target.is_none() && e.source.as_ref().is_some_and(|s| first.get(&(s.code.as_str(), e.cameo.as_str())).is_some_and(|&at| at < e.sentence_index)))
        .collect();
    drop_marked(events, &retold);
}

/// Whether an event is business among businesses: its source a business and
/// its target none or another business (see [`Coder`]'s last pass). A
/// business's act on a state, a people or its workers stays an event.
fn is_commerce(e: &Event) -> bool {
    let business = |a: &ActorRef| a.role.is_some_and(Role::is_business);
    e.source.as_ref().is_some_and(business) && e.target.as_ref().is_none_or(business)
}

/// Whether an event is no interaction without a target (see above).
fn needs_a_target(e: &Event) -> bool {
    CODES_NEEDING_A_TARGET.contains(&e.cameo.as_str()) || e.root == REDUCE_RELATIONS
}

/// CAMEO roots of acts done at home as often as abroad: easing restrictions
/// (08), criticising and rejecting (11, 12), protesting (14), coercion and
/// assault (17, 18).
const DOMESTIC_ROOTS: &[&str] = &["08", "11", "12", "14", "17", "18"];

/// CAMEO's yielding to demands for a change in leadership: a leader who
/// resigns yields to the own country, whatever other countries the report
/// names ("Lebanon's prime minister resigned after a Syrian-backed change").
const STEP_DOWN: &str = "0831";

/// The target of an act whose sentence names none, in a report that names no
/// other country ("Restive Maldives eases curfew", "South Korean court blocks
/// relocation of capital", "riot police fired tear gas"), once the document
/// gave it none either: the source's own country, as event coders read a
/// domestic act.
fn domestic_target(root: &str, source: Option<&ActorRef>) -> Option<ActorRef> {
    let country = source?.country.clone()?;
    if !DOMESTIC_ROOTS.contains(&root) {
        return None;
    }
    Some(country_of_the_report(country, "its own country (a domestic act)"))
}

/// A country as an actor the report gives by convention, not by a mention
/// (no text, no span), with why it stands there.
fn country_of_the_report(country: String, why: &str) -> ActorRef {
    ActorRef {
        code: country.clone(),
        text: String::new(),
        span: [0, 0],
        country: Some(country),
        role: None,
        provisional: false,
        refers_to: Some(why.to_string()),
        entity: None,
    }
}

/// Whether a document's first sentence is a headline: no closing punctuation,
/// and a paragraph break after it.
fn is_headline(first: &str, rest: &str) -> bool {
    let closed = first.trim_end().ends_with(['.', '!', '?', '"', '\u{201d}']);
    !closed && rest.trim_start_matches([' ', '\t']).starts_with(['\n', '\r'])
}

/// A headline event that the body tells again is one event, not two: the
/// body's, which has the context, stays. "Again" is the same CAMEO root with
/// the same source or the same target side (a country or a provisional name);
/// or the same quad class between the same two sides, in the same direction,
/// under another root: a headline's compressed verb ("Pereshka expels
/// diplomats", 161) is the act its body tells in full ("ordered four
/// diplomats to leave", 174), and the body's words, read with their clauses,
/// say better which act it was. A headline event with no target needs only
/// the same quad class from the same source ("Kenya Opposes Plan for Border
/// Camps" over "Kenya rejected a Somali proposal": one rejection, not a
/// criticism aimed at no one besides), or an event of the same source aimed
/// at someone in the lead, the body's first sentence, which a headline
/// summarises, on the same side of cooperation and conflict ("Iran bars
/// nuclear inspectors", 172, over "Iran has refused to allow inspectors",
/// 1245: a headline's verb blurs saying and doing, not friend and foe).
/// The sides of a dyad are compared by country only between two countries:
/// within one ("Congress members seek officer's dismissal" over "officers
/// made speeches") a country is no dyad.
/// `objects` holds each event's object noun and loses the same entries.
fn drop_repeated_headline_events(events: &mut Vec<Event>, objects: &mut Vec<Option<String>>) {
    let side = |a: &Option<ActorRef>| a.as_ref().map(|a| a.country.clone().unwrap_or_else(|| a.code.clone()));
    let code = |a: &Option<ActorRef>| a.as_ref().map(|a| a.code.clone());
    let conflict = |e: &Event| e.quad_class >= 3;
    let repeated: Vec<bool> = events
        .iter()
        .map(|h| {
            h.sentence_index == 0
                && events.iter().any(|b| {
                    let same_source = h.source.as_ref().zip(b.source.as_ref()).is_some_and(|(x, y)| x.code == y.code);
                    let same_source_side = side(&h.source).is_some() && side(&h.source) == side(&b.source);
                    let same_target_side = side(&h.target).is_some() && side(&h.target) == side(&b.target);
                    let international = side(&h.source) != side(&h.target);
                    let same_dyad = (international && same_source_side && same_target_side)
                        || (code(&h.source).is_some() && code(&h.source) == code(&b.source) && code(&h.target).is_some() && code(&h.target) == code(&b.target));
                    let lead_act = b.sentence_index == 1 && b.target.is_some() && conflict(b) == conflict(h);
                    b.sentence_index > 0
                        && ((b.root == h.root && (same_source_side || same_target_side))
                            || (b.quad_class == h.quad_class && same_dyad)
                            || (h.target.is_none() && same_source && (b.quad_class == h.quad_class || lead_act)))
                })
        })
        .collect();
    drop_marked(events, &repeated);
    drop_marked(objects, &repeated);
}

/// Removes the items of `items` whose entry in `marked` is true.
fn drop_marked<T>(items: &mut Vec<T>, marked: &[bool]) {
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        !marked[k - 1]
    });
}

/// When and where the events of a sentence happened: the date and place it
/// names, else the document's.
struct Setting {
    date: Option<DateInfo>,
    place: Option<Place>,
}

/// One sentence of the second pass, while its events are dressed.
struct Read<'t> {
    index: usize,
    sentence: &'t str,
    mentions: Vec<Mention>,
    coded: Vec<SentenceEvent>,
    facts: SentenceFacts,
}

/// Whom a sentence cites, with the actor code when the words name one: the one
/// reading of attribution, shared by events and facts.
fn attribution_ref(certainty: &Certainty, mentions: &[Mention]) -> Option<AttributionRef> {
    certainty.attribution.as_ref().map(|a| AttributionRef {
        text: a.text.clone(),
        code: mentions
            .iter()
            .find(|m| m.tokens.start >= a.tokens.start && m.tokens.end <= a.tokens.end)
            .map(|m| m.code.clone())
            .filter(|c| !c.starts_with("---") || c.len() > 3),
        cue: a.cue.clone(),
    })
}

fn span_text<'s>(sentence: &'s str, tokens: &[Token], range: std::ops::Range<usize>) -> &'s str {
    &sentence[tokens[range.start].start..tokens[range.end - 1].end]
}

fn actor_ref(sentence: &str, tokens: &[Token], mentions: &[Mention], p: Participant) -> ActorRef {
    let m = &mentions[p.mention];
    let (code, entity, refers_to) = match p.member {
        Some(k) => {
            let (code, id) = m.members[k].clone();
            (code, Some(id), m.refers_to.get(k).cloned())
        }
        // A place visited ("flew to Jeddah") stands for its country.
        None if m.code.is_empty() => (m.country.clone().unwrap_or_default(), m.entity, m.refers_to.first().cloned()),
        None => (m.code.clone(), m.entity, m.refers_to.first().cloned()),
    };
    let read = code.parse::<ActorCode>().ok();
    // A member of "both sides" is known by its entity's code alone.
    let (country, role) = match p.member {
        Some(_) => read.as_ref().map_or((None, None), |c| (c.country().map(str::to_string), c.role())),
        None => (m.country.clone(), m.role),
    };
    ActorRef {
        provisional: read.is_some_and(|c| c.is_provisional()) || m.provisional,
        code,
        text: span_text(sentence, tokens, m.tokens.clone()).to_string(),
        span: [tokens[m.tokens.start].start, tokens[m.tokens.end - 1].end],
        country,
        role,
        refers_to,
        entity,
    }
}
