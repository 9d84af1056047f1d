//! Search and watches over a small real archive: every operator and filter, accents in the
//! five languages, the stance semantics, hostile input, and property tests.

use counterpoint_core::model::{CountryTag, NewSource, SourceKind, Stance, Tagging};
use counterpoint_core::search::{
    add_watch, list_watches, mark_snippet, mark_watch_seen, matching_ids, remove_watch, search,
    SearchRequest, SortOrder,
};
use counterpoint_core::store::{Archive, ItemState, NewItem};
use counterpoint_core::time::parse_date;
use counterpoint_core::Error;
use proptest::prelude::*;

struct Seed {
    source: usize,
    title: &'static str,
    text: &'static str,
    lang: &'static str,
    date: &'static str,
    countries: &'static [&'static str],
    stance: Stance,
}

/// Ids follow the order of this list, from 1.
const SEEDS: &[Seed] = &[
    Seed {
        source: 0,
        title: "Greece pushbacks at the Turkish border",
        text: "NGOs report pushbacks of asylum seekers at the Evros border between Greece and Türkiye. The ministry denies the allegations.",
        lang: "en",
        date: "2025-03-10",
        countries: &["GR", "TR"],
        stance: Stance::Both,
    },
    Seed {
        source: 1,
        title: "Réunion des ministres sur la migration",
        text: "Les ministres européens se sont réunis à Bruxelles pour discuter du pacte sur la migration et l'asile.",
        lang: "fr",
        date: "2025-02-01",
        countries: &["BE", "EU"],
        stance: Stance::Government,
    },
    Seed {
        source: 1,
        title: "Asielaanvragen in België stijgen",
        text: "Het aantal asielaanvragen in België is gestegen, meldt de staatssecretaris voor Asiel en Migratie.",
        lang: "nl",
        date: "2025-04-05",
        countries: &["BE"],
        stance: Stance::Government,
    },
    Seed {
        source: 2,
        title: "Llegada de migrantes a Canarias",
        text: "Más de cien migrantes llegaron en cayuco a las islas Canarias; Cruz Roja atendió a los recién llegados.",
        lang: "es",
        date: "2024-11-20",
        countries: &["ES"],
        stance: Stance::NgoConcern,
    },
    Seed {
        source: 0,
        title: "Abschiebungen nach Afghanistan",
        text: "Die Bundesregierung plant weitere Abschiebungen nach Afghanistan. Pro Asyl kritisiert die Pläne scharf.",
        lang: "de",
        date: "2025-01-15",
        countries: &["DE", "AF"],
        stance: Stance::Both,
    },
    Seed {
        source: 0,
        title: "Türkiye hosts the largest refugee population",
        text: "Turkey hosts more than three million Syrian refugees, according to UNHCR.",
        lang: "en",
        date: "2023-06-01",
        countries: &["TR", "SY"],
        stance: Stance::Neither,
    },
    Seed {
        source: 1,
        title: "Asylum statistics for 2024 published",
        text: "Eurostat published asylum statistics; applications fell in Germany and rose in Spain.",
        lang: "en",
        date: "2025-03-01",
        countries: &["DE", "ES", "EU"],
        stance: Stance::Neither,
    },
    Seed {
        source: 0,
        title: "Rescue ship detained in Italy",
        text: "Authorities detained a rescue ship after it disembarked migrants in Italy; NGOs condemned the decision.",
        lang: "en",
        date: "2025-05-20",
        countries: &["IT"],
        stance: Stance::NgoConcern,
    },
    Seed {
        source: 1,
        title: "Migration pact: the final vote",
        text: "The European Parliament adopted the migration pact in a final vote.",
        lang: "en",
        date: "2024-04-10",
        countries: &["EU"],
        stance: Stance::Government,
    },
    Seed {
        source: 2,
        title: "Weekly press review",
        text: "This week: migration debates in parliament and a meeting in Paris.",
        lang: "en",
        date: "2025-05-01",
        countries: &["FR"],
        stance: Stance::Neither,
    },
];

