//! The archive: one SQLite file (WAL, busy timeout, deletes cascaded by triggers) that holds
//! sources, items, their tags and a full-text index kept in the same transaction as the items.
//!
//! The archive is the user's. Nothing here deletes the file or rewrites it wholesale; a newer
//! schema than this build knows is refused without touching it.

pub mod backup;
mod checkpoint;
mod items;
pub mod migrations;
pub mod relevance;
mod sources;
pub mod views;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use checkpoint::BackgroundCheckpoints;
pub use items::{
    EntryHashes, ItemState, KnownItem, NewItem, SourceWrite, StoredText, UpsertOutcome,
};
pub use sources::FetchState;

use crate::{Error, Result};

/// An open archive.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
    created: bool,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("path", &self.path).finish()
    }
}

impl Archive {
    /// Opens (creating if needed) the archive at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Archive> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::io(format!("cannot create the folder {}", parent.display()), e)
            })?;
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut archive = Archive {
            conn,
            path,
            created: false,
        };
        // The version check comes before any pragma that writes (WAL mode changes the file
        // header): an archive from a newer build must be left byte for byte as it was.
        archive.refuse_newer_schema()?;
        archive.configure()?;
        archive.migrate()?;
        Ok(archive)
    }

    /// An archive that lives in memory only, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Archive> {
        let conn = Connection::open_in_memory()?;
        let mut archive = Archive {
            conn,
            path: PathBuf::from(":memory:"),
            created: false,
        };
        archive.configure()?;
        archive.migrate()?;
        Ok(archive)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        // WAL lets the app read and search while a refresh writes; NORMAL sync is durable
        // across application crashes (only an OS crash may lose the last transactions).
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Foreign keys are declared but not enforced: triggers cascade deletes (migration 6)
        // and the writer checks that a source still exists before storing its items.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // The full-text index merges its segments as items arrive and reads them back: a
        // page cache of 16 MiB (SQLite's default is 2 MiB) keeps that in memory. It is
        // allocated only as pages are read, and each connection has its own, so it stays
        // modest: the desktop app keeps its whole footprint within a few hundred MiB.
        self.conn.pragma_update(None, "cache_size", -16_384)?;
        // Checkpoint the write-ahead log every ~32 MiB rather than every 4 MiB: a refresh
        // rewrites the same index pages many times, and each checkpoint copies them again.
        self.conn.pragma_update(None, "wal_autocheckpoint", 8_000)?;
        relevance::register(&self.conn)?;
        Ok(())
    }

    fn refuse_newer_schema(&self) -> Result<()> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = migrations::latest_version();
        if found > known {
            return Err(Error::SchemaTooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        self.refuse_newer_schema()?;
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        self.created = found == 0;
        for (index, sql) in migrations::MIGRATIONS
            .iter()
            .enumerate()
            .skip(found as usize)
        {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        if self.created {
            // No item of a new archive is stale: a refresh need not ask the items.
            self.mark_tags_current(crate::tag::TAGGER_VERSION)?;
        }
        Ok(())
    }

    /// Whether this open created the archive (it had no schema before).
    pub fn is_new(&self) -> bool {
        self.created
    }

    /// Adds the default sources (Belga, ECRE, EFE) with their built-in extraction rules,
    /// skipping any already present.
    pub fn seed_default_sources(&self) -> Result<()> {
        for known in crate::sources::DEFAULT_SOURCES {
            match self.add_source_with_rules(
                &known.to_new_source(),
                Some(known.drop_selectors).filter(|s| !s.is_empty()),
            ) {
                Ok(_) | Err(Error::DuplicateSource(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The schema version of the open archive.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Where the archive lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for the search and brief modules of this crate.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Writes a consistent copy of the archive to `dest` while it may be in use.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::InvalidInput(format!(
                "{} already exists; choose a new file",
                dest.display()
            )));
        }
        self.conn
            .execute("VACUUM INTO ?1", [dest.to_string_lossy()])?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: `Ok(())` when SQLite finds nothing wrong.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(Error::InvalidInput(format!(
                "the archive is damaged: {result}"
            )))
        }
    }
}

/// Now, in Unix seconds.
pub(crate) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
