//! Finding actor mentions in one sentence.

use chrono::NaiveDate;
use parley_lexicon::{Case, Lexicon, Phrase, PlaceKind};
use crate::unknown::DocumentNames;
use crate::{ActorCode, Role};
use parley_text::{PhraseTrie, Token};
use std::ops::Range;

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A state by name or adjective ("Ukraine", "Ukrainian").
    Country,
    /// A capital standing for its government ("Moscow said").
    Capital,
    /// An organisation or group from the lexicon.
    Organization,
    /// A person from the lexicon, coded with their dated role.
    Person,
    /// An agent, with or without its country ("Russian forces", "police").
    Agent,
    /// A named actor no dictionary holds, with an inferred role.
    Provisional,
    /// A pronoun or description that refers to an entity mentioned before.
    Reference(Reference),
}

/// The kinds of referring expressions the resolver links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    /// he, she, him, her: a person.
    Singular,
    /// they, them: a group or several actors.
    Plural,
    /// it: a state or an organisation.
    Neuter,
    /// "the latter".
    Latter,
    /// "the former".
    Former,
    /// "both sides", "the two parties", "the warring factions".
    Pair,
    /// "the coalition", "the group": the last entity whose name or role fits.
    Definite,
    /// "the three countries": the last three conjoined actors.
    Trio,
    /// "its neighbour": the country last named other than the speaker's.
    Neighbour,
}

/// An actor mention in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Token indices in the sentence's token slice.
    pub tokens: Range<usize>,
    /// The CAMEO-style code ("USAGOV", "IGOUNO", "---MIL", "X-COUNTRY-X-GOV").
    pub code: String,
    pub kind: MentionKind,
    /// ISO3 country, when known.
    pub country: Option<String>,
    /// Agent or role code ("GOV", "REB"), when known.
    pub role: Option<Role>,
    /// The role goes before the code of a country joined to it, not after
    /// (TABARI's prefix agents, `[NGO~]`: "MSF" + Arnor is `NGOARN`). Only
    /// composing pieces into actors reads it.
    pub role_first: bool,
    /// A readable name: the dictionary phrase, or the provisional actor's name.
    pub name: String,
    pub plural: bool,
    pub provisional: bool,
    /// The document entity, once the [`crate::Resolver`] has linked it.
    pub entity: Option<usize>,
    /// For a reference: the names of the entities it stands for.
    pub refers_to: Vec<String>,
    /// For a reference to a pair: the entity codes, in order.
    pub members: Vec<(String, usize)>,
    /// Lexicon entries that made this mention, as "file:line".
    pub lexicon: Vec<String>,
    /// A place ("in Moscow"), not an actor.
    pub locative: bool,
    /// Norms of the mention's words, for matching "the coalition" later.
    pub words: Vec<String>,
    /// A country adjective standing alone ("Israeli" in "Israeli strikes"): it
    /// modifies the next word, which is therefore a noun.
    pub adjectival: bool,
    /// An agent the report says it does not name ("an anonymous official",
    /// "unidentified gunmen"): what the document is about says nothing of its side.
    pub unnamed: bool,
    /// The country was given by the document, not by the mention's words
    /// ("troops" in a report on Sudan): such an agent is still a bare one
    /// where a sentence's own structure is weighed.
    pub country_from_context: bool,
}

impl Mention {
    /// This mention of an actor named earlier in the report, standing at the
    /// one token `i` that names it again (its initials, a last name): the same
    /// actor, the token's words, no entity yet (the resolver links it), and
    /// `why` among its lexicon notes.
    fn standing_at(&self, i: usize, token: &Token, why: String) -> Mention {
        let mut m = self.clone();
        m.tokens = i..i + 1;
        m.words = vec![token.norm.to_string()];
        m.entity = None;
        m.lexicon.push(why);
        m
    }
}

#[derive(Clone, Debug)]
enum Entry {
    Country { iso3: String },
    Adjective { iso3: String },
    Capital { iso3: String },
    Named { actor: usize },
    /// `prefix`: the code goes before the actor's (TABARI's `[NGO~]`).
    Agent { code: Role, prefix: bool },
    Place { iso3: String },
}

#[derive(Clone, Debug)]
struct Value {
    entry: Entry,
    case: Case,
    origin: String,
}

/// Looks up actors in sentences; built once from a lexicon.
pub struct ActorMatcher {
    trie: PhraseTrie<Value>,
    heads: PhraseTrie<(Role, Case)>,
    lexicon_actors: Vec<parley_lexicon::Actor>,
    /// Every form of the lexicon's verbs: such a word is no modifier inside a
    /// possessive phrase ("Russia's attack hit civilians").
    verb_forms: rustc_hash::FxHashSet<String>,
}

/// Referring expressions: English grammar, not dictionary entries.
const REFERENCES: &[(&[&str], Reference)] = &[
    (&["he"], Reference::Singular),
    (&["she"], Reference::Singular),
    (&["him"], Reference::Singular),
    (&["they"], Reference::Plural),
    (&["them"], Reference::Plural),
    (&["it"], Reference::Neuter),
    (&["the", "latter"], Reference::Latter),
    (&["the", "former"], Reference::Former),
    (&["both", "sides"], Reference::Pair),
    (&["both", "parties"], Reference::Pair),
    (&["both", "countries"], Reference::Pair),
    (&["both", "nations"], Reference::Pair),
    (&["both", "governments"], Reference::Pair),
    (&["the", "two", "parties"], Reference::Pair),
    (&["the", "two", "sides"], Reference::Pair),
    (&["the", "two", "countries"], Reference::Pair),
    (&["the", "two", "nations"], Reference::Pair),
    (&["the", "two", "governments"], Reference::Pair),
    (&["the", "warring", "parties"], Reference::Pair),
    (&["the", "warring", "sides"], Reference::Pair),
    (&["the", "warring", "factions"], Reference::Pair),
    (&["each", "other"], Reference::Pair),
    (&["all", "sides"], Reference::Pair),
    (&["all", "parties"], Reference::Pair),
    (&["all", "the", "parties"], Reference::Pair),
    (&["its", "neighbour"], Reference::Neighbour),
    (&["its", "neighbor"], Reference::Neighbour),
    (&["the", "three", "countries"], Reference::Trio),
    (&["the", "three", "nations"], Reference::Trio),
    (&["the", "three", "governments"], Reference::Trio),
    (&["the", "three", "states"], Reference::Trio),
    (&["all", "three", "countries"], Reference::Trio),
    (&["one", "another"], Reference::Pair),
    // "Both sides accused the other": the pair again, each side aimed at the
    // other (not "the other hand", see `add_references`).
    (&["the", "other"], Reference::Pair),
    (&["each", "side"], Reference::Pair),
    (&["each", "party"], Reference::Pair),
    (&["either", "side"], Reference::Pair),
    (&["both", "leaders"], Reference::Pair),
    (&["both", "men"], Reference::Pair),
    (&["the", "two", "leaders"], Reference::Pair),
    (&["the", "two", "men"], Reference::Pair),
    (&["the", "two", "ministers"], Reference::Pair),
    (&["the", "two", "presidents"], Reference::Pair),
    (&["the", "two", "delegations"], Reference::Pair),
    (&["the", "two", "neighbours"], Reference::Pair),
    (&["the", "two", "neighbors"], Reference::Pair),
    (&["the", "two", "rivals"], Reference::Pair),
    (&["the", "two", "allies"], Reference::Pair),
    (&["the", "two", "armies"], Reference::Pair),
    // "each blames the other": the pair, with "the other" after it (see `add_references`).
    (&["each"], Reference::Pair),
    // "envoys of the two": the pair, when no noun follows (see `add_references`).
    (&["the", "two"], Reference::Pair),
];

/// Head nouns of a definite description that points back to a group ("the coalition").
const DEFINITE_HEADS: &[&str] = &[
    "coalition", "group", "movement", "alliance", "faction", "militia", "organization", "organisation",
    "front", "bloc", "party", "rebels", "insurgents", "militants", "regime", "junta", "government", "brigade", "council",
    "mission", "agency",
];

