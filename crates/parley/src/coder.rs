//! The [`Coder`]: all stages, compiled once, run per document.

use crate::document::Document;
use crate::event::{ActorRef, AttributionRef, Event, PloverRef, VerbRef};
use parley_actors::{ActorMatcher, Mention, Resolver};
use parley_enrich::{DateInfo, Enricher};
use parley_events::{EventMatcher, Mode, Participant, SentenceEvent};
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

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Codes one document.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        let full;
        let raw = match &doc.title {
            Some(title) if !title.trim().is_empty() => {
                full = format!("{}\n\n{}", title.trim(), doc.text);
                full.as_str()
            }
            _ => doc.text.as_str(),
        };
        let text = parley_text::clean(raw);
        let tokens = parley_text::tokenize(&text);
        let sentences = parley_text::sentences(&text, &tokens);
        let mut resolver = Resolver::new(None);
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (index, s) in sentences.iter().enumerate() {
            let sentence = &text[s.span.clone()];
            // A headline repeated as the first line is one report, not two.
            if !seen.insert(sentence) {
                continue;
            }
            // Tokens relative to the sentence, so spans are sentence offsets.
            let local: Vec<Token> = tokens[s.tokens.clone()]
                .iter()
                .map(|t| Token { start: t.start - s.span.start, end: t.end - s.span.start, ..t.clone() })
                .collect();
            let mut mentions = self.actors.find(sentence, &local, doc.date);
            resolver.resolve(&local, &mut mentions);
            let coded = self.events.code_sentence(&local, &mentions);
            if coded.is_empty() {
                continue;
            }
            let facts = self.enricher.sentence(sentence, &local, doc.date);
            let date = facts.dates.first().cloned().or_else(|| doc.date.map(DateInfo::of_document));
            for e in coded {
                if e.mode == Mode::Negated && !self.options.keep_negated {
                    continue;
                }
                if let Some(event) = self.event(doc, index, sentence, &local, &mentions, e, date.clone()) {
                    out.push(event);
                }
            }
        }
        out
    }

    /// Codes many documents on the current rayon pool, keeping their order.
    pub fn code_all(&self, docs: &[Document]) -> Vec<Vec<Event>> {
        docs.par_iter().map(|d| self.code(d)).collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        doc: &Document,
        index: usize,
        sentence: &str,
        tokens: &[Token],
        mentions: &[Mention],
        e: SentenceEvent,
        date: Option<DateInfo>,
    ) -> Option<Event> {
        let code = self.lexicon.event_code(&e.code)?;
        let actor = |p: Option<Participant>| p.map(|p| actor_ref(sentence, tokens, mentions, p));
        let source = actor(e.source);
        let target = actor(e.target);
        let mut lexicon = e.lexicon.clone();
        for p in [e.source, e.target].into_iter().flatten() {
            lexicon.extend(mentions[p.mention].lexicon.iter().cloned());
        }
        let attribution = e.attribution.as_ref().map(|a| AttributionRef {
            text: span_text(sentence, tokens, a.tokens.clone()).to_string(),
            code: a.mention.map(|m| mentions[m].code.clone()).filter(|c| !c.starts_with("---") || c.len() > 3),
            cue: a.cue.clone(),
        });
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
            certainty: if e.hedges.is_empty() { "stated" } else { "hedged" }.to_string(),
            hedges: e.hedges,
            attribution,
            date: date.as_ref().map(|d| d.value.clone()),
            date_info: date,
            tense: e.tense,
            background: e.background,
            passive: e.passive,
            verb,
            lexicon,
        })
    }
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
        None => (m.code.clone(), m.entity, m.refers_to.first().cloned()),
    };
    let (country, role) = if p.member.is_some() { split_code(&code) } else { (m.country.clone(), m.role.clone()) };
    ActorRef {
        provisional: code.starts_with("X-") || m.provisional,
        code,
        text: span_text(sentence, tokens, m.tokens.clone()).to_string(),
        span: [tokens[m.tokens.start].start, tokens[m.tokens.end - 1].end],
        country,
        role,
        refers_to,
        entity,
    }
}

/// Country and role from a code ("USAGOV" -> USA, GOV; "X-COUNTRY-X-GOV" -> -, GOV).
fn split_code(code: &str) -> (Option<String>, Option<String>) {
    if let Some(rest) = code.strip_prefix("X-") {
        return (None, rest.rsplit('-').next().map(str::to_string));
    }
    let country = (code.len() >= 3 && !code.starts_with("---") && !code.starts_with("IGO")).then(|| code[..3].to_string());
    let role = (code.len() >= 6).then(|| code[3..6].to_string());
    (country, role)
}
