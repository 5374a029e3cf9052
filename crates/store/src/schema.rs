//! The schema and its versioned migrations.
//!
//! The store's version is SQLite's `PRAGMA user_version`. Opening a store runs,
//! in one transaction each, every migration above that version, in order, so a
//! store written by an older parley is brought up to date and a fresh file gets
//! the whole schema. A store newer than this build is refused rather than
//! guessed at. Migrations are append-only: never edit one that has shipped.

use rusqlite::Connection;

/// `(version, SQL)`: migration `n` takes a store from version `n - 1` to `n`.
pub const MIGRATIONS: &[(u32, &str)] = &[(1, V1), (2, V2), (3, V3), (4, V4)];

/// The version a store has once every migration has run.
pub const VERSION: u32 = 4;

const V1: &str = r#"
-- One row per news report. `id` is the document id of the input; ingesting the
-- same id again replaces the document and its events.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    date        TEXT,               -- publication day, YYYY-MM-DD
    title       TEXT,
    url         TEXT,
    source      TEXT,               -- publisher, when the input names one
    text_hash   TEXT NOT NULL,      -- FNV-1a 64 of title and text, hex
    n_events    INTEGER NOT NULL,   -- events stored for it (an integrity check)
    ingested_at TEXT NOT NULL       -- UTC, RFC 3339
);

-- Reports of the same happening (same or adjacent day, same source and target,
-- same CAMEO code, same or missing place) are one cluster. A cluster's
-- `mentions` are its events, `articles` its distinct documents, `sources` its
-- distinct publishers (a document without one counts as its own publisher).
CREATE TABLE clusters (
    id             INTEGER PRIMARY KEY,
    day            TEXT,              -- YYYY-MM-DD, NULL when no day is known
    date           TEXT,              -- the event date as coded (may be a month or year)
    scope          TEXT NOT NULL,     -- '' for dated clusters; the document id for undated ones
    source         TEXT NOT NULL,     -- actor code, '' when none
    target         TEXT NOT NULL,
    source_key     TEXT NOT NULL,     -- actor country when known, else its code (dyads of alerts)
    target_key     TEXT NOT NULL,
    dyad_a         TEXT NOT NULL,     -- min(source_key, target_key)
    dyad_b         TEXT NOT NULL,     -- max(source_key, target_key)
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    place          TEXT,              -- place name, the first one a report gave
    rep_event      INTEGER NOT NULL,  -- the cluster's first event: its representative
    mentions       INTEGER NOT NULL,
    articles       INTEGER NOT NULL,
    sources        INTEGER NOT NULL
);
CREATE INDEX clusters_dyad ON clusters (source, target, day);
CREATE INDEX clusters_target ON clusters (target, source, day);
CREATE INDEX clusters_pair ON clusters (dyad_a, dyad_b, day);
CREATE INDEX clusters_day ON clusters (day);
CREATE INDEX clusters_scope ON clusters (scope, source, target) WHERE scope <> '';

-- One row per coded event: the columns the queries filter on, and `json`, the
-- event exactly as `parley code` printed it (every field, including those a
-- later parley adds).
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,   -- the event id of the API
    doc_id         TEXT NOT NULL,         -- documents.id
    ordinal        INTEGER NOT NULL,      -- position in the document's output
    sentence_index INTEGER NOT NULL,
    cluster_id     INTEGER NOT NULL,      -- clusters.id
    date           TEXT,
    day            TEXT,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    mode           TEXT NOT NULL,
    certainty      TEXT NOT NULL,
    tense          TEXT NOT NULL,
    background     INTEGER NOT NULL,
    passive        INTEGER NOT NULL,
    place          TEXT,
    place_country  TEXT,
    lat            REAL,
    lon            REAL,
    sentence       TEXT NOT NULL,
    json           TEXT NOT NULL,
    UNIQUE (doc_id, ordinal)
);
CREATE INDEX events_cluster ON events (cluster_id);

