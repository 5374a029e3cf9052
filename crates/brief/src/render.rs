//! Markdown, HTML and JSON.
//!
//! Markdown citations are `[e12]` (an event) and `[doc ID s4]` (a
//! document's sentence; `[doc ID]` the whole document), after the line's
//! text. HTML links them to the dashboard: `#event=12` opens the event view,
//! `#doc=ID` the document's events.

use crate::{Brief, Citation};
use std::fmt::Write;

/// How a brief is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown, for mail and tickets.
    Markdown,
    /// A standalone HTML page whose citations link to the dashboard.
    Html,
    /// The sections and lines, with structured citations.
    Json,
}

impl Format {
    /// `md`, `html` or `json`.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(format!("expected md, html or json, got {s:?}")),
        }
    }
}

pub(crate) fn render(brief: &Brief, format: Format, dashboard: &str) -> String {
    match format {
        Format::Markdown => markdown(brief),
        Format::Html => html(brief, dashboard),
        Format::Json => serde_json::to_string_pretty(brief).unwrap_or_default() + "\n",
    }
}

fn markdown_citation(c: &Citation) -> String {
    match c {
        Citation::Event { id } => format!("[e{id}]"),
        Citation::Document { id, sentence: Some(n) } => format!("[doc {id} s{n}]"),
        Citation::Document { id, sentence: None } => format!("[doc {id}]"),
    }
}

fn markdown(b: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", b.title);
    let _ = writeln!(
        out,
        "Period: {}. Written by parley from the event store; every line cites the events [eN] and documents [doc ID sN] it rests on.\n",
        b.period
    );
    for s in &b.sections {
        let _ = writeln!(out, "## {}\n", s.heading);
        if s.lines.is_empty() {
            let _ = writeln!(out, "_{}_\n", s.empty);
            continue;
        }
        for l in &s.lines {
            let cites: Vec<String> = l.citations().iter().map(markdown_citation).collect();
            let _ = writeln!(out, "- {} {}", l.text(), cites.join(" "));
        }
        out.push('\n');
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `%`-encodes what may not stand in a URL fragment's value.
fn fragment(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn html_citation(c: &Citation, dashboard: &str) -> String {
    match c {
        Citation::Event { id } => format!("<a class=\"cite\" href=\"{}#event={id}\" data-event=\"{id}\">e{id}</a>", escape(dashboard)),
        Citation::Document { id, sentence } => {
            let label = match sentence {
                Some(n) => format!("{id} s{n}"),
                None => id.clone(),
            };
            format!(
                "<a class=\"cite\" href=\"{}#doc={}\" data-doc=\"{}\">{}</a>",
                escape(dashboard),
                fragment(id),
                escape(id),
                escape(&label)
            )
        }
    }
}

fn html(b: &Brief, dashboard: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1d2430}}a.cite{{font-size:.8em;margin-left:.3em;color:#1d4ed8}}.muted{{color:#6b7280}}</style></head><body>\n<article class=\"brief\">\n<h1>{}</h1>\n<p class=\"muted\">Period: {}. Written by parley from the event store; every line links to the events and documents it rests on.</p>\n",
        escape(&b.title),
        escape(&b.title),
        escape(&b.period)
    );
    for s in &b.sections {
        let _ = writeln!(out, "<section><h2>{}</h2>", escape(&s.heading));
        if s.lines.is_empty() {
            let _ = writeln!(out, "<p class=\"muted\">{}</p></section>", escape(&s.empty));
            continue;
        }
        out.push_str("<ul>\n");
        for l in &s.lines {
            let cites: Vec<String> = l.citations().iter().map(|c| html_citation(c, dashboard)).collect();
            let _ = writeln!(out, "<li>{} {}</li>", escape(l.text()), cites.join(" "));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</article>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Line, Section, Subject};

    fn sample() -> Brief {
        Brief {
            title: "Situation brief: A <and> B".into(),
            period: "2024".into(),
            subject: Subject::dyad("A", "B").unwrap(),
            sections: vec![
                Section {
                    heading: "Parties".into(),
                    lines: vec![Line::new("A & B met.", Citation::event(7), [Citation::sentence("doc 1", 2)])],
                    empty: String::new(),
                },
                Section { heading: "Figures".into(), lines: vec![], empty: "None.".into() },
            ],
        }
    }

    #[test]
    fn markdown_puts_citations_after_each_line() {
        let md = sample().render(Format::Markdown, "/");
        assert!(md.contains("- A & B met. [e7] [doc doc 1 s2]\n"), "{md}");
        assert!(md.contains("_None._"));
    }

    #[test]
    fn html_escapes_text_and_links_citations_to_the_dashboard() {
        let html = sample().render(Format::Html, "http://h:1/");
        assert!(html.contains("A &lt;and&gt; B"));
        assert!(html.contains("A &amp; B met."));
        assert!(html.contains("href=\"http://h:1/#event=7\""));
        assert!(html.contains("href=\"http://h:1/#doc=doc%201\""));
    }

    #[test]
    fn formats_are_named() {
        assert_eq!(Format::parse("md"), Ok(Format::Markdown));
        assert!(Format::parse("pdf").is_err());
    }
}
