//! Finding the records of an XML file by their tags, for recovery.
//!
//! A feed or a PETRARCH file is parsed whole first. When that fails (an
//! unknown entity, an unescaped `&`, a stray tag in one item), the file is
//! cut into its record elements by their start and end tags alone, and each
//! is parsed on its own: one broken record is reported with its line and the
//! others are kept. Records are flat (a record element does not hold another
//! of the same name), as in RSS, Atom and PETRARCH's files.

/// One record element's text and the 1-based line it starts on.
pub struct Chunk<'a> {
    pub line: usize,
    pub text: &'a str,
}

/// Does `rest` (just after a `<`) open an element named `tag`?
fn opens(rest: &str, tag: &str) -> bool {
    rest.strip_prefix(tag).is_some_and(|after| after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/'))
}

/// The elements named one of `tags`, outermost, in document order. An
/// element whose end tag is missing runs to the next record's start (or the
/// end of the file), so that its parse fails and is reported alone.
pub fn chunks<'a>(xml: &'a str, tags: &[&str]) -> Vec<Chunk<'a>> {
    let mut out = Vec::new();
    let (mut pos, mut line, mut counted) = (0usize, 1usize, 0usize);
    while let Some(offset) = xml[pos..].find('<') {
        let start = pos + offset;
        let rest = &xml[start + 1..];
        let Some(tag) = tags.iter().find(|t| opens(rest, t)) else {
            pos = start + 1;
            continue;
        };
        line += xml[counted..start].bytes().filter(|&b| b == b'\n').count();
        counted = start;
        let head_end = xml[start..].find('>').map_or(xml.len(), |i| start + i + 1);
        let end = if xml[start..head_end].ends_with("/>") {
            head_end
        } else {
            let close = format!("</{tag}");
            let next_open = find_open(&xml[head_end..], tags).map(|i| head_end + i);
            // The end tag is looked for before the next record only: a file of
            // unclosed records is read in linear time, not quadratic.
            let before = next_open.unwrap_or(xml.len());
            match xml[head_end..before].find(&close).map(|i| head_end + i) {
                Some(c) => xml[c..].find('>').map_or(xml.len(), |i| c + i + 1),
                None => before,
            }
        };
        out.push(Chunk { line, text: &xml[start..end] });
        pos = end.max(start + 1);
    }
    out
}

/// Where the next element named one of `tags` opens in `xml`: one pass that
/// stops there (a search per tag would run to the end of the file for each
/// tag that does not come again, for every record).
fn find_open(xml: &str, tags: &[&str]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = xml[from..].find('<') {
        let at = from + i;
        if tags.iter().any(|t| opens(&xml[at + 1..], t)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The deepest nesting of elements parley reads. roxmltree's tokenizer
/// recurses once per open element, so a file of nothing but start tags
/// (`<a><a><a>...`, 3 bytes a level) would overflow any thread's stack; no
/// feed or PETRARCH file comes near this depth (they nest fewer than ten).
pub const MAX_DEPTH: usize = 256;

/// Why an XML text was not read.
#[derive(Debug)]
pub enum XmlError {
    /// Not well-formed, as roxmltree says.
    Xml(roxmltree::Error),
    /// Elements nested deeper than [`MAX_DEPTH`]; `line` is the 1-based line
    /// of the start tag that went too deep.
    TooDeep { line: usize },
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlError::Xml(e) => write!(f, "not well-formed XML: {e}"),
            XmlError::TooDeep { line } => write!(f, "elements nested deeper than {MAX_DEPTH} levels (from line {line}): not read"),
        }
    }
}

/// Parses `xml` with roxmltree once its nesting is known to be at most
/// [`MAX_DEPTH`], so that the parse cannot overflow the stack.
pub fn parse(xml: &str) -> Result<roxmltree::Document<'_>, XmlError> {
    if let Some(at) = too_deep(xml, MAX_DEPTH) {
        let line = 1 + xml.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        return Err(XmlError::TooDeep { line });
    }
    roxmltree::Document::parse(xml).map_err(XmlError::Xml)
}

