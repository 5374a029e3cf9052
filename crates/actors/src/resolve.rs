//! Linking mentions across a document into entities.
//!
//! The resolver keeps an entity table for one document and reads its sentences
//! in order. Each mention either starts an entity or joins one; a reference is
//! resolved against what came before it:
//! - "he"/"she" to the last person (a named person or a singular human agent
//!   such as "official"), "they" to the last group, "it" to the last state or
//!   organisation;
//! - "the latter"/"the former" to the last pair of conjoined actors ("X and Y"),
//!   "both sides" and "the warring factions" to both of that pair, or with no
//!   pair, to the last actor and the last one of another country near it;
//! - "the coalition" to the last entity whose words or role fit;
//! - an agent with no country ("the government", "the rebels") to the last
//!   entity of that role that has a country or a provisional name, else to the
//!   country of a place named in the sentence, else to the document's country;
//!   not an international one ("observers") or one called "foreign".

use crate::find::{called_foreign, join_code, Mention, MentionKind, Reference, COUNTRY_DESCRIPTIONS};
use crate::{can_be_a_side, conjoined, Role};
use parley_text::Token;

/// An actor of the document, with every name it went by.
#[derive(Clone, Debug)]
pub struct Entity {
    pub id: usize,
    pub code: String,
    pub name: String,
    pub country: Option<String>,
    pub role: Option<Role>,
    pub kind: MentionKind,
    pub plural: bool,
    pub provisional: bool,
    /// Norms of all the words it was called by.
    pub words: Vec<String>,
    /// Position of its last mention: (sentence, token).
    pub last_seen: (usize, usize),
    /// The last sentence it opened as the first actor named (its subject, usually).
    pub subject_of: Option<usize>,
}

impl Entity {
    fn person_like(&self) -> bool {
        match self.kind {
            MentionKind::Person => true,
            MentionKind::Agent => !self.plural && !self.words.iter().any(|w| INSTITUTIONS.contains(&w.as_str())),
            _ => false,
        }
    }

    fn group_like(&self) -> bool {
        self.plural || matches!(self.kind, MentionKind::Provisional | MentionKind::Organization)
            || matches!(self.role, Some(Role::REB | Role::OPP | Role::INS | Role::MIL))
    }

    /// A group the document calls by its name, from a dictionary or not.
    fn named_group(&self) -> bool {
        matches!(self.kind, MentionKind::Provisional | MentionKind::Organization) && self.country.is_none()
    }

    /// Makes `m`, a description of this named group ("the ruling party", "the
    /// journalists"), stand for it, with `why` for `--explain`.
    fn stand_for(&self, m: &mut Mention, why: &str) {
        m.code = self.code.clone();
        m.role = self.role;
        m.provisional = self.provisional;
        m.kind = self.kind;
        m.lexicon.push(format!("context: {why} ({})", self.name));
        m.refers_to = vec![self.name.clone()];
    }

    fn institution_like(&self) -> bool {
        matches!(self.kind, MentionKind::Country | MentionKind::Capital | MentionKind::Organization | MentionKind::Provisional)
            || (self.kind == MentionKind::Agent && !self.person_like() && !self.plural)
    }
}

/// The kinds of non-state group an agent word can stand for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum GroupFamily {
    /// Rebels, insurgents, armed factions.
    Armed,
    /// Parties and political movements.
    Opposition,
}

fn group_family(role: Role) -> Option<GroupFamily> {
    match role {
        _ if role.is_armed_group() => Some(GroupFamily::Armed),
        Role::OPP => Some(GroupFamily::Opposition),
        _ => None,
    }
}

/// Agent words that name institutions, not people ("it", not "he").
const INSTITUTIONS: &[&str] = &[
    "government", "ministry", "army", "military", "police", "administration", "parliament", "court", "cabinet",
    "regime", "navy", "opposition", "council", "embassy", "office", "agency", "senate", "congress", "coalition",
];

/// Definite heads that refer only to an entity called by them ("the
/// brigade" after "the Sons of the Eastern Gate Brigade", "the mission"
/// after "the UN mission").
const NAMED_ONLY_HEADS: &[&str] = &["brigade", "council", "mission", "agency"];

/// Words that open a clause with a subject of its own ("..., while France said it").
const CONTRASTS: &[&str] = &["while", "whereas", "but", ";"];

/// Head words of the name a junta gives itself.
const JUNTA_HEADS: &[&str] = &["council", "committee"];

/// Words between "in" and a country that still make it the place ("in northern Mali").
const DIRECTIONS: &[&str] = &["northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeastern", "northwestern", "southeastern", "southwestern"];

/// Whether an agent of `role` is the state's: its agents and its elites. Such
/// an agent takes no country from its sentence's other actors ("the
/// president" in a report about China and the US).
fn of_the_state(role: Role) -> bool {
    role.is_state_agent() || role == Role::ELI
}

/// The entity table of one document.
#[derive(Default)]
pub struct Resolver {
    entities: Vec<Entity>,
    /// Where each entity was last seen before the current sentence.
    seen_before: Vec<(usize, usize)>,
    last_pair: Option<(usize, usize)>,
    /// The sentence the last pair was named in.
    last_pair_sentence: usize,
    last_trio: Vec<usize>,
    /// Every group of actors named together so far ("Britain, France and
    /// Germany"), as entities: a side of a dispute with all its members.
    groups: Vec<Vec<usize>>,
    /// The events coded so far, as (source, target, whether in conflict), the
    /// lower entity first: "both sides" of a report are mostly its main dyad.
    acts: Vec<(usize, usize, bool)>,
    document_country: Option<String>,
    /// The country the document is about when no dateline says where it is from.
    topic_country: Option<String>,
    /// The groups with no country the whole document names ("the Hawks of
    /// the Sand Sea"), in order: "militants" in a headline over them are one.
    document_groups: Vec<Mention>,
    sentence: usize,
}