/// Words that may follow "the two" or "the other" when it stands alone for
/// the pair: anything else is its own noun ("the two soldiers").
const PREPOSITIONS_AFTER_A_PAIR: &[&str] = &["to", "of", "in", "on", "for", "at", "and", "over", "with", "after", "before", "by"];

/// Roles of groups that a name no dictionary holds may take from the words
/// around it ("the rebel group ...", "..., a militia that").
const GROUP_ROLES: &[Role] = &[Role::REB, Role::OPP, Role::UAF, Role::INS, Role::CRM, Role::NGO];

/// Common nouns of a medium, before its name ("the weekly Free Voice").
const MEDIUM_NOUNS: &[&str] = &["weekly", "daily", "newspaper", "magazine", "tabloid", "broadcaster", "website", "channel", "station", "outlet"];

/// Prepositions after which a capital or city is a place, not an actor.
const LOCATIVES: &[&str] = &["in", "at", "near", "from", "outside", "around", "across", "inside", "to", "into", "toward", "towards", "via"];

/// Lower-case words allowed inside a capitalised name ("Front for the Liberation of Azawad").
const NAME_CONNECTORS: &[&str] = &["of", "for", "the", "and", "de", "al", "el", "-", "'s", "du", "des", "la", "le"];

fn case_ok(case: Case, tokens: &[Token]) -> bool {
    match case {
        Case::Any => true,
        Case::Capitalized => tokens[0].capitalized,
        Case::Upper => tokens[0].all_caps,
    }
}

fn insert_phrases(trie: &mut PhraseTrie<Value>, phrases: &[Phrase], entry: Entry, origin: &str) {
    for p in phrases {
        trie.insert(&p.norms, Value { entry: entry.clone(), case: p.case, origin: origin.to_string() });
    }
}

impl ActorMatcher {
    /// Compiles the lexicon's actor phrases into one trie.
    pub fn new(lexicon: &Lexicon) -> ActorMatcher {
        let mut trie = PhraseTrie::new();
        for c in &lexicon.countries {
            let origin = format!("{} {}", c.origin, c.iso3);
            insert_phrases(&mut trie, &c.names, Entry::Country { iso3: c.iso3.clone() }, &origin);
            insert_phrases(&mut trie, &c.adjectives, Entry::Adjective { iso3: c.iso3.clone() }, &origin);
            insert_phrases(&mut trie, &c.capitals, Entry::Capital { iso3: c.iso3.clone() }, &origin);
        }
        for (i, a) in lexicon.actors.iter().enumerate() {
            let origin = format!("{} {}", a.origin, a.names[0].text());
            insert_phrases(&mut trie, &a.names, Entry::Named { actor: i }, &origin);
        }
        // A code that is no role (a user's lower-case `[~gov]`) names no agent
        // the coder could write; such an entry is left out.
        for a in &lexicon.agents {
            let Ok(code) = a.code.parse::<Role>() else { continue };
            let origin = format!("{} {}", a.origin, a.code);
            insert_phrases(&mut trie, &a.words, Entry::Agent { code, prefix: a.prefix }, &origin);
        }
        for p in lexicon.places.iter().filter(|p| p.kind != PlaceKind::Country) {
            let origin = format!("{} {}", p.origin, p.iso3);
            insert_phrases(&mut trie, &p.names, Entry::Place { iso3: p.iso3.clone() }, &origin);
        }
        let mut heads = PhraseTrie::new();
        for h in &lexicon.org_heads {
            let Ok(role) = h.code.parse::<Role>() else { continue };
            for w in &h.words {
                heads.insert(&w.norms, (role, w.case));
            }
        }
        let verb_forms = lexicon.verbs.iter().flat_map(|v| v.forms.iter().cloned()).collect();
        ActorMatcher { trie, heads, lexicon_actors: lexicon.actors.clone(), verb_forms }
    }

    /// The actor mentions of a sentence, in text order, not yet linked across
    /// the document. `date` is the document's date, for dated roles.
    pub fn find(&self, text: &str, tokens: &[Token], date: Option<NaiveDate>) -> Vec<Mention> {
        let pieces = self.pieces(text, tokens, date);
        self.mentions(text, tokens, pieces, &mut DocumentNames::none())
    }

    /// Step 1 alone: what the lexicon's phrases cover in a sentence, before any
    /// piece is composed with another. A document's sentences are read this far
    /// first, so that [`DocumentNames::discover`] can see all of them.
    pub fn pieces(&self, text: &str, tokens: &[Token], date: Option<NaiveDate>) -> Vec<Mention> {
        self.dictionary_pieces(text, tokens, date)
    }

    /// Steps 2 to 4 over a sentence's [`ActorMatcher::pieces`], with the
    /// document's provisional countries standing where the lexicon knew nothing.
    pub fn mentions(&self, text: &str, tokens: &[Token], mut pieces: Vec<Mention>, names: &mut DocumentNames) -> Vec<Mention> {
        add_document_countries(tokens, &mut pieces, names);
        add_acronyms(text, tokens, &mut pieces, names);
        add_surnames(text, tokens, &mut pieces, names);
        let pieces = self.add_provisional(text, tokens, pieces);
        let mut mentions = compose(tokens, pieces, &self.verb_forms);
        share_across_lists(tokens, &mut mentions);
        add_references(tokens, &mut mentions);
        mentions.sort_by_key(|m| m.tokens.start);
        extend_titles_over_names(tokens, &mut mentions);
        names.remember_names(&mentions);
        mentions
    }