-- Actors as seen: every code an event named, with the words that named it.
CREATE TABLE actors (
    code        TEXT PRIMARY KEY,
    country     TEXT,
    role        TEXT,
    provisional INTEGER NOT NULL,   -- 1: named in the text but in no dictionary
    mentions    INTEGER NOT NULL,   -- events naming it as source or target
    first_day   TEXT,
    last_day    TEXT
);
CREATE TABLE actor_names (
    code  TEXT NOT NULL,
    name  TEXT NOT NULL,            -- the words, or for a pronoun the name it refers to
    count INTEGER NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;

-- Facts from enrichment: the document's facts (running tolls, when a
-- conflict began, how long it lasted, hedged statements: `parley code
-- --facts`), each count of an event, and any event field beyond this schema.
CREATE TABLE facts (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    event_id       INTEGER,           -- the event that carried it; NULL for a document's fact
    kind           TEXT NOT NULL,     -- count, start, duration, statement, or the event field's name
    value          TEXT NOT NULL,     -- JSON
    UNIQUE (doc_id, sentence_index, kind, value)
);
CREATE INDEX facts_kind ON facts (kind);

-- Alerts, computed as events arrive (see alerts.rs and the README).
CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    rule       TEXT NOT NULL,        -- first_of_kind, spike, goldstein_turn
    key        TEXT NOT NULL UNIQUE, -- what makes it one alert: rule, dyad, day or cluster
    actor_a    TEXT NOT NULL,
    actor_b    TEXT NOT NULL,
    day        TEXT NOT NULL,
    score      REAL NOT NULL,
    message    TEXT NOT NULL,
    detail     TEXT NOT NULL,        -- JSON: the numbers the rule compared
    created_at TEXT NOT NULL
);
CREATE INDEX alerts_day ON alerts (day);
CREATE INDEX alerts_dyad ON alerts (actor_a, actor_b, rule, day);
CREATE TABLE alert_events (
    alert_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (alert_id, event_id)
) WITHOUT ROWID;
CREATE INDEX alert_events_event ON alert_events (event_id);
"#;

const V2: &str = r#"
-- The dyad index carries the columns a dyad's timeline and the alert rules
-- read (day, quad class, Goldstein score, the actor codes the filters test,
-- mentions), so a busy dyad's whole history is read from the index alone,
-- without a lookup into `clusters` per cluster.
DROP INDEX clusters_pair;
CREATE INDEX clusters_pair ON clusters (dyad_a, dyad_b, day, quad_class, goldstein, source, target, mentions);
"#;

const V3: &str = r#"
-- Finding an event's cluster (same source, target and code, a day either side)
-- reads the code from the index, instead of each candidate cluster's row.
DROP INDEX clusters_dyad;
CREATE INDEX clusters_dyad ON clusters (source, target, day, cameo);
"#;

const V4: &str = r#"
-- Every dyad's happenings per month: what the actor network and the overview
-- read instead of every cluster of the period (a store of 333,000 happenings
-- has about 40,000 dyad-months). `month` is the clusters' day's YYYY-MM, ''
-- when no day is known. The ingest's writer keeps it, adding each batch's
-- changes once per dyad-month at the batch's end (triggers on `clusters`,
-- one upsert per happening, cost the writer a sixth more CPU).
CREATE TABLE dyad_months (
    dyad_a      TEXT NOT NULL,
    dyad_b      TEXT NOT NULL,
    month       TEXT NOT NULL,
    happenings  INTEGER NOT NULL,
    cooperative INTEGER NOT NULL,   -- of quad class 1 or 2
    goldstein   REAL NOT NULL,      -- the sum of their Goldstein scores
    PRIMARY KEY (dyad_a, dyad_b, month)
) WITHOUT ROWID;
INSERT INTO dyad_months
    SELECT dyad_a, dyad_b, ifnull(substr(day, 1, 7), ''), count(*), sum(quad_class <= 2), sum(goldstein)
    FROM clusters GROUP BY 1, 2, 3;
"#;

/// Brings the store to [`VERSION`]. Each step reads the version again in
/// its own write transaction, so two processes opening a new store at once
/// do not both run the same migration.
pub fn migrate(conn: &mut Connection) -> Result<(), String> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if current > VERSION {
        return Err(format!("the store has schema version {current}; this parley knows up to {VERSION}: upgrade parley"));
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(|e| e.to_string())?;
        let now: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| e.to_string())?;
        if now >= *version {
            continue; // another connection ran it
        }
        tx.execute_batch(sql).map_err(|e| format!("migration {version}: {e}"))?;
        tx.pragma_update(None, "user_version", version).map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}
