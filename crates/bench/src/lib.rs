//! # parley-bench: a reproducible news corpus for benchmarks
//!
//! The corpus is built at run time from the real English text under
//! `../shared/anchors/` (never copied into the repository, never committed):
//!
//! - `agnews/test.csv`: 7,600 real wire items of 2004-2005 (title and lead);
//! - `petrarch2/GigaWord.sample.PETR.xml`: the `<Text>` of each PETRARCH
//!   GigaWord sample sentence (AFP, 2008).
//!
//! Round 0 is those items as they are, in file order. Larger corpora repeat
//! them in further rounds, each one shuffled, re-dated and with its actor names
//! varied: every country name, country adjective and person's name that the
//! built-in lexicon knows is replaced, consistently within a document, by
//! another of the same kind from the lexicon. Everything follows from a seed,
//! so the same arguments give the same bytes on every machine.

use chrono::{Days, NaiveDate};
use parley::Document;
use parley_lexicon::{Case, Lexicon};
use parley_text::PhraseTrie;
use std::path::{Path, PathBuf};

/// One news item of the sources.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub title: Option<String>,
    pub text: String,
}

/// `../shared/anchors` beside the workspace, or `$PARLEY_ANCHORS`.
pub fn anchors_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PARLEY_ANCHORS") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/anchors")
}

/// The AG News test split: `"class","title","description"` per line, with
/// `""` for a quote inside a field.
pub fn load_agnews(path: &Path) -> std::io::Result<Vec<Item>> {
    let text = std::fs::read_to_string(path)?;
    let mut items = Vec::new();
    for (row, line) in text.lines().enumerate() {
        let fields = csv_fields(line);
        if fields.len() < 3 {
            continue;
        }
        items.push(Item { id: format!("ag{}", row + 1), title: Some(fields[1].clone()), text: fields[2].clone() });
    }
    Ok(items)
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The `<Text>` of every `<Sentence>` of a PETRARCH XML file, whitespace
/// collapsed (the file wraps lines).
pub fn load_petrarch_texts(path: &Path) -> std::io::Result<Vec<Item>> {
    let xml = std::fs::read_to_string(path)?;
    let mut items = Vec::new();
    let mut rest = xml.as_str();
    while let Some(open) = rest.find("<Sentence ") {
        rest = &rest[open..];
        let head_end = rest.find('>').unwrap_or(rest.len());
        let head = &rest[..head_end];
        let id = head
            .split("id")
            .nth(1)
            .and_then(|s| s.split('"').nth(1))
            .map_or_else(|| format!("gw{}", items.len() + 1), |s| s.to_string());
        let (Some(t0), Some(t1)) = (rest.find("<Text>"), rest.find("</Text>")) else { break };
        if t0 < t1 {
            let text = rest[t0 + 6..t1].split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">");
            items.push(Item { id, title: None, text });
        }
        rest = &rest[t1 + 7..];
    }
    Ok(items)
}

/// Both sources, AG News first. Fails when `../shared/anchors` is missing.
pub fn load_sources(anchors: &Path) -> std::io::Result<Vec<Item>> {
    let mut items = load_agnews(&anchors.join("agnews/test.csv"))?;
    items.extend(load_petrarch_texts(&anchors.join("petrarch2/GigaWord.sample.PETR.xml"))?);
    Ok(items)
}

/// splitmix64: small, fast, and the same everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// The kinds of names that are varied: a name is replaced by another of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Country,
    Adjective,
    Person,
}

/// Actor names of the built-in lexicon, to vary the corpus with.
pub struct Names {
    trie: PhraseTrie<(NameKind, usize)>,
    lists: [Vec<String>; 3],
}

fn title_case(norms: &[String]) -> Option<String> {
    let mut out = Vec::new();
    for n in norms {
        if !n.chars().all(|c| c.is_alphabetic()) {
            return None;
        }
        let mut cs = n.chars();
        let first = cs.next()?;
        out.push(first.to_uppercase().chain(cs).collect::<String>());
    }
    Some(out.join(" "))
}

impl Names {
    pub fn from_lexicon(lexicon: &Lexicon) -> Names {
        let mut trie = PhraseTrie::new();
        let mut lists: [Vec<String>; 3] = Default::default();
        let mut add = |kind: NameKind, phrase: &parley_lexicon::Phrase| {
            if phrase.case != Case::Capitalized {
                return;
            }
            if let Some(text) = title_case(&phrase.norms) {
                let list = &mut lists[kind as usize];
                trie.insert(&phrase.norms, (kind, list.len()));
                list.push(text);
            }
        };
        for c in &lexicon.countries {
            c.names.iter().take(1).for_each(|p| add(NameKind::Country, p));
            c.adjectives.iter().take(1).for_each(|p| add(NameKind::Adjective, p));
        }
        for a in lexicon.actors.iter().filter(|a| a.is_person) {
            a.names.iter().take(1).filter(|p| p.norms.len() >= 2).for_each(|p| add(NameKind::Person, p));
        }
        Names { trie, lists }
    }

