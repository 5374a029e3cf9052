//! # parley-store: the embedded event store
//!
//! One SQLite file in WAL mode holds documents, coded events (every field, and
//! the event's JSON as `parley code` prints it), event clusters (the same
//! happening told by several reports), actors as seen, enrichment facts and
//! alerts. [`Store::ingest`] writes a batch of coded documents in one
//! transaction and computes alerts as the events arrive; the query methods
//! answer the HTTP API and the dashboard.
//!
//! The schema is in [`schema`]; its migrations are versioned by SQLite's
//! `user_version`.
//!
//! ```
//! use parley_store::{Store, EventFilter};
//! let dir = std::env::temp_dir().join(format!("parley-store-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let mut store = Store::open(dir.join("events.db")).unwrap();
//! let doc = parley::Document::new("d1", "No events here.");
//! let stats = store.ingest([(&doc, &[][..])], false).unwrap();
//! assert_eq!(stats.documents, 1);
//! assert!(store.events(&EventFilter::default(), 10, 0).unwrap().rows.is_empty());
//! ```

pub mod alerts;
mod checkpoint;
mod dump;
mod history;
mod ingest;
mod query;
pub mod schema;

pub use alerts::AlertConfig;
pub use dump::StoredEvent;
pub use history::ClusterFact;
pub use ingest::IngestStats;
pub use query::{
    ActorRow, ActorSummary, AlertFilter, AlertRow, Bucket, DyadRow, EventDetail, EventFilter, EventRow, ExportFormat, FactRow, Granularity,
    Order, Page, StoreStats, TimelineQuery, Unit,
};

pub use rusqlite::Connection;
use rusqlite::OpenFlags;
use std::fmt;
use std::path::Path;

/// What went wrong in the store.
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(format!("store: {e}"))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store: one connection. Writers open it with [`Store::open`] (one
/// writer at a time; SQLite serialises them), readers with
/// [`Store::open_read_only`] (any number, concurrently with the writer).
pub struct Store {
    conn: Connection,
    alert_config: AlertConfig,
    /// The writer's view of the monitored dyads, for the alert rules.
    cache: alerts::DyadCache,
    /// Copies committed transactions from the WAL into the database file on
    /// a thread of its own (writers only).
    checkpointer: Option<checkpoint::Checkpointer>,
}

impl Store {
    /// Opens or creates the store at `path` for reading and writing, and
    /// brings its schema up to date. Errors name the file ("events.db: file
    /// is not a database").
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        Self::open_writer(path).map_err(|e| StoreError(format!("store {}: {}", path.display(), e.0.trim_start_matches("store: "))))
    }

    fn open_writer(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        // First, so that every statement below waits for another writer (the
        // journal-mode switch and the migrations take locks too) instead of
        // failing with "database is locked".
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // 16 KiB pages, for a store this call creates (an existing one keeps
        // its own): an event row is about 1.5 KB, so a 4 KiB page held two
        // and left a quarter empty, and each page costs a cache lookup, a log
        // frame and a checksum. Ingest ran a fifth faster on the benchmark,
        // reads as fast; 64 KiB pages slowed random reads.
        conn.pragma_update(None, "page_size", 16384)?;
        // WAL: readers never block the writer; a killed writer leaves the
        // last committed transaction in the log, replayed at the next open.
        // synchronous=NORMAL keeps every commit across a process kill (the
        // log is in the OS's hands); only a power loss may drop the last ones.
        switch_to_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -262144)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        schema::migrate(&mut conn).map_err(StoreError)?;
        let checkpointer = checkpoint::Checkpointer::start(&mut conn, path)?;
        Ok(Store { conn, alert_config: AlertConfig::default(), cache: alerts::DyadCache::default(), checkpointer: Some(checkpointer) })
    }

    /// Opens an existing store for reading only; errors name the file.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError(format!("no store at {}: create it with `parley ingest --db {}`", path.display(), path.display())));
        }
        Self::open_reader(path).map_err(|e| StoreError(format!("store {}: {}", path.display(), e.0.trim_start_matches("store: "))))
    }

    fn open_reader(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "cache_size", -32768)?;
        // Pages read through a memory map instead of copied out of the OS's
        // cache: a page of results reads one event row from each of some
        // twenty 16 KiB pages, and the copies cost a quarter of the server's
        // throughput on the benchmark's scattered store. SQLite caps the map
        // at 2 GB; pages beyond it are read as before.
        conn.pragma_update(None, "mmap_size", 1i64 << 31)?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != schema::VERSION {
            return Err(StoreError(format!(
                "the store has schema version {version}, this parley expects {}: open it once with `parley ingest` to migrate",
                schema::VERSION
            )));
        }
        Ok(Store { conn, alert_config: AlertConfig::default(), cache: alerts::DyadCache::default(), checkpointer: None })
    }

    /// Uses `config` for the alerts computed by later ingests.
    pub fn set_alert_config(&mut self, config: AlertConfig) {
        self.alert_config = config;
    }

    pub fn alert_config(&self) -> &AlertConfig {
        &self.alert_config
    }

    /// The connection, for checks and tools.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs SQLite's integrity check; `Ok` when the file is sound.
    pub fn check(&self) -> Result<()> {
        let verdict: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(StoreError(format!("integrity check failed: {verdict}")))
        }
    }
}

impl Drop for Store {
    /// The checkpoint thread ends first, so that closing the connection (the
    /// last one) checkpoints what is left and removes the log.
    fn drop(&mut self) {
        self.checkpointer.take();
    }
}

/// FNV-1a, 64 bits, as 16 hex digits: the documents' text hash.
pub fn text_hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x100000001b3);
        }
        for b in part.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// A `YYYY-MM-DD` day. Read by hand: the write path reads two or three days
/// per event, and chrono's format-string parser was a visible part of it.
pub(crate) fn parse_day(day: &str) -> Option<chrono::NaiveDate> {
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32))
    };
    chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// `YYYY-MM-DD` when `date` is a valid day.
pub(crate) fn day_of(date: Option<&str>) -> Option<String> {
    let d = date?;
    parse_day(d).map(|_| d.to_string())
}

pub(crate) fn shift_day(day: &str, days: i64) -> String {
    match parse_day(day) {
        Some(d) => {
            let d = d + chrono::Duration::days(days);
            format!("{:04}-{:02}-{:02}", chrono::Datelike::year(&d), chrono::Datelike::month(&d), chrono::Datelike::day(&d))
        }
        None => day.to_string(),
    }
}

/// Puts the store in WAL mode, waiting for another writer that is opening it
/// too. The switch reads the file under a shared lock and then needs an
/// exclusive one; SQLite answers "database is locked" at once there instead
/// of calling the busy handler (waiting could deadlock two such switches), so
/// the wait is here: retried for up to the busy timeout.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
    use std::time::{Duration, Instant};
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            result => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_and_shifted_like_the_calendar() {
        assert_eq!(parse_day("2024-02-29"), chrono::NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in ["2023-02-29", "2024-1-05", "2024-01-5x", "2024/01/05", "", "+024-01-05"] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert_eq!(shift_day("2024-02-28", 1), "2024-02-29");
        assert_eq!(shift_day("2024-12-31", 1), "2025-01-01");
        assert_eq!(shift_day("0999-01-01", -1), "0998-12-31");
        assert_eq!(day_of(Some("2024-03")), None);
    }
}

