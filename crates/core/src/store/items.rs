//! Items in the archive: insert-or-update by stable key, read back with their tags, and the
//! reader's own state (read, starred, pinned, notes).

use std::collections::HashMap;

use rusqlite::types::ToSql;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};

use super::{now, Archive};
use crate::model::{tagged_text, CountryTag, Item, SourceKind, Span, Stance, Tagging, Voices};
use crate::tag::gazetteer::gazetteer;
use crate::{Error, Result};

/// An item as a refresh hands it to the store: sanitized, tagged, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub key: String,
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<i64>,
    pub language: Option<String>,
    /// Plain text.
    pub summary: Option<String>,
    /// Sanitized HTML.
    pub content_html: Option<String>,
    pub content_text: String,
    pub full_text: bool,
    pub extract_error: Option<String>,
    /// A hash of the feed entry as fetched: an unchanged entry is not processed again.
    pub entry_hash: String,
    pub tagging: Tagging,
    pub tagger_version: i64,
}

/// What the store already knows of an item, so a refresh can skip unchanged entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownItem {
    pub id: i64,
    pub entry_hash: String,
}

/// The archive's entry hashes, for refresh tasks to skip unchanged entries without loading
/// every key of every source up front (a million-item archive would hold them all in memory).
/// Backed by a second, read-only connection; WAL lets it read while the refresh writes.
#[derive(Clone)]
pub struct EntryHashes {
    inner: std::sync::Arc<std::sync::Mutex<EntryHashesInner>>,
}

enum EntryHashesInner {
    Reader(rusqlite::Connection),
    /// An archive in memory has no file to open twice: its hashes are copied instead.
    Snapshot(HashMap<(i64, String), String>),
}

impl std::fmt::Debug for EntryHashes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EntryHashes")
    }
}

impl EntryHashes {
    /// The stored hash of a source's entry, if the archive holds it.
    pub fn get(&self, source_id: i64, key: &str) -> Result<Option<String>> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match &*inner {
            EntryHashesInner::Reader(conn) => Ok(conn
                .prepare_cached("SELECT entry_hash FROM items WHERE source_id = ?1 AND key = ?2")?
                .query_row(params![source_id, key], |r| r.get(0))
                .optional()?),
            EntryHashesInner::Snapshot(map) => Ok(map.get(&(source_id, key.to_string())).cloned()),
        }
    }
}

/// Whether an upsert wrote a new item, changed one, or found it unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    New(i64),
    Updated(i64),
    Unchanged(i64),
}

/// The reader's own marks on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Read(bool),
    Starred(bool),
    Pinned(bool),
}

/// Dates more than a day ahead are feed mistakes (or time zones gone wrong): they would pin
/// an item to the top of every list, so the item is sorted by when it was fetched instead.
const FUTURE_TOLERANCE_SECS: i64 = 24 * 3600;

