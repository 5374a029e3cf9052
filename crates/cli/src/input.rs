//! Reading documents from files and standard input.
//!
//! Inputs are read as a stream of batches, so a large JSON-lines file is
//! never held in memory whole. A record that cannot be read is reported on
//! standard error with its file and line, skipped, and remembered so the
//! command can end with a non-zero exit code.

use chrono::NaiveDate;
use parley::Document;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// From the file name: `.jsonl`/`.ndjson` are JSON lines, `.rss`/`.atom` feeds,
    /// `.xml` a feed or PETRARCH records (by its root element), the rest plain
    /// text; standard input is JSON lines when it starts with `{`.
    Auto,
    /// One file is one document; its id is the file name.
    Text,
    /// One JSON object per line: `id`, `text`, optional `date`, `title`, `url`, `source`.
    Jsonl,
    /// PETRARCH's XML: each `<Sentence date="YYYYMMDD" id="...">`'s `<Text>` is a
    /// document (`<Parse>` is ignored).
    PetrarchXml,
    /// An RSS 2.0 or Atom feed: each item or entry is a document.
    Feed,
}

/// The largest document text coded whole (titles included).
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// Where documents come from, and what went wrong on the way.
pub struct Reader {
    inputs: Vec<String>,
    format: Format,
    default_date: Option<NaiveDate>,
    next_input: usize,
    current: Option<Current>,
    /// Documents read from a file that holds several (PETRARCH XML).
    pending: std::collections::VecDeque<Document>,
    /// Set when any record was skipped.
    pub skipped: bool,
    /// How many records were skipped.
    pub skipped_records: usize,
    /// Bytes read from the input files so far, for progress.
    consumed: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// A reader that counts the bytes it hands out (progress on large inputs).
struct Counting<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

struct Current {
    name: String,
    lines: Box<dyn BufRead>,
    line_number: usize,
}

impl Reader {
    /// `inputs` are paths, or `-` for standard input; none means standard input.
    pub fn new(inputs: Vec<String>, format: Format, default_date: Option<NaiveDate>) -> Reader {
        let inputs = if inputs.is_empty() { vec!["-".to_string()] } else { inputs };
        Reader {
            inputs,
            format,
            default_date,
            next_input: 0,
            current: None,
            pending: Default::default(),
            skipped: false,
            skipped_records: 0,
            consumed: Default::default(),
        }
    }

    /// Bytes read so far, and the size of all the input files when every
    /// input is a file (standard input has no size).
    pub fn progress(&self) -> (u64, Option<u64>) {
        let total = self.inputs.iter().map(|f| if f == "-" { None } else { std::fs::metadata(f).ok().map(|m| m.len()) }).sum();
        (self.consumed.load(std::sync::atomic::Ordering::Relaxed), total)
    }

    fn skip(&mut self, place: &str, why: impl std::fmt::Display) {
        eprintln!("parley: {place}: {why} (skipped)");
        self.skipped = true;
        self.skipped_records += 1;
    }

    /// The document, unless its text is larger than [`MAX_DOCUMENT_BYTES`]: a
    /// news report that large is a concatenated archive or a mistake, and
    /// coding it whole would hold all its sentences in memory at once.
    fn within_limit(&mut self, place: &str, doc: Document) -> Option<Document> {
        let size = doc.text.len() + doc.title.as_ref().map_or(0, String::len);
        if size > MAX_DOCUMENT_BYTES {
            self.skip(place, format!("document {:?} is {} MiB, over the limit of {} MiB for one report (split it into documents)", doc.id, size >> 20, MAX_DOCUMENT_BYTES >> 20));
            return None;
        }
        Some(doc)
    }