const SOURCES: &[(&str, &str, SourceKind)] = &[
    ("https://ecre.org/feed/", "ECRE", SourceKind::Ngo),
    (
        "https://www.belganewsagency.eu/feed",
        "Belga News Agency",
        SourceKind::Agency,
    ),
    ("https://efe.com/feed/", "EFE", SourceKind::Agency),
];

fn new_item(key: &str, seed: &Seed) -> NewItem {
    NewItem {
        key: key.to_string(),
        title: seed.title.to_string(),
        url: Some(format!("https://example.org/{key}")),
        author: None,
        published: parse_date(seed.date),
        language: Some(seed.lang.to_string()),
        summary: None,
        content_html: None,
        content_text: seed.text.to_string(),
        full_text: false,
        extract_error: None,
        entry_hash: format!("hash-{key}"),
        tagging: Tagging {
            language: seed.lang.to_string(),
            countries: seed
                .countries
                .iter()
                .enumerate()
                .map(|(i, code)| CountryTag {
                    code: code.to_string(),
                    name: code.to_string(),
                    score: 1.0 - i as f32 * 0.1,
                    focus: i == 0,
                    evidence: vec![],
                })
                .collect(),
            stance: seed.stance,
            voices: Default::default(),
        },
        tagger_version: 1,
    }
}

fn archive() -> (tempfile::TempDir, Archive, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.db")).unwrap();
    let mut source_ids = Vec::new();
    for (url, name, kind) in SOURCES {
        let s = archive
            .add_source(&NewSource {
                url: url.to_string(),
                name: Some(name.to_string()),
                kind: *kind,
                language: None,
                site_url: None,
            })
            .unwrap();
        source_ids.push(s.id);
    }
    for (i, seed) in SEEDS.iter().enumerate() {
        archive
            .store_items(
                source_ids[seed.source],
                &[new_item(&format!("item-{}", i + 1), seed)],
                None,
            )
            .unwrap();
    }
    archive.set_item_state(8, ItemState::Starred(true)).unwrap();
    archive.set_item_state(8, ItemState::Pinned(true)).unwrap();
    archive.set_item_state(9, ItemState::Read(true)).unwrap();
    (dir, archive, source_ids)
}

fn ids(archive: &Archive, req: &SearchRequest) -> Vec<i64> {
    let mut found: Vec<i64> = search(archive, req)
        .unwrap_or_else(|e| panic!("{:?}: {e}", req.query))
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    found.sort();
    found
}

/// Checks that a query finds exactly these items (in any order).
fn check(archive: &Archive, query: &str, expected: &[i64]) {
    let req = SearchRequest {
        query: query.into(),
        limit: 100,
        ..SearchRequest::default()
    };
    assert_eq!(ids(archive, &req), expected, "query {query:?}");
    let results = search(archive, &req).unwrap();
    assert_eq!(results.total, expected.len(), "total for {query:?}");
}

fn query_error(archive: &Archive, query: &str) -> String {
    let req = SearchRequest {
        query: query.into(),
        ..SearchRequest::default()
    };
    match search(archive, &req) {
        Err(Error::Query(message)) => message,
        other => panic!("{query:?}: expected a query error, got {other:?}"),
    }
}

