//! Watches: named saved queries that know how many matching items arrived since the user
//! last looked.
//!
//! "New" means a matching item whose id is above the largest item id in the archive when the
//! watch was created or last marked seen. Item ids only grow as items are archived, so this is
//! exact for every item a refresh adds and costs only a rowid range on the full-text index.
//! Two consequences are deliberate: an item that is updated in place (a corrected title) is
//! not new again, and an item with an old date fetched today (a backfilled feed) is new, since
//! the user has not seen it. The one blind spot: if the items with the highest ids are
//! deleted (their source removed), SQLite may hand those ids out again, and such items would
//! not count as new for a watch marked seen before the deletion.

use rusqlite::{params, OptionalExtension};

use super::{compile, parse, SearchRequest};
use crate::store::Archive;
use crate::{Error, Result};

/// A watch with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchStatus {
    pub name: String,
    pub query: String,
    /// Unix seconds.
    pub created_at: i64,
    /// When the watch was last marked seen (Unix seconds); `None` if never.
    pub seen_at: Option<i64>,
    /// How many items match the query.
    pub total: usize,
    /// How many of those were archived since the watch was created or last marked seen.
    pub new: usize,
}

fn max_item_id(archive: &Archive) -> Result<i64> {
    Ok(archive
        .connection()
        .query_row("SELECT coalesce(max(id), 0) FROM items", [], |r| r.get(0))?)
}

fn check_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("a watch needs a name".into()));
    }
    if name.chars().count() > 100 {
        return Err(Error::InvalidInput(
            "a watch name may have at most 100 characters".into(),
        ));
    }
    Ok(name)
}

/// Saves a query under a name. The query is checked first, so a watch always runs; nothing
/// already in the archive counts as new.
pub fn add_watch(archive: &Archive, name: &str, query: &str) -> Result<WatchStatus> {
    let name = check_name(name)?;
    let query = query.trim();
    let req = SearchRequest {
        query: query.to_string(),
        ..SearchRequest::default()
    };
    compile::compile(&parse(query)?, &req)?;
    let conn = archive.connection();
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM watches WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Err(Error::InvalidInput(format!(
            "a watch named {name:?} already exists"
        )));
    }
    conn.execute(
        "INSERT INTO watches (name, query, created_at, seen_item_id) VALUES (?1, ?2, ?3, ?4)",
        params![name, query, crate::time::now(), max_item_id(archive)?],
    )?;
    let watch = list_watches(archive)?
        .into_iter()
        .find(|w| w.name.eq_ignore_ascii_case(name));
    watch.ok_or_else(|| Error::InvalidInput(format!("no watch named {name:?}")))
}

/// Every watch, by name, with how many items match and how many are new.
pub fn list_watches(archive: &Archive) -> Result<Vec<WatchStatus>> {
    let conn = archive.connection();
    let mut stmt =
        conn.prepare("SELECT name, query, created_at, seen_at, seen_item_id FROM watches ORDER BY name COLLATE NOCASE")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut watches = Vec::with_capacity(rows.len());
    for (name, query, created_at, seen_at, seen_item_id) in rows {
        let req = SearchRequest {
            query: query.clone(),
            ..SearchRequest::default()
        };
        let (total, new) = super::count_with_new(conn, &req, seen_item_id)?;
        watches.push(WatchStatus {
            name,
            query,
            created_at,
            seen_at,
            total,
            new,
        });
    }
    Ok(watches)
}

/// Marks everything a watch matches now as seen: its new count drops to zero.
pub fn mark_watch_seen(archive: &Archive, name: &str) -> Result<()> {
    let changed = archive.connection().execute(
        "UPDATE watches SET seen_item_id = ?2, seen_at = ?3 WHERE name = ?1",
        params![name.trim(), max_item_id(archive)?, crate::time::now()],
    )?;
    if changed == 0 {
        return Err(Error::InvalidInput(format!(
            "no watch named {:?}",
            name.trim()
        )));
    }
    Ok(())
}

/// Deletes a watch (never any item).
pub fn remove_watch(archive: &Archive, name: &str) -> Result<()> {
    let changed = archive
        .connection()
        .execute("DELETE FROM watches WHERE name = ?1", [name.trim()])?;
    if changed == 0 {
        return Err(Error::InvalidInput(format!(
            "no watch named {:?}",
            name.trim()
        )));
    }
    Ok(())
}
