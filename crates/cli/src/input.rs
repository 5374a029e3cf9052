//! Reading documents from files and standard input.
//!
//! Inputs are read as a stream of batches, so a large JSON-lines file is
//! never held in memory whole. A record that cannot be read is reported on
//! standard error with its file and line, skipped, and remembered so the
//! command can end with a non-zero exit code. A document id seen before in
//! the same run is reported with both places (a store keeps the later one).
//!
//! Memory is bounded on every path, standard input included: a JSON line is
//! refused once it passes [`MAX_LINE_BYTES`] (the rest of it is read past,
//! not kept), a text input once it passes [`MAX_DOCUMENT_BYTES`], and a feed
//! or PETRARCH file once it passes [`MAX_XML_FILE_BYTES`], each while it is
//! being read, so `/dev/zero` costs no more than one limit's worth.

use chrono::NaiveDate;
use parley::Document;
use std::collections::HashMap;
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

/// The longest JSON line read: a document at the limit, with room for the
/// escapes of JSON and the other fields.
pub const MAX_LINE_BYTES: usize = 2 * MAX_DOCUMENT_BYTES + (64 << 10);

/// The largest feed or PETRARCH file: those are parsed whole, into a tree
/// of a few times their size.
pub const MAX_XML_FILE_BYTES: usize = 64 << 20;

/// Where a document was read: the input's index and the line (0 for a
/// whole-file document).
#[derive(Clone, Copy)]
struct Place {
    input: u32,
    line: u32,
}

/// Where documents come from, and what went wrong on the way.
pub struct Reader {
    inputs: Vec<String>,
    format: Format,
    default_date: Option<NaiveDate>,
    next_input: usize,
    current: Option<Current>,
    /// Documents read from a file that holds several (PETRARCH XML, feeds), with their lines.
    pending: std::collections::VecDeque<(Document, usize)>,
    /// Where each document id of the run was first read, by a hash of the
    /// id (16 bytes a document): to report repeats.
    seen: HashMap<u64, Place>,
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
    lines: Box<dyn BufRead>,
    line_number: usize,
}

/// What [`read_line_bounded`] found.
pub(crate) enum Line {
    /// The input is exhausted.
    End,
    /// A line (with its newline, if it had one) is in the buffer.
    Read,
    /// A line of this many bytes, over the limit: read past, not kept.
    TooLong(usize),
}

/// A line's buffer grows by doubling up to this size, and then at once to
/// the limit.
const LARGE_LINE: usize = 1 << 20;

/// Reads one line into `buf` (cleared first), keeping at most `max` bytes:
/// a longer line is read to its end without being held, so its length
/// costs no memory.
pub(crate) fn read_line_bounded(input: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Line> {
    buf.clear();
    let (mut total, mut too_long) = (0usize, false);
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let newline = available.iter().position(|&b| b == b'\n');
        let take = newline.map_or(available.len(), |i| i + 1);
        if !too_long {
            if buf.len() + take > max {
                too_long = true;
                buf.clear();
                buf.shrink_to(1 << 16);
            } else {
                if buf.len() + take > buf.capacity() && buf.capacity() >= LARGE_LINE {
                    // Past a megabyte, room for the whole limit at once, reserved and
                    // not touched (only what is written becomes resident). Doubling
                    // would copy the line into blocks of twice its size, to 64 MiB for
                    // a line at the 32 MiB limit, and the allocator keeps the freed
                    // blocks resident a while: 100 of the 150 MiB an endless line took.
                    buf.reserve_exact(max - buf.len());
                }
                buf.extend_from_slice(&available[..take]);
            }
        }
        total += take;
        input.consume(take);
        if newline.is_some() {
            break;
        }
    }
    Ok(match (total, too_long) {
        (0, _) => Line::End,
        (n, true) => Line::TooLong(n),
        _ => Line::Read,
    })
}

