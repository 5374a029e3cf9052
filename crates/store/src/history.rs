//! The store's de-duplicated events as plain facts, oldest first: what
//! forecasting learns from (`parley forecast`, `GET /api/forecast`).

use crate::{Result, Store};

/// One dated cluster (one happening, however many reports told it), keyed
/// by its actors' dyad keys (country when known, else actor code).
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterFact {
    /// The cluster's id.
    pub cluster: i64,
    /// Its first report's event id.
    pub rep_event: i64,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// The source's key.
    pub source: String,
    /// The target's key.
    pub target: String,
    /// The CAMEO event code.
    pub cameo: String,
    /// How many reports told it.
    pub mentions: i64,
}

impl Store {
    /// The `most` latest dated clusters with both actors known, from
    /// `since` (a day, `YYYY-MM-DD`) on if given, by day then id.
    pub fn cluster_facts(&self, since: Option<&str>, most: usize) -> Result<Vec<ClusterFact>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, rep_event, day, source_key, target_key, cameo, mentions FROM clusters
             WHERE day IS NOT NULL AND source_key <> '' AND target_key <> '' AND day >= ?1
             ORDER BY day DESC, id DESC LIMIT ?2",
        )?;
        let mut rows: Vec<ClusterFact> = st
            .query_map(rusqlite::params![since.unwrap_or(""), most as i64], |r| {
                Ok(ClusterFact {
                    cluster: r.get(0)?,
                    rep_event: r.get(1)?,
                    day: r.get(2)?,
                    source: r.get(3)?,
                    target: r.get(4)?,
                    cameo: r.get(5)?,
                    mentions: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.reverse();
        Ok(rows)
    }

    /// The event name of a CAMEO code as the coder printed it, read from the
    /// event `example` (an event of that code: a look-up by key) when given,
    /// else from any event of the code; `None` if the store never saw it.
    pub fn event_name(&self, cameo: &str, example: Option<i64>) -> Result<Option<String>> {
        let by_id = |id: i64| -> Result<Option<String>> {
            let mut st = self.conn.prepare_cached("SELECT json_extract(json, '$.event_name') FROM events WHERE id = ?1 AND cameo = ?2")?;
            let mut rows = st.query(rusqlite::params![id, cameo])?;
            Ok(match rows.next()? {
                Some(r) => r.get(0)?,
                None => None,
            })
        };
        if let Some(name) = example.map(by_id).transpose()?.flatten() {
            return Ok(Some(name));
        }
        let mut st = self.conn.prepare_cached("SELECT json_extract(json, '$.event_name') FROM events WHERE cameo = ?1 LIMIT 1")?;
        let mut rows = st.query([cameo])?;
        Ok(match rows.next()? {
            Some(r) => r.get(0)?,
            None => None,
        })
    }
}
