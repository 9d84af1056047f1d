//! Sources in the archive: add, list, find, remove, and the state a refresh leaves on them.

use rusqlite::{params, OptionalExtension, Row};

use super::{now, Archive};
use crate::model::{NewSource, Source, SourceKind, SourceStatus};
use crate::{Error, Result};

/// What one check of a source leaves behind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchState {
    pub status: SourceStatus,
    pub error: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_hash: Option<String>,
    /// Not before this time (Unix seconds) is the source checked again by the scheduler.
    pub next_check_at: Option<i64>,
    /// The server asked not to be contacted before this time (Retry-After): every refresh
    /// honours it, even one the user asked for.
    pub retry_after_until: Option<i64>,
    pub site_url: Option<String>,
    /// A title from the feed, used when the source still has its URL as its name.
    pub feed_title: Option<String>,
    pub language: Option<String>,
}

const SOURCE_COLUMNS: &str =
    "s.id, s.url, s.name, s.kind, s.language, s.site_url, s.status, s.error,
    s.consecutive_failures, s.next_check_at, s.last_checked_at, s.etag, s.last_modified,
    s.body_hash, s.added_at, s.updated_at, s.drop_selectors,
    coalesce((SELECT c.items FROM source_counts c WHERE c.source_id = s.id), 0),
    coalesce((SELECT c.unread FROM source_counts c WHERE c.source_id = s.id), 0),
    s.retry_after_until";

fn source_from_row(row: &Row<'_>) -> rusqlite::Result<(Source, Option<i64>)> {
    let kind: String = row.get(3)?;
    let status: String = row.get(6)?;
    Ok((
        Source {
            id: row.get(0)?,
            url: row.get(1)?,
            name: row.get(2)?,
            kind: kind.parse().unwrap_or(SourceKind::Other),
            language: row.get(4)?,
            site_url: row.get(5)?,
            status: SourceStatus::parse(&status),
            error: row.get(7)?,
            consecutive_failures: row.get(8)?,
            next_check_at: row.get(9)?,
            last_checked_at: row.get(10)?,
            etag: row.get(11)?,
            last_modified: row.get(12)?,
            body_hash: row.get(13)?,
            added_at: row.get(14)?,
            updated_at: row.get(15)?,
            drop_selectors: row.get(16)?,
            items: row.get(17)?,
            unread: row.get(18)?,
        },
        row.get(19)?,
    ))
}

impl Archive {
    /// Adds a source. Its URL must be an absolute http(s) URL not already in the archive.
    pub fn add_source(&self, new: &NewSource) -> Result<Source> {
        self.add_source_with_rules(new, None)
    }