#[test]
fn words_phrases_prefixes_or_exclusion_and_groups() {
    let (_dir, a, _) = archive();
    let cases: &[(&str, &[i64])] = &[
        ("pushbacks", &[1]),
        ("asylum", &[1, 7]),
        ("asylum statistics", &[7]),
        ("ASYLUM Statistics", &[7]),
        ("\"final vote\"", &[9]),
        ("\"vote final\"", &[]),
        ("migra*", &[2, 3, 4, 8, 9, 10]),
        ("Canarias OR Afghanistan", &[4, 5]),
        ("canarias | afghanistan", &[4, 5]),
        ("asylum -Germany", &[1]),
        ("asylum NOT germany", &[1]),
        ("(pushbacks OR rescue) -Italy", &[1]),
        ("(pushbacks OR rescue) (Italy OR Greece)", &[1, 8]),
        ("migration -(pact OR parliament)", &[2]),
        ("migration -(pacte OR pact OR parliament)", &[]),
        ("migration -\"final vote\"", &[2, 10]),
        ("in:title migration", &[2, 9]),
        ("migration", &[2, 9, 10]),
        ("asylum-seekers", &[1]),
        ("asylum seekers", &[1]),
        ("-migration -asylum country:EU", &[]),
        ("-migration country:EU", &[7]),
        ("-pushbacks country:TR", &[6]),
        ("(country:TR OR country:IT) rescue", &[8]),
        ("country:TR OR lang:fr", &[1, 2, 6]),
    ];
    for (query, expected) in cases {
        check(&a, query, expected);
    }
}

#[test]
fn accents_and_case_in_five_languages() {
    let (_dir, a, _) = archive();
    let cases: &[(&str, &[i64])] = &[
        ("reunion", &[2]),
        ("Réunion", &[2]),
        ("RÉUNION", &[2]),
        ("turkiye", &[1, 6]),
        ("Türkiye", &[1, 6]),
        ("europeens", &[2]),
        ("belgie", &[3]),
        ("België", &[3]),
        ("recien llegados", &[4]),
        ("«recién llegados»", &[4]),
        ("plane", &[5]),
        ("Pläne", &[5]),
        ("asiel*", &[3]),
    ];
    for (query, expected) in cases {
        check(&a, query, expected);
    }
}

#[test]
fn filters_in_the_query() {
    let (_dir, a, sources) = archive();
    let cases: Vec<(String, Vec<i64>)> = vec![
        ("country:TR".into(), vec![1, 6]),
        ("country:tr refugees".into(), vec![6]),
        ("voice:government".into(), vec![1, 2, 3, 5, 9]),
        ("voice:ngo_concern".into(), vec![1, 4, 5, 8]),
        ("stance:both".into(), vec![1, 5]),
        ("stance:neither".into(), vec![6, 7, 10]),
        ("-stance:neither".into(), vec![1, 2, 3, 4, 5, 8, 9]),
        ("source:ecre".into(), vec![1, 5, 6, 8]),
        ("source:BELGA asylum".into(), vec![7]),
        (format!("source:{}", sources[2]), vec![4, 10]),
        ("source:\"News Agency\"".into(), vec![2, 3, 7, 9]),
        ("source:%".into(), vec![]),
        ("lang:fr".into(), vec![2]),
        ("lang:DE".into(), vec![5]),
        ("after:2025-03-01".into(), vec![1, 3, 7, 8, 10]),
        ("before:2024-12-31".into(), vec![4, 6, 9]),
        ("after:2025-01-01 before:2025-03-01".into(), vec![2, 5]),
        ("after:2025".into(), vec![1, 2, 3, 5, 7, 8, 10]),
        ("is:starred".into(), vec![8]),
        ("is:pinned".into(), vec![8]),
        ("is:read".into(), vec![9]),
        ("is:unread country:EU".into(), vec![2, 7]),
    ];
    for (query, expected) in &cases {
        check(&a, query, expected);
    }
}