    /// Step 1: dictionary phrases, longest first, one piece per phrase.
    fn dictionary_pieces(&self, text: &str, tokens: &[Token], date: Option<NaiveDate>) -> Vec<Mention> {
        let mut pieces = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let found = self.trie.longest_at(tokens, i, |v, t| case_ok(v.case, t));
            let Some((len, values)) = found else {
                i += 1;
                continue;
            };
            let range = i..i + len;
            let accepted: Vec<&Value> = values.iter().filter(|v| case_ok(v.case, &tokens[range.clone()])).collect();
            // Prefer named actors, then countries, capitals, adjectives, agents, places.
            let rank = |v: &&Value| match v.entry {
                Entry::Named { .. } => 0,
                Entry::Country { .. } => 1,
                Entry::Capital { .. } => 2,
                Entry::Adjective { .. } => 3,
                Entry::Agent { .. } => 4,
                Entry::Place { .. } => 5,
            };
            let best = *accepted.iter().min_by_key(|v| rank(v)).expect("longest_at returns accepted values");
            // "anti-government protesters", "pro-government militia", "anti-Castro
            // exiles", "anti-Taliban forces": the agent word or the name modifies the
            // next word and names no actor of its own (a country's name or adjective
            // still does: "pro-Russian separatists").
            if i >= 2 && tokens[i - 1].norm == "-" && matches!(tokens[i - 2].norm.as_str(), "anti" | "pro")
                && values.iter().all(|v| matches!(v.entry, Entry::Agent { .. } | Entry::Named { .. }))
            {
                i += len;
                continue;
            }
            let surface = text[tokens[range.start].start..tokens[range.end - 1].end].to_string();
            let locative = i > 0 && LOCATIVES.contains(&tokens[i - 1].norm.as_str());
            let mut m = Mention {
                tokens: range.clone(),
                code: String::new(),
                kind: MentionKind::Agent,
                country: None,
                role: None,
                role_first: false,
                name: surface.clone(),
                plural: tokens[range.end - 1].norm.ends_with('s') && !tokens[range.end - 1].norm.ends_with("ss"),
                provisional: false,
                entity: None,
                refers_to: Vec::new(),
                members: Vec::new(),
                lexicon: vec![best.origin.clone()],
                locative: false,
                words: tokens[range.clone()].iter().map(|t| t.norm.to_string()).collect(),
                adjectival: false,
                unnamed: (1..=4).any(|back| i >= back && matches!(tokens[i - back].norm.as_str(), "anonymous" | "unnamed" | "unidentified")),
                country_from_context: false,
            };
            match &best.entry {
                Entry::Country { iso3 } => {
                    m.kind = MentionKind::Country;
                    m.code = iso3.clone();
                    m.country = Some(iso3.clone());
                    m.plural = false;
                }
                Entry::Adjective { iso3 } => {
                    m.kind = MentionKind::Country;
                    m.code = iso3.clone();
                    m.country = Some(iso3.clone());
                    // A plural demonym alone is the country's people ("Iraqis").
                    if m.plural {
                        m.role = Some(Role::CVL);
                        m.code = join_code(iso3, Role::CVL);
                    } else {
                        m.adjectival = true;
                    }
                }
                Entry::Capital { iso3 } => {
                    m.kind = MentionKind::Capital;
                    m.code = join_code(iso3, Role::GOV);
                    m.country = Some(iso3.clone());
                    m.role = Some(Role::GOV);
                    m.locative = locative;
                    m.plural = false;
                }
                Entry::Named { actor } => {
                    let a = &self.lexicon_actors[*actor];
                    m.kind = if a.is_person { MentionKind::Person } else { MentionKind::Organization };
                    m.code = a.code_on(date).unwrap_or("---").to_string();
                    m.name = a.names[0].norms.join(" ");
                    m.name = title_case(&m.name, &surface);
                    m.plural = false;
                    // A code no reader can take apart ("g77" in a user's dictionary) says nothing.
                    if let Ok(code) = m.code.parse::<ActorCode>() {
                        m.country = code.country().map(str::to_string);
                        m.role = code.role();
                    }
                }
                Entry::Agent { code, prefix: false } => {
                    m.kind = MentionKind::Agent;
                    m.code = format!("---{code}");
                    m.role = Some(*code);
                }
                // A prefix agent ("MSF" [NGO~]) alone is its code.
                Entry::Agent { code, prefix: true } => {
                    m.kind = MentionKind::Agent;
                    m.code = code.to_string();
                    m.role = Some(*code);
                    m.role_first = true;
                }
                Entry::Place { iso3 } => {
                    m.kind = MentionKind::Capital;
                    m.code = String::new();
                    // Seas and straits ("---") belong to no country.
                    m.country = (iso3 != "---").then(|| iso3.clone());
                    m.locative = true;
                }
            }
            pieces.push(m);
            i += len;
        }
        pieces
    }

    /// Step 2: capitalised names with an organisation head word, and
    /// "the <agent> of <Unknown Name>".
    fn add_provisional(&self, text: &str, tokens: &[Token], mut pieces: Vec<Mention>) -> Vec<Mention> {
        // The tokens inside a name the lexicon or the document gave (a
        // country or an agent may be part of a longer name), made again
        // when the pieces change: asked of every capitalised word.
        let names_over = |pieces: &[Mention]| {
            let mut over = vec![false; tokens.len()];
            for p in pieces.iter().filter(|p| p.kind != MentionKind::Country && p.kind != MentionKind::Agent) {
                over[p.tokens.clone()].fill(true);
            }
            over
        };
        self.add_city_bodies(text, tokens, &mut pieces);
        let mut in_a_name = names_over(&pieces);
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if !(t.is_word() && t.capitalized) || in_a_name[i] || is_function_word(&t.norm) {
                i += 1;
                continue;
            }
            // The longest run of capitalised words and connectors.
            let mut end = i + 1;
            let mut j = i + 1;
            while j < tokens.len() {
                let tj = &tokens[j];
                if tj.is_word() && tj.capitalized && !in_a_name[j] {
                    j += 1;
                    end = j;
                } else if tj.norm == "and" && (i..j).all(|k| pieces.iter().any(|p| p.kind == MentionKind::Country && p.tokens.contains(&k))) {
                    // "the government of Drovnia and the Halvenian National Council":
                    // a country and a group are two actors, not one name.
                    break;
                } else if NAME_CONNECTORS.contains(&tj.norm.as_str()) && !tj.capitalized {
                    // One or two connectors, then a capitalised word ("of the Pure Dawn").
                    let second = tokens.get(j + 1).is_some_and(|n| NAME_CONNECTORS.contains(&n.norm.as_str()) && !n.capitalized);
                    let next = j + 1 + usize::from(second);
                    if !tokens.get(next).is_some_and(|n| n.capitalized && n.is_word() && !in_a_name[next]) {
                        break;
                    }
                    j = next;
                } else {
                    break;
                }
            }
            let run = i..end;
            let named = match party_after(tokens, &run) {
                _ if headline_like(tokens) => None,
                // "the opposition Labour party", "Sharon's Likud party": a name
                // before a lower-case "party" is a party's, however short.
                Some(role) => Some((i..end + 1, role)),
                None if run.len() >= 2 => self.name_role(tokens, &run, &pieces).map(|role| (run, role)),
                None => None,
            };
            if let Some((run, role)) = named {
                let m = provisional(text, tokens, run, role, &pieces);
                put_over(&mut pieces, m);
                in_a_name = names_over(&pieces);
            }
            i = end.max(i + 1);
        }
        // "the government of Country X": an agent, "of", an unknown capitalised name.
        let mut extra = Vec::new();
        for p in pieces.iter().filter(|p| p.kind == MentionKind::Agent) {
            let of = p.tokens.end;
            if tokens.get(of).is_none_or(|t| t.norm != "of") {
                continue;
            }
            let start = of + 1 + usize::from(tokens.get(of + 1).is_some_and(|t| t.norm == "the"));
            // "the government of President Ruto": a title or a known actor after
            // "of" is no name of a country; the agent finds its country later.
            if pieces.iter().any(|q| q.tokens.contains(&start)) {
                continue;
            }
            let mut end = start;
            while end < tokens.len() && tokens[end].capitalized && !in_a_name[end]
                && pieces.iter().all(|q| !q.tokens.contains(&end) || q.kind == MentionKind::Agent)
                && (tokens[end].is_word() || (end > start && tokens[end].kind == parley_text::TokenKind::Number))
            {
                end += 1;
            }
            // Single upper-case letters ("Country X") are names too.
            if end > start && !is_function_word(&tokens[start].norm) {
                let role = p.role.unwrap_or(Role::GOV);
                let mut m = provisional(text, tokens, start..end, role, &pieces);
                m.tokens = p.tokens.start..end;
                m.lexicon = p.lexicon.clone();
                m.words.extend(p.words.iter().cloned());
                extra.push(m);
            }
        }
        for m in extra {
            put_over(&mut pieces, m);
        }
        pieces.sort_by_key(|p| p.tokens.start);
        pieces
    }

    /// The role of a capitalised run that names a group no dictionary holds:
    /// - its head word, last ("the Revolutionary Front") or before a
    ///   connector and the rest of the name ("Popular Front for the Liberation
    ///   of Ostra", "Army of the Pure Dawn");
    /// - else what the words around it call it: a group agent right before it
    ///   ("the rebel group Sons of Ardan") or in an apposition after it ("the
    ///   Sons of Ardan, a militia that ...") or before it ("the main opposition
    ///   party, the Rally for Renewal").
    fn name_role(&self, tokens: &[Token], run: &Range<usize>, pieces: &[Mention]) -> Option<Role> {
        if let Some((role, head_start)) = self.org_head(tokens, run) {
            if head_start > run.start {
                return Some(role);
            }
        }
        let connector = (run.start + 1..run.end).find(|&c| matches!(tokens[c].norm.as_str(), "of" | "for") && !tokens[c].capitalized);
        if let Some(c) = connector {
            if let Some((role, _)) = self.org_head(tokens, &(run.start..c)) {
                return Some(role);
            }
        }
        if let Some(role) = faith_body(tokens, &(run.start..connector.unwrap_or(run.end))) {
            return Some(role);
        }
        // A prefix agent ("MSF" [NGO~]) is a body's own name, not a word for
        // what the name beside it is.
        let group_agent = |p: &&Mention| {
            p.kind == MentionKind::Agent && p.country.is_none() && !p.role_first && p.role.is_some_and(|r| GROUP_ROLES.contains(&r))
        };
        // Right before it, or before it as what an apposition names ("the main
        // opposition party, the Rally for Renewal").
        let apposition = |p: &&Mention| {
            let between: Vec<&str> = tokens[p.tokens.end.min(run.start)..run.start].iter().map(|t| t.norm.as_str()).collect();
            matches!(between.as_slice(), [] | [","] | [",", "the"])
        };
        let before = pieces.iter().filter(group_agent).find(|p| p.tokens.end <= run.start && apposition(p));
        if let Some(p) = before {
            return p.role;
        }
        // A medium's common noun right before the name ("the independent weekly
        // Free Voice", "the opposition newspaper Red Dawn"): the name is the medium's.
        if run.start > 0 && MEDIUM_NOUNS.contains(&tokens[run.start - 1].norm.as_str()) {
            return Some(Role::MED);
        }
        // ", a militia that", ", an armed group active in ...".
        if tokens.get(run.end).is_some_and(|t| t.norm == ",") {
            let mut k = run.end + 1;
            if tokens.get(k).is_some_and(|t| matches!(t.norm.as_str(), "a" | "an" | "the")) {
                k += 1;
            }
            let within = k..(k + 4).min(tokens.len());
            if let Some(p) = pieces.iter().filter(group_agent).find(|p| within.contains(&p.tokens.start)) {
                let plain = (k..p.tokens.start).all(|j| tokens[j].is_word() && !tokens[j].capitalized);
                if plain {
                    return p.role;
                }
            }
        }
        None
    }

    /// The role of a run's head word, and where the head begins: the longest
    /// head phrase that ends exactly at the run's end.
    fn org_head(&self, tokens: &[Token], run: &Range<usize>) -> Option<(Role, usize)> {
        for start in run.clone() {
            for (len, values) in self.heads.all_at(&tokens[..run.end], start) {
                if start + len == run.end {
                    if let Some((role, _)) = values.iter().find(|(_, case)| case_ok(*case, &tokens[start..])) {
                        return Some((*role, start));
                    }
                }
            }
        }
        None
    }

    /// "The Moscow Times", "the Kabul University", "Boston Globe Co.": a
    /// capital or a city of the gazetteer opening a capitalised name that
    /// ends in a head word is where the body is, and gives it its country, as
    /// a country's adjective inside a name does ("Sudanese Liberation Front").
    /// Without this the city stood alone for its government ("Moscow" ->
    /// RUSGOV) and the medium was lost.
    fn add_city_bodies(&self, text: &str, tokens: &[Token], pieces: &mut Vec<Mention>) {
        if headline_like(tokens) {
            return;
        }
        let cities: Vec<(Range<usize>, String)> = pieces
            .iter()
            .filter(|p| p.kind == MentionKind::Capital && tokens[p.tokens.start].capitalized)
            .filter_map(|p| Some((p.tokens.clone(), p.country.clone()?)))
            .collect();
        for (city, iso3) in cities {
            let mut end = city.end;
            while tokens.get(end).is_some_and(|t| t.is_word() && t.capitalized)
                && pieces.iter().all(|q| !q.tokens.contains(&end) || q.kind == MentionKind::Agent)
            {
                end += 1;
            }
            let run = city.start..end;
            let Some((role, head_start)) = self.org_head(tokens, &run) else { continue };
            if end == city.end || head_start < city.end {
                continue;
            }
            let mut m = provisional(text, tokens, run, role, pieces);
            m.code = join_code(&iso3, role);
            m.country = Some(iso3);
            put_over(pieces, m);
        }
        pieces.sort_by_key(|p| p.tokens.start);
    }
}

