//! What readers look up in the lexicon: CAMEO codes by code, name or PLOVER
//! type, countries and agents by name, known people and groups.

use chrono::NaiveDate;
use parley::{Event, Lexicon, Mode, PloverRef, Tense, VerbRef};
use parley_lexicon::{DatedCode, Phrase};
use rustc_hash::FxHashMap;

/// The lexicon's tables as readers need them, indexed once.
pub struct Vocabulary {
    lexicon: Lexicon,
    /// Normalised CAMEO names ("make statement") -> code; the specific code
    /// ("010") wins over its root ("01") when both have the same name.
    by_name: FxHashMap<String, String>,
    /// Country names, adjectives and ISO codes, normalised -> ISO3.
    countries: FxHashMap<String, String>,
    /// Agent words ("police", "citizen") -> agent code ("COP", "CVL").
    agents: FxHashMap<String, String>,
    /// Names of organisations and people -> their dated codes.
    actors: FxHashMap<String, Vec<DatedCode>>,
}

/// CAMEO names that ICEWS spells otherwise than the CAMEO 1.1b3 codebook
/// the lexicon follows (the rest match once normalised).
const ICEWS_NAMES: &[(&str, &str)] = &[
    ("express intent to engage in diplomatic cooperation such as policy support", "032"),
    ("appeal to engage in or accept mediation", "028"),
    ("appeal for easing of political dissent", "0252"),
    ("threaten with sanctions boycott embargo", "1312"),
    ("threaten with restrictions on political freedoms", "1321"),
    ("threaten with repression", "137"),
    ("threaten with military force", "138"),
    ("carry out car bombing", "1832"),
];

