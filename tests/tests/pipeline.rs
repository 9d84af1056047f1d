//! The pipeline end to end: real HTTP from a fixture server on 127.0.0.1, a real SQLite file,
//! the one `refresh` use-case. One test per real-world quirk; the comment says what it is.

use std::time::{Duration, Instant};

use counterpoint_core::model::{NewSource, SourceKind, SourceStatus};
use counterpoint_core::subscribe::subscribe;
use counterpoint_e2e::{fixture, Harness as Setup, Route};

fn setup() -> Setup {
    Setup::new()
}

/// ECRE-like WordPress feed: the excerpt is in `description`, the whole post in
/// `content:encoded`, with a script and an `onerror` handler that must not be stored.
#[test]
fn wordpress_content_encoded_is_the_full_text_and_is_sanitized() {
    let mut s = setup();
    let url = s.server.route(
        "/ecre/feed/",
        Route::feed(fixture("feeds/ecre-wordpress.xml")),
    );
    let id = s.add(&url, SourceKind::Ngo);
    let report = s.refresh();
    assert_eq!(report.sources[0].status, SourceStatus::Ok, "{report:?}");
    assert_eq!(report.new_items(), 2);
    let items = s.items(id);
    let greece = items
        .iter()
        .find(|i| i.title.starts_with("Greece"))
        .unwrap();
    assert!(greece
        .content_text
        .contains("Ministry of Migration and Asylum rejected the allegations"));
    assert!(greece
        .summary
        .as_deref()
        .unwrap()
        .starts_with("Rights groups documented"));
    let html = greece.content_html.as_deref().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("onerror") && !html.contains("alert("),
        "{html}"
    );
    assert!(
        html.contains(r#"href="https://ecre.example/reports/evros-2025""#),
        "relative link resolved: {html}"
    );
    assert!(
        !greece.full_text,
        "the feed already carried the whole post; no page was fetched"
    );
    // The item is searchable through the index kept in the same transaction.
    let hits: i64 = s
        .archive
        .connection()
        .query_row(
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'allegations'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 1);
}

/// Serves the Belga-like feed and both of its article pages; returns the feed's URL.
fn serve_belga(s: &Setup) -> String {
    let feed = s.feed_with_base("feeds/belga-newsroom.xml");
    let url = s.server.route("/belga/feed", Route::feed(feed));
    for page in ["asylum-applications-fell", "family-reunification-cap"] {
        s.server.route(
            &format!("/{page}"),
            Route::html(fixture(&format!("pages/belga-{page}.html"))),
        );
    }
    url
}

/// Belga-like newsroom feed: summaries only. The article pages embed "Read also" bookmark
/// boxes inside the body, which must not be glued into the story.
#[test]
fn summary_only_items_get_full_text_without_read_also_boxes() {
    let mut s = setup();
    let url = serve_belga(&s);
    let id = s.add_with_rules(
        &url,
        SourceKind::Agency,
        ".release-content-bookmark\n.release-content-share",
    );
    let report = s.refresh();
    assert_eq!(report.new_items(), 2, "{report:?}");
    for item in s.items(id) {
        assert!(
            item.full_text,
            "{} should carry the article text",
            item.title
        );
        assert!(item.summary.is_some());
        for junk in [
            "Read also",
            "Cyprus",
            "Netherlands: Senate",
            "Spain: regularisation",
            "Share on",
            "Most read",
            "cookies",
            "©",
        ] {
            assert!(
                !item.content_text.contains(junk),
                "{junk:?} leaked into {:?}",
                item.content_text
            );
        }
    }
    let fell = s
        .items(id)
        .into_iter()
        .find(|i| i.title.contains("fell"))
        .unwrap();
    assert!(fell.content_text.contains("backlog of pending cases"));
    assert!(fell.content_text.contains("interior committee"));
}

/// Even without a per-source rule, the generic heuristics drop the bookmark boxes.
#[test]
fn read_also_boxes_are_dropped_without_source_rules() {
    let mut s = setup();
    let url = serve_belga(&s);
    let id = s.add(&url, SourceKind::Agency);
    s.refresh();
    for item in s.items(id) {
        assert!(item.full_text);
        assert!(
            !item.content_text.contains("Read also"),
            "{:?}",
            item.content_text
        );
    }
}