/// Puts mention `m` in place of the pieces it covers (a name read over the
/// words a dictionary found inside it).
fn put_over(pieces: &mut Vec<Mention>, m: Mention) {
    pieces.retain(|p| p.tokens.end <= m.tokens.start || p.tokens.start >= m.tokens.end);
    pieces.push(m);
}

/// The role of the party whose name is the capitalised `run`, when a
/// lower-case "party" follows it ("the opposition Labour party", "Sharon's
/// Likud party"): the lexicon codes a party OPP (`org_heads.txt`, "Party"),
/// and GOV when the text calls it ruling or governing, as the agent "ruling
/// party" is. A party the text introduces with "a" or "an" is an occasion
/// ("a Christmas party"), not a political party.
fn party_after(tokens: &[Token], run: &Range<usize>) -> Option<Role> {
    let next = tokens.get(run.end)?;
    if next.norm != "party" || next.capitalized {
        return None;
    }
    let before = run.start.checked_sub(1).map(|k| tokens[k].norm.as_str());
    match before {
        Some("a" | "an") => None,
        Some("ruling" | "governing") => Some(Role::GOV),
        _ => Some(Role::OPP),
    }
}

/// Words of faith that make a named council or association a religious body
/// ("the Muslim Council of Britain", "the Catholic Association").
const FAITH_WORDS: &[&str] = &[
    "muslim", "muslims", "islamic", "christian", "christians", "catholic", "catholics", "jewish", "hindu", "sikh",
    "buddhist", "protestant", "orthodox", "evangelical", "shiite", "sunni", "shia",
];

/// Heads of bodies that are whatever their members are: the lexicon leaves
/// "Council" out of `org_heads.txt` because a council is as often a
/// government's, rebels' or an NGO's, but a council of a faith is religious.
const MEMBERS_HEADS: &[&str] = &["council", "association", "federation", "board", "congress", "conference", "union", "league", "society"];

/// REL for a capitalised `run` (without what follows "of") that ends in a
/// body's head word and names a faith ("Muslim Council", "Hindu Council"):
/// CAMEO codes religious bodies REL, and "of Britain" after the name, being a
/// country inside it, then gives GBRREL.
fn faith_body(tokens: &[Token], run: &Range<usize>) -> Option<Role> {
    let words = &tokens[run.clone()];
    let head = words.last()?;
    let faith = words.iter().any(|t| FAITH_WORDS.contains(&t.norm.as_str()));
    (words.len() >= 2 && head.capitalized && MEMBERS_HEADS.contains(&head.norm.as_str()) && faith).then_some(Role::REL)
}

/// A country and an agent's role as one actor code: `RUS` + `MIL` is `RUSMIL`;
/// a provisional country keeps its name apart, `X-VALDORIA` + `MIL` is
/// `X-VALDORIA-MIL`, in the shape of the provisional actors' `X-<NAME>-<ROLE>`.
pub fn join_code(country: &str, role: Role) -> String {
    if country.starts_with("X-") {
        format!("{country}-{role}")
    } else {
        format!("{country}{role}")
    }
}

/// Stands the document's provisional countries where no lexicon phrase stands:
/// "Valdoria" as a country, "Valdorian" as its adjective, "Valdorians" as its people.
fn add_document_countries(tokens: &[Token], pieces: &mut Vec<Mention>, countries: &DocumentNames) {
    let mut i = 0;
    let mut added = false;
    while i < tokens.len() {
        // The form first: most documents have none, and then no token is
        // looked for among the pieces.
        let Some((len, form)) = countries.form_at(tokens, i).filter(|_| !pieces.iter().any(|p| p.tokens.contains(&i))) else {
            i += 1;
            continue;
        };
        let mut m = Mention {
            tokens: i..i + len,
            code: form.code.clone(),
            kind: MentionKind::Country,
            country: Some(form.code.clone()),
            role: None,
            role_first: false,
            name: form.name.clone(),
            plural: false,
            provisional: true,
            entity: None,
            refers_to: Vec::new(),
            members: Vec::new(),
            lexicon: vec![format!("context: {} is a country no dictionary holds ({})", form.name, form.evidence)],
            locative: false,
            words: tokens[i..i + len].iter().map(|t| t.norm.to_string()).collect(),
            adjectival: form.adjective && !form.plural,
            unnamed: false,
            country_from_context: false,
        };
        if form.plural {
            m.role = Some(Role::CVL);
            m.code = join_code(&form.code, Role::CVL);
            m.plural = true;
        }
        pieces.push(m);
        added = true;
        i += len;
    }
    if added {
        pieces.sort_by_key(|p| p.tokens.start);
    }
}

