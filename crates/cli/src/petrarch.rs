//! PETRARCH's XML input: `<Sentence date="YYYYMMDD" id="..."><Text>...</Text>`
//! records, with the expected `<EventCoding>`s of a validation file and its
//! `<Environment>`. The `<Parse>` element is ignored: parley works from the text.

use chrono::NaiveDate;
use parley::Document;

/// What a validation record expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// These (source, target, event) triples.
    Events(Vec<(String, String, String)>),
    /// An error or discard (`dateline`, `storydiscard`, `sentencediscard`, ...).
    Error(String),
}

/// One `<Sentence>` record.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub category: String,
    pub text: String,
    pub expected: Expected,
    /// 1-based line of the record in its file.
    pub line: usize,
    /// PETRARCH's `require_dyad` option in force for this record (a
    /// `<Config option="require_dyad" value="false">` between records turns
    /// it off for the records after it): when false, events with one actor
    /// count too, the missing one written `---`.
    pub require_dyad: bool,
}

impl Record {
    /// The record as a document to code.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(self.id.clone(), self.text.clone());
        doc.date = self.date;
        doc
    }
}

/// The dictionaries and categories a validation file's `<Environment>` names.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub verbs: Vec<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
    /// `<Include>` categories; empty when the file has none (all are included).
    pub include: Vec<String>,
}

/// A PETRARCH XML file: its environment and records.
#[derive(Clone, Debug, Default)]
pub struct PetrarchFile {
    pub environment: Environment,
    pub records: Vec<Record>,
}

fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children().find(|c| c.has_tag_name(name)).map(|c| c.text().unwrap_or("").trim().to_string())
}

/// `YYYYMMDD` (PETRARCH) or `YYYY-MM-DD`.
fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y%m%d").ok().or_else(|| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
}

/// Reads a PETRARCH XML file's text; `name` is used in error messages.
pub fn parse(name: &str, xml: &str) -> Result<PetrarchFile, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("{name}: not well-formed XML: {e}"))?;
    let mut file = PetrarchFile::default();
    let mut require_dyad = true;
    for node in doc.descendants() {
        if node.has_tag_name("Config") && node.attribute("option") == Some("require_dyad") {
            require_dyad = !node.attribute("value").is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
        }
        if node.has_tag_name("Environment") {
            let env = &mut file.environment;
            for c in node.children().filter(|c| c.is_element()) {
                let text = c.text().unwrap_or("").trim().to_string();
                match c.tag_name().name() {
                    "Verbfile" => env.verbs.push(text),
                    "Actorfile" => env.actors.extend(text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty())),
                    "Agentfile" => env.agents.push(text),
                    "Discardfile" => env.discards.push(text),
                    "Include" => env.include = text.split_whitespace().map(str::to_string).collect(),
                    _ => {}
                }
            }
        }
        if !node.has_tag_name("Sentence") {
            continue;
        }
        let line = doc.text_pos_at(node.range().start).row as usize;
        let id = node.attribute("id").map(str::to_string).ok_or_else(|| format!("{name}:{line}: a <Sentence> needs an id attribute"))?;
        let text = child_text(node, "Text").ok_or_else(|| format!("{name}:{line}: <Sentence id={id:?}> has no <Text>"))?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let date = match node.attribute("date") {
            Some(d) => Some(date(d).ok_or_else(|| format!("{name}:{line}: date {d:?} is not YYYYMMDD"))?),
            None => None,
        };
        let mut events = Vec::new();
        let mut error = None;
        for c in node.children().filter(|c| c.has_tag_name("EventCoding")) {
            if let Some(e) = c.attribute("error") {
                error = Some(e.to_string());
            } else if c.attribute("noevents").is_some() {
                continue;
            } else {
                let get = |a: &str| c.attribute(a).unwrap_or("").trim().to_string();
                events.push((get("sourcecode"), get("targetcode"), get("eventcode")));
            }
        }
        let expected = match error {
            Some(e) => Expected::Error(e),
            None => Expected::Events(events),
        };
        let category = node.attribute("category").unwrap_or("").to_string();
        file.records.push(Record { id, date, category, text, expected, line, require_dyad });
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Validation>
<!-- comment -->
<Environment>
    <Verbfile>V.verbs.txt</Verbfile>
    <Actorfile>A.actors.txt</Actorfile>
    <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Sentence date = "19950101" id ="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore
full diplomatic ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950101" id="E-1" category="ERROR"><EventCoding error="storydiscard"></EventCoding><Text>A typhoon.</Text></Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="19950101" id="N-1" category="DEMO"><EventCoding noevents = "True"></EventCoding><Text>Nothing &amp; more.</Text></Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_environment_records_and_expectations() {
        let f = parse("t.xml", XML).unwrap();
        assert_eq!(f.environment.verbs, ["V.verbs.txt"]);
        assert_eq!(f.environment.include, ["valid", "DEMO"]);
        assert_eq!(f.records.len(), 3);
        let r = &f.records[0];
        assert_eq!(r.text, "Arnor is about to restore full diplomatic ties with Gondor.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(1995, 1, 1));
        assert_eq!(r.expected, Expected::Events(vec![("ARN".into(), "GON".into(), "064".into())]));
        assert_eq!(r.line, 9);
        assert_eq!(f.records[1].expected, Expected::Error("storydiscard".into()));
        assert_eq!(f.records[2].expected, Expected::Events(vec![]));
        assert_eq!(f.records[2].text, "Nothing & more.");
        // require_dyad holds until a <Config> between records turns it off.
        assert!(f.records[0].require_dyad && f.records[1].require_dyad && !f.records[2].require_dyad);
    }

    #[test]
    fn errors_say_where() {
        let err = parse("t.xml", "<Sentences><Sentence id=\"x\" date=\"1995\"><Text>a</Text></Sentence></Sentences>").unwrap_err();
        assert_eq!(err, "t.xml:1: date \"1995\" is not YYYYMMDD");
        assert!(parse("t.xml", "<Sentences>").unwrap_err().starts_with("t.xml: not well-formed XML"));
    }
}
