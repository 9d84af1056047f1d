//! The archive file over time: every earlier schema opens and upgrades, a newer one is refused
//! untouched, backups and restores never lose anything, and a newer tagger re-tags what an
//! older one stored.

use std::path::{Path, PathBuf};

use counterpoint_core::fetch::{FetchConfig, Fetcher};
use counterpoint_core::refresh::{refresh, RefreshEvent, RefreshOptions};
use counterpoint_core::store::backup::{restore, verify_archive_file};
use counterpoint_core::store::migrations::latest_version;
use counterpoint_core::store::Archive;
use counterpoint_core::tag::{tag_offsets, TagInput, TAGGER_VERSION};
use counterpoint_core::Error;
use counterpoint_e2e::{fixture, fixtures_dir, newest_fixture_archive, FixtureServer, Route};

fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let target = dir.join(name);
    std::fs::copy(fixtures_dir().join("archives").join(name), &target).unwrap();
    target
}

fn fixture_archives() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir().join("archives"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('v') && n.ends_with(".db"))
        .collect();
    names.sort();
    names
}

/// Every archive kept from an earlier schema version opens, upgrades to the latest version and
/// keeps its items readable and searchable.
#[test]
fn every_earlier_schema_opens_and_upgrades() {
    let names = fixture_archives();
    assert!(!names.is_empty());
    // One fixture per schema version before the latest must exist: add one with every migration.
    for version in 1..latest_version() {
        assert!(
            names.contains(&format!("v{version}.db")),
            "no fixture archive for schema v{version}: make one before adding migration {}",
            version + 1
        );
    }
    let mut spans_checked = 0;
    for name in names {
        let dir = tempfile::tempdir().unwrap();
        let path = copy_fixture(&name, dir.path());
        let voices_before = raw_voice_spans(&path);
        let mut archive = Archive::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            archive.schema_version().unwrap(),
            latest_version(),
            "{name}"
        );
        archive.integrity_check().unwrap();
        let count = archive.item_count().unwrap();
        assert!(count >= 3, "{name} lost items");
        for id in 1..=count {
            let item = archive.item(id).unwrap();
            assert!(!item.title.is_empty());
        }
        let hits = index_hits(&archive, "réfugiés");
        assert!(hits >= 1, "{name}: the index did not survive the upgrade");
        assert_counts_agree(&archive, &name);
        // An upgraded archive takes new items: counted and indexed as a new archive would.
        let source = archive.sources().unwrap()[0].id;
        archive
            .store_items(
                source,
                &[plain_item("after-upgrade", "Quetzalcoatlus")],
                None,
            )
            .unwrap();
        assert_counts_agree(&archive, &format!("{name}, stored after the upgrade"));
        assert_index_agrees(&archive, &format!("{name}, stored after the upgrade"));
        assert_eq!(
            index_hits(&archive, "quetzalcoatlus"),
            1,
            "{name}: an item stored after the upgrade is not found"
        );
        // Voice evidence kept one row per span before migration 5 and one per voice after:
        // every span survives, in order.
        for (id, voice, spans) in &voices_before {
            let tagging = archive.item(*id).unwrap().tagging.unwrap();
            let kept = if voice == "government" {
                &tagging.voices.government
            } else {
                &tagging.voices.ngo_concern
            };
            let kept: Vec<(usize, usize)> = kept.iter().map(|s| (s.start, s.end)).collect();
            assert_eq!(&kept, spans, "{name}: item {id}, {voice}");
            spans_checked += spans.len();
        }
        // Opening again is a no-op.
        drop(archive);
        assert_eq!(
            Archive::open(&path).unwrap().schema_version().unwrap(),
            latest_version()
        );
    }
    assert!(
        spans_checked > 0,
        "no fixture carries voice evidence to migrate"
    );
}

/// One item's spans of one voice: (item id, voice, [(start, end)]).
type VoiceSpans = (i64, String, Vec<(usize, usize)>);