/// An article page that cannot be fetched is recorded on the item; the item is kept with its
/// summary and the source is fine.
#[test]
fn failed_article_page_is_recorded_on_the_item_not_fatal() {
    let mut s = setup();
    let feed = s.feed_with_base("feeds/belga-newsroom.xml");
    let url = s.server.route("/belga/feed", Route::feed(feed));
    // Only one of the two pages exists; the other answers 404.
    s.server.route(
        "/asylum-applications-fell",
        Route::html(fixture("pages/belga-asylum-applications-fell.html")),
    );
    let id = s.add(&url, SourceKind::Agency);
    let report = s.refresh();
    assert_eq!(report.sources[0].status, SourceStatus::Ok);
    assert_eq!(report.sources[0].warnings.len(), 1, "{report:?}");
    let missing = s
        .items(id)
        .into_iter()
        .find(|i| i.title.contains("family"))
        .unwrap();
    assert!(!missing.full_text);
    assert!(missing.extract_error.as_deref().unwrap().contains("404"));
    assert!(missing.content_text.contains("tighten the conditions"));
}

/// Atom with `type="html"` titles and a published date with an offset.
#[test]
fn atom_entries_are_read() {
    let mut s = setup();
    let url = s
        .server
        .route("/cire.atom", Route::feed(fixture("feeds/atom.xml")));
    let id = s.add(&url, SourceKind::Ngo);
    s.refresh();
    let items = s.items(id);
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].title,
        "Accueil : le CIRÉ dénonce l'abandon des demandeurs d'asile"
    );
    assert_eq!(items[0].author.as_deref(), Some("CIRÉ asbl"));
    assert_eq!(
        items[0].published,
        Some(1741591800),
        "2025-03-10T08:30:00+01:00 in UTC"
    );
    assert_eq!(
        s.archive.source(id).unwrap().name,
        "CIRÉ – actualités",
        "a source added by URL takes the feed's title"
    );
}

/// RSS 1.0 (RDF) with Dublin Core dates and creators.
#[test]
fn rss_1_0_is_read() {
    let mut s = setup();
    let url = s
        .server
        .route("/statewatch.rdf", Route::feed(fixture("feeds/rss1.rdf")));
    let id = s.add(&url, SourceKind::Ngo);
    s.refresh();
    let items = s.items(id);
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].url.as_deref(),
        Some("https://statewatch.example/news/2025/frontex-data")
    );
    assert_eq!(items[0].published, Some(1740060000));
    assert!(items[0]
        .content_text
        .contains("European Data Protection Supervisor"));
}

/// JSON Feed 1.1.
#[test]
fn json_feed_is_read() {
    let mut s = setup();
    let url = s.server.route(
        "/feed.json",
        Route::Ok {
            content_type: "application/feed+json".into(),
            body: fixture("feeds/feed.json"),
            etag: None,
            extra_headers: vec![],
        },
    );
    let id = s.add(&url, SourceKind::Media);
    s.refresh();
    let items = s.items(id);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].key, "im-2025-0311-canaries");
    assert!(items[0]
        .content_text
        .contains("joint patrols with Mauritania"));
}

/// A feed declared as ISO-8859-1: accented French must come out right, not as mojibake.
#[test]
fn iso_8859_1_feed_is_decoded() {
    let mut s = setup();
    let url = s
        .server
        .route("/lesoir.xml", Route::feed(fixture("feeds/latin1.xml")));
    let id = s.add(&url, SourceKind::Media);
    let report = s.refresh();
    assert_eq!(report.sources[0].status, SourceStatus::Ok, "{report:?}");
    let items = s.items(id);
    assert_eq!(
        items[0].title,
        "Réfugiés : la secrétaire d'État annonce 500 places"
    );
    assert!(items[0]
        .content_text
        .contains("« Nous faisons tout pour que chacun ait un toit »"));
}

/// Relative item links and relative links inside the content resolve against the feed.
#[test]
fn relative_links_resolve_against_the_feed() {
    let mut s = setup();
    let feed = s.feed_with_base("feeds/relative-links.xml");
    let url = s.server.route("/news/feed.xml", Route::feed(feed));
    let id = s.add(&url, SourceKind::Other);
    s.refresh();
    let item = s.items(id).remove(0);
    assert_eq!(item.url, Some(s.server.url("/news/2025/relative-item")));
    let html = item.content_html.unwrap();
    assert!(
        html.contains(&format!("href=\"{}\"", s.server.url("/reports/annual.pdf"))),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "src=\"{}\"",
            s.server.url("/news/2025/img/chart.png")
        )),
        "{html}"
    );
}