#[test]
fn filters_beside_the_query() {
    let (_dir, a, sources) = archive();
    let req = |f: &dyn Fn(&mut SearchRequest)| {
        let mut r = SearchRequest {
            limit: 100,
            ..SearchRequest::default()
        };
        f(&mut r);
        r
    };
    // Several countries: any of them.
    assert_eq!(
        ids(&a, &req(&|r| r.countries = vec!["TR".into(), "it".into()])),
        vec![1, 6, 8]
    );
    // Stance: government and ngo_concern include both; both and neither are exact.
    assert_eq!(
        ids(&a, &req(&|r| r.stance = Some(Stance::Government))),
        vec![1, 2, 3, 5, 9]
    );
    assert_eq!(
        ids(&a, &req(&|r| r.stance = Some(Stance::NgoConcern))),
        vec![1, 4, 5, 8]
    );
    assert_eq!(
        ids(&a, &req(&|r| r.stance = Some(Stance::Both))),
        vec![1, 5]
    );
    assert_eq!(
        ids(&a, &req(&|r| r.stance = Some(Stance::Neither))),
        vec![6, 7, 10]
    );
    assert_eq!(
        ids(&a, &req(&|r| r.sources = vec![sources[0], sources[2]])),
        vec![1, 4, 5, 6, 8, 10]
    );
    assert_eq!(ids(&a, &req(&|r| r.language = Some("es".into()))), vec![4]);
    assert_eq!(
        ids(
            &a,
            &req(&|r| {
                r.since = parse_date("2025-03-01");
                r.until = parse_date("2025-05-01");
            })
        ),
        vec![1, 3, 7]
    );
    // Flags and query filters combine.
    assert_eq!(
        ids(
            &a,
            &req(&|r| {
                r.query = "migra* voice:government".into();
                r.countries = vec!["EU".into()];
            })
        ),
        vec![2, 9]
    );
    let bad = search(&a, &req(&|r| r.countries = vec!["Turkey".into()]));
    assert!(matches!(bad, Err(Error::Query(_))), "{bad:?}");
}

#[test]
fn listing_ranking_snippets_and_paging() {
    let (_dir, a, _) = archive();
    // No text: newest first.
    let all = search(
        &a,
        &SearchRequest {
            limit: 100,
            ..SearchRequest::default()
        },
    )
    .unwrap();
    assert_eq!(all.total, SEEDS.len());
    let order: Vec<i64> = all.hits.iter().map(|h| h.id).collect();
    assert_eq!(order, vec![8, 10, 3, 1, 7, 2, 5, 4, 9, 6]);
    // Date order with text.
    let by_date = search(
        &a,
        &SearchRequest {
            query: "migra*".into(),
            sort: SortOrder::Date,
            limit: 100,
            ..SearchRequest::default()
        },
    )
    .unwrap();
    assert_eq!(
        by_date.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![8, 10, 3, 2, 4, 9]
    );
    // A title match outranks a body match of the same word.
    let ranked = search(
        &a,
        &SearchRequest {
            query: "migration".into(),
            ..SearchRequest::default()
        },
    )
    .unwrap();
    assert_ne!(ranked.hits[0].id, 10, "{:?}", ranked.hits);
    assert!(ranked.hits.windows(2).all(|w| w[0].score >= w[1].score));
    // Snippets mark the matched terms.
    let hit = &search(
        &a,
        &SearchRequest {
            query: "pushbacks".into(),
            ..SearchRequest::default()
        },
    )
    .unwrap()
    .hits[0];
    assert!(
        mark_snippet(&hit.snippet, "[", "]").contains("[pushbacks]"),
        "{:?}",
        hit.snippet
    );
    assert_eq!(hit.source_name, "ECRE");
    assert_eq!(hit.countries, vec!["GR", "TR"]);
    assert_eq!(hit.stance, Stance::Both);
    assert!(hit.score > 0.0);
    let hit = &search(
        &a,
        &SearchRequest {
            query: "reunion".into(),
            ..SearchRequest::default()
        },
    )
    .unwrap()
    .hits[0];
    assert!(
        mark_snippet(&hit.snippet, "[", "]").contains("[Réunion]"),
        "{:?}",
        hit.snippet
    );
    // Paging.
    let page = search(
        &a,
        &SearchRequest {
            limit: 3,
            offset: 3,
            ..SearchRequest::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, SEEDS.len());
    assert_eq!(
        page.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![1, 7, 2]
    );
    // matching_ids: every match, in order, up to the limit.
    let req = SearchRequest {
        query: "migra*".into(),
        sort: SortOrder::Date,
        limit: 0,
        ..SearchRequest::default()
    };
    assert_eq!(matching_ids(&a, &req).unwrap(), vec![8, 10, 3, 2, 4, 9]);
    assert_eq!(
        matching_ids(&a, &SearchRequest { limit: 2, ..req }).unwrap(),
        vec![8, 10]
    );
}

#[test]
fn query_errors_name_the_problem() {
    let (_dir, a, _) = archive();
    assert!(query_error(&a, "foo:bar").contains("unknown field `foo:`"));
    assert!(query_error(&a, "after:2025-02-30").contains("bad date"));
    assert!(query_error(&a, "before:yesterday").contains("bad date"));
    assert!(query_error(&a, "country:Turkey").contains("country"));
    assert!(query_error(&a, "voice:police").contains("voice"));
    assert!(query_error(&a, "is:important").contains("is:"));
    assert!(query_error(&a, "in:footer x").contains("in:"));
    assert!(query_error(&a, "country:").contains("needs a value"));
    assert!(query_error(&a, "*").contains("nothing to search for"));
    assert!(query_error(&a, &"asylum ".repeat(2000)).contains("too long"));
    assert!(query_error(&a, &"(".repeat(50)).contains("nested"));
    for message in [query_error(&a, "foo:bar"), query_error(&a, "*")] {
        assert!(!message.contains('\n'));
    }
}

fn checksum(a: &Archive) -> String {
    let conn = a.connection();
    let mut stmt = conn
        .prepare("SELECT id, title, content_text, is_read, is_starred, coalesce(pinned_at, 0), stance FROM items ORDER BY id")
        .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}|{}|{}|{}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    let countries: i64 = conn
        .query_row("SELECT count(*) FROM item_countries", [], |r| r.get(0))
        .unwrap();
    format!("{}#{tables}#{countries}", rows.join("\n"))
}