/// Voice spans as an archive before migration 5 stores them.
fn raw_voice_spans(path: &Path) -> Vec<VoiceSpans> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let has_table: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'item_voices'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut out: Vec<VoiceSpans> = Vec::new();
    if !has_table {
        return out;
    }
    let mut stmt = conn
        .prepare("SELECT item_id, voice, start, \"end\" FROM item_voices ORDER BY rowid")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)? as usize,
                r.get::<_, i64>(3)? as usize,
            ))
        })
        .unwrap();
    for row in rows {
        let (id, voice, start, end) = row.unwrap();
        match out.iter_mut().find(|(i, v, _)| *i == id && *v == voice) {
            Some((_, _, spans)) => spans.push((start, end)),
            None => out.push((id, voice, vec![(start, end)])),
        }
    }
    out
}

/// Each source's item and unread counts, as the archive keeps them, against a count of the
/// items themselves.
fn assert_counts_agree(archive: &Archive, context: &str) {
    for source in archive.sources().unwrap() {
        let (items, unread): (i64, i64) = archive
            .connection()
            .query_row(
                "SELECT count(*), coalesce(sum(is_read = 0), 0) FROM items WHERE source_id = ?1",
                [source.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (source.items, source.unread),
            (items, unread),
            "{context}: counts of source {}",
            source.id
        );
    }
}

/// The counts the sidebar shows are kept as items arrive, are read and unread, are updated,
/// and leave with their source.
#[test]
fn source_counts_follow_the_items() {
    use counterpoint_core::model::{CountryTag, NewSource, Span, Tagging, Voices};
    use counterpoint_core::store::{ItemState, NewItem, UpsertOutcome};
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.db")).unwrap();
    let sources: Vec<i64> = ["https://a.example/feed", "https://b.example/feed"]
        .iter()
        .map(|url| {
            archive
                .add_source(&NewSource {
                    url: url.to_string(),
                    ..NewSource::default()
                })
                .unwrap()
                .id
        })
        .collect();
    assert_counts_agree(&archive, "new sources");
    let item = |key: &str, hash: &str| NewItem {
        entry_hash: hash.into(),
        // A country and a voice, so that removing the source has tag rows to take along.
        tagging: Tagging {
            countries: vec![CountryTag {
                code: "TR".into(),
                name: "Türkiye".into(),
                score: 1.0,
                focus: true,
                evidence: vec![Span {
                    start: 0,
                    end: 4,
                    text: "Item".into(),
                }],
            }],
            voices: Voices {
                government: vec![Span {
                    start: 0,
                    end: 4,
                    text: "Item".into(),
                }],
                ngo_concern: vec![],
            },
            ..Tagging::default()
        },
        ..plain_item(key, "text")
    };
    let first = archive
        .store_items(
            sources[0],
            &[item("1", "a"), item("2", "a"), item("3", "a")],
            None,
        )
        .unwrap();
    archive
        .store_items(sources[1], &[item("1", "a")], None)
        .unwrap();
    assert_counts_agree(&archive, "stored");
    assert_index_agrees(&archive, "stored");
    let UpsertOutcome::New(id) = first[0] else {
        panic!("the first item was not new: {:?}", first[0]);
    };
    archive.set_item_state(id, ItemState::Read(true)).unwrap();
    archive.set_item_state(id, ItemState::Read(true)).unwrap();
    assert_counts_agree(&archive, "read twice");
    // An entry that changed is rewritten in place: still one item, still read.
    archive
        .store_items(sources[0], &[item("1", "changed")], None)
        .unwrap();
    assert_counts_agree(&archive, "updated");
    assert_index_agrees(&archive, "updated");
    archive.set_item_state(id, ItemState::Read(false)).unwrap();
    assert_counts_agree(&archive, "unread again");
    archive.remove_source(sources[0]).unwrap();
    assert_counts_agree(&archive, "source removed");
    assert_index_agrees(&archive, "source removed");
    // Foreign keys are not enforced: triggers cascade the removal to the source's items and
    // their tags, and nothing may be left pointing at what is gone.
    assert_no_orphans(&archive, "source removed");
    // A source removed while it was being fetched gets nothing when the refresh writes.
    let outcomes = archive
        .store_items(sources[0], &[item("4", "a")], None)
        .unwrap();
    assert!(outcomes.is_empty(), "{outcomes:?}");
    assert_no_orphans(&archive, "stored for a removed source");
    let left = archive.sources().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!((left[0].items, left[0].unread), (1, 1));
}

/// How many items the full-text index finds for `query`.
fn index_hits(archive: &Archive, query: &str) -> i64 {
    archive
        .connection()
        .query_row(
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?1",
            [query],
            |r| r.get(0),
        )
        .unwrap()
}

/// An untagged item with the given key and text.
fn plain_item(key: &str, text: &str) -> counterpoint_core::store::NewItem {
    counterpoint_core::store::NewItem {
        key: key.into(),
        title: format!("Item {key}"),
        url: None,
        author: None,
        published: None,
        language: None,
        summary: None,
        content_html: None,
        content_text: text.into(),
        full_text: false,
        extract_error: None,
        entry_hash: key.into(),
        tagging: Default::default(),
        tagger_version: 1,
    }
}

/// The full-text index holds exactly the items' text: FTS5's own check compares every index
/// entry with the external content it was made from.
fn assert_index_agrees(archive: &Archive, when: &str) {
    archive
        .connection()
        .execute_batch("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
        .unwrap_or_else(|e| panic!("{when}: the full-text index disagrees with the items: {e}"));
}

/// Rows whose item or source is gone, as SQLite's own check of the declared foreign keys
/// finds them (it checks them whether or not they are enforced).
fn assert_no_orphans(archive: &Archive, when: &str) {
    let orphans: Vec<(String, i64)> = archive
        .connection()
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1).unwrap_or(0))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(orphans.is_empty(), "{when}: orphan rows {orphans:?}");
}