impl Resolver {
    /// A resolver for a new document; `document_country` (from a dateline, say)
    /// gives a country to agents that have none.
    pub fn new(document_country: Option<String>) -> Resolver {
        Resolver { document_country, ..Resolver::default() }
    }

    /// The country the document is about ([`crate::topic_country`]): agents
    /// with no country of their own and none from the sentence or the dateline
    /// take it, except one the report says it does not name ("an anonymous
    /// official"), who may as well be from the other side.
    pub fn with_topic_country(mut self, topic: Option<String>) -> Resolver {
        self.topic_country = topic;
        self
    }

    /// The groups with no country named anywhere in the document (each
    /// sentence's mentions, before linking): a countryless "rebels" or
    /// "militants" told before the one armed group the report names (in a
    /// headline, or earlier in the sentence that names it) is that group.
    pub fn with_document_groups<'m>(mut self, mentions: impl IntoIterator<Item = &'m Mention>) -> Resolver {
        for m in mentions {
            let named = matches!(m.kind, MentionKind::Provisional | MentionKind::Organization) && m.country.is_none();
            if named && !m.locative && !self.document_groups.iter().any(|g| g.code == m.code) {
                self.document_groups.push(m.clone());
            }
        }
        self
    }

    /// The entities seen so far.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Links the mentions of the next sentence (in text order) to entities.
    /// Returns the sentence's groups of conjoined mentions ([`conjoined`]),
    /// which linking reads and the events stage reads again.
    pub fn resolve(&mut self, tokens: &[Token], mentions: &mut [Mention]) -> Vec<Vec<usize>> {
        // Where the sentence happens: a place, or a country after "in" ("troops in Iraq").
        let place_country = mentions
            .iter()
            .find(|m| {
                // "in Iraq", "in northern Burkina Faso".
                let after_in = (1..=2).any(|back| {
                    m.tokens.start >= back
                        && matches!(tokens[m.tokens.start - back].norm.as_str(), "in" | "inside" | "across")
                        && (back == 1 || DIRECTIONS.contains(&tokens[m.tokens.start - 1].norm.as_str()))
                });
                m.country.is_some() && (m.locative || (after_in && m.kind == MentionKind::Country && m.role.is_none()))
            })
            .and_then(|m| m.country.clone());
        // The one country every named actor of the sentence shares, if they share
        // one; and the one its people and places share ("Israelis rallied in Tel
        // Aviv against the government"), which is home to its state agents too.
        let shared = |mut countries: Box<dyn Iterator<Item = &str> + '_>| {
            let first = countries.next()?;
            countries.all(|c| c == first).then(|| first.to_string())
        };
        let sentence_country = shared(Box::new(mentions.iter().filter(|m| !m.locative).filter_map(|m| m.country.as_deref())));
        let home_country = shared(Box::new(
            mentions
                .iter()
                .filter(|m| m.locative || m.role.is_some_and(|r| !of_the_state(r)))
                .filter_map(|m| m.country.as_deref()),
        ));
        // Where a countryless agent of the sentence is from: its people are
        // where it happens, its state agents home to its named actors.
        let (population_local, state_local) =
            (place_country.as_deref().or(sentence_country.as_deref()), place_country.as_deref().or(home_country.as_deref()));
        let local_country = |m: &Mention| {
            if m.role.is_some_and(of_the_state) {
                state_local
            } else {
                population_local
            }
        };
        self.seen_before = self.entities.iter().map(|e| e.last_seen).collect();
        // The country of the last actor named, for "its troops" after it.
        let mut owner_country: Option<String> = None;
        // Names first, so that a reference can point to a pair the sentence forms
        // before it ("X and Y clashed, with both sides reporting casualties").
        // Agents that belong to an actor of the sentence ("the council's leader",
        // "his men"), read once the references are: the owner may be one.
        let mut owned = Vec::new();
        for (i, m) in mentions.iter_mut().enumerate() {
            if m.locative || matches!(m.kind, MentionKind::Reference(_)) {
                continue;
            }
            if m.kind == MentionKind::Agent && m.country.is_none() && !m.unnamed && possessor(tokens, m.tokens.start).is_some() {
                owned.push(i);
                continue;
            }
            let position = (self.sentence, m.tokens.start);
            // "Japan pulled its troops out": a possessed agent belongs to the actor before it.
            let possessed = m.tokens.start > 0 && matches!(tokens[m.tokens.start - 1].norm.as_str(), "its" | "their");
            if m.kind == MentionKind::Agent && m.country.is_none() && possessed {
                if let Some(owner) = owner_country.clone() {
                    give_country(m, &owner, format!("context: its owner, the actor named before it ({owner})"));
                }
            }
            if m.kind == MentionKind::Agent && m.country.is_none() && !called_foreign(tokens, m.tokens.start) {
                self.place_agent(tokens, m, position, local_country(m));
            }
            m.entity = Some(self.entity_for(m, position));
            if m.country.is_some() && !possessed {
                owner_country = m.country.clone();
            }
        }
        if let Some(first) = mentions.iter().find(|m| !m.locative).and_then(|m| m.entity) {
            self.entities[first].subject_of = Some(self.sentence);
        }
        let all_groups = conjoined(tokens, mentions);
        let groups: Vec<&Vec<usize>> = all_groups.iter().filter(|g| g.len() >= 2).collect();
        for i in 0..mentions.len() {
            let MentionKind::Reference(kind) = mentions[i].kind else { continue };
            let at = mentions[i].tokens.start;
            for g in groups.iter().filter(|g| mentions[*g.last().expect("non-empty")].tokens.end <= at) {
                self.remember_group(g, mentions);
            }
            // "met Russia and the US, and the latter ...": a list the reference
            // closes is a pair of the actors before it.
            if let Some(g) = groups.iter().find(|g| g.contains(&i)) {
                self.remember_group(&g[..g.iter().position(|&k| k == i).expect("in the group")], mentions);
            }
            // "Dunovia accused its neighbour": the neighbour is not the speaker.
            let speaker_country = (kind == Reference::Neighbour)
                .then(|| mentions[..i].iter().rev().find(|m| !m.locative && m.country.is_some()).and_then(|m| m.country.clone()))
                .flatten();
            // "Army officers ... announced that they had dissolved the government":
            // a pronoun opening what the sentence's subject says is the subject.
            // The subject is the first actor of the speaker's own clause: in "the US
            // condemned the bombing, while France said it was ready", France.
            let clause_start = tokens[..at].iter().rposition(|t| CONTRASTS.contains(&t.norm.as_str())).map_or(0, |k| k + 1);
            let sayer_mention = opens_reported_speech(tokens, at)
                .then(|| {
                    mentions[..i]
                        .iter()
                        .position(|m| m.tokens.start >= clause_start && !m.locative && !matches!(m.kind, MentionKind::Reference(_)))
                })
                .flatten();
            let sayer = sayer_mention.and_then(|k| mentions[k].entity);
            // "Britain, France and Germany called ... and warned that they would":
            // a plural pronoun opening what a list of speakers says is all of them.
            let sayers: Vec<usize> = sayer_mention
                .and_then(|k| groups.iter().find(|g| g.first() == Some(&k) && g.iter().all(|&j| mentions[j].tokens.end <= at)))
                .map(|g| g.iter().filter_map(|&j| mentions[j].entity).collect())
                .unwrap_or_default();
            // "They warned that ...": a pronoun that opens its sentence and speaks.
            let speaks = at == 0 && tokens.get(mentions[i].tokens.end).is_some_and(|t| SAYING.contains(&t.norm.as_str()));
            // The actors its sentence names before it, for "a charge the latter rejected".
            let sentence_before: Vec<usize> = mentions[..i].iter().filter(|m| !m.locative).filter_map(|m| m.entity).collect();
            let around = Around { speaker_country: speaker_country.as_deref(), sayer, sayers: &sayers, speaks, sentence_before: &sentence_before };
            self.resolve_reference(&mut mentions[i], kind, (self.sentence, at), around);
            // "the government" with no government before it is an agent like any other.
            let m = &mut mentions[i];
            if let (None, Reference::Definite, Some(role)) = (m.entity, kind, m.role) {
                m.kind = MentionKind::Agent;
                m.code = format!("---{role}");
                self.give_agent_a_country(m, true, local_country(m));
                m.entity = Some(self.entity_for(m, (self.sentence, at)));
            }
        }
        for i in owned {
            let position = (self.sentence, mentions[i].tokens.start);
            let owner = match possessor(tokens, position.1) {
                // "the council's leader": the actor just before "'s".
                Some(Possessor::Named) => mentions[..i].iter().rev().find(|o| o.tokens.end + 1 == position.1),
                // "said his men": the last actor named before the pronoun.
                _ => mentions[..i].iter().rev().find(|o| o.tokens.end < position.1),
            };
            let owner = owner.filter(|o| !o.locative).and_then(|o| o.entity);
            let local = local_country(&mentions[i]);
            let m = &mut mentions[i];
            if !owner.is_some_and(|owner| self.take_owners_side(m, owner)) && !called_foreign(tokens, position.1) {
                self.place_agent(tokens, m, position, local);
            }
            m.entity = Some(self.entity_for(m, position));
        }
        for g in &groups {
            self.remember_group(g, mentions);
        }
        self.sentence += 1;
        all_groups
    }

    /// Gives a countryless agent of the sentence its side: "the rebels",
    /// "rebel fire", "its fighters" in a report about one named armed group
    /// are that group; any other agent takes a country
    /// ([`Resolver::give_agent_a_country`]).
    fn place_agent(&self, tokens: &[Token], m: &mut Mention, position: (usize, usize), local: Option<&str>) {
        let definite = m.tokens.start > 0 && tokens[m.tokens.start - 1].norm == "the";
        let joined = (definite && (self.join_described_group(m, position) || self.join_newsroom(m, position))) || self.join_named_group(m);
        if !joined {
            self.give_agent_a_country(m, definite, local);
        }
    }

    /// Makes an agent that belongs to entity `owner` ("the council's leader",
    /// "his men") the owner's side: a named group or a body of no country is
    /// itself (its leader speaks for it, its men fight for it), an actor of
    /// a country gives the agent that country. Returns whether it did: an
    /// owner of no known side gives nothing.
    fn take_owners_side(&self, m: &mut Mention, owner: usize) -> bool {
        let e = &self.entities[owner];
        if e.named_group() {
            e.stand_for(m, "the actor it belongs to");
            return true;
        }
        let Some(country) = &e.country else { return false };
        give_country(m, country, format!("context: the actor it belongs to ({})", e.name));
        m.provisional = e.provisional;
        true
    }

    /// Keeps the last pair and the last trio of conjoined actors, for "both
    /// sides", "the latter", "the three countries".
    fn remember_group(&mut self, group: &[usize], mentions: &[Mention]) {
        // Only names make a pair: "each other, and the US" is no pair.
        if group.iter().any(|&m| matches!(mentions[m].kind, MentionKind::Reference(_))) {
            return;
        }
        let ids: Vec<usize> = group.iter().filter_map(|&m| mentions[m].entity).collect();
        let distinct = ids.iter().enumerate().all(|(k, id)| !ids[..k].contains(id));
        if !distinct {
            return;
        }
        if !self.groups.contains(&ids) {
            self.groups.push(ids.clone());
        }
        match ids.as_slice() {
            [x, y] => {
                self.last_pair = Some((*x, *y));
                self.last_pair_sentence = self.sentence;
            }
            [_, _, _] => self.last_trio = ids,
            _ => {}
        }
    }

    /// Links a countryless agent of an armed or opposition group ("the rebels",
    /// "fighters") to the one group of that kind the document names, when it
    /// names exactly one: named so far, or for an armed group anywhere in the
    /// document when none is named so far (an opposition is any party, the
    /// ruling one too, until one is named). Rebels in a report that names no
    /// armed group at all are its one political group: a "National Council"
    /// or "Movement" reads as a party by its head word, but the report calls
    /// its members rebels. Returns whether it did.
    fn join_named_group(&self, m: &mut Mention) -> bool {
        let Some(kind) = m.role.and_then(group_family) else { return false };
        let armed_named = self.document_groups.iter().any(|g| g.role.and_then(group_family) == Some(GroupFamily::Armed));
        let one = match kind {
            GroupFamily::Armed if !armed_named => self.one_named_group(GroupFamily::Opposition, true),
            GroupFamily::Armed => self.one_named_group(kind, true),
            GroupFamily::Opposition => self.one_named_group(kind, false),
        };
        let Some((code, role, provisional, name)) = one else { return false };
        m.code = code;
        m.role = role;
        m.provisional = provisional;
        m.lexicon.push(format!("context: the one group of its kind the report names ({name})"));
        m.refers_to = vec![name];
        true
    }

    /// Links a definite agent ("the ruling party", "the opposition") to the
    /// named group last called so beside its name ("the ruling Sovereign
    /// Party", "the main opposition party, the Rally for Renewal"): every word
    /// of the agent among the group's, one at least from what it was called
    /// and not from the name itself ("the army" is no "Liberation Army").
    /// Returns whether it did.
    fn join_described_group(&self, m: &mut Mention, position: (usize, usize)) -> bool {
        // The name's words are made only for a group that passes the rest.
        let described = |e: &Entity| {
            e.named_group() && m.words.iter().all(|w| e.words.contains(w)) && {
                let name: Vec<String> = e.name.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
                m.words.iter().any(|w| !name.contains(w))
            }
        };
        let Some(id) = self.most_recent(position, described) else { return false };
        self.entities[id].stand_for(m, "the group called so beside its name");
        true
    }

    /// Links "the journalists", "the reporters" to the newsmen of a medium the
    /// report named ("three reporters from the weekly Free Voice"), the last
    /// told. Returns whether it did.
    fn join_newsroom(&self, m: &mut Mention, position: (usize, usize)) -> bool {
        if !(m.plural && m.role == Some(Role::MED)) {
            return false;
        }
        let Some(id) = self.most_recent(position, |e| e.named_group() && e.plural && e.role == Some(Role::MED)) else { return false };
        self.entities[id].stand_for(m, "the newsmen of the medium named before");
        true
    }

    /// The one group of `kind` named so far (code, role, provisional, name), or
    /// with `ahead`, when none is, the one the whole document names.
    fn one_named_group(&self, kind: GroupFamily, ahead: bool) -> Option<(String, Option<Role>, bool, String)> {
        let of_kind = |role: &Option<Role>| role.and_then(group_family) == Some(kind);
        let mut named = self.entities.iter().filter(|e| e.named_group() && of_kind(&e.role)).map(|e| (&e.code, &e.role, e.provisional, &e.name));
        let mut in_document = self.document_groups.iter().filter(|g| of_kind(&g.role)).map(|g| (&g.code, &g.role, g.provisional, &g.name));
        let (code, role, provisional, name) = match (named.next(), named.next()) {
            (Some(e), None) => e,
            (None, _) if ahead => match (in_document.next(), in_document.next()) {
                (Some(g), None) => g,
                _ => return None,
            },
            _ => return None,
        };
        Some((code.clone(), *role, provisional, name.clone()))
    }

    /// Gives a countryless agent its country: "the government" (definite,
    /// singular) is the last government the document named; any other agent
    /// takes the country of its sentence (`local`), else the document's.
    fn give_agent_a_country(&self, m: &mut Mention, definite: bool, local: Option<&str>) {
        let role = m.role;
        // International agents ("international observers") belong to no country.
        if role == Some(Role::IGO) {
            return;
        }
        let known = role.and_then(|role| {
            let earlier = self.entities.iter().rev().filter(|e| e.role == Some(role) && (e.country.is_some() || e.provisional));
            earlier.max_by_key(|e| e.last_seen).filter(|_| definite && !m.plural).map(|e| (role, e))
        });
        if let Some((role, e)) = known {
            m.code = e.code.clone();
            m.country = e.country.clone();
            m.provisional = e.provisional;
            m.refers_to = vec![e.name.clone()];
            m.name = e.name.clone();
            m.lexicon.push(format!("context: the {role} named earlier ({})", e.name));
            return;
        }
        let topic = self.topic_country.as_deref().filter(|_| !m.unnamed);
        let (country, why) = match (local, self.document_country.as_deref(), topic) {
            (Some(c), _, _) => (c, "its sentence's country"),
            (None, Some(c), _) => (c, "the dateline's country"),
            (None, None, Some(c)) => (c, "the country the report is about"),
            (None, None, None) => return,
        };
        give_country(m, country, format!("context: {why} ({country})"));
        m.country_from_context = true;
    }

    fn entity_for(&mut self, m: &Mention, position: (usize, usize)) -> usize {
        // Agents are the same entity only under the same head word: "protesters"
        // and "hostages" may both be ISRCVL and still be two groups.
        let by_head = m.kind == MentionKind::Agent || m.code.starts_with("---");
        let same = self
            .entities
            .iter_mut()
            .find(|e| e.code == m.code && (!by_head || e.kind != MentionKind::Agent && !e.code.starts_with("---") || e.words.last() == m.words.last()));
        if let Some(e) = same {
            // Told first as "militants" over the group it then names: the
            // entity is the named group from here on ("it" finds it).
            if m.provisional && e.kind == MentionKind::Agent && m.kind != MentionKind::Agent {
                e.kind = m.kind;
                e.plural = m.plural;
                e.name = m.name.clone();
            }
            e.last_seen = position;
            for w in &m.words {
                if !e.words.contains(w) {
                    e.words.push(w.clone());
                }
            }
            return e.id;
        }
        let id = self.entities.len();
        self.entities.push(Entity {
            id,
            code: m.code.clone(),
            name: m.name.clone(),
            country: m.country.clone(),
            role: m.role,
            kind: m.kind,
            plural: m.plural,
            provisional: m.provisional,
            words: m.words.clone(),
            last_seen: position,
            subject_of: None,
        });
        id
    }

    /// Where an entity was last seen before `position`: mentions later in the
    /// current sentence do not count.
    fn seen(&self, e: &Entity, position: (usize, usize)) -> Option<(usize, usize)> {
        if e.last_seen < position {
            return Some(e.last_seen);
        }
        self.seen_before.get(e.id).copied().filter(|&p| p < position)
    }

    /// The two sides last seen before `position` in earlier sentences, in the
    /// order they were seen: the entity seen last, and the last one of another
    /// known country seen in its sentence or the one before ("Russian forces
    /// shelled Kharkiv, killing civilians, Ukrainian officials said. Both sides
    /// ..." are Russia's forces and Ukraine's officials, not the civilians and
    /// the officials); when there is none, the entity seen before it.
    fn last_two(&self, position: (usize, usize)) -> Vec<usize> {
        let mut seen: Vec<((usize, usize), usize)> = self
            .entities
            .iter()
            .filter_map(|e| Some((self.seen(e, position)?, e.id)))
            .filter(|(at, _)| at.0 < position.0)
            .collect();
        seen.sort();
        seen.reverse();
        let Some(&(last_at, last)) = seen.first() else { return Vec::new() };
        let country = |id: usize| self.entities[id].country.as_deref();
        let other_country = country(last).and_then(|c| {
            seen[1..].iter().take_while(|(at, _)| at.0 + 1 >= last_at.0).find(|(_, id)| country(*id).is_some_and(|o| o != c))
        });
        let other = other_country.or_else(|| seen.get(1)).map(|&(_, id)| id);
        other.map(|other| vec![other, last]).unwrap_or_default()
    }

    /// The pair "the latter" and "the former" choose from: one conjoined in
    /// their sentence ("X and Y met, and the latter ..."); else the first two
    /// actors their sentence names before them (`sentence_before`, in order:
    /// "X accused Y of plotting, a charge the latter rejected" is Y, not
    /// whatever the charge names); else the last pair conjoined, else the
    /// two actors named last.
    fn pair_for_latter(&self, position: (usize, usize), sentence_before: &[usize]) -> Option<(usize, usize)> {
        if let Some(pair) = self.last_pair.filter(|_| self.last_pair_sentence == position.0) {
            return Some(pair);
        }
        let first = sentence_before.first().copied();
        let second = sentence_before.iter().copied().find(|&id| Some(id) != first);
        if let (Some(first), Some(second)) = (first, second) {
            return Some((first, second));
        }
        self.last_pair.or_else(|| match self.last_two(position)[..] {
            [a, b] => Some((a, b)),
            _ => None,
        })
    }

    /// Notes that entity `source` acted on entity `target` in a coded event
    /// (`conflict`: a demand, threat, protest or use of force), for "both
    /// sides" later in the document.
    pub fn note_event(&mut self, source: usize, target: usize, conflict: bool) {
        self.acts.push((source.min(target), source.max(target), conflict));
    }

    /// The [`crate::main_dyad`] of the events so far among entities that can
    /// be sides ([`can_be_a_side`]) of different countries, lower entity first.
    fn main_dyad(&self) -> Option<(usize, usize)> {
        let country = |id: usize| self.entities[id].country.as_deref();
        let side = |id: usize| can_be_a_side(&self.entities[id].code, self.entities[id].role);
        let apart = |a: usize, b: usize| country(a).is_none() || country(b).is_none() || country(a) != country(b);
        let acts = self.acts.iter().copied().filter(|&(a, b, _)| apart(a, b) && side(a) && side(b));
        crate::main_dyad(acts, |a, b| a == b)
    }

    /// Every party of the report's dispute so far, for "all sides" and "all
    /// parties": the two sides most often set against each other, an actor's
    /// agents and the actor one side ("Iran" and "Iran's foreign ministry"),
    /// each with every actor named together with it and not with the other
    /// ("Britain, France and Germany warned Iran": the three are one side).
    /// Empty when the report has set no one against anyone yet.
    fn all_sides(&self) -> Vec<usize> {
        let country = |id: usize| self.entities[id].country.as_deref();
        let side = |id: usize| can_be_a_side(&self.entities[id].code, self.entities[id].role);
        let apart = |a: usize, b: usize| country(a).is_none() || country(b).is_none() || country(a) != country(b);
        let one_side = |a: &usize, b: &usize| a == b || (country(*a).is_some() && country(*a) == country(*b));
        let acts = self.acts.iter().copied().filter(|&(a, b, _)| apart(a, b) && side(a) && side(b));
        let Some((a, b)) = crate::main_dyad(acts, one_side) else { return Vec::new() };
        let mut parties = vec![a, b];
        for group in &self.groups {
            let with = |x: usize| group.iter().any(|g| one_side(g, &x));
            if with(a) != with(b) {
                for &id in group {
                    if !parties.contains(&id) {
                        parties.push(id);
                    }
                }
            }
        }
        parties
    }

    /// The entity that fits and opened the sentence before `position`, else
    /// the most recent one that fits.
    fn previous_opener(&self, position: (usize, usize), fits: impl Fn(&Entity) -> bool) -> Option<usize> {
        let previous_subject = position.0.checked_sub(1);
        let opener = self
            .entities
            .iter()
            .find(|e| fits(e) && e.subject_of.is_some() && e.subject_of == previous_subject && self.seen(e, position).is_some());
        opener.map(|e| e.id).or_else(|| self.most_recent(position, fits))
    }

    fn most_recent(&self, before: (usize, usize), fits: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.entities.iter().filter(|e| fits(e)).filter_map(|e| Some((self.seen(e, before)?, e.id))).max().map(|(_, id)| id)
    }

    fn resolve_reference(
        &mut self,
        m: &mut Mention,
        kind: Reference,
        position: (usize, usize),
        around: Around,
    ) {
        let Around { speaker_country, sayer, sayers, speaks, sentence_before } = around;
        let fits_pronoun = |e: &Entity| match kind {
            Reference::Singular => e.person_like(),
            Reference::Plural => e.group_like(),
            Reference::Neuter => e.institution_like(),
            _ => false,
        };
        let targets: Vec<usize> = match kind {
            Reference::Plural if sayers.len() > 1 => sayers.to_vec(),
            _ if sayer.is_some_and(|s| fits_pronoun(&self.entities[s])) => sayer.into_iter().collect(),
            // A pronoun prefers the person who opened the previous sentence ("Scholz
            // met Xi. He urged China ...": he is Scholz).
            Reference::Singular => self.previous_opener(position, Entity::person_like).into_iter().collect(),
            // "The TLA said the raids killed 11 civilians. They warned that ...":
            // a plural pronoun that speaks, opening its sentence, is the group
            // that opened the previous one, not the victims named since.
            Reference::Plural if speaks => self.previous_opener(position, Entity::group_like).into_iter().collect(),
            Reference::Plural => self.most_recent(position, Entity::group_like).into_iter().collect(),
            Reference::Neuter => self.most_recent(position, Entity::institution_like).into_iter().collect(),
            Reference::Latter => self.pair_for_latter(position, sentence_before).map(|p| vec![p.1]).unwrap_or_default(),
            Reference::Former => self.pair_for_latter(position, sentence_before).map(|p| vec![p.0]).unwrap_or_default(),
            // With no conjoined pair yet ("Putin met Xi. The two leaders ..."), the two
            // actors named last.
            // A pair just named ("India and Pakistan ... both sides") comes first;
            // then the two sides the report's events so far set against each
            // other; then an older pair, or the two actors named last.
            // "called on all sides": every party of the dispute, which may
            // be more than two.
            Reference::Pair if m.words.first().is_some_and(|w| w == "all") => self.all_sides(),
            Reference::Pair => match (self.last_pair, self.main_dyad()) {
                (Some(p), _) if self.last_pair_sentence + 1 >= position.0 => vec![p.0, p.1],
                (_, Some(d)) => vec![d.0, d.1],
                (Some(p), None) => vec![p.0, p.1],
                (None, None) => self.last_two(position),
            },
            Reference::Trio => self.last_trio.clone(),
            Reference::Neighbour => self
                .most_recent(position, |e| e.country.is_some() && e.country.as_deref() != speaker_country)
                .into_iter()
                .collect(),
            // "the Gulf state" is a country named before this sentence (in "France
            // and Italy thanked the Gulf state" it is neither of them), else in it.
            Reference::Definite if m.words.last().is_some_and(|h| COUNTRY_DESCRIPTIONS.contains(&h.as_str())) => {
                let country = |e: &Entity| e.kind == MentionKind::Country && e.role.is_none();
                self.most_recent((position.0, 0), country).or_else(|| self.most_recent(position, country)).into_iter().collect()
            }
            // "the bloc" is an international organisation, or a group the report
            // named a bloc ("the Patriotic Bloc"), the last told.
            Reference::Definite if m.words.last().is_some_and(|h| h == "bloc") => {
                let bloc = |e: &Entity| e.role == Some(Role::IGO) || (e.named_group() && e.words.iter().any(|w| w == "bloc"));
                self.most_recent(position, bloc).into_iter().collect()
            }
            Reference::Definite => {
                let head = m.words.last().cloned().unwrap_or_default();
                let by_word = self.most_recent(position, |e| e.words.contains(&head));
                // "the junta" is the council the soldiers named themselves ("the
                // National Council for Salvation"), once the report names one.
                let council = |e: &Entity| e.named_group() && e.words.iter().any(|w| JUNTA_HEADS.contains(&w.as_str()));
                by_word
                    .or_else(|| if head == "junta" { self.most_recent(position, council) } else { None })
                    .or_else(|| {
                        // "the brigade", "the council" are a group called so, or the
                        // agent the word is: no group of another name.
                        if NAMED_ONLY_HEADS.contains(&head.as_str()) {
                            return None;
                        }
                        let roles: &[Role] = match head.as_str() {
                            "government" | "regime" | "junta" => &[Role::GOV],
                            "rebels" | "insurgents" | "militants" | "militia" | "front" => &[Role::REB, Role::INS],
                            _ => &[Role::REB, Role::OPP, Role::INS],
                        };
                        // A group the document names ("the Popular Front ...") before any
                        // bare agent of the same role ("rebel mortar fire").
                        let fits = |e: &Entity| e.role.is_some_and(|r| roles.contains(&r));
                        self.most_recent(position, |e| fits(e) && e.named_group())
                            .or_else(|| self.most_recent(position, fits))
                    })
                    .into_iter()
                    .collect()
            }
        };
        if targets.is_empty() {
            return;
        }
        for &id in &targets {
            self.entities[id].last_seen = position;
        }
        let first = &self.entities[targets[0]];
        m.code = first.code.clone();
        m.country = first.country.clone();
        m.role = first.role;
        m.provisional = first.provisional;
        m.entity = Some(first.id);
        m.refers_to = targets.iter().map(|&id| self.entities[id].name.clone()).collect();
        // The neighbour is the country of whoever was named, not its troops:
        // "X-MORVATH-MIL" is "X-MORVATH", "ETHMIL" is "ETH".
        if kind == Reference::Neighbour {
            if let (Some(role), Some(country)) = (m.role.take(), m.country.clone()) {
                m.code = match m.code.strip_suffix(&format!("-{role}")) {
                    Some(provisional) => provisional.to_string(),
                    None => country,
                };
            }
        }
        m.lexicon.push(format!("context: coreference, \"{}\" is {}", m.name, m.refers_to.join(" and ")));
        if targets.len() > 1 {
            m.members = targets.iter().map(|&id| (self.entities[id].code.clone(), id)).collect();
        }
    }
}