/// Stands a group named earlier in the document where its initials stand ("the PFLO").
fn add_acronyms(text: &str, tokens: &[Token], pieces: &mut Vec<Mention>, names: &DocumentNames) {
    let mut added = false;
    for (i, t) in tokens.iter().enumerate() {
        // The report's own initials beat a dictionary's reading of the same
        // word ("SPA" for the Southern People's Army, not a press agency); a
        // longer name that holds the word stays.
        let Some(named) = names.acronym(t, text) else { continue };
        let covering = pieces.iter().position(|p| p.tokens.contains(&i));
        if covering.is_some_and(|k| pieces[k].tokens != (i..i + 1)) {
            continue;
        }
        let m = named.standing_at(i, t, format!("context: {} stands for {}", t.text(text), named.name));
        match covering {
            Some(k) => pieces[k] = m,
            None => {
                pieces.push(m);
                added = true;
            }
        }
    }
    if added {
        pieces.sort_by_key(|p| p.tokens.start);
    }
}

/// Stands a person of the lexicon that the report names in full where their
/// last name alone stands, before or after ("Powell Presses N. Korea" over
/// "Colin Powell shook hands with ..."): the lexicon lists a bare last name
/// only where it is unambiguous, but within one report it is.
fn add_surnames(text: &str, tokens: &[Token], pieces: &mut Vec<Mention>, names: &DocumentNames) {
    let mut added = false;
    let headline = headline_like(tokens);
    for (i, t) in tokens.iter().enumerate() {
        // "Mr Anwar" for "Anwar Ibrahim": a first name after a title of address.
        let addressed = || i > 0 && matches!(tokens[i - 1].norm.as_str(), "mr" | "mrs" | "ms" | "dr");
        let Some(person) = names.person_by_surname(t).or_else(|| names.person_by_given_name(t).filter(|_| addressed())) else { continue };
        if !t.capitalized || pieces.iter().any(|p| p.tokens.contains(&i)) {
            continue;
        }
        // "Jerome Powell": a capitalised word before it makes another person's
        // name, unless the capital is the sentence's ("Later Powell said") or
        // the headline's, where every word has one.
        let after_name = i > 0 && tokens[i - 1].capitalized && !addressed() && tokens[i - 1].is_word() && !crate::unknown::sentence_opener(tokens, i - 1);
        if after_name && !headline {
            continue;
        }
        pieces.push(person.standing_at(i, t, format!("context: {} is {}, named in full in the report", t.text(text), person.name)));
        added = true;
    }
    if added {
        pieces.sort_by_key(|p| p.tokens.start);
    }
}

/// "detained President Elias Monka": a singular title names the person whose
/// first and last names follow it, though no dictionary holds them; the
/// mention runs over the name (up to three words), so that its text names the
/// person. Not in a headline, where every word has a capital.
fn extend_titles_over_names(tokens: &[Token], mentions: &mut [Mention]) {
    let titled = |m: &Mention| {
        m.kind == MentionKind::Agent
            && !m.plural
            && !m.tokens.is_empty()
            && tokens[m.tokens.end - 1].capitalized
            && tokens.get(m.tokens.end).is_some_and(|t| t.capitalized && t.is_word())
    };
    if !mentions.iter().any(titled) || headline_like(tokens) {
        return;
    }
    let owned = |i: usize, mentions: &[Mention]| mentions.iter().any(|o| o.tokens.contains(&i));
    for k in 0..mentions.len() {
        if !titled(&mentions[k]) {
            continue;
        }
        let m = &mentions[k];
        let start = m.tokens.end;
        let mut end = start;
        while end < tokens.len()
            && end - start < 3
            && tokens[end].capitalized
            && tokens[end].is_word()
            && !is_function_word(&tokens[end].norm)
            && !owned(end, mentions)
        {
            end += 1;
        }
        if end - start >= 2 {
            mentions[k].tokens.end = end;
            mentions[k].lexicon.push("context: a title names the person named after it".to_string());
        }
    }
}

/// Words that are capitalised only because they open a sentence or a title.
pub(crate) fn is_function_word(norm: &str) -> bool {
    matches!(
        norm,
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "in" | "on" | "at" | "and" | "but" | "for"
            | "of" | "he" | "she" | "it" | "they" | "we" | "i" | "his" | "her" | "their" | "its" | "meanwhile"
            | "however" | "if" | "while" | "after" | "before" | "when" | "as" | "some" | "both" | "all" | "many"
            | "several" | "previous" | "international" | "regional" | "historical" | "anonymous"
    )
}

/// A sentence in title case (a headline): capitalised runs there are not names.
pub(crate) fn headline_like(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens.iter().filter(|t| t.is_word() && t.norm.len() > 3).collect();
    long.len() >= 4 && long.iter().filter(|t| t.capitalized).count() * 10 >= long.len() * 8
}

fn provisional(text: &str, tokens: &[Token], run: Range<usize>, role: Role, pieces: &[Mention]) -> Mention {
    let mut start = run.start;
    if tokens[start].norm == "the" {
        start += 1;
    }
    let name = text[tokens[start].start..tokens[run.end - 1].end].to_string();
    // A country adjective inside the name gives the country ("Sudanese Liberation Front").
    let country = pieces
        .iter()
        .find(|p| p.kind == MentionKind::Country && run.contains(&p.tokens.start))
        .and_then(|p| p.country.clone());
    let slug = crate::unknown::slug(&name);
    let code = match &country {
        Some(iso3) => join_code(iso3, role),
        None => format!("X-{slug}-{role}"),
    };
    Mention {
        tokens: run.clone(),
        code,
        kind: MentionKind::Provisional,
        country,
        role: Some(role),
        role_first: false,
        name,
        plural: false,
        provisional: true,
        entity: None,
        refers_to: Vec::new(),
        members: Vec::new(),
        lexicon: Vec::new(),
        locative: false,
        words: tokens[run].iter().map(|t| t.norm.to_string()).collect(),
        adjectival: false,
        unnamed: false,
        country_from_context: false,
    }
}

fn title_case(lexicon_name: &str, surface: &str) -> String {
    if surface.split_whitespace().count() == lexicon_name.split_whitespace().count() {
        surface.to_string()
    } else {
        lexicon_name.split(' ').map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }).collect::<Vec<String>>().join(" ")
    }
}

/// Whether the words before token `start` call what begins there foreign
/// ("foreign hostages", "two foreign aid workers in Niger"): it is not of the
/// country its sentence is about.
pub(crate) fn called_foreign(tokens: &[Token], start: usize) -> bool {
    (1..=2).any(|back| start >= back && matches!(tokens[start - back].norm.as_str(), "foreign" | "expatriate"))
}

/// `piece` in `prev`'s place, from `prev`'s first token ("Russian President"
/// then "Vladimir Putin"; "the militant group" then "Hamas"), with the
/// lexicon entries of both.
fn absorb(prev: &mut Mention, piece: Mention) {
    let start = prev.tokens.start;
    let mut lexicon = std::mem::take(&mut prev.lexicon);
    *prev = Mention { tokens: start..piece.tokens.end, ..piece };
    lexicon.append(&mut prev.lexicon);
    prev.lexicon = lexicon;
}

/// Whether `prev` are newsmen who work for the medium `piece`, past what the
/// medium is called ("three reporters from the independent weekly Free
/// Voice", "an editor at the daily Morning Star").
fn newsmen_of(prev: &Mention, piece: &Mention, gap: &[&str]) -> bool {
    prev.role == Some(Role::MED)
        && piece.role == Some(Role::MED)
        && matches!(piece.kind, MentionKind::Organization | MentionKind::Provisional)
        && matches!(gap.first(), Some(&("from" | "of" | "at" | "with")))
        && gap.len() <= 5
        && gap[1..].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
}

/// Joins newsmen to the medium just composed after them ("journalists from
/// the opposition newspaper Red Dawn").
fn join_newsmen(out: &mut Vec<Mention>, tokens: &[Token]) {
    let n = out.len();
    if n < 2 || out[n - 2].kind != MentionKind::Agent || out[n - 2].country.is_some() {
        return;
    }
    let gap: Vec<&str> = (out[n - 2].tokens.end..out[n - 1].tokens.start).map(|i| tokens[i].norm.as_str()).collect();
    if !newsmen_of(&out[n - 2], &out[n - 1], &gap) {
        return;
    }
    let medium = out.pop().expect("two mentions");
    absorb_newsmen(out.last_mut().expect("two mentions"), medium);
}

