//! Arbitrary input never panics the pure steps: the feed parser, the extractor, the
//! sanitizer, HTML-to-text and the tagger. Their errors are values, never crashes.

use counterpoint_core::extract::extract_article;
use counterpoint_core::model::SourceKind;
use counterpoint_core::parse::parse_feed;
use counterpoint_core::sanitize::sanitize_html;
use counterpoint_core::tag::{tag, TagInput};
use counterpoint_core::text::html_to_text;
use proptest::prelude::*;

/// Fragments that steer random input toward the parsers' interesting paths.
fn markupish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<rss version=\"2.0\"><channel>".to_string()),
        Just("<item><title>".to_string()),
        Just("</title><guid>".to_string()),
        Just("</item></channel></rss>".to_string()),
        Just("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>".to_string()),
        Just("<![CDATA[".to_string()),
        Just("]]>".to_string()),
        Just("&amp;&#x1F600;&#0;&bogus;".to_string()),
        Just("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".to_string()),
        Just("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[".to_string()),
        Just("<p>Türkiye, Kılıçdaroğlu and Şanlıurfa said</p>".to_string()),
        Just(
            "<script>alert(1)</script><div class=\"release-content-bookmark\">Read also</div>"
                .to_string()
        ),
        "\\PC{0,40}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn the_feed_parser_never_panics(body in markupish(), raw in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_feed(body.as_bytes(), None);
        let _ = parse_feed(&raw, None);
    }

    #[test]
    fn the_extractor_never_panics(page in markupish()) {
        let _ = extract_article(&page, &[".release-content-bookmark".to_string()]);
    }

    #[test]
    fn sanitized_html_holds_nothing_executable(html in markupish()) {
        let clean = sanitize_html(&html, None);
        let lower = clean.to_lowercase();
        prop_assert!(!lower.contains("<script"));
        prop_assert!(!lower.contains("javascript:"));
        let _ = html_to_text(&clean);
    }

    #[test]
    fn the_tagger_never_panics_and_spans_are_in_bounds(title in "\\PC{0,80}", text in markupish()) {
        let tagging = tag(&TagInput { title: &title, text: &text, language_hint: None, source_kind: SourceKind::Agency });
        let len = counterpoint_core::model::tagged_text(&title, &text).chars().count();
        for country in &tagging.countries {
            for span in &country.evidence {
                prop_assert!(span.start <= span.end && span.end <= len);
            }
        }
        for span in tagging.voices.government.iter().chain(&tagging.voices.ngo_concern) {
            prop_assert!(span.start <= span.end && span.end <= len);
        }
    }
}