/// Makes agent `m` an agent of `country` (`---MIL` in Iraq is `IRQMIL`; one
/// with no role is the country itself), with `why` for `--explain`.
fn give_country(m: &mut Mention, country: &str, why: String) {
    m.code = m.role.map_or_else(|| country.to_string(), |role| join_code(country, role));
    m.country = Some(country.to_string());
    m.lexicon.push(why);
}

/// What a reference's sentence says around it, for resolving it.
struct Around<'a> {
    /// For "its neighbour": the country of the actor named before it.
    speaker_country: Option<&'a str>,
    /// The speaker whose words the reference opens ("X said it would").
    sayer: Option<usize>,
    /// When the speaker is the first of a list of actors ("X, Y and Z
    /// said they"), the entities of the whole list.
    sayers: &'a [usize],
    /// A pronoun that opens its sentence and speaks ("They warned that").
    speaks: bool,
    /// The entities the sentence names before the reference, in order.
    sentence_before: &'a [usize],
}

/// How the words before an agent say whose it is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Possessor {
    /// "the council's leader": the actor just before "'s".
    Named,
    /// "his men", "her aides": the person last named.
    Pronoun,
}

/// Whose the agent at token `at` is, if the words before it say so: a
/// possessive "'s" right after a word, or "his"/"her". ("its" and "their"
/// are read where agents are placed: the last actor with a country.)
fn possessor(tokens: &[Token], at: usize) -> Option<Possessor> {
    match at.checked_sub(1).map(|k| tokens[k].norm.as_str()) {
        Some("'s") if at >= 2 => Some(Possessor::Named),
        Some("his" | "her") => Some(Possessor::Pronoun),
        _ => None,
    }
}

