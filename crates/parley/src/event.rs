//! The output schema: one [`Event`] per coded event, one JSON object per line.

use parley_enrich::{CertaintyLevel, Count, DateInfo, Place};
use parley_actors::Role;
use parley_events::{Mode, Tense};
use serde::{Deserialize, Deserializer, Serialize};

/// A source or target: which actor, and where the sentence names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// CAMEO-style code: "USAGOV", "IGOUNO", "---MIL"; provisional actors are
    /// `X-<NAME>-<ROLE>` (`X-REVOLUTIONARY-FRONT-REB`).
    pub code: String,
    /// The words of the sentence that name it ("He", "Russian forces").
    pub text: String,
    /// Byte offsets of `text` in the sentence.
    pub span: [usize; 2],
    /// ISO3 country, when known.
    pub country: Option<String>,
    /// Agent or role code ("GOV", "MIL", "REB"), when known; written as its
    /// code, a string.
    #[serde(default, deserialize_with = "role_if_valid")]
    pub role: Option<Role>,
    /// Whether the actor is provisional: named in the text but in no dictionary.
    pub provisional: bool,
    /// For a pronoun or description ("He", "the latter", "both sides"): the
    /// name of the actor it was resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
    /// The document entity this mention belongs to (stable within a document).
    pub entity: Option<usize>,
}

/// Reads an actor's role: a string that is no role code (which parley never
/// writes) reads as an unknown role rather than failing the whole event.
/// serde_arrow, which traces the schema with an empty string, needs that too.
fn role_if_valid<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Role>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.and_then(|code| code.parse().ok()))
}

/// The PLOVER event type, mode and context of the CAMEO code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PloverRef {
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Option<String>,
}

/// Who the sentence says it comes from ("according to the United Nations").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributionRef {
    pub text: String,
    /// The actor code, when the source is an actor.
    pub code: Option<String>,
    /// The phrase that introduced it ("according to", "said").
    pub cue: String,
}

/// The event word and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerbRef {
    pub text: String,
    pub lemma: String,
    pub span: [usize; 2],
}

/// One coded event. Field names are part of the contract with downstream
/// tools: see the README's "Output schema".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub doc_id: String,
    /// 0-based index of the sentence in the document (a title counts).
    pub sentence_index: usize,
    pub sentence: String,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// Full CAMEO code ("028", "0871").
    pub cameo: String,
    /// Its root ("02").
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    pub goldstein: f32,
    /// The CAMEO code's name ("Appeal to engage in or accept mediation").
    pub event_name: String,
    pub plover: Option<PloverRef>,
    pub mode: Mode,
    /// `stated`, or `hedged` when the sentence hedges (see `hedges`).
    pub certainty: CertaintyLevel,
    pub hedges: Vec<String>,
    pub attribution: Option<AttributionRef>,
    /// The event date (ISO 8601, as precise as known): the sentence's own date
    /// when it gives one, else the document's; absent when neither is known.
    pub date: Option<String>,
    /// `day`, `week`, `month` or `year`, where the date came from
    /// (`sentence` or `document`) and the words it was read from.
    pub date_info: Option<DateInfo>,
    /// Where it happened: the place the sentence names ("in Kharkiv", "near
    /// Latakia"), else the document's main place (`source` says which);
    /// absent when neither is known.
    pub place: Option<Place>,
    /// Casualty and displacement figures of this event ("killed at least 12
    /// civilians"); running totals are facts of the document instead.
    #[serde(default)]
    pub counts: Vec<Count>,
    pub tense: Tense,
    /// Background rather than news ("has long been accused", "previous attempts").
    pub background: bool,
    pub passive: bool,
    pub verb: VerbRef,
    /// The lexicon entries that fired ("verbs.txt:812 @ask", "countries.txt:230 USA").
    pub lexicon: Vec<String>,
    /// The action inside a statement, when `cameo` is the statement's by
    /// CAMEO's conventions: "pledged to give aid" is `cameo` 0331 (intent to
    /// provide economic aid) with `embedded` 071 intended. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<EmbeddedRef>,
}

/// The action a statement is about: its CAMEO code and mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmbeddedRef {
    pub cameo: String,
    pub mode: Mode,
}

impl Event {
    /// A readable audit of the event, for a coder checking an error in one
    /// look: the sentence, the code and why, each actor and where it came from
    /// (the lexicon lines, and the context rules: a dateline, an earlier
    /// mention, a coreference, a country read off the document).
    pub fn explain(&self) -> String {
        let actor = |label: &str, a: &Option<ActorRef>| match a {
            None => format!("  {label:<7} none\n"),
            Some(a) => {
                let refers = a.refers_to.as_deref().map(|r| format!(" (refers to {r})")).unwrap_or_default();
                format!("  {label:<7} {} \"{}\"{refers}\n", a.code, a.text)
            }
        };
        let mut out = format!("{} #{}: {}\n", self.doc_id, self.sentence_index, self.sentence.trim());
        out += &format!("  event   {} {} [{}]", self.cameo, self.event_name, serde_json::to_value(self.mode).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
        if let Some(e) = &self.embedded {
            out += &format!(" (the statement of {})", e.cameo);
        }
        out += &format!("\n  verb    \"{}\" ({})\n", self.verb.text, self.verb.lemma);
        out += &actor("source", &self.source);
        out += &actor("target", &self.target);
        for line in &self.lexicon {
            out += &format!("    {line}\n");
        }
        out
    }

    /// parley's short table (`parley code --format parley-tsv`): nine of
    /// the event's fields, in order (see [`Event::TSV_HEADER`]). Not GDELT:
    /// `parley-formats` writes the GDELT 2.0 event table.
    pub fn tsv_row(&self) -> String {
        let code = |a: &Option<ActorRef>| a.as_ref().map_or(String::new(), |a| a.code.clone());
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        [
            self.date.clone().unwrap_or_default(),
            code(&self.source),
            code(&self.target),
            self.cameo.clone(),
            self.root.clone(),
            self.quad_class.to_string(),
            format!("{:.1}", self.goldstein),
            clean(&self.doc_id),
            clean(&self.sentence),
        ]
        .join("\t")
    }

    /// Header line of [`Event::tsv_row`].
    pub const TSV_HEADER: &'static str = "date\tsource\ttarget\tcameo\troot\tquad_class\tgoldstein\tdoc_id\tsentence";
}

#[cfg(test)]
mod tests {
    use super::ActorRef;
    use parley_actors::Role;

    fn actor(role: &str) -> String {
        format!(r#"{{"code": "KENCOP", "text": "police", "span": [0, 6], "country": "KEN", "role": {role}, "provisional": false, "entity": 0}}"#)
    }

    #[test]
    fn a_role_is_written_and_read_as_its_code() {
        let police: ActorRef = serde_json::from_str(&actor(r#""COP""#)).unwrap();
        assert_eq!(police.role, Some(Role::COP));
        assert!(serde_json::to_string(&police).unwrap().contains(r#""role":"COP""#));
    }

    #[test]
    fn a_role_that_is_no_code_reads_as_unknown() {
        for role in [r#""police""#, r#""""#, "null"] {
            let police: ActorRef = serde_json::from_str(&actor(role)).unwrap();
            assert_eq!(police.role, None, "{role}");
        }
    }
}
