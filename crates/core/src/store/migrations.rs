//! The archive's schema, as an append-only list of migrations.
//!
//! Never edit a migration that has shipped: add a new one at the end. Each runs in its own
//! transaction together with the bump of `PRAGMA user_version`, so a crash leaves the archive at
//! the previous version, never half-migrated. `tests/tests/archive.rs` opens an archive made by
//! every earlier version.

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: sources, items, tags, voices and the full-text index.
    r#"
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('agency', 'ngo', 'government', 'media', 'other')),
    language TEXT,
    site_url TEXT,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_check_at INTEGER,
    retry_after_until INTEGER,
    last_checked_at INTEGER,
    drop_selectors TEXT,
    added_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    author TEXT,
    published INTEGER,
    sort_time INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    language TEXT,
    summary TEXT,
    content_html TEXT,
    content_text TEXT NOT NULL DEFAULT '',
    full_text INTEGER NOT NULL DEFAULT 0,
    extract_error TEXT,
    entry_hash TEXT NOT NULL,
    stance TEXT NOT NULL DEFAULT 'neither'
        CHECK (stance IN ('government', 'ngo_concern', 'both', 'neither')),
    tagger_version INTEGER,
    is_read INTEGER NOT NULL DEFAULT 0,
    is_starred INTEGER NOT NULL DEFAULT 0,
    pinned_at INTEGER,
    note TEXT,
    UNIQUE (source_id, key)
);
CREATE INDEX items_by_time ON items (sort_time DESC);
CREATE INDEX items_by_source_time ON items (source_id, sort_time DESC);

CREATE TABLE item_countries (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    score REAL NOT NULL,
    focus INTEGER NOT NULL DEFAULT 0,
    evidence TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, code)
) WITHOUT ROWID;
CREATE INDEX item_countries_by_code ON item_countries (code, item_id);

CREATE TABLE item_voices (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    voice TEXT NOT NULL CHECK (voice IN ('government', 'ngo_concern')),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX item_voices_by_item ON item_voices (item_id);

CREATE VIRTUAL TABLE items_fts USING fts5(
    title, summary, content_text,
    content = 'items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, title, summary, content_text)
    VALUES (new.id, new.title, coalesce(new.summary, ''), new.content_text);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, summary, content_text)
    VALUES ('delete', old.id, old.title, coalesce(old.summary, ''), old.content_text);
END;
-- Only a change of indexed text re-indexes: marking read or starring must stay cheap.
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content_text ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, summary, content_text)
    VALUES ('delete', old.id, old.title, coalesce(old.summary, ''), old.content_text);
    INSERT INTO items_fts (rowid, title, summary, content_text)
    VALUES (new.id, new.title, coalesce(new.summary, ''), new.content_text);
END;
"#,
    // 2: watches, saved searches that count the items archived since the user last looked.
    // `seen_item_id` is the largest item id when the watch was last marked seen: ids only
    // grow as items arrive, so "new" is a cheap rowid range on the full-text index.
    r#"
CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    seen_item_id INTEGER NOT NULL DEFAULT 0,
    seen_at INTEGER
);
"#,
    // 3: a narrow covering index of the columns search filters and sorts on. Item rows are
    // wide (their full text lives in them), so checking a filter against the row reads pages
    // of text; this index answers "is item N starred, in French, from source 3?" from a few
    // bytes. Measured on a generated archive: filtered counts three times faster.
    r#"
CREATE INDEX items_search_facets
    ON items (id, sort_time, source_id, language, stance, is_read, is_starred, pinned_at);
"#,
    // 4: each source's item and unread counts, kept by triggers. The sidebar shows them for
    // every source on every redraw, and counting them from the items took a quarter of a
    // second at a million items (the unread count reads every item row of the source).
    r#"
CREATE TABLE source_counts (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    items INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0
);
INSERT INTO source_counts (source_id, items, unread)
    SELECT s.id,
           (SELECT count(*) FROM items i WHERE i.source_id = s.id),
           (SELECT count(*) FROM items i WHERE i.source_id = s.id AND i.is_read = 0)
    FROM sources s;
CREATE TRIGGER source_counts_new_source AFTER INSERT ON sources BEGIN
    INSERT OR IGNORE INTO source_counts (source_id) VALUES (new.id);
END;
CREATE TRIGGER source_counts_item_insert AFTER INSERT ON items BEGIN
    UPDATE source_counts SET items = items + 1, unread = unread + (new.is_read = 0)
    WHERE source_id = new.source_id;
END;
CREATE TRIGGER source_counts_item_delete AFTER DELETE ON items BEGIN
    UPDATE source_counts SET items = items - 1, unread = unread - (old.is_read = 0)
    WHERE source_id = old.source_id;
END;
CREATE TRIGGER source_counts_item_read AFTER UPDATE OF is_read, source_id ON items BEGIN
    UPDATE source_counts SET items = items - 1, unread = unread - (old.is_read = 0)
    WHERE source_id = old.source_id;
    UPDATE source_counts SET items = items + 1, unread = unread + (new.is_read = 0)
    WHERE source_id = new.source_id;
END;
"#,
    // 5: an item's voice evidence as one row per voice, its spans packed "start-end,…" like
    // the country evidence. One row per span was over thirty small inserts, each with its index
    // entry, for an item on the generated corpus: 12–18 % of ingest throughput.
    r#"
CREATE TABLE item_voice_spans (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    voice TEXT NOT NULL,
    spans TEXT NOT NULL,
    PRIMARY KEY (item_id, voice)
) WITHOUT ROWID;
INSERT INTO item_voice_spans (item_id, voice, spans)
    SELECT item_id, voice, group_concat(start || '-' || "end", ',' ORDER BY rowid)
    FROM item_voices GROUP BY item_id, voice;
DROP TABLE item_voices;
"#,
    // 6: deletes cascade through triggers, and foreign keys are no longer enforced on every
    // insert (see `Archive::configure`). Checking each tag row's item and each item's source
    // was a tenth of the store time of a cold refresh; the writer checks a source once per
    // batch instead, and these triggers do what `ON DELETE CASCADE` did.
    r#"
CREATE TRIGGER items_cascade AFTER DELETE ON items BEGIN
    DELETE FROM item_countries WHERE item_id = old.id;
    DELETE FROM item_voice_spans WHERE item_id = old.id;
END;
CREATE TRIGGER sources_cascade AFTER DELETE ON sources BEGIN
    DELETE FROM items WHERE source_id = old.id;
    DELETE FROM source_counts WHERE source_id = old.id;
END;
"#,
    // 7: the writer indexes and counts new items itself (see `items::insert_new`). With these
    // triggers every item insert ran in a statement savepoint, and FTS5 writes its pending
    // terms to disk at every savepoint: one tiny index segment per item, merged over and over.
    // Without them the ingest benchmark's writer spends a quarter less time (6.3 → 4.7 s over
    // three runs). Updates and deletes keep their triggers; they are rare.
    r#"
DROP TRIGGER items_fts_insert;
DROP TRIGGER source_counts_item_insert;
"#,
    // 8: what the archive knows of itself, by key. Its first use: the tagger version every
    // item is known to be tagged with (see `Archive::has_stale_tags`), so that a refresh can
    // tell in one read whether a newer tagger has items to re-tag, where asking the items
    // reads every row (2.3 GB at a million items).
    r#"
CREATE TABLE archive_state (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
"#,
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