/// An archive written by a newer Counterpoint is refused with a clear error and not touched.
#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite_free_create(&path);
        drop(conn);
    }
    let before = std::fs::read(&path).unwrap();
    let err = Archive::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found, .. } if found == latest_version() + 1),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade Counterpoint"));
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the archive must be left untouched"
    );
}

/// Makes a SQLite file with a schema version one ahead of this build, through the archive's
/// own backup of a real archive, then bumping its version with SQLite itself.
fn rusqlite_free_create(path: &Path) -> Archive {
    let archive = Archive::open(path).unwrap();
    archive
        .connection()
        .pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    archive
        .connection()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    archive
}

/// A backup taken from a live archive is complete and restores; the restored-over archive is
/// kept beside it; a damaged or foreign file is refused before anything is replaced.
#[test]
fn backup_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let live = copy_fixture("v1.db", dir.path());
    let archive = Archive::open(&live).unwrap();
    let items = archive.item_count().unwrap();
    let copy = dir.path().join("backup.db");
    archive.backup_to(&copy).unwrap();
    assert!(
        archive.backup_to(&copy).is_err(),
        "a backup never overwrites a file"
    );
    assert_eq!(verify_archive_file(&copy).unwrap(), latest_version());

    // Refusals first: nothing may change.
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not sqlite at all, just some bytes").unwrap();
    assert!(restore(&garbage, &live).is_err());
    let future = dir.path().join("future.db");
    archive.backup_to(&future).unwrap();
    {
        let newer = Archive::open(&future).unwrap();
        newer
            .connection()
            .pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
    }
    assert!(matches!(
        restore(&future, &live),
        Err(Error::SchemaTooNew { .. })
    ));
    assert_eq!(archive.item_count().unwrap(), items);

    archive
        .connection()
        .execute("DELETE FROM items", [])
        .unwrap();
    drop(archive);
    let kept = restore(&copy, &live)
        .unwrap()
        .expect("the replaced archive is kept");
    assert!(kept.exists());
    let restored = Archive::open(&live).unwrap();
    assert_eq!(restored.item_count().unwrap(), items);
    assert_eq!(
        Archive::open(&kept).unwrap().item_count().unwrap(),
        0,
        "the kept file is the archive as it was"
    );
}

