//! The pure part of a refresh: from a parsed entry (and its article page) to an item ready to
//! store. No I/O, so the ingest benchmark and the tests run exactly what a refresh runs.

use sha2::{Digest, Sha256};
use url::Url;

use crate::extract::extract_article;
use crate::parse::ParsedItem;
use crate::sanitize::sanitize_html;
use crate::store::NewItem;
use crate::tag::{tag_offsets, TagInput, TAGGER_VERSION};
use crate::text::html_to_text;

/// Turns a parsed feed entry (and, when one was fetched, its article page) into an item ready
/// to store: full text extracted, HTML sanitized, plain text derived, tagged. Returns the
/// extraction problem, if any, as a warning for the refresh report.
pub fn process_item(
    item: ParsedItem,
    entry_hash: String,
    page: Option<Result<String, String>>,
    drop_selectors: &[String],
    kind: crate::model::SourceKind,
    language_hint: Option<&str>,
) -> (NewItem, Option<String>) {
    let base = item.url.as_deref().and_then(|u| Url::parse(u).ok());
    let feed_html = item
        .content_html
        .as_deref()
        .or(item.summary_html.as_deref())
        .unwrap_or("");
    let mut content_html = sanitize_html(feed_html, base.as_ref());
    let mut content_text = html_to_text(&content_html);
    let mut full_text = false;
    let mut extract_error = None;
    match page {
        Some(Ok(page)) => match extract_article(&page, drop_selectors) {
            Ok(article) if article.text.chars().count() > content_text.chars().count() => {
                content_html = sanitize_html(&article.html, base.as_ref());
                content_text = html_to_text(&content_html);
                full_text = true;
            }
            Ok(_) => {
                extract_error = Some("the article page held less text than the feed".to_string())
            }
            Err(e) => extract_error = Some(e.to_string()),
        },
        Some(Err(e)) => extract_error = Some(e),
        None => {}
    }
    // When the feed carries only a summary, that summary is the item's text: it is stored and
    // indexed once, as the text. Kept twice, it was a third of everything the full-text index
    // took in on a news corpus, for no search it could answer better.
    let summary_is_text = item.content_html.is_none() && !full_text;
    let summary = item
        .summary_html
        .as_deref()
        .filter(|_| !summary_is_text)
        .map(html_to_text)
        .filter(|s| !s.is_empty() && *s != content_text);
    let tagging = tag_offsets(&TagInput {
        title: &item.title,
        text: &content_text,
        language_hint: item.language.as_deref().or(language_hint),
        source_kind: kind,
    });
    let warning = extract_error
        .as_ref()
        .map(|e| format!("{}: {e}", item.url.as_deref().unwrap_or(&item.title)));
    let new_item = NewItem {
        key: item.key,
        title: item.title,
        url: item.url,
        author: item.author,
        published: item.published,
        language: Some(tagging.language.clone()).filter(|l| !l.is_empty()),
        summary,
        content_html: Some(content_html).filter(|h| !h.is_empty()),
        content_text,
        full_text,
        extract_error,
        entry_hash,
        tagging,
        tagger_version: TAGGER_VERSION,
    };
    (new_item, warning)
}

/// A hash of a feed entry as fetched: an entry whose hash is unchanged is not processed again.
pub fn entry_hash(item: &ParsedItem) -> String {
    let mut h = Sha256::new();
    for part in [
        Some(item.title.as_str()),
        item.url.as_deref(),
        item.author.as_deref(),
        item.summary_html.as_deref(),
        item.content_html.as_deref(),
    ] {
        h.update(part.unwrap_or("").as_bytes());
        h.update([0]);
    }
    h.update(item.published.unwrap_or(0).to_le_bytes());
    hex::encode(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;

    fn processed(summary: Option<&str>, content: Option<&str>, page: Option<&str>) -> NewItem {
        let item = ParsedItem {
            key: "k".into(),
            title: "Asylum talks".into(),
            url: Some("https://example.org/a".into()),
            summary_html: summary.map(str::to_string),
            content_html: content.map(str::to_string),
            ..ParsedItem::default()
        };
        let page = page.map(|p| Ok(p.to_string()));
        process_item(item, "h".into(), page, &[], SourceKind::Media, Some("en")).0
    }

    #[test]
    fn a_summary_is_kept_once() {
        // A feed with only a summary: the summary is the item's text, and is not kept twice.
        let only = processed(Some("<p>Ministers met in Rome.</p>"), None, None);
        assert_eq!(only.content_text, "Ministers met in Rome.");
        assert_eq!(only.summary, None);
        // A summary beside the full content is a summary of its own.
        let both = processed(
            Some("Ministers met."),
            Some("<p>Ministers met in Rome on Monday.</p>"),
            None,
        );
        assert_eq!(both.summary.as_deref(), Some("Ministers met."));
        // A summary that repeats the content word for word adds nothing.
        let same = processed(
            Some("<b>Ministers met.</b>"),
            Some("<p>Ministers met.</p>"),
            None,
        );
        assert_eq!(same.summary, None);
        // The full text of an article page replaces the summary as the text; the summary stays.
        let page = "<html><body><article><p>Ministers met in Rome on Monday to discuss the asylum pact, the ministry said in a statement.</p><p>They agreed on a timetable for the reform.</p></article></body></html>";
        let full = processed(Some("Ministers met."), None, Some(page));
        assert!(full.full_text, "{full:?}");
        assert_eq!(full.summary.as_deref(), Some("Ministers met."));
    }
}
