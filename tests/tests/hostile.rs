//! Hostile and broken feeds. For each: the refresh ends in bounded time, the source gets an
//! error state in words (or, where the feed is merely odd, its items), every other source in
//! the same refresh is unaffected, and nothing already archived changes.

use std::io::Write;
use std::time::{Duration, Instant};

use counterpoint_core::model::{SourceKind, SourceStatus};
use counterpoint_e2e::{fixture, Harness, Route};

/// Runs one hostile route beside a healthy source that was archived before, and returns the
/// hostile source's report (status and error).
fn beside_a_healthy_source(route: Route) -> (SourceStatus, Option<String>, Harness, i64) {
    let mut h = Harness::new();
    let healthy = h.server.route(
        "/healthy.xml",
        Route::feed(fixture("feeds/ecre-wordpress.xml")),
    );
    let healthy_id = h.add(&healthy, SourceKind::Ngo);
    h.refresh();
    let before: Vec<(String, String)> = h
        .items(healthy_id)
        .into_iter()
        .map(|i| (i.title, i.content_text))
        .collect();
    // The healthy feed changes, so it must really be processed in the same refresh.
    let changed = String::from_utf8(fixture("feeds/ecre-wordpress.xml"))
        .unwrap()
        .replace("Fri, 14 Mar 2025 11:40:10", "Fri, 14 Mar 2025 11:41:10");
    h.server
        .route("/healthy.xml", Route::feed(changed.into_bytes()));

    let hostile = h.server.route("/hostile", route);
    let hostile_id = h.add(&hostile, SourceKind::Other);
    let started = Instant::now();
    let report = h.refresh();
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the refresh took {:?}",
        started.elapsed()
    );

    let healthy_report = report
        .sources
        .iter()
        .find(|r| r.source_id == healthy_id)
        .unwrap();
    assert_eq!(
        (healthy_report.status, &healthy_report.error),
        (SourceStatus::Ok, &None),
        "the healthy source was affected"
    );
    assert_eq!(healthy_report.updated, 1);
    let after: Vec<(String, String)> = h
        .items(healthy_id)
        .into_iter()
        .map(|i| (i.title, i.content_text))
        .collect();
    assert_eq!(before, after, "archived items changed");

    let r = report
        .sources
        .iter()
        .find(|r| r.source_id == hostile_id)
        .unwrap();
    let stored = h.archive.source(hostile_id).unwrap();
    assert_eq!(stored.status, r.status);
    assert_eq!(stored.error, r.error);
    (r.status, r.error.clone(), h, hostile_id)
}

fn expect_error(route: Route, contains: &str) {
    let (status, error, _, _) = beside_a_healthy_source(route);
    let error = error.unwrap_or_else(|| panic!("expected an error containing {contains:?}"));
    assert!(matches!(status, SourceStatus::Error | SourceStatus::Gone));
    assert!(
        error.contains(contains),
        "{error:?} should contain {contains:?}"
    );
}

#[test]
fn a_server_that_never_answers() {
    expect_error(Route::Hang, "timed out");
}

#[test]
fn a_server_that_trickles_a_byte_a_second() {
    expect_error(
        Route::Trickle {
            interval: Duration::from_secs(1),
        },
        "timed out",
    );
}

#[test]
fn server_errors_500_502_503() {
    for status in [500, 502, 503] {
        expect_error(
            Route::Status {
                status,
                headers: vec![],
                body: b"error".to_vec(),
            },
            &format!("HTTP {status}"),
        );
    }
}

#[test]
fn not_found_and_gone_mark_the_source_gone() {
    for status in [404, 410] {
        let (state, error, _, _) = beside_a_healthy_source(Route::Status {
            status,
            headers: vec![],
            body: vec![],
        });
        assert_eq!(state, SourceStatus::Gone);
        assert_eq!(
            error.as_deref(),
            Some(format!("the feed is gone (HTTP {status})").as_str())
        );
    }
}