    /// Up to `max` further documents; empty when the inputs are exhausted.
    pub fn next_batch(&mut self, max: usize) -> Vec<Document> {
        let mut batch = Vec::new();
        while batch.len() < max {
            if let Some(doc) = self.pending.pop_front() {
                let place = doc.id.clone();
                batch.extend(self.within_limit(&place, doc));
                continue;
            }
            if let Some(current) = self.current.as_mut() {
                let mut buf = Vec::new();
                match current.lines.read_until(b'\n', &mut buf) {
                    Ok(0) => self.current = None,
                    Ok(_) => {
                        current.line_number += 1;
                        let place = format!("{}:{}", current.name, current.line_number);
                        if let Some(doc) = self.json_line(&place, &buf).and_then(|d| self.within_limit(&place, d)) {
                            batch.push(doc);
                        }
                    }
                    Err(e) => {
                        let place = format!("{}:{}", current.name, current.line_number + 1);
                        self.current = None;
                        self.skip(&place, e);
                    }
                }
                continue;
            }
            if self.next_input >= self.inputs.len() {
                break;
            }
            let name = self.inputs[self.next_input].clone();
            self.next_input += 1;
            match self.open(&name) {
                Ok(Opened::Lines(lines)) => {
                    let shown = if name == "-" { "<stdin>".to_string() } else { name };
                    self.current = Some(Current { name: shown, lines, line_number: 0 });
                }
                Ok(Opened::Whole(doc)) => batch.extend(self.within_limit(&name, doc)),
                Ok(Opened::Many(docs)) => self.pending.extend(docs),
                Err(why) => self.skip(&name, why),
            }
        }
        batch
    }

    fn json_line(&mut self, place: &str, bytes: &[u8]) -> Option<Document> {
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l.trim(),
            Err(e) => {
                self.skip(place, format!("invalid UTF-8 at byte {}", e.valid_up_to()));
                return None;
            }
        };
        if line.is_empty() {
            return None;
        }
        match Document::from_json(line) {
            Ok(mut doc) => {
                doc.date = doc.date.or(self.default_date);
                Some(doc)
            }
            Err(e) => {
                self.skip(place, e);
                None
            }
        }
    }

    fn open(&self, name: &str) -> Result<Opened, String> {
        let (mut reader, id): (Box<dyn BufRead>, String) = if name == "-" {
            (Box::new(BufReader::new(std::io::stdin())), "stdin".into())
        } else {
            let file = std::fs::File::open(name).map_err(|e| format!("cannot open: {e}"))?;
            let id = Path::new(name).file_name().map_or(name.to_string(), |f| f.to_string_lossy().into_owned());
            let file = Counting { inner: file, count: self.consumed.clone() };
            (Box::new(BufReader::with_capacity(1 << 16, file)), id)
        };
        let format = match self.format {
            Format::Auto if name != "-" => {
                if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
                    Format::Jsonl
                } else if name.ends_with(".rss") || name.ends_with(".atom") {
                    Format::Feed
                } else if name.ends_with(".xml") {
                    // A feed or PETRARCH's records: the root element tells.
                    let head = reader.fill_buf().map_err(|e| e.to_string())?;
                    let head = String::from_utf8_lossy(&head[..head.len().min(4096)]);
                    if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:RDF") { Format::Feed } else { Format::PetrarchXml }
                } else {
                    Format::Text
                }
            }
            Format::Auto => {
                let head = reader.fill_buf().map_err(|e| e.to_string())?;
                let first = head.iter().find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'{') { Format::Jsonl } else { Format::Text }
            }
            f => f,
        };
        if format == Format::Jsonl {
            return Ok(Opened::Lines(reader));
        }
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
            format!("invalid UTF-8 at line {line} (byte {at})")
        })?;
        if format == Format::Feed {
            let docs = crate::feed::parse(&id, &text)?.into_iter().map(|mut doc| {
                doc.date = doc.date.or(self.default_date);
                doc
            });
            return Ok(Opened::Many(docs.collect()));
        }
        if format == Format::PetrarchXml {
            let file = crate::petrarch::parse(&id, &text)?;
            let docs = file.records.iter().map(|r| {
                let mut doc = r.document();
                doc.date = doc.date.or(self.default_date);
                doc
            });
            return Ok(Opened::Many(docs.collect()));
        }
        let mut doc = Document::new(id, text);
        doc.date = self.default_date;
        Ok(Opened::Whole(doc))
    }
}

enum Opened {
    Lines(Box<dyn BufRead>),
    Whole(Document),
    Many(Vec<Document>),
}
