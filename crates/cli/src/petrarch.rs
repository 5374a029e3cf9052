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

/// A PETRARCH XML file: its environment, its readable records, and a
/// `FILE:LINE: reason` for each record that could not be read.
#[derive(Clone, Debug, Default)]
pub struct PetrarchFile {
    pub environment: Environment,
    pub records: Vec<Record>,
    pub errors: Vec<String>,
}

fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children().find(|c| c.has_tag_name(name)).map(|c| c.text().unwrap_or("").trim().to_string())
}

/// `YYYYMMDD` (PETRARCH) or `YYYY-MM-DD`.
fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y%m%d").ok().or_else(|| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
}

/// Reads a PETRARCH XML file's text; `name` is used in error messages. A
/// record that cannot be read (no id, no `<Text>`, a bad date, broken XML
/// inside it) is left out with its reason in [`PetrarchFile::errors`]; the
/// file is an error only when no record of it can be found at all.
pub fn parse(name: &str, xml: &str) -> Result<PetrarchFile, String> {
    let mut reading = Reading { name, file: PetrarchFile::default(), require_dyad: true };
    match crate::xml_records::parse(xml) {
        Ok(doc) => reading.visit(&doc, 0),
        Err(whole) => {
            // Record by record, so that one broken record costs only itself.
            let chunks = crate::xml_records::chunks(xml, &["Environment", "Config", "Sentence"]);
            if !chunks.iter().any(|c| c.text.starts_with("<Sentence")) {
                return Err(format!("{name}: {whole}"));
            }
            for chunk in chunks {
                match crate::xml_records::parse(chunk.text) {
                    Ok(doc) => reading.visit(&doc, chunk.line - 1),
                    Err(e) => reading.file.errors.push(format!(
                        "{name}:{}: {e}",
                        crate::xml_records::error_line(chunk.line, &e)
                    )),
                }
            }
        }
    }
    Ok(reading.file)
}

/// A file being read: what is read so far, and the `require_dyad` in force.
struct Reading<'n> {
    name: &'n str,
    file: PetrarchFile,
    require_dyad: bool,
}

impl Reading<'_> {
    /// Reads the elements of `doc`, a whole file or one of its records
    /// starting after line `line_offset`.
    fn visit(&mut self, doc: &roxmltree::Document, line_offset: usize) {
        for node in doc.descendants() {
            if node.has_tag_name("Config") && node.attribute("option") == Some("require_dyad") {
                self.require_dyad = !node.attribute("value").is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
            }
            if node.has_tag_name("Environment") {
                self.environment(node);
            }
            if node.has_tag_name("Sentence") {
                let line = line_offset + doc.text_pos_at(node.range().start).row as usize;
                match self.record(node, line) {
                    Ok(record) => self.file.records.push(record),
                    Err(why) => self.file.errors.push(format!("{}:{line}: {why}", self.name)),
                }
            }
        }
    }

    fn environment(&mut self, node: roxmltree::Node) {
        let env = &mut self.file.environment;
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

    fn record(&self, node: roxmltree::Node, line: usize) -> Result<Record, String> {
        let id = node.attribute("id").map(str::to_string).ok_or("a <Sentence> needs an id attribute")?;
        let text = child_text(node, "Text").ok_or_else(|| format!("<Sentence id={id:?}> has no <Text>"))?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let date = match node.attribute("date") {
            Some(d) => Some(date(d).ok_or_else(|| format!("date {d:?} is not YYYYMMDD"))?),
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
        Ok(Record { id, date, category, text, expected, line, require_dyad: self.require_dyad })
    }
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
    fn a_bad_record_is_left_out_with_its_line_and_the_others_kept() {
        let xml = "<Sentences>\n<Sentence id=\"x\" date=\"1995\"><Text>a</Text></Sentence>\n\
                   <Sentence date=\"19950101\"><Text>b</Text></Sentence>\n\
                   <Sentence id=\"y\"></Sentence>\n\
                   <Sentence id=\"ok\" date=\"19950102\"><Text>Good.</Text></Sentence>\n</Sentences>";
        let f = parse("t.xml", xml).unwrap();
        assert_eq!(f.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["ok"]);
        assert_eq!(f.records[0].line, 5);
        assert_eq!(
            f.errors,
            [
                "t.xml:2: date \"1995\" is not YYYYMMDD",
                "t.xml:3: a <Sentence> needs an id attribute",
                "t.xml:4: <Sentence id=\"y\"> has no <Text>"
            ]
        );
    }

    #[test]
    fn broken_xml_in_one_record_costs_only_that_record() {
        let xml = "<Sentences>\n<Sentence id=\"a\"><Text>Tom &amp; Jerry</Text></Sentence>\n\
                   <Sentence id=\"b\"><Text>Tom & Jerry</Text></Sentence>\n\
                   <Config option=\"require_dyad\" value=\"false\"/>\n\
                   <Sentence id=\"c\"><Text>Fine.</Text></Sentence>\n</Sentences>";
        let f = parse("t.xml", xml).unwrap();
        assert_eq!(f.records.iter().map(|r| (r.id.as_str(), r.line, r.require_dyad)).collect::<Vec<_>>(), [("a", 2, true), ("c", 5, false)]);
        assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
        assert!(f.errors[0].starts_with("t.xml:3: not well-formed XML"), "{:?}", f.errors);
        // No record at all: one error for the file.
        assert!(parse("t.xml", "<Sentences>").unwrap_err().starts_with("t.xml: not well-formed XML"));
    }
}
