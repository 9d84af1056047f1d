//! Re-tagging an archive after the tagger changed: every stale item gets exactly the tags the
//! tagger gives it now, in batches tagged on several threads, and nothing else is touched.

use counterpoint_core::model::{NewSource, SourceKind, Span, Tagging};
use counterpoint_core::refresh::retag;
use counterpoint_core::store::{Archive, NewItem};
use counterpoint_core::tag::{tag_offsets, TagInput, TAGGER_VERSION};
use serde_json::Value;

/// The labeled development texts, as (title, text, language).
fn dev_texts() -> Vec<(String, String, String)> {
    include_str!("data/tagging/dev.jsonl")
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .map(|v| {
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (field("title"), field("text"), field("language"))
        })
        .collect()
}

fn item(key: String, title: &str, text: &str, language: &str, version: i64) -> NewItem {
    NewItem {
        entry_hash: key.clone(),
        key,
        title: title.into(),
        url: None,
        author: None,
        published: None,
        language: Some(language.into()),
        summary: None,
        content_html: None,
        content_text: text.into(),
        full_text: false,
        extract_error: None,
        tagging: Tagging::default(),
        tagger_version: version,
    }
}

fn spans(spans: &[Span]) -> Vec<(usize, usize)> {
    spans.iter().map(|s| (s.start, s.end)).collect()
}

/// More stale items than one batch holds, from two sources of different kinds (the kind is
/// an input of the tagger), and some items already tagged by this version, which are left
/// as they are.
#[test]
fn stale_items_get_the_tags_of_this_tagger_and_current_ones_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.db")).unwrap();
    let source = |url: &str, kind: SourceKind| {
        archive
            .add_source(&NewSource {
                url: url.into(),
                kind,
                ..NewSource::default()
            })
            .unwrap()
            .id
    };
    let (agency, ngo) = (
        source("https://agency.example/feed", SourceKind::Agency),
        source("https://ngo.example/feed", SourceKind::Ngo),
    );
    let texts = dev_texts();
    let (mut stale, mut current) = (Vec::new(), Vec::new());
    for round in 0..14 {
        for (i, (title, text, language)) in texts.iter().enumerate() {
            let key = format!("{round}-{i}");
            // One item in ten is already tagged by this version; its (empty) tags must stay.
            if i % 10 == 0 {
                current.push(item(key, title, text, language, TAGGER_VERSION));
            } else {
                stale.push(item(key, title, text, language, TAGGER_VERSION - 1));
            }
        }
    }
    assert!(stale.len() > 1_000, "more than two batches of 500");
    let (half_a, half_b) = stale.split_at(stale.len() / 2);
    archive.store_items(agency, half_a, None).unwrap();
    archive.store_items(ngo, half_b, None).unwrap();
    archive.store_items(agency, &current, None).unwrap();

    let mut reported = Vec::new();
    let count = retag(&mut archive, |done, total| reported.push((done, total))).unwrap();
    assert_eq!(count, stale.len());
    assert!(reported.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(reported.last(), Some(&(stale.len(), stale.len())));

    let total = archive.item_count().unwrap();
    let mut checked = 0;
    for id in 1..=total {
        let stored = archive.item(id).unwrap();
        let tagging = stored.tagging.clone().unwrap();
        if stored
            .key
            .split('-')
            .nth(1)
            .unwrap()
            .parse::<usize>()
            .unwrap()
            % 10
            == 0
        {
            assert!(
                tagging.countries.is_empty()
                    && tagging.voices.government.is_empty()
                    && tagging.voices.ngo_concern.is_empty(),
                "item {id} was current and is re-tagged"
            );
            continue;
        }
        let want = tag_offsets(&TagInput {
            title: &stored.title,
            text: &stored.content_text,
            language_hint: stored.language.as_deref(),
            source_kind: stored.source_kind,
        });
        let codes = |t: &Tagging| {
            t.countries
                .iter()
                .map(|c| {
                    (
                        c.code.clone(),
                        c.score.to_bits(),
                        c.focus,
                        spans(&c.evidence),
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut got_codes = codes(&tagging);
        let mut want_codes = codes(&want);
        got_codes.sort();
        want_codes.sort();
        assert_eq!(got_codes, want_codes, "countries of item {id}");
        assert_eq!(tagging.stance, want.stance, "stance of item {id}");
        assert_eq!(
            spans(&tagging.voices.government),
            spans(&want.voices.government),
            "government voice of item {id}"
        );
        assert_eq!(
            spans(&tagging.voices.ngo_concern),
            spans(&want.voices.ngo_concern),
            "NGO voice of item {id}"
        );
        checked += 1;
    }
    assert_eq!(checked, stale.len());

    // Nothing is stale any more.
    assert_eq!(retag(&mut archive, |_, _| {}).unwrap(), 0);
}

/// Whether any tags are stale is kept by the archive itself: true as soon as any build writes
/// an item with another tagger's tags, false again once re-tagging has run, and answered
/// from that record without reading the items, which at a million is a read of every row.
#[test]
fn the_archive_knows_whether_any_tags_are_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.db");
    let mut archive = Archive::open(&path).unwrap();
    let source = archive
        .add_source(&NewSource {
            url: "https://agency.example/feed".into(),
            ..NewSource::default()
        })
        .unwrap()
        .id;
    let texts = dev_texts();
    let (title, text, language) = &texts[0];
    let store = |archive: &mut Archive, key: &str, version: i64| {
        archive
            .store_items(
                source,
                &[item(key.into(), title, text, language, version)],
                None,
            )
            .unwrap();
    };
    assert!(
        !archive.has_stale_tags(TAGGER_VERSION).unwrap(),
        "a new archive"
    );
    store(&mut archive, "current", TAGGER_VERSION);
    assert!(!archive.has_stale_tags(TAGGER_VERSION).unwrap());
    // An older build wrote an item; then a newer one did.
    for (key, version) in [("older", TAGGER_VERSION - 1), ("newer", TAGGER_VERSION + 1)] {
        store(&mut archive, key, version);
        assert!(archive.has_stale_tags(TAGGER_VERSION).unwrap(), "{key}");
        assert_eq!(retag(&mut archive, |_, _| {}).unwrap(), 1, "{key}");
        assert!(!archive.has_stale_tags(TAGGER_VERSION).unwrap(), "{key}");
    }
    // Without the record, the items are asked: an older build's item, brought up to date
    // outside the store, is found current, and the answer is recorded.
    store(&mut archive, "older again", TAGGER_VERSION - 1);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE items SET tagger_version = ?1", [TAGGER_VERSION])
        .unwrap();
    assert!(!archive.has_stale_tags(TAGGER_VERSION).unwrap());
    // From the record alone: an item made stale behind the store's back goes unseen.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE items SET tagger_version = 1", [])
        .unwrap();
    assert!(!archive.has_stale_tags(TAGGER_VERSION).unwrap());
}
