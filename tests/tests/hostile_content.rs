//! Hostile content: a feed whose titles, summaries, content, author names and links carry
//! script payloads. After storing, nothing executable remains in what the app renders.

use counterpoint_core::model::SourceKind;
use counterpoint_e2e::{fixture, Harness, Route};

/// What must never survive in stored HTML (compared lower-cased).
const EXECUTABLE: &[&str] = &[
    "<script",
    "javascript:",
    "vbscript:",
    "data:",
    "onerror",
    "onload",
    "onbegin",
    "ontoggle",
    "<iframe",
    "<object",
    "<embed",
    "<meta",
    "<base",
    "<form",
    "<input",
    "<button",
    "<style",
    "style=",
    "<svg",
    "<math",
];

#[test]
fn script_payloads_in_every_field_are_neutralised() {
    let mut h = Harness::new();
    let url = h
        .server
        .route("/xss.xml", Route::feed(fixture("feeds/xss-vectors.xml")));
    let id = h.add(&url, SourceKind::Other);
    let report = h.refresh();
    assert_eq!(report.errors(), 0, "{report:?}");
    let item = h.items(id).remove(0);

    let html = item.content_html.clone().unwrap().to_lowercase();
    for bad in EXECUTABLE {
        assert!(!html.contains(bad), "{bad:?} survived in {html}");
    }
    // The text itself is kept: sanitizing removes behaviour, not content.
    assert!(item.content_text.contains("refugee-rights groups warned"));
    assert!(item.content_text.contains("« sous contrôle »"));
    assert!(item
        .content_text
        .contains("<script> escaped text stays text"));

    // Titles and authors are plain text: markup is gone, never interpreted.
    assert_eq!(item.title, "Title with an image payload");
    assert_eq!(item.author.as_deref(), Some("Author"));
    // A javascript: link is dropped rather than stored.
    assert_eq!(item.url, None);
    // The summary is stored as plain text.
    assert!(!item.summary.unwrap_or_default().contains('<'));
    let source = h.archive.source(id).unwrap();
    assert!(!source.name.contains("<script"), "{}", source.name);
    assert!(
        source.site_url.is_none(),
        "a javascript: site link is dropped"
    );
}