#[test]
fn retry_after_is_persisted_across_a_restart() {
    let (_, error, h, id) = beside_a_healthy_source(Route::Status {
        status: 503,
        headers: vec![("Retry-After".into(), "120".into())],
        body: vec![],
    });
    assert!(error.unwrap().contains("asked to wait 120 s"));
    // A new process opens the same archive: the server is still left alone.
    let path = h.dir.path().join("archive.db");
    let reopened = counterpoint_core::store::Archive::open(&path).unwrap();
    assert!(reopened.retry_after_until(id).unwrap().is_some());
}

#[test]
fn a_redirect_loop() {
    let mut h = Harness::new();
    let a = h.server.route(
        "/loop-a",
        Route::Redirect {
            status: 302,
            location: "/loop-b".into(),
        },
    );
    h.server.route(
        "/loop-b",
        Route::Redirect {
            status: 302,
            location: "/loop-a".into(),
        },
    );
    let id = h.add(&a, SourceKind::Other);
    let report = h.refresh();
    assert_eq!(
        report.sources[0].error.as_deref(),
        Some("too many redirects (more than 5)")
    );
    assert!(h.server.hits("/loop-a") + h.server.hits("/loop-b") <= 6);
    assert_eq!(h.archive.source(id).unwrap().status, SourceStatus::Error);
}

/// A feed that moved to another host (as when a site moves its feed to a CDN) is followed:
/// that is what subscribers expect. Only http(s) targets are ever followed.
#[test]
fn a_redirect_to_another_host_is_followed() {
    let mut h = Harness::new();
    h.server.route(
        "/moved.xml",
        Route::feed(fixture("feeds/duplicate-guids.xml")),
    );
    let other_host = h.server.url("/moved.xml").replace("127.0.0.1", "localhost");
    let start = h.server.route(
        "/old-feed",
        Route::Redirect {
            status: 301,
            location: other_host,
        },
    );
    let id = h.add(&start, SourceKind::Other);
    let report = h.refresh();
    assert_eq!(report.sources[0].status, SourceStatus::Ok, "{report:?}");
    assert_eq!(h.items(id).len(), 2);
}

#[test]
fn a_truncated_body() {
    let body = fixture("feeds/ecre-wordpress.xml");
    expect_error(
        Route::Truncated {
            content_type: "application/rss+xml".into(),
            body: body[..body.len() / 3].to_vec(),
            promised: body.len(),
        },
        "connection broke",
    );
}

#[test]
fn a_100_mb_body_is_capped() {
    expect_error(
        Route::Stream {
            content_type: "application/rss+xml".into(),
            chunk: vec![b'x'; 64 * 1024],
            repeat: 1600,
        },
        "larger than 1 MiB",
    );
}

#[test]
fn a_gzip_bomb_is_capped_after_decompression() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    assert!(
        bomb.len() < 200 * 1024,
        "the bomb is small on the wire ({} bytes)",
        bomb.len()
    );
    let route = Route::Ok {
        content_type: "application/rss+xml".into(),
        body: bomb,
        etag: None,
        extra_headers: vec![("Content-Encoding".into(), "gzip".into())],
    };
    expect_error(route, "larger than 1 MiB");
}

/// "Billion laughs": nested entity definitions that would expand to gigabytes.
#[test]
fn xml_entity_expansion_is_not_performed() {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let prev = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        xml.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    xml.push_str("]>\n<rss version=\"2.0\"><channel><title>laughs</title><item><title>&lol9;</title><guid>1</guid><description>a</description></item></channel></rss>");
    let (_, _, h, id) = beside_a_healthy_source(Route::feed(xml.into_bytes()));
    for item in h.items(id) {
        assert!(
            item.title.len() < 1000,
            "an entity was expanded: {} bytes",
            item.title.len()
        );
    }
}

