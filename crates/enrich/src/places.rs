//! Places: the gazetteer (`places.txt`) compiled once into a phrase trie,
//! and the reading of a sentence for where things happen.
//!
//! A name counts as a place when a locative word stands before it ("in
//! Kharkiv", "near Latakia", "outside the city of Aleppo", "north of
//! Baghdad"), or when it is a city or region named anywhere ("Kharkiv's
//! mayor"). A country or capital without a locative word is left alone:
//! "Russia said" and "Moscow said" name governments, not places.

use parley_lexicon::{Case, Lexicon, PlaceKind};
use parley_text::{PhraseTrie, Token};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A gazetteer entry as it appears in output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The gazetteer's name for it (its first name).
    pub name: String,
    /// The words of the text that named it.
    pub text: String,
    /// ISO3 country code.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// `country`, `capital`, `city` or `region`.
    pub kind: Kind,
    /// How precise the coordinates are for the event: `city` (a city or
    /// capital), `region` or `country`.
    pub precision: Kind,
    /// The locative word that introduced it ("in", "near", "north of"),
    /// when there was one. Anything but "in"/"at" means the event happened
    /// around the place, not at its coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// `sentence` when the event's sentence names it, `document` when it is
    /// the document's main place.
    pub source: String,
}

/// Place kinds, as in `places.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Country,
    Capital,
    City,
    Region,
}

impl Kind {
    fn precision(self) -> Kind {
        match self {
            Kind::Capital | Kind::City => Kind::City,
            k => k,
        }
    }

    /// Smaller is more specific.
    fn rank(self) -> u8 {
        match self {
            Kind::Capital | Kind::City => 0,
            Kind::Region => 1,
            Kind::Country => 2,
        }
    }
}

/// A place a sentence names.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    pub place: Place,
    /// Whether a locative word introduced it.
    pub locative: bool,
    pub tokens: Range<usize>,
    /// Index of the gazetteer entry, to count mentions of the same place.
    pub entry: usize,
}

struct Entry {
    name: String,
    country: String,
    lat: f64,
    lon: f64,
    kind: Kind,
}

/// The gazetteer, compiled once.
pub(crate) struct Gazetteer {
    entries: Vec<Entry>,
    trie: PhraseTrie<(u32, Case)>,
}

impl Gazetteer {
    pub fn new(lexicon: &Lexicon) -> Gazetteer {
        let mut trie = PhraseTrie::new();
        let mut entries = Vec::with_capacity(lexicon.places.len());
        for (k, p) in lexicon.places.iter().enumerate() {
            let kind = match p.kind {
                PlaceKind::Country => Kind::Country,
                PlaceKind::Capital => Kind::Capital,
                PlaceKind::City => Kind::City,
                PlaceKind::Region => Kind::Region,
            };
            let name = p.names.first().map(display_name).unwrap_or_default();
            entries.push(Entry { name, country: p.iso3.clone(), lat: p.lat, lon: p.lon, kind });
            for n in &p.names {
                trie.insert(&n.norms, (k as u32, n.case));
            }
        }
        Gazetteer { entries, trie }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every place the sentence names, in order.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
        self.find_in(text, tokens, false)
    }

    /// The place of a wire dateline ("KHARKIV, Ukraine (Reuters) -"): any
    /// name there is a place, the most specific first; of two as specific, the
    /// later, since a credit line before the dateline names its paper ("Los
    /// Angeles Times - BAGHDAD -": Baghdad).
    pub fn dateline(&self, text: &str, tokens: &[Token]) -> Option<Place> {
        let found = self.find_in(text, tokens, true);
        let m = found.into_iter().min_by_key(|m| (m.place.kind.rank(), std::cmp::Reverse(m.tokens.start)))?;
        let mut p = m.place;
        p.relation = None;
        p.source = "document".into();
        Some(p)
    }

