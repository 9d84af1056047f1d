//! Backups and restores of the archive file.
//!
//! A backup is `VACUUM INTO`: a consistent, compact copy made while the archive stays in use
//! (readers and a refresh may go on). A restore checks the copy first — it must be a SQLite
//! file that passes `integrity_check` with a schema this build knows — and keeps the archive it
//! replaces beside it, so a wrong restore can itself be undone.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::migrations::latest_version;
use crate::{Error, Result};

/// Checks that `path` holds an archive this build can open. Returns its schema version.
pub fn verify_archive_file(path: &Path) -> Result<i64> {
    if !path.is_file() {
        return Err(Error::InvalidInput(format!(
            "{} is not a file",
            path.display()
        )));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::InvalidInput(format!("{} is not an archive: {e}", path.display())))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| Error::InvalidInput(format!("{} is not an archive: {e}", path.display())))?;
    if check != "ok" {
        return Err(Error::InvalidInput(format!(
            "{} is damaged: {check}",
            path.display()
        )));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let has_items: bool = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'items'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !has_items {
        return Err(Error::InvalidInput(format!(
            "{} is a SQLite file but not a Counterpoint archive",
            path.display()
        )));
    }
    if version > latest_version() {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            known: latest_version(),
        });
    }
    Ok(version)
}

/// Replaces the archive at `archive` with the verified copy at `backup`. The replaced archive
/// is kept as `<name>.before-restore-<unix time>`; its path is returned (None if there was no
/// archive yet). Close every connection to `archive` first.
pub fn restore(backup: &Path, archive: &Path) -> Result<Option<PathBuf>> {
    verify_archive_file(backup)?;
    let folder = archive
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(|e| Error::io(format!("cannot create {}", folder.display()), e))?;
    // Copy to a temporary file in the target folder first, so the final step is a rename.
    let staging = archive.with_extension("db.restoring");
    std::fs::copy(backup, &staging)
        .map_err(|e| Error::io(format!("cannot copy {}", backup.display()), e))?;
    verify_archive_file(&staging)?;
    let kept = if archive.exists() {
        // Fold any write-ahead log into the old archive so the kept copy is complete.
        if let Ok(conn) = Connection::open(archive) {
            let _ = conn.pragma_update(None, "wal_checkpoint", "TRUNCATE");
        }
        let stamp = chrono::Utc::now().timestamp();
        let kept = PathBuf::from(format!("{}.before-restore-{stamp}", archive.display()));
        std::fs::rename(archive, &kept)
            .map_err(|e| Error::io(format!("cannot keep {}", archive.display()), e))?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", archive.display()));
        if side.exists() {
            let _ = std::fs::remove_file(side);
        }
    }
    std::fs::rename(&staging, archive)
        .map_err(|e| Error::io(format!("cannot write {}", archive.display()), e))?;
    Ok(kept)
}
