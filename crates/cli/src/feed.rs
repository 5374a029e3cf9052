//! News feeds: RSS 2.0 `<item>`s and Atom `<entry>`s as documents.
//!
//! Each item becomes a document: its title is the headline, its description
//! (RSS) or summary/content (Atom) the text, its publication date the
//! document date, and its guid, id or link the document id. Markup inside the
//! text is removed by the coder's cleaning step.

use chrono::NaiveDate;
use parley::Document;

/// A feed's items as documents, each with the line its item starts on, and
/// a `FILE:LINE: reason` for each item that could not be read.
#[derive(Debug, Default)]
pub struct Feed {
    pub items: Vec<(usize, Document)>,
    pub errors: Vec<String>,
}

/// Reads a feed; `name` is used in error messages and for ids of items that
/// carry none. A feed that does not parse whole (an unknown entity, a broken
/// tag) is read item by item, so that one bad item costs only itself; it is
/// an error only when it is no feed at all or no item of it can be found.
pub fn parse(name: &str, text: &str) -> Result<Feed, String> {
    let mut feed = Feed::default();
    match crate::xml_records::parse(text) {
        Ok(xml) => {
            let root = xml.root_element();
            let items: Vec<roxmltree::Node> = match root.tag_name().name() {
                "rss" | "RDF" => root.descendants().filter(|n| n.has_tag_name("item")).collect(),
                "feed" => root.children().filter(|n| n.has_tag_name("entry")).collect(),
                other => return Err(format!("<{other}> is neither an RSS <rss> nor an Atom <feed>")),
            };
            for (k, item) in items.iter().enumerate() {
                let line = xml.text_pos_at(item.range().start).row as usize;
                feed.push(name, line, document(name, k, item));
            }
        }
        Err(whole) => {
            // The root's start tag (it declares the namespaces items use) around each item alone.
            let roots = [("<rss", "rss", "item"), ("<rdf:RDF", "rdf:RDF", "item"), ("<feed", "feed", "entry")];
            let found = roots.iter().filter_map(|&(open, root, item)| text.find(open).map(|at| (at, root, item))).min();
            let Some((at, root, item_tag)) = found else { return Err(format!("not a feed: {whole}")) };
            let head = &text[at..text[at..].find('>').map_or(text.len(), |i| at + i + 1)];
            let head = head.strip_suffix("/>").map_or(head.to_string(), |h| format!("{h}>"));
            let chunks = crate::xml_records::chunks(text, &[item_tag]);
            if chunks.is_empty() {
                return Err(format!("not a feed: {whole}"));
            }
            for (k, chunk) in chunks.iter().enumerate() {
                let wrapped = format!("{head}{}</{root}>", chunk.text);
                match crate::xml_records::parse(&wrapped) {
                    Ok(xml) => match xml.root_element().descendants().find(|n| n.has_tag_name(item_tag)) {
                        Some(item) => feed.push(name, chunk.line, document(name, k, &item)),
                        None => feed.errors.push(format!("{name}:{}: no <{item_tag}> here", chunk.line)),
                    },
                    Err(e) => feed.errors.push(format!(
                        "{name}:{}: <{item_tag}>: {e}",
                        crate::xml_records::error_line(chunk.line, &e)
                    )),
                }
            }
        }
    }
    Ok(feed)
}

impl Feed {
    /// An item read: kept when it has something to code.
    fn push(&mut self, name: &str, line: usize, doc: Document) {
        if doc.text.trim().is_empty() && doc.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            self.errors.push(format!("{name}:{line}: item {:?} has no title and no text", doc.id));
        } else {
            self.items.push((line, doc));
        }
    }
}

/// The text of the first child element with one of these local names.
fn child_text(item: &roxmltree::Node, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        item.children()
            .find(|c| c.is_element() && c.tag_name().name() == *name)
            .map(|c| c.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>().trim().to_string())
            .filter(|t| !t.is_empty())
    })
}