/// RSS 0.91 items without guids or dates: keys come from the link, else from a hash of the
/// title, and refetching does not duplicate them.
#[test]
fn missing_guids_and_dates_give_stable_keys() {
    let mut s = setup();
    let url = s.server.route(
        "/old.xml",
        Route::feed(fixture("feeds/no-guids-no-dates.xml")),
    );
    let id = s.add(&url, SourceKind::Other);
    s.refresh();
    let items = s.items(id);
    assert_eq!(items.len(), 2);
    assert!(items.iter().any(|i| i.key == "https://old.example/first"));
    assert!(items.iter().any(|i| i.key.starts_with("sha256:")));
    assert!(items.iter().all(|i| i.published.is_none()));
    // The body hash is the same, so the second refresh does not even parse it.
    let again = s.refresh();
    assert_eq!(again.sources[0].status, SourceStatus::NotModified);
    assert_eq!(s.items(id).len(), 2);
}

/// The same guid twice in one feed: one item, the first (newest) version.
#[test]
fn duplicate_guids_within_a_feed_make_one_item() {
    let mut s = setup();
    let url = s.server.route(
        "/dup.xml",
        Route::feed(fixture("feeds/duplicate-guids.xml")),
    );
    let id = s.add(&url, SourceKind::Other);
    s.refresh();
    let items = s.items(id);
    assert_eq!(items.len(), 2);
    assert!(items
        .iter()
        .any(|i| i.title == "The newer version of the story"));
}