    /// `text` with every known name replaced by another of its kind, the same
    /// replacement for the same name within one call.
    pub fn vary(&self, text: &str, rng: &mut Rng, chosen: &mut Vec<((NameKind, usize), usize)>) -> String {
        let tokens = parley_text::tokenize(text);
        let mut out = String::with_capacity(text.len() + 16);
        let mut copied = 0;
        let mut i = 0;
        while i < tokens.len() {
            let found = self.trie.longest_at(&tokens, i, |_, t| t[0].capitalized && !t[0].all_caps);
            let Some((len, values)) = found else {
                i += 1;
                continue;
            };
            let key = values[0];
            let list = &self.lists[key.0 as usize];
            let pick = match chosen.iter().find(|(k, _)| *k == key) {
                Some(&(_, p)) => p,
                None => {
                    let p = rng.below(list.len());
                    chosen.push((key, p));
                    p
                }
            };
            out.push_str(&text[copied..tokens[i].start]);
            out.push_str(&list[pick]);
            copied = tokens[i + len - 1].end;
            i += len;
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// A corpus of `docs` documents: round 0 is the sources as they are, later
/// rounds are shuffled, re-dated and varied (see the crate docs).
pub fn generate(items: &[Item], names: &Names, docs: usize, seed: u64) -> Vec<Document> {
    let base = NaiveDate::from_ymd_opt(2004, 7, 1).expect("a date");
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(docs);
    let mut round = 0usize;
    while out.len() < docs && !items.is_empty() {
        let mut order: Vec<usize> = (0..items.len()).collect();
        if round > 0 {
            rng.shuffle(&mut order);
        }
        for &k in &order {
            if out.len() == docs {
                break;
            }
            let item = &items[k];
            let date = base + Days::new(rng.below(730) as u64);
            let mut doc = if round == 0 {
                let mut d = Document::new(item.id.clone(), item.text.clone());
                d.title = item.title.clone();
                d
            } else {
                let mut chosen = Vec::new();
                let text = names.vary(&item.text, &mut rng, &mut chosen);
                let mut d = Document::new(format!("{}-r{round}", item.id), text);
                d.title = item.title.as_ref().map(|t| names.vary(t, &mut rng, &mut chosen));
                d
            };
            doc.date = Some(date);
            out.push(doc);
        }
        round += 1;
    }
    out
}

/// A document as one JSON line for `parley code` (`id`, `date`, `title`, `text`).
pub fn to_json_line(doc: &Document) -> String {
    let mut v = serde_json::json!({ "id": doc.id, "text": doc.text });
    if let Some(d) = doc.date {
        v["date"] = d.format("%Y-%m-%d").to_string().into();
    }
    if let Some(t) = &doc.title {
        v["title"] = t.clone().into();
    }
    v.to_string()
}

/// The text a coder reads for a document: title, blank line, text (as
/// `Coder::code` joins them), cleaned.
pub fn document_text(doc: &Document) -> String {
    let raw = match &doc.title {
        Some(t) if !t.trim().is_empty() => format!("{}\n\n{}", t.trim(), doc.text),
        _ => doc.text.clone(),
    };
    parley_text::clean(&raw).into_owned()
}

/// (sentences, bytes of input text) of a corpus, sentences as the coder splits them.
pub fn measure(docs: &[Document]) -> (usize, usize) {
    let mut sentences = 0;
    let mut bytes = 0;
    for d in docs {
        let text = document_text(d);
        bytes += d.text.len() + d.title.as_ref().map_or(0, |t| t.len());
        let tokens = parley_text::tokenize(&text);
        sentences += parley_text::sentences(&text, &tokens).len();
    }
    (sentences, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_fields(r#""1","a ""b"", c","d""#), ["1", "a \"b\", c", "d"]);
    }

    #[test]
    fn names_are_varied_consistently() {
        let lexicon = Lexicon::builtin().unwrap();
        let names = Names::from_lexicon(&lexicon);
        let mut rng = Rng::new(7);
        let text = "France said France would talk.";
        let out = names.vary(text, &mut rng, &mut Vec::new());
        let words: Vec<&str> = out.split(' ').collect();
        assert_ne!(out, text);
        assert_eq!(out.matches(words[0]).count(), 2, "{out}");
    }
}