impl Archive {
    /// What the archive holds for a source, by item key.
    pub fn known_items(&self, source_id: i64) -> Result<HashMap<String, KnownItem>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, id, entry_hash FROM items WHERE source_id = ?1")?;
        let rows = stmt.query_map([source_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                KnownItem {
                    id: r.get(1)?,
                    entry_hash: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A shareable lookup of stored entry hashes (see [`EntryHashes`]).
    pub fn entry_hashes(&self) -> Result<EntryHashes> {
        let inner = if self.path.as_os_str() == ":memory:" {
            let mut stmt = self
                .conn
                .prepare("SELECT source_id, key, entry_hash FROM items")?;
            let map = stmt
                .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            EntryHashesInner::Snapshot(map)
        } else {
            let conn = rusqlite::Connection::open_with_flags(
                &self.path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            EntryHashesInner::Reader(conn)
        };
        Ok(EntryHashes {
            inner: std::sync::Arc::new(std::sync::Mutex::new(inner)),
        })
    }

    /// Writes a batch of items of one source in one transaction, with the source's new fetch
    /// state: either all of it lands or none of it.
    pub fn store_items(
        &mut self,
        source_id: i64,
        items: &[NewItem],
        state: Option<&super::FetchState>,
    ) -> Result<Vec<UpsertOutcome>> {
        let tx = self.conn.transaction()?;
        let outcomes = write_source(&tx, source_id, items, state)?;
        tx.commit()?;
        Ok(outcomes)
    }

    /// Writes the items and new states of several sources in one transaction. A refresh hands
    /// over every source that finished while the previous batch was being written: fewer
    /// commits mean fewer full-text segments to merge and fewer pages copied through the WAL.
    pub fn store_batch(&mut self, batch: &[SourceWrite<'_>]) -> Result<Vec<Vec<UpsertOutcome>>> {
        let tx = self.conn.transaction()?;
        let mut all = Vec::with_capacity(batch.len());
        for write in batch {
            all.push(write_source(
                &tx,
                write.source_id,
                write.items,
                Some(write.state),
            )?);
        }
        tx.commit()?;
        Ok(all)
    }

    /// One item with its tags.
    pub fn item(&self, id: i64) -> Result<Item> {
        let mut item = self
            .conn
            .query_row(
                "SELECT i.id, i.source_id, s.name, s.kind, i.key, i.title, i.url, i.author, i.published,
                        i.fetched_at, i.language, i.summary, i.content_html, i.content_text, i.full_text,
                        i.extract_error, i.is_read, i.is_starred, i.pinned_at, i.note, i.stance, i.tagger_version
                 FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?1",
                [id],
                item_from_row,
            )
            .optional()?
            .ok_or(Error::UnknownItem(id))?;
        if item.tagger_version.is_some() {
            let stance: String =
                self.conn
                    .query_row("SELECT stance FROM items WHERE id = ?1", [id], |r| r.get(0))?;
            item.tagging = Some(self.load_tagging(&item, stance.parse().unwrap_or_default())?);
        }
        Ok(item)
    }

    fn load_tagging(&self, item: &Item, stance: Stance) -> Result<Tagging> {
        let text: Vec<char> = tagged_text(&item.title, &item.content_text)
            .chars()
            .collect();
        let span = |start: usize, end: usize| Span {
            start,
            end,
            text: text
                .get(start..end.min(text.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default(),
        };
        let mut stmt = self.conn.prepare_cached("SELECT code, score, focus, evidence FROM item_countries WHERE item_id = ?1 ORDER BY focus DESC, score DESC, code")?;
        let countries = stmt
            .query_map([item.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(code, score, focus, evidence)| CountryTag {
                name: gazetteer().name(&code),
                code,
                score: score as f32,
                focus,
                evidence: decode_spans(&evidence).map(|(s, e)| span(s, e)).collect(),
            })
            .collect();
        let mut voices = Voices::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT voice, spans FROM item_voice_spans WHERE item_id = ?1")?;
        for row in stmt.query_map([item.id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (voice, spans) = row?;
            let target = if voice == "government" {
                &mut voices.government
            } else {
                &mut voices.ngo_concern
            };
            target.extend(decode_spans(&spans).map(|(s, e)| span(s, e)));
        }
        Ok(Tagging {
            language: item.language.clone().unwrap_or_default(),
            countries,
            stance,
            voices,
        })
    }

    /// Marks an item read, starred or pinned (or the reverse).
    pub fn set_item_state(&self, id: i64, state: ItemState) -> Result<()> {
        let changed = match state {
            ItemState::Read(v) => self.conn.execute(
                "UPDATE items SET is_read = ?2 WHERE id = ?1",
                params![id, v],
            )?,
            ItemState::Starred(v) => self.conn.execute(
                "UPDATE items SET is_starred = ?2 WHERE id = ?1",
                params![id, v],
            )?,
            ItemState::Pinned(true) => self.conn.execute(
                "UPDATE items SET pinned_at = coalesce(pinned_at, ?2) WHERE id = ?1",
                params![id, now()],
            )?,
            ItemState::Pinned(false) => self.conn.execute(
                "UPDATE items SET pinned_at = NULL WHERE id = ?1",
                params![id],
            )?,
        };
        if changed == 0 {
            return Err(Error::UnknownItem(id));
        }
        Ok(())
    }

    /// Sets the analyst's note on an item; an empty note removes it.
    pub fn set_note(&self, id: i64, note: &str) -> Result<()> {
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        if self.conn.execute(
            "UPDATE items SET note = ?2 WHERE id = ?1",
            params![id, note],
        )? == 0
        {
            return Err(Error::UnknownItem(id));
        }
        Ok(())
    }

    /// Ids of pinned items, in the order they were pinned.
    pub fn pinned_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM items WHERE pinned_at IS NOT NULL ORDER BY pinned_at, id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Ids of items tagged by an older tagger than `version` (or never tagged).
    pub fn stale_tagging_ids(&self, version: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM items WHERE tagger_version IS NULL OR tagger_version <> ?1 ORDER BY id",
        )?;
        let ids = stmt
            .query_map([version], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Whether any item is tagged by another tagger than `version`, or was never tagged: a
    /// refresh asks this to decide whether to re-tag. Once no item is, the archive records it
    /// (the `archive_state` row `tags_current_with`), and the question costs one read until a
    /// write of an item by another version removes the record; asking the items reads every
    /// row of a large archive.
    pub fn has_stale_tags(&self, version: i64) -> Result<bool> {
        let recorded: Option<i64> = self
            .conn
            .query_row(
                "SELECT value FROM archive_state WHERE key = 'tags_current_with'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if recorded == Some(version) {
            return Ok(false);
        }
        let stale: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM items WHERE tagger_version IS NULL OR tagger_version <> ?1)",
            [version],
            |r| r.get(0),
        )?;
        if !stale {
            self.mark_tags_current(version)?;
        }
        Ok(stale)
    }

    /// Records that every item is tagged by tagger `version` (re-tagging calls this when it
    /// has re-tagged every stale item).
    pub fn mark_tags_current(&self, version: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO archive_state (key, value) VALUES ('tags_current_with', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [version],
        )?;
        Ok(())
    }

    /// What re-tagging reads of each item, in the order of `ids`: only the fields the tagger
    /// takes. Reading whole items, with their HTML and their old tags turned back into
    /// evidence text, cost as much as a fifth of the tagging itself.
    pub fn tagging_inputs(&self, ids: &[i64]) -> Result<Vec<StoredText>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.title, i.content_text, i.language, s.kind
             FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?1",
        )?;
        ids.iter()
            .map(|&id| {
                stmt.query_row([id], |r| {
                    let kind: String = r.get(3)?;
                    Ok(StoredText {
                        id,
                        title: r.get(0)?,
                        text: r.get(1)?,
                        language: r.get(2)?,
                        source_kind: kind.parse().unwrap_or(SourceKind::Other),
                    })
                })
                .optional()?
                .ok_or(Error::UnknownItem(id))
            })
            .collect()
    }

    /// Replaces the tags of several items in one transaction.
    pub fn save_taggings(&mut self, taggings: &[(i64, Tagging)], version: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        if !taggings.is_empty() {
            forget_tags_current_unless(&tx, version)?;
        }
        for (id, tagging) in taggings {
            write_tagging(&tx, *id, tagging, version)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// How many items the archive holds.
    pub fn item_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM items", [], |r| r.get(0))?)
    }
}

/// An archived item as the tagger reads it (see [`Archive::tagging_inputs`]).
#[derive(Debug, Clone)]
pub struct StoredText {
    pub id: i64,
    pub title: String,
    pub text: String,
    pub language: Option<String>,
    pub source_kind: SourceKind,
}

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    let kind: String = r.get(3)?;
    let pinned: Option<i64> = r.get(18)?;
    Ok(Item {
        id: r.get(0)?,
        source_id: r.get(1)?,
        source_name: r.get(2)?,
        source_kind: kind.parse().unwrap_or(SourceKind::Other),
        key: r.get(4)?,
        title: r.get(5)?,
        url: r.get(6)?,
        author: r.get(7)?,
        published: r.get(8)?,
        fetched_at: r.get(9)?,
        language: r.get(10)?,
        summary: r.get(11)?,
        content_html: r.get(12)?,
        content_text: r.get(13)?,
        full_text: r.get(14)?,
        extract_error: r.get(15)?,
        read: r.get(16)?,
        starred: r.get(17)?,
        pinned: pinned.is_some(),
        note: r.get(19)?,
        tagging: None,
        tagger_version: r.get(21)?,
    })
}

/// One source's share of a batch write.
#[derive(Debug, Clone, Copy)]
pub struct SourceWrite<'a> {
    pub source_id: i64,
    pub items: &'a [NewItem],
    pub state: &'a super::FetchState,
}

fn write_source(
    tx: &Transaction<'_>,
    source_id: i64,
    items: &[NewItem],
    state: Option<&super::FetchState>,
) -> Result<Vec<UpsertOutcome>> {
    // A source removed while it was being fetched gets nothing: foreign keys are not enforced,
    // so this is where its items would otherwise be stored without a source.
    if !tx
        .prepare_cached("SELECT 1 FROM sources WHERE id = ?1")?
        .exists([source_id])?
    {
        return Ok(Vec::new());
    }
    let mut outcomes = Vec::with_capacity(items.len());
    let mut version_checked = None;
    for item in items {
        if version_checked != Some(item.tagger_version) {
            forget_tags_current_unless(tx, item.tagger_version)?;
            version_checked = Some(item.tagger_version);
        }
        outcomes.push(upsert(tx, source_id, item)?);
    }
    // New items arrive unread; the sidebar's counts take them in one update per source
    // (migration 7 dropped the trigger that did it row by row).
    let new = outcomes
        .iter()
        .filter(|o| matches!(o, UpsertOutcome::New(_)))
        .count();
    if new > 0 {
        tx.prepare_cached(
            "UPDATE source_counts SET items = items + ?2, unread = unread + ?2 WHERE source_id = ?1",
        )?
        .execute(params![source_id, new as i64])?;
    }
    if let Some(state) = state {
        super::sources::record_fetch_state_on(tx, source_id, state)?;
    }
    Ok(outcomes)
}

/// Removes the record that every item is tagged by one version (see
/// [`Archive::has_stale_tags`]) unless it is `version`, which an item is about to be tagged
/// with: the record stays true however the archive is written, by whichever build.
fn forget_tags_current_unless(tx: &Transaction<'_>, version: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM archive_state WHERE key = 'tags_current_with' AND value <> ?1")?
        .execute([version])?;
    Ok(())
}

fn upsert(tx: &Transaction<'_>, source_id: i64, item: &NewItem) -> Result<UpsertOutcome> {
    let now = now();
    let published = item.published.map(|p| {
        if p > now + FUTURE_TOLERANCE_SECS {
            now
        } else {
            p
        }
    });
    let stance = item.tagging.stance.as_str();
    // Most items a refresh hands over are new: try the insert first, and look the item up
    // only when its key is taken. Looking it up first was one more statement per new item.
    let inserted = tx
        .prepare_cached(
            "INSERT INTO items (source_id, key, title, url, author, published, sort_time, fetched_at, updated_at,
                language, summary, content_html, content_text, full_text, extract_error, entry_hash,
                stance, tagger_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?6, ?7), ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT (source_id, key) DO NOTHING",
        )?
        .execute(params_from_iter(
            [&source_id as &dyn ToSql, &item.key]
                .into_iter()
                .chain(row_values(item, &published, &now, &stance)),
        ))?;
    if inserted == 1 {
        let id = tx.last_insert_rowid();
        // Indexed here rather than by a trigger: see migration 7.
        tx.prepare_cached(
            "INSERT INTO items_fts (rowid, title, summary, content_text) VALUES (?1, ?2, coalesce(?3, ''), ?4)",
        )?
        .execute(params![id, item.title, item.summary, item.content_text])?;
        // A new item has no tags to clear, and its stance went in with the row: rewriting
        // the wide item row just for the stance was a fifth of a cold refresh's store time.
        insert_tags(tx, id, &item.tagging)?;
        return Ok(UpsertOutcome::New(id));
    }
    let (id, hash): (i64, String) = tx
        .prepare_cached("SELECT id, entry_hash FROM items WHERE source_id = ?1 AND key = ?2")?
        .query_row(params![source_id, item.key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if hash == item.entry_hash {
        return Ok(UpsertOutcome::Unchanged(id));
    }
    tx.prepare_cached(
        "UPDATE items SET title = ?2, url = ?3, author = ?4, published = ?5,
            sort_time = coalesce(?5, sort_time), updated_at = ?6, language = ?7, summary = ?8,
            content_html = ?9, content_text = ?10, full_text = ?11, extract_error = ?12, entry_hash = ?13,
            stance = ?14, tagger_version = ?15
         WHERE id = ?1",
    )?
    .execute(params_from_iter(
        std::iter::once(&id as &dyn ToSql).chain(row_values(item, &published, &now, &stance)),
    ))?;
    clear_tags(tx, id)?;
    insert_tags(tx, id, &item.tagging)?;
    Ok(UpsertOutcome::Updated(id))
}

/// The values an item's row takes, in the order of the columns both the insert and the update
/// of [`upsert`] list after their keys: title through tagger version.
fn row_values<'a>(
    item: &'a NewItem,
    published: &'a Option<i64>,
    now: &'a i64,
    stance: &'a &'static str,
) -> [&'a dyn ToSql; 14] {
    [
        &item.title,
        &item.url,
        &item.author,
        published,
        now,
        &item.language,
        &item.summary,
        &item.content_html,
        &item.content_text,
        &item.full_text,
        &item.extract_error,
        &item.entry_hash,
        stance,
        &item.tagger_version,
    ]
}

/// Replaces an item's tags and stance (re-tagging).
fn write_tagging(tx: &Transaction<'_>, id: i64, tagging: &Tagging, version: i64) -> Result<()> {
    clear_tags(tx, id)?;
    insert_tags(tx, id, tagging)?;
    tx.prepare_cached("UPDATE items SET stance = ?2, tagger_version = ?3 WHERE id = ?1")?
        .execute(params![id, tagging.stance.as_str(), version])?;
    Ok(())
}

fn clear_tags(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM item_countries WHERE item_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM item_voice_spans WHERE item_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Inserts an item's country tags and voice evidence (its stance lives on the item row): one
/// row per country and one per voice, spans packed in text.
fn insert_tags(tx: &Transaction<'_>, id: i64, tagging: &Tagging) -> Result<()> {
    let mut insert_country =
        tx.prepare_cached("INSERT OR REPLACE INTO item_countries (item_id, code, score, focus, evidence) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for country in &tagging.countries {
        insert_country.execute(params![
            id,
            country.code,
            country.score as f64,
            country.focus,
            encode_spans(&country.evidence)
        ])?;
    }
    let mut insert_voice = tx.prepare_cached(
        "INSERT INTO item_voice_spans (item_id, voice, spans) VALUES (?1, ?2, ?3)",
    )?;
    for (voice, spans) in [
        ("government", &tagging.voices.government),
        ("ngo_concern", &tagging.voices.ngo_concern),
    ] {
        if !spans.is_empty() {
            insert_voice.execute(params![id, voice, encode_spans(spans)])?;
        }
    }
    Ok(())
}

/// Evidence spans are stored compactly as `start-end,start-end`; their text is read back from
/// the item, which keeps the archive small and the spans honest.
fn encode_spans(spans: &[Span]) -> String {
    // About seventy spans per item on a news corpus: one buffer written in place rather than
    // a string per span joined afterwards, its digits written as bytes without the formatting
    // machinery, and checked as text once at the end.
    let mut out = Vec::with_capacity(spans.len() * 10);
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_decimal(&mut out, s.start);
        out.push(b'-');
        push_decimal(&mut out, s.end);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn decode_spans(encoded: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    encoded.split(',').filter_map(|pair| {
        let (a, b) = pair.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_encoded_as_written_and_read_back() {
        let spans: Vec<Span> = [(0, 1), (9, 10), (99, 1000), (123_456, usize::MAX)]
            .iter()
            .map(|&(start, end)| Span {
                start,
                end,
                text: String::new(),
            })
            .collect();
        let encoded = encode_spans(&spans);
        assert_eq!(encoded, format!("0-1,9-10,99-1000,123456-{}", usize::MAX));
        let back: Vec<(usize, usize)> = decode_spans(&encoded).collect();
        let expected: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(back, expected);
        assert_eq!(encode_spans(&[]), "");
    }
}