/// Verbs of saying, in the past or present. Not the lexicon's `reporting`
/// cues (cues.txt), and on purpose: those mark whose report a clause is, and
/// hold verbs that pass on others' words ("reported", "quoted", "cited",
/// "wrote"), after which a pronoun need not be the reporter; these are verbs
/// of the speaker's own word, commitments and denials included ("vowed it
/// would", "denied that they ..."), which the cues file as intentions ("vowed
/// to") or not at all. The resolver also runs before the events stage scans
/// the cues.
const SAYING: &[&str] = &[
    "said", "says", "announced", "announces", "added", "warned", "insisted", "claimed", "declared", "stated", "told",
    "vowed", "pledged", "promised", "threatened", "denied", "confirmed", "acknowledged", "admitted",
];

/// Whether the pronoun at `at` opens what someone says: "said it would",
/// "insisted that he", "announced on state television that they".
fn opens_reported_speech(tokens: &[Token], at: usize) -> bool {
    let before = |k: usize| at.checked_sub(k).map(|k| tokens[k].norm.as_str());
    SAYING.contains(&before(1).unwrap_or("")) || before(1) == Some("that") && (2..=5).any(|k| SAYING.contains(&before(k).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorMatcher;
    use parley_lexicon::Lexicon;

    fn matcher() -> ActorMatcher {
        let mut lex = Lexicon::default();
        lex.add_file(
            "countries.txt",
            "USA | United States; US | American | Washington\nRUS | Russia | Russian | Moscow\nUKR | Ukraine | Ukrainian | Kyiv\n",
        )
        .unwrap();
        lex.add_file("organizations.txt", "IGOUNO | UN mission\n").unwrap();
        lex.add_file(
            "agents.txt",
            "GOV | government; president; official; officials; leader\nOPP | opposition\nMIL | forces; soldiers; commander\nCVL | civilians; men\n",
        )
        .unwrap();
        lex.add_file("org_heads.txt", "REB | Front\n").unwrap();
        ActorMatcher::new(&lex)
    }

    /// Resolves each sentence and returns, for each, the (text, code, refers_to) of its mentions.
    fn run(sentences: &[&str]) -> Vec<Vec<(String, String, Vec<String>)>> {
        let matcher = matcher();
        let mut resolver = Resolver::new(None);
        sentences
            .iter()
            .map(|s| {
                let tokens = parley_text::tokenize(s);
                let mut mentions = matcher.find(s, &tokens, None);
                resolver.resolve(&tokens, &mut mentions);
                mentions
                    .into_iter()
                    .map(|m| (s[tokens[m.tokens.start].start..tokens[m.tokens.end - 1].end].to_string(), m.code, m.refers_to))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn they_opening_what_a_list_of_speakers_says_is_the_whole_list() {
        let out = run(&["Reporters in Kyiv saw the convoy.", "Russia, Ukraine and the United States said they would meet."]);
        let they = out[1].iter().find(|m| m.0 == "they").expect("the pronoun is a mention");
        assert_eq!(they.2.len(), 3, "{they:?}");
    }

    #[test]
    fn a_pronoun_finds_the_official_of_the_headline() {
        let out = run(&["Senior Official Seeks US Mediation", "He asked the US president for talks."]);
        assert_eq!(out[1][0].0, "He");
        assert_eq!(out[1][0].1, "---GOV");
    }

    #[test]
    fn latter_and_both_sides_follow_the_last_pair() {
        let out = run(&[
            "The parties are the government of Country X and the opposition coalition led by the Revolutionary Front.",
            "The latter was accused of crimes.",
            "The US imposed sanctions on both sides.",
            "The coalition denied it.",
            "Allies of the government spoke.",
        ]);
        assert_eq!(out[1][0].1, "X-REVOLUTIONARY-FRONT-REB");
        let both = out[2].iter().find(|m| m.0 == "both sides").unwrap();
        assert_eq!(both.2, ["Country X", "Revolutionary Front"]);
        assert_eq!(out[3][0].1, "X-REVOLUTIONARY-FRONT-REB");
        assert_eq!(out[4][0].1, "X-COUNTRY-X-GOV");
    }

    #[test]
    fn an_agent_a_named_actor_owns_is_the_owners_side() {
        // "The front's leader said his men ...": the leader speaks for the
        // group the reference names, and his men are the group's, not
        // civilians of the country the report is about.
        let out = run(&[
            "Ukraine and the Northern Front signed a truce.",
            "The front's leader said his men would leave the towns once the forces had gone.",
        ]);
        let code = |text: &str| out[1].iter().find(|m| m.0 == text).map(|m| m.1.clone()).unwrap();
        assert_eq!(code("leader"), "X-NORTHERN-FRONT-REB");
        assert_eq!(code("men"), "X-NORTHERN-FRONT-REB");
        // "The mission's commander said his soldiers ...": a body of no country
        // owns its commander and his soldiers.
        let out = run(&["The UN mission in Ukraine said a convoy was hit.", "The mission's commander said his soldiers returned fire."]);
        assert_eq!(out[1].iter().map(|m| m.1.as_str()).collect::<Vec<_>>(), ["IGOUNO", "IGOUNO", "IGOUNO"]);
        // An owner of a country gives its country: "Russia's president and his
        // forces" are Russia's, though the speaker is Ukraine.
        let out = run(&["Ukraine said Russia's president and his forces would stay."]);
        assert_eq!(out[0].iter().find(|m| m.0 == "forces").map(|m| m.1.as_str()), Some("RUSMIL"));
    }

    #[test]
    fn the_latter_of_a_sentence_with_no_pair_is_the_second_actor_it_names() {
        // "X accused Y of ..., a charge the latter rejected": Y, though a pair
        // was conjoined sentences before and the charge names another actor.
        let out = run(&[
            "Russia and the United States met in Geneva.",
            "The winter was cold.",
            "Ukraine accused the Eastern Front of plotting against the government, a charge the latter rejected.",
        ]);
        let latter = out[2].iter().find(|m| m.0 == "the latter").unwrap();
        assert_eq!(latter.1, "X-EASTERN-FRONT-REB");
        // A pair conjoined in the sentence still comes first.
        let out = run(&["Ukraine met Russia and the United States, and the latter left."]);
        assert_eq!(out[0].iter().find(|m| m.0 == "the latter").unwrap().1, "USA");
        // With no second actor in its sentence, the last pair conjoined.
        let out = run(&["Russia and the United States met.", "The latter left."]);
        assert_eq!(out[1][0].1, "USA");
    }

    #[test]
    fn the_government_with_none_before_it_is_an_agent_of_its_sentence() {
        let government = |out: &[Vec<(String, String, Vec<String>)>]| out[0].last().map(|m| (m.0.clone(), m.1.clone())).unwrap();
        assert_eq!(government(&run(&["Civilians in Ukraine marched against the government."])), ("the government".into(), "UKRGOV".into()));
        assert_eq!(government(&run(&["Civilians attacked the government."])), ("the government".into(), "---GOV".into()));
    }

    #[test]
    fn all_sides_are_every_party_of_the_dispute_with_the_actors_named_with_them() {
        let mut lex = Lexicon::default();
        lex.add_file("countries.txt", "XVA | Valmora | Valmoran | Vala\nXKE | Kestia | Kestian | Kesta\nXDO | Dorland | Dorlander | Dora\nXTA | Tarsia | Tarsian | Tara\nXRU | Rusk | Ruskan | Rusa\n").unwrap();
        lex.add_file("organizations.txt", "IGOUNO | UN mission\n").unwrap();
        let matcher = ActorMatcher::new(&lex);
        let mut resolver = Resolver::new(None);
        let read = |resolver: &mut Resolver, s: &str| {
            let tokens = parley_text::tokenize(s);
            let mut mentions = matcher.find(s, &tokens, None);
            resolver.resolve(&tokens, &mut mentions);
            mentions
        };
        let entity = |mentions: &[Mention], k: usize| mentions[k].entity.unwrap();
        // Three countries named together against a fourth, which answers one
        // of them; the fourth also bars a body of no country once.
        let first = read(&mut resolver, "Valmora, Kestia and Dorland criticised Tarsia.");
        let second = read(&mut resolver, "Tarsia accused Valmora and barred the UN mission.");
        for k in 0..3 {
            resolver.note_event(entity(&first, k), entity(&first, 3), true);
        }
        resolver.note_event(entity(&second, 0), entity(&second, 1), true);
        resolver.note_event(entity(&second, 0), entity(&second, 2), true);
        let third = read(&mut resolver, "Rusk urged all sides to show restraint.");
        let all = third.iter().find(|m| m.words.first().is_some_and(|w| w == "all")).unwrap();
        assert_eq!(all.refers_to, ["Valmora", "Tarsia", "Kestia", "Dorland"]);
    }

    #[test]
    fn both_sides_without_a_pair_are_the_last_two_of_different_countries() {
        let out = run(&[
            "Russian forces shelled the city, killing civilians, Ukrainian officials said.",
            "The UN urged both sides to stop.",
        ]);
        let both = out[1].iter().find(|m| m.0 == "both sides").unwrap();
        assert_eq!(both.2, ["Russian forces", "Ukrainian officials"]);
        // Two actors of one country are the two sides when no other is near.
        let out = run(&[
            "Ukraine signed the deal.",
            "The winter was cold.",
            "Russian forces shelled Russian civilians.",
            "The UN urged both sides to stop.",
        ]);
        let both = out[3].iter().find(|m| m.0 == "both sides").unwrap();
        assert_eq!(both.2, ["Russian forces", "Russian civilians"]);
    }
}