/// An item edited upstream is updated in place: same id, new text, reader state kept.
#[test]
fn edited_items_are_updated_not_duplicated() {
    let mut s = setup();
    let url = s.server.route(
        "/ecre/feed/",
        Route::feed(fixture("feeds/ecre-wordpress.xml")),
    );
    let id = s.add(&url, SourceKind::Ngo);
    s.refresh();
    let before = s.items(id);
    let greece = before
        .iter()
        .find(|i| i.title.starts_with("Greece"))
        .unwrap();
    s.archive
        .set_item_state(
            greece.id,
            counterpoint_core::store::ItemState::Starred(true),
        )
        .unwrap();
    let edited = String::from_utf8(fixture("feeds/ecre-wordpress.xml"))
        .unwrap()
        .replace("at least 1,200 people", "at least 1,500 people");
    s.server
        .route("/ecre/feed/", Route::feed(edited.into_bytes()));
    let report = s.refresh();
    assert_eq!(
        (report.new_items(), report.updated_items()),
        (0, 1),
        "{report:?}"
    );
    let after = s.archive.item(greece.id).unwrap();
    assert!(after.content_text.contains("1,500 people") && after.starred);
    assert_eq!(s.items(id).len(), 2);
    let hits: i64 = s
        .archive
        .connection()
        .query_row(
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"1,500\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 1, "the index follows the update");
}

/// Revalidation: the second request carries If-None-Match and the 304 skips all work.
#[test]
fn revalidation_answered_by_304() {
    let mut s = setup();
    let url = s.server.route(
        "/etag.xml",
        Route::with_etag(fixture("feeds/ecre-wordpress.xml"), "\"v1\""),
    );
    let id = s.add(&url, SourceKind::Ngo);
    s.refresh();
    let report = s.refresh();
    assert_eq!(report.sources[0].status, SourceStatus::NotModified);
    assert_eq!(
        s.server
            .last_header("/etag.xml", "if-none-match")
            .as_deref(),
        Some("\"v1\"")
    );
    assert_eq!(s.items(id).len(), 2);
}

/// 429 with Retry-After: the source shows the error and the next refresh leaves the server
/// alone until the time it asked for, even across a restart (the state is in the archive).
#[test]
fn rate_limited_with_retry_after_is_honoured() {
    let mut s = setup();
    let url = s.server.route(
        "/busy.xml",
        Route::Status {
            status: 429,
            headers: vec![("Retry-After".into(), "3600".into())],
            body: b"slow down".to_vec(),
        },
    );
    let id = s.add(&url, SourceKind::Agency);
    let first = s.refresh();
    assert!(
        first.sources[0]
            .error
            .as_deref()
            .unwrap()
            .contains("rate limited"),
        "{first:?}"
    );
    let second = s.refresh();
    assert!(
        second.sources[0]
            .error
            .as_deref()
            .unwrap()
            .contains("not contacted again"),
        "{second:?}"
    );
    assert_eq!(s.server.hits("/busy.xml"), 1);
    let source = s.archive.source(id).unwrap();
    assert_eq!(source.status, SourceStatus::Error);
    assert!(source.next_check_at.unwrap() >= chrono_now() + 3500);
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A 500 marks that source with an error and backs it off; the other source in the same
/// refresh goes on, and items already archived stay.
#[test]
fn server_error_marks_only_that_source() {
    let mut s = setup();
    let good = s.server.route(
        "/good.xml",
        Route::feed(fixture("feeds/ecre-wordpress.xml")),
    );
    let flaky = s.server.route(
        "/flaky.xml",
        Route::feed(fixture("feeds/duplicate-guids.xml")),
    );
    let good_id = s.add(&good, SourceKind::Ngo);
    let flaky_id = s.add(&flaky, SourceKind::Other);
    s.refresh();
    s.server.route(
        "/flaky.xml",
        Route::Status {
            status: 500,
            headers: vec![],
            body: b"oops".to_vec(),
        },
    );
    let report = s.refresh();
    let flaky_report = report
        .sources
        .iter()
        .find(|r| r.source_id == flaky_id)
        .unwrap();
    assert_eq!(
        flaky_report.error.as_deref(),
        Some("the server answered HTTP 500")
    );
    let good_report = report
        .sources
        .iter()
        .find(|r| r.source_id == good_id)
        .unwrap();
    assert!(good_report.error.is_none());
    let source = s.archive.source(flaky_id).unwrap();
    assert_eq!(
        (source.status, source.consecutive_failures),
        (SourceStatus::Error, 1)
    );
    assert!(source.next_check_at.is_some());
    assert_eq!(
        s.items(flaky_id).len(),
        2,
        "archived items survive a failing feed"
    );
}

/// A server that accepts and never answers: the refresh gives up after the timeout.
#[test]
fn hanging_server_times_out() {
    let mut s = setup();
    let url = s.server.route("/hang.xml", Route::Hang);
    s.add(&url, SourceKind::Other);
    let started = Instant::now();
    let report = s.refresh();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        report.sources[0]
            .error
            .as_deref()
            .unwrap()
            .contains("timed out"),
        "{report:?}"
    );
}

/// A body cut off before its Content-Length: an error, not half a feed.
#[test]
fn truncated_body_is_an_error() {
    let mut s = setup();
    let body = fixture("feeds/ecre-wordpress.xml");
    let url = s.server.route(
        "/cut.xml",
        Route::Truncated {
            content_type: "application/rss+xml".into(),
            body: body[..body.len() / 2].to_vec(),
            promised: body.len(),
        },
    );
    let id = s.add(&url, SourceKind::Other);
    let report = s.refresh();
    assert!(report.sources[0].error.is_some(), "{report:?}");
    assert!(s.items(id).is_empty());
}

/// Something that is not a feed at all, and an HTML page (an anti-bot challenge) in place of
/// a feed: clear errors in words.
#[test]
fn not_a_feed_is_a_clear_error() {
    let mut s = setup();
    let text = s.server.route(
        "/text",
        Route::Ok {
            content_type: "text/plain".into(),
            body: fixture("pages/not-a-feed.txt"),
            etag: None,
            extra_headers: vec![],
        },
    );
    let html = s.server.route(
        "/challenge",
        Route::html(fixture("pages/html-without-feed.html")),
    );
    s.add(&text, SourceKind::Other);
    s.add(&html, SourceKind::Other);
    let report = s.refresh();
    let errors: Vec<&str> = report
        .sources
        .iter()
        .map(|r| r.error.as_deref().unwrap())
        .collect();
    assert!(
        errors.iter().any(|e| e.starts_with("not a valid feed")),
        "{errors:?}"
    );
    assert!(
        errors.contains(&"the server sent a web page, not a feed"),
        "{errors:?}"
    );
}

/// Adding a web page's URL finds its feed through `<link rel="alternate">`.
#[test]
fn autodiscovery_from_a_page() {
    let s = setup();
    let page = s.server.route(
        "/vluchtelingenwerk/",
        Route::html(fixture("pages/site-with-alternate-link.html")),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let source = rt
        .block_on(subscribe(
            &s.archive,
            &s.fetcher,
            NewSource {
                url: page.clone(),
                ..NewSource::default()
            },
        ))
        .unwrap();
    assert_eq!(source.url, s.server.url("/nieuws/rss.xml"));
    assert_eq!(source.name, "Vluchtelingenwerk nieuws");
    assert_eq!(source.site_url.as_deref(), Some(page.as_str()));
    let none = s.server.route(
        "/nofeed",
        Route::html(fixture("pages/html-without-feed.html")),
    );
    let err = rt
        .block_on(subscribe(
            &s.archive,
            &s.fetcher,
            NewSource {
                url: none,
                ..NewSource::default()
            },
        ))
        .unwrap_err();
    assert!(err.to_string().contains("advertises no feed"), "{err}");
}