/// Reads `input` whole, unless it is longer than `max` bytes: then it stops
/// there and says how far it got.
fn read_bounded(input: &mut dyn BufRead, max: usize) -> Result<Vec<u8>, String> {
    // Room for the limit and the byte past it, reserved (not touched) at
    // once: doubling as it grows would take twice the limit.
    let mut bytes = Vec::with_capacity(max + 1);
    input.take(max as u64 + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > max {
        return Err(format!("over the limit of {} MiB (reading stopped there)", max >> 20));
    }
    Ok(bytes)
}

impl Reader {
    /// `inputs` are paths, or `-` for standard input; none means standard
    /// input. A path that cannot be opened is an error here, before any
    /// document is read: a mistyped name should not cost a half-done run.
    pub fn new(inputs: Vec<String>, format: Format, default_date: Option<NaiveDate>) -> Result<Reader, String> {
        let inputs = if inputs.is_empty() { vec!["-".to_string()] } else { inputs };
        for name in inputs.iter().filter(|n| *n != "-") {
            let meta = std::fs::metadata(name).map_err(|e| format!("{name}: cannot open: {e}"))?;
            if meta.is_dir() {
                return Err(format!("{name}: is a directory, not a file"));
            }
        }
        if inputs.len() > u32::MAX as usize {
            return Err("too many inputs".into());
        }
        Ok(Reader {
            inputs,
            format,
            default_date,
            next_input: 0,
            current: None,
            pending: Default::default(),
            seen: HashMap::new(),
            skipped: false,
            skipped_records: 0,
            consumed: Default::default(),
        })
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

    /// The input's name as messages give it.
    fn shown(&self, input: usize) -> &str {
        match self.inputs[input].as_str() {
            "-" => "<stdin>",
            name => name,
        }
    }

    fn place(&self, p: Place) -> String {
        match p.line {
            0 => self.shown(p.input as usize).to_string(),
            line => format!("{}:{line}", self.shown(p.input as usize)),
        }
    }

    /// The document, unless its text is larger than [`MAX_DOCUMENT_BYTES`]: a
    /// news report that large is a concatenated archive or a mistake, and
    /// coding it whole would hold all its sentences in memory at once. A
    /// repeated id is reported with the place of the first.
    fn accept(&mut self, place: Place, doc: Document) -> Option<Document> {
        let size = doc.text.len() + doc.title.as_ref().map_or(0, String::len);
        if size > MAX_DOCUMENT_BYTES {
            let why = format!(
                "document {:?} is {} MiB, over the limit of {} MiB for one report (split it into documents)",
                doc.id,
                size >> 20,
                MAX_DOCUMENT_BYTES >> 20
            );
            self.skip(&self.place(place), why);
            return None;
        }
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&doc.id, &mut hasher);
        let key = std::hash::Hasher::finish(&hasher);
        match self.seen.get(&key) {
            Some(&first) => eprintln!(
                "parley: warning: {}: document id {:?} was read before at {} (a store keeps the later one)",
                self.place(place),
                doc.id,
                self.place(first)
            ),
            None => {
                self.seen.insert(key, place);
            }
        }
        Some(doc)
    }

    /// Up to `max` further documents; empty when the inputs are exhausted.
    pub fn next_batch(&mut self, max: usize) -> Vec<Document> {
        let mut batch = Vec::new();
        let mut buf = Vec::new();
        while batch.len() < max {
            let input = self.next_input.saturating_sub(1);
            if let Some((doc, line)) = self.pending.pop_front() {
                batch.extend(self.accept(Place { input: input as u32, line: line as u32 }, doc));
                continue;
            }
            if let Some(current) = self.current.as_mut() {
                let read = read_line_bounded(&mut *current.lines, &mut buf, MAX_LINE_BYTES);
                let line = current.line_number + 1;
                let place = Place { input: input as u32, line: line as u32 };
                match read {
                    Ok(Line::End) => self.current = None,
                    Ok(Line::Read) => {
                        current.line_number = line;
                        if let Some(doc) = self.json_line(place, &buf).and_then(|d| self.accept(place, d)) {
                            batch.push(doc);
                        }
                    }
                    Ok(Line::TooLong(n)) => {
                        current.line_number = line;
                        let why = format!("line of {} MiB, over the limit of {} MiB", n >> 20, MAX_LINE_BYTES >> 20);
                        self.skip(&self.place(place), why);
                    }
                    Err(e) => {
                        self.current = None;
                        self.skip(&self.place(place), e);
                    }
                }
                continue;
            }
            if self.next_input >= self.inputs.len() {
                break;
            }
            let index = self.next_input;
            self.next_input += 1;
            match self.open(index) {
                Ok(Opened::Lines(lines)) => self.current = Some(Current { lines, line_number: 0 }),
                Ok(Opened::Whole(doc)) => batch.extend(self.accept(Place { input: index as u32, line: 0 }, doc)),
                Ok(Opened::Many(docs, errors)) => {
                    for e in errors {
                        eprintln!("parley: {e} (skipped)");
                        self.skipped = true;
                    }
                    self.pending.extend(docs);
                }
                Err(why) => {
                    let name = self.shown(index).to_string();
                    self.skip(&name, why);
                }
            }
        }
        batch
    }

    fn json_line(&mut self, place: Place, bytes: &[u8]) -> Option<Document> {
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l.trim(),
            Err(e) => {
                self.skip(&self.place(place), format!("invalid UTF-8 at byte {}", e.valid_up_to()));
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
                self.skip(&self.place(place), e);
                None
            }
        }
    }

    fn open(&self, index: usize) -> Result<Opened, String> {
        let name = self.inputs[index].as_str();
        let (mut reader, id): (Box<dyn BufRead>, String) = if name == "-" {
            (Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())), "stdin".into())
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
        let limit = if format == Format::Text { MAX_DOCUMENT_BYTES } else { MAX_XML_FILE_BYTES };
        let bytes = read_bounded(&mut *reader, limit)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
            format!("invalid UTF-8 at line {line} (byte {at})")
        })?;
        let shown = self.shown(index);
        let dated = |mut doc: Document| {
            doc.date = doc.date.or(self.default_date);
            doc
        };
        if format == Format::Feed {
            let feed = crate::feed::parse(shown, &text)?;
            let docs = feed.items.into_iter().map(|(line, doc)| (dated(doc), line)).collect();
            return Ok(Opened::Many(docs, feed.errors));
        }
        if format == Format::PetrarchXml {
            let prefix = format!("{shown}: ");
            let file = crate::petrarch::parse(shown, &text).map_err(|e| e.strip_prefix(&prefix).unwrap_or(&e).to_string())?;
            let docs = file.records.iter().map(|r| (dated(r.document()), r.line)).collect();
            return Ok(Opened::Many(docs, file.errors));
        }
        let mut doc = Document::new(id, text);
        doc.date = self.default_date;
        Ok(Opened::Whole(doc))
    }
}

enum Opened {
    Lines(Box<dyn BufRead>),
    Whole(Document),
    /// Documents with their lines, and the records that could not be read.
    Many(Vec<(Document, usize)>, Vec<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_takes_room_for_the_limit_not_twice_its_length() {
        let max = 5 << 20;
        let mut line = vec![b'a'; max - 1];
        line.push(b'\n');
        let mut buf = Vec::new();
        let read = read_line_bounded(&mut std::io::Cursor::new(&line), &mut buf, max).unwrap();
        assert!(matches!(read, Line::Read));
        assert_eq!(buf.len(), max);
        // Doubling would have reached 8 MiB.
        assert_eq!(buf.capacity(), max);
        // One byte more is refused and its room given back.
        line.insert(0, b'a');
        let read = read_line_bounded(&mut std::io::Cursor::new(&line), &mut buf, max).unwrap();
        assert!(matches!(read, Line::TooLong(n) if n == max + 1));
        assert!(buf.is_empty() && buf.capacity() <= 1 << 16);
    }
}
