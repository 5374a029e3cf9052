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
            let next_open = tags.iter().filter_map(|t| find_open(&xml[head_end..], t)).min().map(|i| head_end + i);
            match xml[head_end..].find(&close).map(|i| head_end + i) {
                Some(c) if next_open.is_none_or(|n| c < n) => xml[c..].find('>').map_or(xml.len(), |i| c + i + 1),
                _ => next_open.unwrap_or(xml.len()),
            }
        };
        out.push(Chunk { line, text: &xml[start..end] });
        pos = end.max(start + 1);
    }
    out
}

/// Where the next element named `tag` opens in `xml`.
fn find_open(xml: &str, tag: &str) -> Option<usize> {
    let pattern = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = xml[from..].find(&pattern) {
        let at = from + i;
        if opens(&xml[at + 1..], tag) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A parse error of a chunk, with the line in the whole file.
pub fn error_line(chunk_line: usize, e: &roxmltree::Error) -> usize {
    chunk_line + e.pos().row as usize - 1
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
    fn a_record_without_its_end_tag_stops_at_the_next_one() {
        let xml = "<a>\n<item>one\n<item>two</item>\n</a>";
        let c = chunks(xml, &["item"]);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].line, c[0].text), (2, "<item>one\n"));
        assert_eq!((c[1].line, c[1].text), (3, "<item>two</item>"));
    }
}
