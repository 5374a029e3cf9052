//! Checkpoints on a thread of their own.
//!
//! In WAL mode a commit appends the changed pages to the log; a checkpoint
//! later copies them into the database file and syncs it. SQLite runs that
//! checkpoint inside the commit that crosses its threshold, so the writer
//! waits for a copy of every page it dirtied: with the cluster indexes keyed
//! by actors and days, a large batch dirties most of their pages, and the
//! copy took about an eighth of an ingest. Here the writer's own checkpoints are
//! off and a second connection, on its own thread, runs a passive checkpoint
//! after each commit while the writer goes on with the next batch. Passive
//! checkpoints never block the writer or readers; if they fall behind (busy
//! readers holding old snapshots), the writer restarts the log itself once it
//! passes [`WAL_LIMIT`], so the log stays bounded.
//!
//! Durability is unchanged: a transaction is durable once its commit is in
//! the log, checkpointed or not, and a store killed before a checkpoint
//! replays its log when next opened.

use crate::{Result, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Log size past which the writer checkpoints and restarts the log itself.
const WAL_LIMIT: u64 = 1 << 30;

pub(crate) struct Checkpointer {
    /// One pending request is enough: a checkpoint copies every commit before it.
    wake: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    wal: PathBuf,
}

impl Checkpointer {
    /// Turns off the writer's own checkpoints and starts the thread.
    pub(crate) fn start(writer: &mut Connection, path: &Path) -> Result<Checkpointer> {
        let conn = Connection::open(path).map_err(|e| StoreError(format!("cannot open store {}: {e}", path.display())))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        // A log that was long once is cut back when it restarts.
        writer.pragma_update(None, "journal_size_limit", 64 << 20)?;
        let (wake, requests) = sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("parley-checkpoint".into())
            .spawn(move || run(conn, requests))
            .map_err(|e| StoreError(format!("cannot start the checkpoint thread: {e}")))?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        Ok(Checkpointer { wake: Some(wake), thread: Some(thread), wal: wal.into() })
    }

    /// Called after each commit of the writer. Nothing here can fail the
    /// commit, which is done: a checkpoint that fails (a reader holding the
    /// log) is tried again after the next one.
    pub(crate) fn committed(&self, writer: &Connection) {
        if std::fs::metadata(&self.wal).map_or(0, |m| m.len()) > WAL_LIMIT {
            let _ = writer.query_row("PRAGMA wal_checkpoint(RESTART)", [], |_| Ok(()));
        }
        if let Some(wake) = &self.wake {
            // Full: a checkpoint is already asked for, and will copy this commit too.
            let _ = wake.try_send(());
        }
    }
}

fn run(conn: Connection, requests: Receiver<()>) {
    while requests.recv().is_ok() {
        // A failed checkpoint loses nothing (the log still holds every
        // commit); the next request, or closing the store, tries again.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

impl Drop for Checkpointer {
    /// Waits for the checkpoint in progress, so that closing the writer (the
    /// last connection) can checkpoint the rest and remove the log.
    fn drop(&mut self) {
        self.wake.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