    fn find_in(&self, text: &str, tokens: &[Token], any: bool) -> Vec<PlaceMention> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < tokens.len() {
            // Names are capitalised in running text; skip everything else cheaply.
            if !tokens[i].capitalized {
                i += 1;
                continue;
            }
            let accept = |v: &(u32, Case), t: &[Token]| match v.1 {
                Case::Upper => t[0].all_caps,
                _ => t[0].capitalized,
            };
            let Some((len, values)) = self.trie.longest_at(tokens, i, accept) else {
                i += 1;
                continue;
            };
            let range = i..i + len;
            // A name listed twice is the entry of its first line (places.txt
            // puts the cities of conflict news first: Tripoli, Libya).
            let entry = values.iter().find(|v| accept(v, &tokens[range.clone()])).map(|v| v.0 as usize).expect("longest_at accepted one");
            let e = &self.entries[entry];
            let relation = locative_before(tokens, i);
            // A name followed by 's or an agent is an actor, unless a
            // locative word says otherwise ("in Russia's Belgorod region").
            let locative = relation.is_some();
            let bare_ok = matches!(e.kind, Kind::City | Kind::Region) && !is_actor_use(tokens, range.end);
            if locative || bare_ok || any {
                let place = Place {
                    name: e.name.clone(),
                    text: text[tokens[range.start].start..tokens[range.end - 1].end].to_string(),
                    country: e.country.clone(),
                    lat: e.lat,
                    lon: e.lon,
                    kind: e.kind,
                    precision: e.kind.precision(),
                    relation,
                    source: "sentence".into(),
                };
                out.push(PlaceMention { place, locative, tokens: range.clone(), entry });
            }
            i = range.end;
        }
        out
    }

    /// The document's main place: the place its sentences name most often
    /// (locative mentions count double), the more specific on a tie, then
    /// the first named.
    pub fn main_place<'a>(&self, mentions: impl Iterator<Item = &'a PlaceMention>) -> Option<Place> {
        let mut tally = MainPlace::default();
        tally.add(mentions);
        tally.finish()
    }
}

/// The count behind [`Gazetteer::main_place`], fed one sentence at a time: a
/// long report's place mentions need not all be kept until its end (a 15 MB
/// report held 19 MiB of them), only one entry per place named.
#[derive(Debug, Default)]
pub struct MainPlace {
    /// Per gazetteer entry, in the order first named: the entry, its weight,
    /// the order of its first mention and that mention's place.
    score: Vec<(usize, u32, usize, Place)>,
    /// Mentions counted so far.
    seen: usize,
}

impl MainPlace {
    /// Counts the place mentions of the next sentence.
    pub fn add<'a>(&mut self, mentions: impl IntoIterator<Item = &'a PlaceMention>) {
        for m in mentions {
            let order = self.seen;
            self.seen += 1;
            let w = if m.locative { 2 } else { 1 };
            match self.score.iter_mut().find(|s| s.0 == m.entry) {
                Some(s) => s.1 += w,
                None => self.score.push((m.entry, w, order, m.place.clone())),
            }
        }
    }

    /// The place named most often, as the document's place.
    pub fn finish(self) -> Option<Place> {
        let best = self.score.into_iter().max_by_key(|s| (s.1, std::cmp::Reverse(s.3.kind.rank()), std::cmp::Reverse(s.2)))?;
        let mut p = best.3;
        p.relation = None;
        p.source = "document".into();
        Some(p)
    }
}

/// The place an event in this sentence happened: the most specific place a
/// locative word introduces, else the first city or region named.
pub(crate) fn event_place(mentions: &[PlaceMention]) -> Option<&Place> {
    mentions
        .iter()
        .filter(|m| m.locative)
        .min_by_key(|m| (m.place.kind.rank(), m.tokens.start))
        .or_else(|| mentions.first())
        .map(|m| &m.place)
}