    /// Adds a source with CSS selectors to drop from its article pages (one per line).
    pub fn add_source_with_rules(
        &self,
        new: &NewSource,
        drop_selectors: Option<&str>,
    ) -> Result<Source> {
        let url = validate_url(&new.url)?;
        if self.find_source_by_url(&url)?.is_some() {
            return Err(Error::DuplicateSource(url));
        }
        let name = new
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| url.clone());
        let now = now();
        self.conn.execute(
            "INSERT INTO sources (url, name, kind, language, site_url, drop_selectors, added_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![url, name.trim(), new.kind.as_str(), new.language, new.site_url, drop_selectors, now],
        )?;
        self.source(self.conn.last_insert_rowid())
    }

    /// Every source, by name.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.name COLLATE NOCASE, s.id"
        ))?;
        let rows = stmt.query_map([], source_from_row)?;
        Ok(rows
            .map(|r| r.map(|(s, _)| s))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One source by id.
    pub fn source(&self, id: i64) -> Result<Source> {
        self.conn
            .query_row(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.id = ?1"),
                [id],
                source_from_row,
            )
            .optional()?
            .map(|(s, _)| s)
            .ok_or_else(|| Error::UnknownSource(id.to_string()))
    }

    /// Until when the server asked not to be contacted (Retry-After), if that is still ahead.
    pub fn retry_after_until(&self, id: i64) -> Result<Option<i64>> {
        let until: Option<i64> = self
            .conn
            .query_row(
                "SELECT retry_after_until FROM sources WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(until.filter(|t| *t > now()))
    }

    fn find_source_by_url(&self, url: &str) -> Result<Option<Source>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.url = ?1"),
                [url],
                source_from_row,
            )
            .optional()?
            .map(|(s, _)| s))
    }

    /// A source named by its id or its URL (with or without a trailing slash).
    pub fn find_source(&self, url_or_id: &str) -> Result<Source> {
        let wanted = url_or_id.trim();
        if let Ok(id) = wanted.parse::<i64>() {
            return self
                .source(id)
                .map_err(|_| Error::UnknownSource(wanted.to_string()));
        }
        let candidates = [
            wanted.to_string(),
            format!("{}/", wanted.trim_end_matches('/')),
            wanted.trim_end_matches('/').to_string(),
        ];
        for candidate in candidates {
            if let Some(source) = self.find_source_by_url(&candidate)? {
                return Ok(source);
            }
        }
        // A bare name ("ecre") is what people type most; accept it when it is unambiguous.
        let mut matches: Vec<Source> = self
            .sources()?
            .into_iter()
            .filter(|s| {
                s.name.eq_ignore_ascii_case(wanted)
                    || s.url
                        .to_ascii_lowercase()
                        .contains(&wanted.to_ascii_lowercase())
            })
            .collect();
        if matches.len() == 1 {
            return Ok(matches.remove(0));
        }
        Err(Error::UnknownSource(wanted.to_string()))
    }

    /// Removes a source and its items.
    pub fn remove_source(&self, id: i64) -> Result<()> {
        let removed = self
            .conn
            .execute("DELETE FROM sources WHERE id = ?1", [id])?;
        if removed == 0 {
            return Err(Error::UnknownSource(id.to_string()));
        }
        Ok(())
    }

    /// Renames a source or changes its kind or language.
    pub fn update_source(
        &self,
        id: i64,
        name: Option<&str>,
        kind: Option<SourceKind>,
        language: Option<&str>,
    ) -> Result<Source> {
        let tx = self.conn.unchecked_transaction()?;
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            tx.execute(
                "UPDATE sources SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, name, now()],
            )?;
        }
        if let Some(kind) = kind {
            tx.execute(
                "UPDATE sources SET kind = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, kind.as_str(), now()],
            )?;
        }
        if let Some(language) = language {
            let language = Some(language.trim()).filter(|l| !l.is_empty());
            tx.execute(
                "UPDATE sources SET language = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, language, now()],
            )?;
        }
        tx.commit()?;
        self.source(id)
    }
}

/// Records the outcome of one check, on any connection or transaction (a refresh writes it in
/// the same transaction as the source's items). Failures count up; success resets the count.
pub(crate) fn record_fetch_state_on(
    conn: &rusqlite::Connection,
    id: i64,
    state: &FetchState,
) -> Result<()> {
    {
        let failed = matches!(state.status, SourceStatus::Error | SourceStatus::Gone);
        let now = now();
        conn.prepare_cached(
            "UPDATE sources SET
                status = ?2, error = ?3,
                etag = CASE WHEN ?4 THEN etag ELSE ?5 END,
                last_modified = CASE WHEN ?4 THEN last_modified ELSE ?6 END,
                body_hash = CASE WHEN ?4 THEN body_hash ELSE coalesce(?7, body_hash) END,
                consecutive_failures = CASE WHEN ?4 THEN consecutive_failures + 1 ELSE 0 END,
                next_check_at = ?8, retry_after_until = ?9, last_checked_at = ?10, updated_at = ?10,
                site_url = coalesce(?11, site_url),
                name = CASE WHEN name = url AND ?12 IS NOT NULL THEN ?12 ELSE name END,
                language = coalesce(language, ?13)
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            state.status.as_str(),
            state.error,
            failed,
            state.etag,
            state.last_modified,
            state.body_hash,
            state.next_check_at,
            state.retry_after_until,
            now,
            state.site_url,
            state.feed_title,
            state.language,
        ])?;
        Ok(())
    }
}

/// Accepts only absolute http(s) URLs, normalized by the `url` crate.
pub(crate) fn validate_url(raw: &str) -> Result<String> {
    let parsed = url::Url::parse(raw.trim()).map_err(|e| Error::InvalidUrl {
        url: raw.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidUrl {
            url: raw.to_string(),
            reason: "only http and https URLs can be fetched".into(),
        });
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Error::InvalidUrl {
            url: raw.to_string(),
            reason: "the URL has no host".into(),
        });
    }
    Ok(parsed.to_string())
}