/// While a refresh writes, another thread copies the write-ahead log into the archive file:
/// the file grows though no commit of the writer checkpoints (its own threshold, ~32 MiB, is
/// far above what is written here), the archive stays whole, and stopping the thread returns.
#[test]
fn the_log_is_checkpointed_beside_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.db");
    let mut archive = Archive::open(&path).unwrap();
    let source = archive
        .add_source(&counterpoint_core::model::NewSource {
            url: "https://example.org/feed".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let file_size = || std::fs::metadata(&path).unwrap().len();
    let before = file_size();
    let checkpoints = archive.checkpoint_in_background();
    // About 2 MiB of text in twenty transactions.
    let text = "Quetzalcoatlus flew over the archive. ".repeat(2_500);
    for batch in 0..20 {
        archive
            .store_items(source, &[plain_item(&format!("item-{batch}"), &text)], None)
            .unwrap();
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while file_size() <= before + 1_000_000 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        file_size() > before + 1_000_000,
        "the archive file did not grow: {} → {} bytes",
        before,
        file_size()
    );
    drop(checkpoints);
    archive.integrity_check().unwrap();
    assert_index_agrees(&archive, "after background checkpoints");
    assert_eq!(index_hits(&archive, "quetzalcoatlus"), 20);
}

/// An archive whose items an older build tagged is brought up to date by the first refresh of
/// this build, beside what that refresh fetches over HTTP: every stale item gets the tags the
/// tagger gives it now. The archive then records that its tags are current, and the next
/// refresh re-tags nothing.
#[test]
fn the_first_refresh_after_an_upgrade_re_tags_what_an_older_tagger_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.db");
    std::fs::copy(newest_fixture_archive(), &path).unwrap();
    let stale: Vec<i64> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT id FROM items WHERE tagger_version IS NOT ?1 ORDER BY id")
        .unwrap()
        .query_map([TAGGER_VERSION], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        stale.len() >= 3,
        "the fixture's items are an older tagger's"
    );
    let mut archive = Archive::open(&path).unwrap();
    assert!(archive.has_stale_tags(TAGGER_VERSION).unwrap());

    let server = FixtureServer::start();
    let url = server.route("/atom.xml", Route::feed(fixture("feeds/atom.xml")));
    let source = archive
        .add_source(&counterpoint_core::model::NewSource {
            url,
            ..Default::default()
        })
        .unwrap()
        .id;
    let fetcher = Fetcher::new(FetchConfig::default()).unwrap();
    let options = RefreshOptions {
        only: Some(vec![source]),
        ..RefreshOptions::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut retagging = Vec::new();
    let report = runtime
        .block_on(refresh(&mut archive, &fetcher, &options, |event| {
            if let RefreshEvent::Retagging { done, total } = event {
                retagging.push((done, total));
            }
        }))
        .unwrap();
    assert!(report.new_items() > 0, "the feed was fetched too");
    assert_eq!(report.retagged, stale.len());
    assert_eq!(retagging.last(), Some(&(stale.len(), stale.len())));
    for id in stale {
        let item = archive.item(id).unwrap();
        assert_eq!(item.tagger_version, Some(TAGGER_VERSION), "item {id}");
        let want = tag_offsets(&TagInput {
            title: &item.title,
            text: &item.content_text,
            language_hint: item.language.as_deref(),
            source_kind: item.source_kind,
        });
        let tagging = item.tagging.unwrap();
        let codes = |t: &counterpoint_core::model::Tagging| {
            let mut codes: Vec<String> = t.countries.iter().map(|c| c.code.clone()).collect();
            codes.sort();
            codes
        };
        assert_eq!(codes(&tagging), codes(&want), "countries of item {id}");
        assert_eq!(tagging.stance, want.stance, "stance of item {id}");
    }
    assert!(!archive.has_stale_tags(TAGGER_VERSION).unwrap());
    let again = runtime
        .block_on(refresh(&mut archive, &fetcher, &options, |_| {}))
        .unwrap();
    assert_eq!(again.retagged, 0);
}