/// External entities must never be resolved (they would read local files into the archive).
#[test]
fn external_entities_are_never_resolved() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<rss version=\"2.0\"><channel><title>xxe</title><item><title>Leak &xxe;</title><guid>1</guid><description>&xxe;</description></item></channel></rss>";
    let (_, _, h, id) = beside_a_healthy_source(Route::feed(xml.as_bytes().to_vec()));
    for item in h.items(id) {
        assert!(
            !item.title.contains("root:") && !item.content_text.contains("root:"),
            "{item:?}"
        );
    }
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let mut body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>bad bytes</title><item><title>Broken \xff\xfe bytes</title><guid>1</guid><description>ok</description></item></channel></rss>".to_vec();
    body.extend_from_slice(b"\n");
    let (status, _, h, id) = beside_a_healthy_source(Route::feed(body));
    assert_eq!(status, SourceStatus::Ok);
    assert_eq!(h.items(id)[0].title, "Broken \u{fffd}\u{fffd} bytes");
}

/// A feed that declares UTF-8 but is really Windows-1252: the text is damaged in a visible
/// way (replacement characters) but nothing fails and nothing else is affected.
#[test]
fn a_wrong_declared_encoding_is_not_fatal() {
    let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>cp1252</title><item><title>R\xe9fugi\xe9s \x93quoted\x94</title><guid>1</guid><description>x</description></item></channel></rss>".to_vec();
    let (status, _, h, id) = beside_a_healthy_source(Route::feed(body));
    assert_eq!(status, SourceStatus::Ok);
    assert!(h.items(id)[0].title.starts_with("R\u{fffd}fugi"));
}

#[test]
fn an_empty_body() {
    expect_error(Route::feed(Vec::new()), "empty body");
}

#[test]
fn an_html_page_with_no_feed() {
    expect_error(
        Route::html(fixture("pages/html-without-feed.html")),
        "web page, not a feed",
    );
}

#[test]
fn ten_thousand_items_in_one_feed() {
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>huge</title>");
    for i in 0..10_000 {
        xml.push_str(&format!("<item><title>Item number {i}</title><link>https://huge.example/{i}</link><guid>g{i}</guid><description>Short text {i}.</description></item>"));
    }
    xml.push_str("</channel></rss>");
    let mut h = Harness::with_config(counterpoint_core::fetch::FetchConfig {
        max_body_bytes: 15 * 1024 * 1024,
        ..Default::default()
    });
    let url = h.server.route("/huge.xml", Route::feed(xml.into_bytes()));
    let id = h.add(&url, SourceKind::Other);
    // Summary-only items would each fetch a page; these links point nowhere reachable, so the
    // test keeps to feed text.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let options = counterpoint_core::refresh::RefreshOptions {
        skip_full_text: true,
        ..Default::default()
    };
    let report = rt
        .block_on(counterpoint_core::refresh::refresh(
            &mut h.archive,
            &h.fetcher,
            &options,
            |_| {},
        ))
        .unwrap();
    assert_eq!(report.new_items(), 10_000);
    assert_eq!(h.archive.source(id).unwrap().items, 10_000);
}

#[test]
fn items_dated_in_the_future_or_in_1970() {
    let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>dates</title>\
        <item><title>From the future</title><guid>f</guid><pubDate>Sat, 01 Jan 2250 00:00:00 GMT</pubDate><description>x</description></item>\
        <item><title>From 1970</title><guid>e</guid><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate><description>y</description></item>\
        </channel></rss>";
    let (status, _, h, id) = beside_a_healthy_source(Route::feed(xml.as_bytes().to_vec()));
    assert_eq!(status, SourceStatus::Ok);
    let items = h.items(id);
    let future = items.iter().find(|i| i.title == "From the future").unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        future.published.unwrap() <= now + 60,
        "a future date is clamped to the fetch time"
    );
    let epoch = items.iter().find(|i| i.title == "From 1970").unwrap();
    assert_eq!(epoch.published, Some(0));
}
