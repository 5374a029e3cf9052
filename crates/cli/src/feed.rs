//! News feeds: RSS 2.0 `<item>`s and Atom `<entry>`s as documents.
//!
//! Each item becomes a document: its title is the headline, its description
//! (RSS) or summary/content (Atom) the text, its publication date the
//! document date, and its guid, id or link the document id. Markup inside the
//! text is removed by the coder's cleaning step.

use chrono::NaiveDate;
use parley::Document;

/// Reads a feed; `name` is used in error messages and for ids of items that
/// carry none.
pub fn parse(name: &str, text: &str) -> Result<Vec<Document>, String> {
    let xml = roxmltree::Document::parse(text).map_err(|e| format!("not a well-formed feed: {e}"))?;
    let root = xml.root_element();
    let items: Vec<roxmltree::Node> = match root.tag_name().name() {
        "rss" | "RDF" => root.descendants().filter(|n| n.has_tag_name("item")).collect(),
        "feed" => root.children().filter(|n| n.has_tag_name("entry")).collect(),
        other => return Err(format!("<{other}> is neither an RSS <rss> nor an Atom <feed>")),
    };
    Ok(items.iter().enumerate().map(|(k, item)| document(name, k, item)).collect())
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
        let docs = parse("feed.xml", rss).unwrap();
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
        let docs = parse("atom.xml", atom).unwrap();
        assert_eq!(docs[0].id, "urn:1");
        assert_eq!(docs[0].url.as_deref(), Some("https://example.org/b"));
        assert_eq!(docs[0].date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(docs[0].text, "The two sides met.");
    }

    #[test]
    fn other_xml_is_refused_with_a_reason() {
        assert!(parse("x.xml", "<html/>").unwrap_err().contains("neither"));
        assert!(parse("x.xml", "<rss><item>").unwrap_err().contains("well-formed"));
    }
}
