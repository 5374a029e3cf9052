//! Every stored event that a filter selects, with what the store knows
//! around it (its cluster's counts, its document), streamed row by row for
//! exports to other formats (`parley export`).

use crate::query::{filter_where, Where};
use crate::{EventFilter, Result, Store, Unit};
use rusqlite::params_from_iter;

/// One stored event and its surroundings.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    /// The event's id in this store.
    pub id: i64,
    /// Its position among its document's events.
    pub ordinal: i64,
    /// The event as `parley code` printed it (JSON).
    pub json: String,
    /// Its cluster: id, reports, documents and publishers.
    pub cluster_id: i64,
    pub mentions: i64,
    pub articles: i64,
    pub sources: i64,
    /// Its document.
    pub doc_id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The document's publisher.
    pub publisher: Option<String>,
    /// The document's day (`YYYY-MM-DD`).
    pub doc_date: Option<String>,
    /// When the document was stored (UTC, RFC 3339).
    pub ingested_at: String,
}

impl Store {
    /// Calls `each` with every event `filter` selects: one per cluster (its
    /// representative, in day order) by default, every event in the order it
    /// was stored (documents whole, events in order) with `unit` mentions.
    /// Stops at the first error `each` returns.
    pub fn each_stored_event(&self, filter: &EventFilter, mut each: impl FnMut(StoredEvent) -> Result<()>) -> Result<usize> {
        let mut w = Where::new();
        filter_where(filter, &mut w);
        let (join, order) = match filter.unit {
            Unit::Clusters => ("e.id = c.rep_event", "c.day, c.id"),
            Unit::Mentions => ("e.cluster_id = c.id", "e.id"),
        };
        let sql = format!(
            "SELECT e.id, e.ordinal, e.json, c.id, c.mentions, c.articles, c.sources,
                    d.id, d.title, d.url, d.source, d.date, d.ingested_at
             FROM clusters c JOIN events e ON {join} JOIN documents d ON d.id = e.doc_id
             {} ORDER BY {order}",
            w.clause()
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(w.args.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(StoredEvent {
                id: r.get(0)?,
                ordinal: r.get(1)?,
                json: r.get(2)?,
                cluster_id: r.get(3)?,
                mentions: r.get(4)?,
                articles: r.get(5)?,
                sources: r.get(6)?,
                doc_id: r.get(7)?,
                title: r.get(8)?,
                url: r.get(9)?,
                publisher: r.get(10)?,
                doc_date: r.get(11)?,
                ingested_at: r.get(12)?,
            })?;
            n += 1;
        }
        Ok(n)
    }
}