/// Makes newsmen the medium they work for, as [`absorb`] does a body's
/// members, but they stay the people they are, their number and their words
/// ("the journalists" later finds them).
fn absorb_newsmen(prev: &mut Mention, medium: Mention) {
    let (plural, words) = (prev.plural, std::mem::take(&mut prev.words));
    absorb(prev, medium);
    prev.plural = plural;
    prev.words.extend(words);
}

fn is_country_piece(m: &Mention) -> bool {
    m.kind == MentionKind::Country && !m.locative
}

/// Step 3: merges neighbouring pieces into actors.
fn compose(tokens: &[Token], pieces: Vec<Mention>, verb_forms: &rustc_hash::FxHashSet<String>) -> Vec<Mention> {
    let norm = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());
    let mut out: Vec<Mention> = Vec::new();
    // The role of "the ambassadors of X", and whether it goes first: it goes
    // to the countries listed after X too.
    let mut distributed: Option<(Role, bool)> = None;
    for mut piece in pieces {
        let role_for_list = distributed.take();
        if let Some(prev) = out.last_mut() {
            let gap: Vec<&str> = (prev.tokens.end..piece.tokens.start).map(norm).collect();
            let adjacent = gap.is_empty() || gap == ["'s"];
            // "Ithilen's awful and evil minister", "Dagolath's first Deputy Prime Minister":
            // a possessive reaches its head noun past a few modifiers.
            let possessive = gap.first() == Some(&"'s") && possessive_modifiers(&gap[1..], verb_forms);
            // "the ambassadors of Arnor, Osgiliath and Gondor": each listed country takes the role.
            if let Some((role, role_first)) = role_for_list {
                if is_country_piece(&piece) && piece.role.is_none() && matches!(gap.as_slice(), [","] | ["and"] | [",", "and"]) {
                    piece.code = with_role(&piece.code, role, role_first);
                    piece.role = Some(role);
                    piece.role_first = role_first;
                    piece.kind = MentionKind::Agent;
                    distributed = Some((role, role_first));
                    out.push(piece);
                    continue;
                }
            }
            // A prefix agent + country: "MSF Arnor" -> NGOARN.
            if gap.is_empty() && prev.kind == MentionKind::Agent && prev.country.is_none()
                && prev.role.is_some() && prev.role_first && is_country_piece(&piece) && piece.role.is_none()
            {
                let code = format!("{}{}", prev.code, piece.code);
                absorb(prev, piece);
                prev.code = code;
                continue;
            }
            // Country + agent + a name coded as the same country ("Bree Prime Minister
            // Romendacil", the minister listed under Bree): one actor.
            // A singular title names whoever follows it, wherever a dictionary lists the
            // name ("Ithilen's minister Calimehtar" is Ithilen's minister).
            if gap.is_empty() && prev.kind == MentionKind::Agent && prev.country.is_some() && (prev.country == piece.country || !prev.plural)
                && is_country_piece(&piece) && piece.role.is_none() && !piece.adjectival && tokens[piece.tokens.start].capitalized
            {
                prev.tokens.end = piece.tokens.end;
                prev.lexicon.extend(piece.lexicon);
                continue;
            }
            // A country adjective reaches its agent past a few modifiers, as a
            // possessive does: "Jordanian truck drivers", "Turkish border guards"
            // are Jordan's drivers and Turkey's guards, not a bare adjective.
            let described = prev.adjectival && possessive_modifiers(&gap, verb_forms);
            // Country (adjective or name) + agent: "Russian forces", "Russia's army".
            if (adjacent || possessive || described) && is_country_piece(prev) && prev.role.is_none() && piece.kind == MentionKind::Agent {
                merge_agent_into_country(prev, piece);
                continue;
            }
            // Country + agent + person: "Russian President Vladimir Putin".
            if adjacent && (prev.kind == MentionKind::Agent || (is_country_piece(prev) && prev.role.is_some()))
                && piece.kind == MentionKind::Person
            {
                absorb(prev, piece);
                continue;
            }
            // A countryless agent describing the group named right after it ("the
            // paramilitary Rapid Support Forces", "the militant group Hamas"): the
            // group. Not for a name no dictionary holds: "the opposition Labour
            // Party" keeps the country the agent finds (ISROPP), which a
            // provisional code would lose.
            // A medium's common noun before its name is the medium too ("the
            // opposition newspaper Red Dawn"), and newsmen from it work for it.
            // "Israel's opposition Labour party", "Israeli Labour Party": a
            // country, or an agent of a country the text names, right before a
            // name no dictionary holds is the name's country, and the name
            // gives the role (ISROPP); else the provisional code lost the
            // country the text gives.
            let of_country = (is_country_piece(prev) && prev.role.is_none() && adjacent)
                || (gap.is_empty() && prev.country.is_some() && prev.role.is_some()
                    && (is_country_piece(prev) || prev.kind == MentionKind::Agent));
            if of_country && piece.kind == MentionKind::Provisional && piece.country.is_none() && !prev.plural {
                let country = prev.country.clone().expect("a country's piece");
                let role = piece.role;
                absorb(prev, piece);
                if let Some(role) = role {
                    prev.code = join_code(&country, role);
                }
                prev.country = Some(country);
                continue;
            }
            let medium = piece.kind == MentionKind::Provisional && piece.role == Some(Role::MED) && !prev.plural
                && prev.words.last().is_some_and(|w| MEDIUM_NOUNS.contains(&w.as_str()));
            if gap.is_empty() && prev.kind == MentionKind::Agent && prev.country.is_none() && (piece.kind == MentionKind::Organization || medium) {
                absorb(prev, piece);
                if medium {
                    join_newsmen(&mut out, tokens);
                }
                continue;
            }
            // Group + its members ("Hamas militants", "Taliban fighters", "the ELN
            // rebel group") or one who speaks for it ("an African Union envoy",
            // "RFR leader Hanna Obi", "a European Union observer mission"): the
            // group. Only members, a collective noun or a representative: "Houthi
            // military targets" is a noun phrase.
            let head = piece.words.last().map(String::as_str);
            let collective = head.is_some_and(|w| matches!(w, "group" | "movement" | "militia" | "faction" | "organization" | "organisation"));
            if gap.is_empty()
                && matches!(prev.kind, MentionKind::Organization | MentionKind::Provisional)
                && piece.kind == MentionKind::Agent
                && piece.country.is_none()
                && (piece.plural || collective || head.is_some_and(speaks_for_a_body))
            {
                prev.tokens.end = piece.tokens.end;
                prev.plural = piece.plural;
                prev.words.extend(piece.words);
                prev.lexicon.extend(piece.lexicon);
                continue;
            }
            // Agent + agent ("army commander", "opposition leaders"): the first names the role.
            if adjacent && prev.kind == MentionKind::Agent && piece.kind == MentionKind::Agent && gap.is_empty() {
                prev.tokens.end = piece.tokens.end;
                prev.plural = piece.plural;
                prev.words.extend(piece.words);
                prev.lexicon.extend(piece.lexicon);
                continue;
            }
            // Agent + of/from/in + country: "the president of France", "troops from Chad".
            // "Lawmakers in Fornost", "police in Nairobi" are local; but "its troops in
            // Iraq", "its ambassador from Israel", "foreign aid workers in Niger" and
            // "the number of troops in Iraq" may be anyone's, and the resolver decides whose.
            let anyones = prev.tokens.start > 0 && matches!(norm(prev.tokens.start - 1), "its" | "their" | "his" | "her" | "of")
                || called_foreign(tokens, prev.tokens.start);
            let via = matches!(gap.as_slice(), ["of"] | ["of", "the"])
                || (!anyones
                    && matches!(
                        gap.as_slice(),
                        ["from"]
                            | ["in"]
                            | ["in", "northern" | "southern" | "eastern" | "western" | "central" | "north" | "south" | "east" | "west"]
                    ));
            if via && prev.kind == MentionKind::Agent && prev.country.is_none()
                && (is_country_piece(&piece) || (piece.kind == MentionKind::Capital && piece.country.is_some()))
            {
                let country = piece.country.clone().expect("country piece");
                // A country's own code ("USAGOV" from a dictionary), else its ISO3.
                let base = if is_country_piece(&piece) && piece.role.is_none() { piece.code.clone() } else { country.clone() };
                prev.code = match prev.role {
                    Some(role) => with_role(&base, role, prev.role_first),
                    None => base,
                };
                prev.country = Some(country);
                prev.tokens.end = piece.tokens.end;
                prev.lexicon.extend(piece.lexicon);
                distributed = prev.role.map(|role| (role, prev.role_first));
                continue;
            }
            // Agent + of + group: "three commanders of the Crimson Hand", "the
            // leader of Hamas" are the group; not its victims ("victims of the
            // Crimson Hand" are civilians). Agents at a body named in a
            // dictionary work there: "judges at the war crimes tribunal",
            // "officials at the World Bank".
            // Newsmen from a medium work for it, past what the medium is called
            // ("three reporters from the independent weekly Free Voice", "an
            // editor at the daily Morning Star").
            let newsmen = newsmen_of(prev, &piece, &gap);
            let member_of = newsmen || match gap.as_slice() {
                ["of"] | ["of", "the"] => matches!(piece.kind, MentionKind::Organization | MentionKind::Provisional),
                ["at"] | ["at", "the"] => piece.kind == MentionKind::Organization,
                _ => false,
            };
            if member_of && prev.kind == MentionKind::Agent && prev.country.is_none() && prev.role != Some(Role::CVL) {
                if newsmen {
                    absorb_newsmen(prev, piece);
                } else {
                    absorb(prev, piece);
                }
                continue;
            }
            // "the opposition coalition led by the Revolutionary Front": the leader names it.
            if prev.kind == MentionKind::Agent {
                if let Some(by) = (0..gap.len().saturating_sub(1)).find(|&k| matches!(gap[k], "led" | "headed") && gap[k + 1] == "by") {
                    let tail_ok = gap[by + 2..].iter().all(|w| *w == "the");
                    if by <= 2 && tail_ok && matches!(piece.kind, MentionKind::Provisional | MentionKind::Organization | MentionKind::Person) {
                        let start = prev.tokens.start;
                        let mut words = std::mem::take(&mut prev.words);
                        words.extend(gap[..by].iter().map(|w| w.to_string()));
                        let mut lexicon = std::mem::take(&mut prev.lexicon);
                        *prev = Mention { tokens: start..piece.tokens.end, ..piece };
                        prev.words.extend(words);
                        lexicon.append(&mut prev.lexicon);
                        prev.lexicon = lexicon;
                        continue;
                    }
                }
            }
        }
        out.push(piece);
    }
    // Places are context, not actors: drop those that merged into nothing.
    out.retain(|m| !(m.code.is_empty() && m.locative) || m.country.is_some());
    // What a named group is called beside its name, kept for later references
    // ("the ruling party", "the opposition"): a plain word between "the" and
    // the name ("the ruling Sovereign Party"), an agent in an apposition before
    // it ("the main opposition party, the Rally for Renewal").
    for k in 0..out.len() {
        if !(out[k].kind == MentionKind::Provisional && out[k].country.is_none()) {
            continue;
        }
        let start = out[k].tokens.start;
        let mut described: Vec<String> = Vec::new();
        let mut the = start;
        while the > 0 && tokens[the - 1].is_word() && !tokens[the - 1].capitalized && tokens[the - 1].norm != "the" && start - the < 2 {
            the -= 1;
        }
        if the > 0 && the < start && tokens[the - 1].norm == "the" {
            described.extend(tokens[the..start].iter().map(|t| t.norm.to_string()));
        }
        let before_apposition = start.checked_sub(if start >= 2 && tokens[start - 1].norm == "the" { 2 } else { 1 });
        if let Some(comma) = before_apposition.filter(|&c| tokens[c].norm == ",") {
            if let Some(agent) = out[..k].iter().rev().find(|p| p.kind == MentionKind::Agent && p.tokens.end == comma) {
                let plain = tokens[agent.tokens.clone()].iter().filter(|t| t.is_word() && !t.capitalized && t.norm != "the");
                described.extend(plain.map(|t| t.norm.to_string()));
            }
        }
        out[k].words.extend(described);
    }
    // An agent's plain head ("the opposition coalition"): keep its words for later references.
    for m in out.iter_mut().filter(|m| m.kind == MentionKind::Agent) {
        if let Some(next) = tokens.get(m.tokens.end) {
            if DEFINITE_HEADS.contains(&next.norm.as_str()) {
                m.words.push(next.norm.to_string());
            }
        }
    }
    out
}