/// A name as a key: lower case, words only ("Arrest,_detain,_or_charge" ->
/// "arrest detain or charge"), without CAMEO's ", not specified below".
pub(crate) fn name_key(name: &str) -> String {
    let lower = name.to_lowercase().replace(", not specified below", "");
    lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn phrase_key(p: &Phrase) -> String {
    name_key(&p.text())
}

impl Vocabulary {
    /// Indexes `lexicon` (the built-in one for `parley import`).
    pub fn new(lexicon: Lexicon) -> Vocabulary {
        let mut by_name = FxHashMap::default();
        // BTreeMap order: "01" before "010", so the specific code overwrites.
        for (code, entry) in &lexicon.codes {
            by_name.insert(name_key(&entry.name), code.clone());
        }
        for (name, code) in ICEWS_NAMES {
            by_name.entry(name.to_string()).or_insert_with(|| code.to_string());
        }
        let mut countries = FxHashMap::default();
        for c in &lexicon.countries {
            for p in c.names.iter().chain(&c.adjectives) {
                countries.entry(phrase_key(p)).or_insert_with(|| c.iso3.clone());
            }
            countries.entry(c.iso3.to_lowercase()).or_insert_with(|| c.iso3.clone());
        }
        let mut agents = FxHashMap::default();
        for a in &lexicon.agents {
            for p in &a.words {
                agents.entry(phrase_key(p)).or_insert_with(|| a.code.clone());
            }
        }
        let mut actors: FxHashMap<String, Vec<DatedCode>> = FxHashMap::default();
        for a in &lexicon.actors {
            for p in &a.names {
                actors.entry(phrase_key(p)).or_insert_with(|| a.roles.clone());
            }
        }
        Vocabulary { lexicon, by_name, countries, agents, actors }
    }

    /// The built-in lexicon's vocabulary.
    pub fn builtin() -> Result<Vocabulary, String> {
        Lexicon::builtin().map(Vocabulary::new).map_err(|e| format!("lexicon error: {e}"))
    }

    /// The CAMEO code whose name this is ("Make_statement" -> "010").
    pub fn cameo_by_name(&self, name: &str) -> Option<&str> {
        self.by_name.get(&name_key(name)).map(String::as_str)
    }

    /// Whether the lexicon's CAMEO table has `code`.
    pub fn knows_cameo(&self, code: &str) -> bool {
        self.lexicon.event_code(code).is_some()
    }

    /// The first CAMEO code whose PLOVER mapping is this type, mode and
    /// context; else the first of this type alone. For PLOVER records that
    /// carry no CAMEO code.
    pub fn cameo_for_plover(&self, event_type: &str, mode: Option<&str>, context: Option<&str>) -> Option<&str> {
        let mut same_type = None;
        for code in self.lexicon.codes.keys() {
            let Some(p) = self.lexicon.plover(code) else { continue };
            if !p.event_type.eq_ignore_ascii_case(event_type) {
                continue;
            }
            if p.mode.as_deref() == mode && p.context.as_deref() == context {
                return Some(code);
            }
            same_type.get_or_insert(code.as_str());
        }
        same_type
    }

    /// ISO3 of a country name, adjective or code ("Afghanistan", "Afghan", "AFG").
    pub fn country(&self, name: &str) -> Option<&str> {
        self.countries.get(&name_key(name)).map(String::as_str)
    }

    /// The agent code of a word ("Police" -> "COP").
    pub fn agent(&self, word: &str) -> Option<&str> {
        self.agents.get(&name_key(word)).map(String::as_str)
    }

    /// The code of a known organisation or person on `day` ("Barack Obama"
    /// -> "USAGOV" in 2014).
    pub fn actor(&self, name: &str, day: Option<NaiveDate>) -> Option<&str> {
        let roles = self.actors.get(&name_key(name))?;
        let holds = |r: &&DatedCode| day.is_none_or(|d| r.holds_on(d));
        roles.iter().find(holds).or(roles.first()).map(|r| r.code.as_str())
    }

    /// An event of `cameo` with its root, quad class, Goldstein value, name
    /// and PLOVER mapping from the lexicon, and every other field empty: the
    /// caller fills what its format gives. `None` for a code the table lacks.
    pub fn event(&self, doc_id: &str, cameo: &str) -> Option<Event> {
        let entry = self.lexicon.event_code(cameo)?;
        let plover = self.lexicon.plover(cameo).map(|p| PloverRef { event_type: p.event_type.clone(), mode: p.mode.clone(), context: p.context.clone() });
        Some(Event {
            doc_id: doc_id.to_string(),
            sentence_index: 0,
            sentence: String::new(),
            source: None,
            target: None,
            cameo: cameo.to_string(),
            root: entry.root().to_string(),
            quad_class: entry.quad_class(),
            goldstein: entry.goldstein,
            event_name: entry.name.clone(),
            plover,
            mode: Mode::Asserted,
            certainty: parley::CertaintyLevel::Stated,
            hedges: Vec::new(),
            attribution: None,
            date: None,
            date_info: None,
            place: None,
            counts: Vec::new(),
            tense: Tense::Past,
            background: false,
            passive: false,
            verb: VerbRef { text: String::new(), lemma: String::new(), span: [0, 0] },
            lexicon: Vec::new(),
            embedded: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_places_are_found_as_icews_spells_them() {
        let v = Vocabulary::builtin().unwrap();
        assert_eq!(v.cameo_by_name("Make_statement"), Some("010"));
        assert_eq!(v.cameo_by_name("Arrest,_detain,_or_charge_with_legal_action"), Some("173"));
        assert_eq!(v.cameo_by_name("Threaten_with_military_force"), Some("138"));
        assert_eq!(v.cameo_by_name("Consult"), Some("040"));
        assert_eq!(v.cameo_by_name("Dance_a_jig"), None);
        assert_eq!(v.country("Afghanistan"), Some("AFG"));
        assert_eq!(v.country("afg"), Some("AFG"));
        assert_eq!(v.agent("Police"), Some("COP"));
        let e = v.event("d", "190").unwrap();
        assert_eq!((e.root.as_str(), e.quad_class), ("19", 4));
        assert!(v.event("d", "999").is_none());
        let code = v.cameo_for_plover("ASSAULT", None, None).unwrap();
        assert_eq!(v.event("d", code).unwrap().plover.unwrap().event_type, "ASSAULT");
    }
}