/// The byte offset of the first start tag that opens more than `max`
/// elements at once, if one does. Only start and end tags count: comments,
/// CDATA sections, processing instructions, declarations and quoted
/// attribute values are skipped as roxmltree skips them, so the depth found
/// is never below the depth roxmltree's recursion reaches (it may be above
/// on malformed input, which roxmltree refuses anyway).
fn too_deep(xml: &str, max: usize) -> Option<usize> {
    let b = xml.as_bytes();
    let skip_to = |from: usize, end: &str| xml.get(from..).and_then(|r| r.find(end)).map_or(b.len(), |i| from + i + end.len());
    let (mut i, mut depth) = (0usize, 0usize);
    while let Some(offset) = xml.get(i..).and_then(|r| r.find('<')) {
        let at = i + offset;
        let rest = &b[at..];
        i = if rest.starts_with(b"<!--") {
            skip_to(at + 4, "-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(at + 9, "]]>")
        } else if rest.starts_with(b"<?") {
            skip_to(at + 2, "?>")
        } else if rest.starts_with(b"<!") {
            // A declaration (a DOCTYPE), with its internal subset in brackets.
            let close = skip_to(at + 2, ">");
            match xml[at..close].find('[') {
                Some(open) => skip_to(skip_to(at + open + 1, "]"), ">"),
                None => close,
            }
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            at + 2
        } else {
            // A start tag, to its `>` outside quotes; a `<` ends it too
            // (roxmltree refuses a `<` in an attribute value).
            let (mut j, mut quote) = (at + 1, None);
            while j < b.len() {
                match (quote, b[j]) {
                    (_, b'<') => break,
                    (Some(q), c) if c == q => quote = None,
                    (None, c @ (b'"' | b'\'')) => quote = Some(c),
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            let empty = j < b.len() && b[j] == b'>' && b[j - 1] == b'/' && quote.is_none();
            if !empty {
                depth += 1;
                if depth > max {
                    return Some(at);
                }
            }
            if j < b.len() && b[j] == b'>' {
                j + 1
            } else {
                j
            }
        };
    }
    None
}

/// A parse error of a chunk, with the line in the whole file.
pub fn error_line(chunk_line: usize, e: &XmlError) -> usize {
    match e {
        XmlError::Xml(e) => chunk_line + e.pos().row as usize - 1,
        XmlError::TooDeep { line } => chunk_line + line - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_found_by_their_tags_with_their_lines() {
        let xml = "<rss>\n<channel>\n<item><title>a</title></item>\n<itemx/>\n<item>\n<title>b &nbsp;</title>\n</item><item/></channel></rss>";
        let c = chunks(xml, &["item"]);
        let found: Vec<(usize, &str)> = c.iter().map(|c| (c.line, c.text)).collect();
        assert_eq!(found, [(3, "<item><title>a</title></item>"), (5, "<item>\n<title>b &nbsp;</title>\n</item>"), (7, "<item/>")]);
    }

    #[test]
    fn nesting_is_measured_as_the_parser_would_recurse() {
        let deep = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert!(matches!(parse(&deep(MAX_DEPTH + 1)), Err(XmlError::TooDeep { line: 1 })));
        // Empty elements, end tags, comments, CDATA, instructions and quoted `>` do not nest.
        let flat = format!(
            "<?xml version=\"1.0\"?><r>{}</r>",
            "<a/><b x=\"/>\"/><c y='a>b'></c><!-- <d> --><![CDATA[<e>]]><?p <f>?>".repeat(2 * MAX_DEPTH)
        );
        assert_eq!(too_deep(&flat, MAX_DEPTH), None);
        assert!(roxmltree::Document::parse(&flat).is_ok());
        assert_eq!(too_deep("<r>\n<a>\n<a>", 2), Some(8));
        assert!(matches!(parse("<r>\n<a>\n<a>"), Err(XmlError::Xml(_))));
    }

    #[test]
    fn a_file_of_start_tags_is_refused_on_any_stack() {
        // 100,000 levels: roxmltree alone overflows even a main thread's 8 MiB stack
        // in release. Here on a 64 KiB thread, debug or release.
        let xml = format!("<Sentences>\n{}", "<Sentence>".repeat(100_000));
        let result = std::thread::Builder::new().stack_size(64 << 10).spawn(move || parse(&xml).map(|_| ()).unwrap_err().to_string());
        let message = result.unwrap().join().unwrap();
        assert_eq!(message, format!("elements nested deeper than {MAX_DEPTH} levels (from line 2): not read"));
    }

    #[test]
    fn a_record_without_its_end_tag_stops_at_the_next_one() {
        let xml = "<a>\n<item>one\n<item>two</item>\n</a>";
        let c = chunks(xml, &["item"]);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].line, c[0].text), (2, "<item>one\n"));
        assert_eq!((c[1].line, c[1].text), (3, "<item>two</item>"));
    }
}