/// Whether an agent's head word names one who acts for a body ("envoy",
/// "leader", "mission"), so that it is the body when its name comes first.
fn speaks_for_a_body(head: &str) -> bool {
    matches!(
        head,
        "leader" | "chief" | "head" | "envoy" | "spokesman" | "spokeswoman" | "spokesperson" | "commander" | "official"
            | "representative" | "delegate" | "delegation" | "mission" | "negotiator" | "chairman" | "chairwoman" | "president"
            | "secretary-general" | "ambassador" | "emissary" | "mediator" | "monitors" | "team"
    )
}

/// Whether `words` (after "X's" or a country adjective, before an agent) are
/// modifiers of the agent:
/// one to three plain words, perhaps joined by "and", none of them a function
/// word, a verb form of the lexicon, a plural or a participle ("X's new mayor",
/// "X's awful and evil minister"; not "X's attack hit civilians").
fn possessive_modifiers(words: &[&str], verb_forms: &rustc_hash::FxHashSet<String>) -> bool {
    const FUNCTION: &[&str] = &[
        "the", "a", "an", "its", "their", "his", "her", "of", "in", "on", "at", "to", "for", "by", "with", "from",
        "against", "that", "which", "who", "said", "says", "has", "have", "had", "will", "would", "was", "were", "is", "are",
    ];
    let content: Vec<&&str> = words.iter().filter(|w| **w != "and").collect();
    !words.is_empty()
        && words.first() != Some(&"and")
        && words.last() != Some(&"and")
        && (1..=3).contains(&content.len())
        && content.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !FUNCTION.contains(w)
                && !verb_forms.contains(**w)
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && (!w.ends_with('s') || w.ends_with("ss"))
        })
}

/// An actor code with an agent's role: appended ("ARN" + "GOV"), put before
/// when the role goes first ("ARN" + NGO -> "NGOARN", but a provisional
/// country keeps its name first), and not repeated when the code already ends
/// with it ("USAGOV" + "GOV" -> "USAGOV").
fn with_role(code: &str, role: Role, role_first: bool) -> String {
    if role_first && !code.starts_with("X-") {
        format!("{role}{code}")
    } else if !role_first && code.ends_with(role.as_str()) {
        code.to_string()
    } else {
        join_code(code, role)
    }
}

fn merge_agent_into_country(prev: &mut Mention, piece: Mention) {
    let country = prev.country.clone().expect("country piece");
    if let Some(role) = piece.role {
        prev.code = if prev.code.is_empty() { join_code(&country, role) } else { with_role(&prev.code, role, piece.role_first) };
    } else if prev.code.is_empty() {
        prev.code = country;
    }
    prev.kind = MentionKind::Agent;
    prev.adjectival = false;
    prev.role = piece.role;
    prev.role_first = piece.role_first;
    prev.tokens.end = piece.tokens.end;
    prev.plural = piece.plural;
    prev.name = format!("{} {}", prev.name, piece.name);
    prev.words.extend(piece.words);
    prev.lexicon.extend(piece.lexicon);
}

/// What one member of a list says about its neighbour: "Azerbaijani and
/// Armenian forces" are both forces; "Russian banks and lawmakers" are both
/// Russian.
fn share_across_lists(tokens: &[Token], mentions: &mut [Mention]) {
    for k in 1..mentions.len() {
        let joined = matches!(
            tokens[mentions[k - 1].tokens.end..mentions[k].tokens.start].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().as_slice(),
            ["and"] | [","] | [",", "and"] | ["or"]
        );
        if !joined {
            continue;
        }
        let (before, after) = mentions.split_at_mut(k);
        let (a, b) = (&mut before[k - 1], &mut after[0]);
        // "Azerbaijani and Armenian forces", "U.S. and Philippine troops".
        let lone_country = a.adjectival || (a.kind == MentionKind::Country && a.role.is_none());
        if lone_country && b.kind == MentionKind::Agent && b.country.is_some() {
            if let (Some(country), Some(role)) = (a.country.clone(), b.role) {
                a.code = join_code(&country, role);
                a.role = Some(role);
                a.kind = MentionKind::Agent;
                a.adjectival = false;
                a.plural = b.plural;
            }
        } else if a.kind == MentionKind::Agent && a.country.is_some() && b.kind == MentionKind::Agent && b.country.is_none() {
            if let (Some(country), Some(role)) = (a.country.clone(), b.role) {
                b.code = join_code(&country, role);
                b.country = Some(country);
            }
        }
    }
}