fn document(name: &str, index: usize, item: &roxmltree::Node) -> Document {
    let link = child_text(item, &["link"]).or_else(|| {
        item.children().find(|c| c.has_tag_name("link")).and_then(|l| l.attribute("href")).map(str::to_string)
    });
    let id = child_text(item, &["guid", "id"]).or_else(|| link.clone()).unwrap_or_else(|| format!("{name}#{}", index + 1));
    let text = child_text(item, &["description", "summary", "content", "encoded"]).unwrap_or_default();
    let mut doc = Document::new(id, text);
    doc.title = child_text(item, &["title"]);
    doc.url = link;
    doc.date = child_text(item, &["pubDate", "published", "updated", "date"]).and_then(|d| feed_date(&d));
    doc
}

/// RSS dates are RFC 2822 ("Tue, 05 Mar 2024 10:00:00 GMT"), Atom dates RFC 3339.
fn feed_date(s: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc2822(s)
        .map(|d| d.date_naive())
        .or_else(|_| chrono::DateTime::parse_from_rfc3339(s).map(|d| d.date_naive()))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_dated_documents() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
            <item><title>Rebels seize town</title><link>https://example.org/a</link>
              <description>&lt;p&gt;Rebels seized the town on Monday.&lt;/p&gt;</description>
              <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><guid>a-1</guid></item>
            <item><title>Second</title><description>Text.</description></item>
            </channel></rss>"#;
        let feed = parse("feed.xml", rss).unwrap();
        assert_eq!(feed.items.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [2, 5]);
        let docs: Vec<Document> = feed.items.into_iter().map(|(_, d)| d).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "a-1");
        assert_eq!(docs[0].title.as_deref(), Some("Rebels seize town"));
        assert_eq!(docs[0].text, "<p>Rebels seized the town on Monday.</p>");
        assert_eq!(docs[0].date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(docs[1].id, "feed.xml#2");
        assert_eq!(docs[1].date, None);
    }

    #[test]
    fn atom_entries_become_documents() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><id>urn:1</id><title>Talks resume</title><link href="https://example.org/b"/>
              <updated>2024-03-05T10:00:00Z</updated><summary>The two sides met.</summary></entry></feed>"#;
        let docs: Vec<Document> = parse("atom.xml", atom).unwrap().items.into_iter().map(|(_, d)| d).collect();
        assert_eq!(docs[0].id, "urn:1");
        assert_eq!(docs[0].url.as_deref(), Some("https://example.org/b"));
        assert_eq!(docs[0].date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(docs[0].text, "The two sides met.");
    }

    #[test]
    fn other_xml_is_refused_with_a_reason() {
        assert!(parse("x.xml", "<html/>").unwrap_err().contains("neither"));
        assert!(parse("x.xml", "<rss><channel>").unwrap_err().contains("well-formed"));
        assert!(parse("x.xml", "<html><p>").unwrap_err().contains("well-formed"));
    }

    #[test]
    fn a_bad_item_is_left_out_with_its_line_and_the_others_kept() {
        // An HTML entity XML does not know, in the second of three items, and an empty item.
        let rss = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>\n\
            <item><guid>a</guid><title>First</title><description>Rebels seized the town.</description></item>\n\
            <item><guid>b</guid><title>Second&nbsp;one</title><description>Broken.</description></item>\n\
            <item><guid>c</guid><dc:date>2024-03-05</dc:date><description>Troops withdrew.</description></item>\n\
            <item><guid>d</guid></item>\n\
            </channel></rss>";
        let feed = parse("wire.rss", rss).unwrap();
        let kept: Vec<(usize, &str)> = feed.items.iter().map(|(line, d)| (*line, d.id.as_str())).collect();
        assert_eq!(kept, [(2, "a"), (4, "c")]);
        assert_eq!(feed.items[1].1.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(feed.errors.len(), 2, "{:?}", feed.errors);
        assert!(feed.errors[0].starts_with("wire.rss:3: <item>: not well-formed XML"), "{:?}", feed.errors);
        assert_eq!(feed.errors[1], "wire.rss:5: item \"d\" has no title and no text");
    }
}