const HOSTILE: &[&str] = &[
    "\"",
    "\"\"",
    "\"unbalanced quote",
    "*",
    "**",
    "*asylum",
    "asylum*",
    "NEAR(",
    "NEAR(asylum greece, 3)",
    "asylum NEAR/3 greece",
    "'; DROP TABLE items; --",
    "\"; DROP TABLE items; --",
    "items_fts:asylum",
    "title:asylum",
    "{title content_text}: asylum",
    "^asylum",
    "asylum + greece",
    "(",
    "((((",
    "))))",
    "()",
    "( OR )",
    "OR",
    "AND",
    "NOT",
    "-",
    "- -",
    "--",
    "a OR OR b",
    "asylum OR",
    "🙂",
    "🇹🇷 migration",
    "migration 🙂",
    "難民",
    "لاجئين",
    "\u{0}",
    "asylum\u{0}greece",
    "\u{202e}asylum",
    "%",
    "_",
    "\\",
    "source:%_\\",
    "source:'",
    "rowid:1",
    "after:",
    "after:9999-99-99",
    "after:-1",
    "lang:1",
    "10:30",
    "https://ecre.org/?q=\"x\"",
    "«",
    "» migration «",
    "x:",
    ":",
    "::",
    "\t\n  \r",
];

#[test]
fn hostile_input_gives_results_or_a_clear_message_and_changes_nothing() {
    let (_dir, a, _) = archive();
    let before = checksum(&a);
    let big = "migration asylum réfugiés ".repeat(400);
    let long_word = "x".repeat(10 * 1024);
    let mut inputs: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    inputs.push(big);
    inputs.push(long_word);
    for input in &inputs {
        for sort in [SortOrder::Relevance, SortOrder::Date] {
            let req = SearchRequest {
                query: input.clone(),
                sort,
                ..SearchRequest::default()
            };
            match search(&a, &req) {
                Ok(_) | Err(Error::Query(_)) => {}
                Err(other) => panic!("{input:?}: {other}"),
            }
            match matching_ids(&a, &req) {
                Ok(_) | Err(Error::Query(_)) => {}
                Err(other) => panic!("{input:?}: {other}"),
            }
        }
    }
    assert_eq!(checksum(&a), before);
    a.connection()
        .execute(
            "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
    a.integrity_check().unwrap();
}

#[test]
fn watches_count_new_items_until_seen() {
    let (_dir, mut a, sources) = archive();
    let w = add_watch(&a, "Türkiye", "country:TR").unwrap();
    assert_eq!((w.total, w.new), (2, 0));
    add_watch(&a, "rescue at sea", "rescue OR pushbacks").unwrap();
    assert!(
        matches!(add_watch(&a, "türkiye", "x"), Err(Error::InvalidInput(_)))
            || add_watch(&a, "Türkiye", "x").is_err()
    );
    assert!(matches!(
        add_watch(&a, "bad", "foo:bar"),
        Err(Error::Query(_))
    ));
    assert!(matches!(
        add_watch(&a, "  ", "x"),
        Err(Error::InvalidInput(_))
    ));

    let seed = Seed {
        source: 0,
        title: "New pushbacks reported on the Turkish coast",
        text: "Rescue groups say boats were pushed back towards Türkiye.",
        lang: "en",
        date: "2025-06-01",
        countries: &["TR", "GR"],
        stance: Stance::NgoConcern,
    };
    a.store_items(sources[0], &[new_item("new-1", &seed)], None)
        .unwrap();
    let other = Seed {
        countries: &["IT"],
        title: "Unrelated",
        text: "Nothing to see.",
        ..seed
    };
    a.store_items(sources[1], &[new_item("new-2", &other)], None)
        .unwrap();

    let watches = list_watches(&a).unwrap();
    let names: Vec<&str> = watches.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, vec!["rescue at sea", "Türkiye"]);
    assert_eq!((watches[0].total, watches[0].new), (3, 1));
    assert_eq!((watches[1].total, watches[1].new), (3, 1));

    mark_watch_seen(&a, "Türkiye").unwrap();
    let watches = list_watches(&a).unwrap();
    assert_eq!((watches[1].total, watches[1].new), (3, 0));
    assert!(watches[1].seen_at.is_some());
    assert_eq!(
        watches[0].new, 1,
        "marking one watch seen leaves the others alone"
    );

    // An updated item is not new again.
    let mut changed = new_item("new-1", &seed);
    changed.entry_hash = "changed".into();
    changed.title = "Pushbacks reported on the Turkish coast (updated)".into();
    a.store_items(sources[0], &[changed], None).unwrap();
    assert_eq!(list_watches(&a).unwrap()[1].new, 0);

    remove_watch(&a, "rescue at sea").unwrap();
    assert_eq!(list_watches(&a).unwrap().len(), 1);
    assert!(matches!(
        remove_watch(&a, "rescue at sea"),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        mark_watch_seen(&a, "nope"),
        Err(Error::InvalidInput(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_parser_never_panics(input in any::<String>()) {
        let _ = counterpoint_core::search::parse(&input);
    }

    #[test]
    fn query_shaped_input_never_fails_except_with_query_errors(
        input in proptest::string::string_regex("[a-zA-Zéü0-9 \"()*:\\-|'^{}+,./%_🙂]{0,40}|(OR |NOT |AND |country:|in:|is:|-|\\(|\\)|\"|\\*|asylum |réunion |migra)*").unwrap()
    ) {
        thread_local! {
            static ARCHIVE: (tempfile::TempDir, Archive, Vec<i64>) = archive();
        }
        ARCHIVE.with(|(_, a, _)| {
            let req = SearchRequest { query: input.clone(), ..SearchRequest::default() };
            match search(a, &req) {
                Ok(results) => prop_assert!(results.hits.len() <= results.total),
                Err(Error::Query(message)) => prop_assert!(!message.is_empty() && !message.contains('\n')),
                Err(other) => prop_assert!(false, "{:?}: {}", input, other),
            }
            Ok(())
        })?;
    }

    #[test]
    fn arbitrary_text_never_fails_except_with_query_errors(input in any::<String>()) {
        thread_local! {
            static ARCHIVE: (tempfile::TempDir, Archive, Vec<i64>) = archive();
        }
        ARCHIVE.with(|(_, a, _)| {
            let req = SearchRequest { query: input.clone(), ..SearchRequest::default() };
            match search(a, &req) {
                Ok(_) | Err(Error::Query(_)) => {}
                Err(other) => prop_assert!(false, "{:?}: {}", input, other),
            }
            Ok(())
        })?;
    }
}

/// The ranking function's scores against FTS5's own `bm25()` with the same column weights, for
/// every row a query matches. Equal where document frequencies are counted exactly (terms held
/// by fewer items than the estimate's sample), which in a small archive is every term.
fn relevance_beside_bm25(archive: &Archive, query: &str) -> Vec<(i64, f64, f64)> {
    let expr = counterpoint_core::search::fts_expression(query)
        .unwrap()
        .unwrap();
    let mut stmt = archive
        .connection()
        .prepare(
            "SELECT rowid, relevance(items_fts, 1), bm25(items_fts, 5.0, 1.0, 1.0) FROM items_fts
             WHERE items_fts MATCH ?1 ORDER BY rowid",
        )
        .unwrap();
    let rows = stmt
        .query_map([expr], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows
}

#[test]
fn relevance_scores_as_bm25_when_frequencies_are_exact() {
    let (_dir, archive, _) = archive();
    for query in [
        "asylum",
        "migration OR migratie",
        "asylum -Evros",
        "\"asylum seekers\"",
        "asil*",
        "in:title Greece",
    ] {
        let rows = relevance_beside_bm25(&archive, query);
        assert!(!rows.is_empty(), "{query} matches nothing");
        for (id, ours, theirs) in rows {
            assert!(
                (ours - theirs).abs() < 1e-9,
                "{query}, item {id}: relevance {ours} but bm25 {theirs}"
            );
        }
    }
}

#[test]
fn relevance_estimates_frequencies_of_common_terms_closely() {
    // 2,000 items, every other one holding "common": the estimate reads only the first 256
    // holders, yet its scores stay within a few percent of the exact ones and keep the order.
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.db")).unwrap();
    let source = archive
        .add_source(&NewSource {
            url: "https://example.org/feed".into(),
            ..NewSource::default()
        })
        .unwrap()
        .id;
    let items: Vec<NewItem> = (0..2000)
        .map(|i| {
            let seed = Seed {
                source: 0,
                title: "Item",
                text: if i % 2 == 0 {
                    "a common word in this one"
                } else {
                    "nothing shared here"
                },
                lang: "en",
                date: "2025-01-01",
                countries: &[],
                stance: Stance::Neither,
            };
            let mut item = new_item(&format!("k{i}"), &seed);
            if i % 500 == 0 {
                item.content_text = format!("{} scarce scarce", item.content_text);
            }
            item
        })
        .collect();
    archive.store_items(source, &items, None).unwrap();
    let rows = relevance_beside_bm25(&archive, "common OR scarce");
    assert_eq!(rows.len(), 1000);
    let mut previous: Option<(f64, f64)> = None;
    for (id, ours, theirs) in &rows {
        assert!(
            ((ours - theirs) / theirs).abs() < 0.05,
            "item {id}: relevance {ours} but bm25 {theirs}"
        );
        if let Some((o, t)) = previous {
            assert_eq!(
                o.total_cmp(ours),
                t.total_cmp(theirs),
                "order differs at {id}"
            );
        }
        previous = Some((*ours, *theirs));
    }
}