/// The first words of [`REFERENCES`].
/// Head words of a description of a country ("the Gulf state", "the
/// kingdom"); see [`country_description`].
pub(crate) const COUNTRY_DESCRIPTIONS: &[&str] = &["state", "nation", "kingdom", "emirate", "republic"];

/// The end of a description of a country that starts at `start`, after
/// "the": "kingdom" or "emirate" alone, or one or two capitalised words and
/// a head ("the Gulf state", "the Himalayan nation", "the island nation"
/// too). Not "the state of emergency", "the state media".
fn country_description(tokens: &[Token], start: usize) -> Option<usize> {
    let head = (start..tokens.len().min(start + 3)).find(|&k| COUNTRY_DESCRIPTIONS.contains(&tokens[k].norm.as_str()))?;
    let modifiers = &tokens[start..head];
    let described = match modifiers {
        [] => matches!(tokens[head].norm.as_str(), "kingdom" | "emirate"),
        _ => modifiers.iter().all(|t| t.capitalized || t.norm == "island"),
    };
    let noun_follows = tokens.get(head + 1).is_some_and(|t| {
        t.capitalized || matches!(t.norm.as_str(), "of" | "-" | "media" | "television" | "tv" | "radio" | "news" | "agency" | "department" | "visit" | "secretary" | "minister" | "council")
    });
    (described && !tokens[head].capitalized && !noun_follows).then_some(head + 1)
}

/// Heads of a counted reference ("the two neighbouring states", "the three
/// European countries").
const COUNTED_HEADS: &[&str] = &["countries", "nations", "governments", "states", "neighbours", "neighbors", "powers", "capitals"];

/// A pair or trio counted, with up to two modifiers before its head ("the
/// three European countries", "the two Gulf states", "the two powers"),
/// ending where it ends.
fn counted_reference(tokens: &[Token], i: usize) -> Option<(usize, Reference)> {
    if tokens[i].norm != "the" {
        return None;
    }
    let kind = match tokens.get(i + 1)?.norm.as_str() {
        "two" => Reference::Pair,
        "three" => Reference::Trio,
        _ => return None,
    };
    let modifier = |t: &Token| t.is_word() && t.norm.chars().all(char::is_alphabetic) && !is_function_word(&t.norm);
    (0..=2).map(|n| i + 2 + n).find_map(|head| {
        let heads = tokens.get(head).is_some_and(|h| COUNTED_HEADS.contains(&h.norm.as_str()));
        (heads && tokens[i + 2..head].iter().all(modifier)).then_some((head + 1, kind))
    })
}

fn reference_starts() -> &'static rustc_hash::FxHashSet<&'static str> {
    static STARTS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| REFERENCES.iter().map(|(words, _)| words[0]).collect())
}

/// Step 4: referring expressions not already part of an actor.
fn add_references(tokens: &[Token], mentions: &mut Vec<Mention>) {
    // A bare agent inside a reference ("leaders" in "the two leaders") gives way to it.
    let bare = |m: &Mention| m.kind == MentionKind::Agent && m.country.is_none();
    let taken = |mentions: &[Mention], r: &Range<usize>| mentions.iter().any(|m| m.tokens.start < r.end && r.start < m.tokens.end && !bare(m));
    let mut i = 0;
    while i < tokens.len() {
        let mut found = None;
        // Most words start no reference: one set lookup instead of comparing
        // every reference phrase (they were a tenth of the coder's profile).
        let starts = reference_starts().contains(tokens[i].norm.as_str());
        for (words, kind) in REFERENCES.iter().filter(|_| starts) {
            let end = i + words.len();
            if end <= tokens.len() && tokens[i..end].iter().zip(words.iter()).all(|(t, w)| t.norm == *w) {
                found = Some((end, *kind));
                break;
            }
        }
        // "the two" alone is the pair only where no noun of its own follows
        // ("envoys of the two to Nairobi", not "the two soldiers").
        if let Some((end, _)) = found.filter(|&(end, _)| end == i + 2 && tokens[i].norm == "the" && tokens[i + 1].norm == "two") {
            if tokens.get(end).is_some_and(|t| t.is_word() && !PREPOSITIONS_AFTER_A_PAIR.contains(&t.norm.as_str())) {
                found = None;
            }
        }
        // "the three European countries": a counted pair or trio whose
        // modifiers may name a region or a country; only its head must be free.
        let mut counted = false;
        if found.is_none() {
            found = counted_reference(tokens, i);
            counted = found.is_some();
        }
        // "the other" answers "each", "both" or "either" before it ("Both
        // sides accused the other of ...") and ends its phrase: before a noun
        // ("the other hand", "the other rebels") it is no reference.
        if let Some((end, _)) = found.filter(|_| tokens[i].norm == "the" && tokens[i + 1].norm == "other") {
            let noun_follows = tokens.get(end).is_some_and(|t| {
                t.norm.chars().all(char::is_alphabetic) && !PREPOSITIONS_AFTER_A_PAIR.contains(&t.norm.as_str())
            });
            let answers = tokens[..i].iter().any(|t| matches!(t.norm.as_str(), "each" | "both" | "either"));
            if noun_follows || !answers {
                found = None;
            }
        }
        // "each" alone is the pair only as "the other" answers it later in the
        // sentence ("each blames the other"), not "each year".
        if let Some((end, _)) = found.filter(|&(end, _)| end == i + 1 && tokens[i].norm == "each") {
            let answered = tokens[end..].windows(2).any(|w| w[0].norm == "the" && w[1].norm == "other");
            if !answered {
                found = None;
            }
        }
        // "the coalition", "the group": a definite head not followed by a name.
        if found.is_none() && tokens[i].norm == "the" {
            if let Some(next) = tokens.get(i + 1) {
                let followed_by_name = tokens.get(i + 2).is_some_and(|t| t.norm == "of" || t.capitalized);
                if DEFINITE_HEADS.contains(&next.norm.as_str()) && !next.capitalized && !followed_by_name {
                    found = Some((i + 2, Reference::Definite));
                }
            }
        }
        if found.is_none() && tokens[i].norm == "the" {
            found = country_description(tokens, i + 1).map(|end| (end, Reference::Definite));
        }
        match found {
            Some((end, kind)) if !taken(mentions, &(if counted { end - 1 } else { i }..end)) => {
                // The role of the agent it covers ("the government": GOV), for
                // when nothing before it is what it refers to.
                let role = mentions.iter().find(|m| m.tokens.start < end && i < m.tokens.end).and_then(|m| m.role);
                mentions.retain(|m| !(m.tokens.start < end && i < m.tokens.end));
                // "envoys of the two", "leaders of both sides": a bare agent of the
                // pair speaks for it, as members named after "of" are their group.
                if kind == Reference::Pair && i > 0 && tokens[i - 1].norm == "of" {
                    mentions.retain(|m| !(m.tokens.end + 1 == i && bare(m)));
                }
                let words: Vec<String> = tokens[i..end].iter().map(|t| t.norm.to_string()).collect();
                mentions.push(Mention {
                    tokens: i..end,
                    code: "---".into(),
                    kind: MentionKind::Reference(kind),
                    country: None,
                    role,
                    role_first: false,
                    name: words.join(" "),
                    plural: matches!(kind, Reference::Plural | Reference::Pair | Reference::Trio),
                    provisional: false,
                    entity: None,
                    refers_to: Vec::new(),
                    members: Vec::new(),
                    lexicon: Vec::new(),
                    locative: false,
                    words,
                    adjectival: false,
                    unnamed: false,
                    country_from_context: false,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
}