fn display_name(p: &parley_lexicon::Phrase) -> String {
    // Names are stored as norms; give them their written capitals back.
    p.norms
        .iter()
        .map(|w| {
            if w.contains('.') || w.len() <= 3 && p.case == Case::Upper {
                w.to_uppercase()
            } else {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" - ", "-")
}

/// "Kyiv said", "Kharkiv's governor", "Damascus government": a city standing
/// for its authorities is still where things happen, except before a
/// reporting verb.
fn is_actor_use(tokens: &[Token], end: usize) -> bool {
    tokens.get(end).is_some_and(|t| matches!(t.norm.as_str(), "said" | "says" | "announced" | "accused" | "denied" | "warned" | "demanded" | "insisted"))
}

/// The locative word before a place name at `i`, skipping "the", direction
/// adjectives and "city of" ("in the northern city of Mosul").
fn locative_before(tokens: &[Token], i: usize) -> Option<String> {
    let mut k = i;
    let mut skipped = 0;
    while k > 0 && skipped < 5 {
        let w = tokens[k - 1].norm.as_str();
        match w {
            // Not "to" or "from": "aid to the US", "envoys from Moscow" name
            // where things go or come from, not where they happen.
            "in" | "at" | "near" | "outside" | "around" | "across" | "inside" | "into" | "throughout" | "within" | "nearby" => {
                return Some(if w == "nearby" { "near".to_string() } else { w.to_string() });
            }
            "of" if k >= 2 => {
                let d = tokens[k - 2].norm.as_str();
                if matches!(d, "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest" | "outskirts") {
                    return Some(if d == "outskirts" { "near".into() } else { format!("{d} of") });
                }
                if matches!(d, "city" | "town" | "village" | "province" | "region" | "district" | "port" | "capital" | "state" | "governorate" | "area") {
                    k -= 1;
                    skipped += 1;
                    continue;
                }
                return None;
            }
            "the" | "northern" | "southern" | "eastern" | "western" | "central" | "northeastern" | "northwestern" | "southeastern" | "southwestern" | "city" | "town" | "village"
            | "province" | "region" | "district" | "port" | "capital" | "besieged" | "frontline" | "border" | "rebel" | "held" | "-" | "occupied" | "state" | "area" => {
                k -= 1;
                skipped += 1;
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_text::tokenize;

    pub(crate) const GAZETTEER: &str = "\
Ukraine | UKR | 49.0 | 32.0 | country
Kyiv; Kiev | UKR | 50.4501 | 30.5234 | capital
Kharkiv; Kharkov | UKR | 49.9935 | 36.2304 | city
Syria | SYR | 35.0 | 38.0 | country
Latakia | SYR | 35.5317 | 35.7901 | city
Aleppo | SYR | 36.2021 | 37.1343 | city
Russia | RUS | 61.524 | 105.3188 | country
Moscow | RUS | 55.7558 | 37.6173 | capital
Belgorod | RUS | 50.5997 | 36.5983 | city
North Waziristan | PAK | 32.95 | 70.0 | region
Iraq | IRQ | 33.0 | 44.0 | country
Mosul | IRQ | 36.34 | 43.13 | city
Baghdad | IRQ | 33.3152 | 44.3661 | capital
United States; US; U.S. | USA | 39.83 | -98.58 | country
";

    fn gazetteer() -> Gazetteer {
        let mut lex = Lexicon::default();
        lex.add_file("places.txt", GAZETTEER).unwrap();
        Gazetteer::new(&lex)
    }

    fn event(text: &str) -> Option<(String, Option<String>, Kind)> {
        let g = gazetteer();
        let tokens = tokenize(text);
        let found = g.find(text, &tokens);
        event_place(&found).map(|p| (p.name.clone(), p.relation.clone(), p.precision))
    }

    #[test]
    fn locative_places() {
        assert_eq!(event("Russian forces shelled residential areas in Kharkiv on Tuesday."), Some(("Kharkiv".into(), Some("in".into()), Kind::City)));
        assert_eq!(event("A car bomb exploded near Latakia."), Some(("Latakia".into(), Some("near".into()), Kind::City)));
        assert_eq!(event("Fighting raged in the northern city of Mosul."), Some(("Mosul".into(), Some("in".into()), Kind::City)));
        assert_eq!(event("Rockets hit a base 30 km north of Baghdad."), Some(("Baghdad".into(), Some("north of".into()), Kind::City)));
        assert_eq!(event("A drone strike in North Waziristan killed four."), Some(("North Waziristan".into(), Some("in".into()), Kind::Region)));
    }

    #[test]
    fn the_most_specific_locative_place_wins() {
        assert_eq!(event("In Syria, rebels shelled government positions near Aleppo.").unwrap().0, "Aleppo");
        assert_eq!(event("Protesters gathered in Kiev, the capital of Ukraine.").unwrap().0, "Kyiv");
    }

    #[test]
    fn countries_and_capitals_as_actors_are_not_places() {
        assert_eq!(event("Russia said the talks had failed."), None);
        assert_eq!(event("Moscow accused Kyiv of sabotage."), None);
        assert_eq!(event("He asked the US president to organize a dialogue."), None);
        // ... but a city named anywhere is a place.
        assert_eq!(event("Shelling of Belgorod continued.").unwrap().0, "Belgorod");
        assert_eq!(event("Troops were deployed in Ukraine.").unwrap().2, Kind::Country);
    }

    #[test]
    fn main_place_of_a_document() {
        let g = gazetteer();
        let sentences = ["Shelling hit Kharkiv again.", "Moscow said it targeted depots in Kharkiv.", "Aid reached Latakia."];
        let mut all = Vec::new();
        for s in sentences {
            all.extend(g.find(s, &tokenize(s)));
        }
        let main = g.main_place(all.iter()).unwrap();
        assert_eq!((main.name.as_str(), main.source.as_str(), main.country.as_str()), ("Kharkiv", "document", "UKR"));
    }

    #[test]
    fn lowercase_words_are_not_places() {
        assert_eq!(event("the us and them"), None);
    }
}
