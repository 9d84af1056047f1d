//! The pure part of a refresh: from a parsed entry (and its article page) to an item ready to
//! store. No I/O, so the ingest benchmark and the tests run exactly what a refresh runs.

use sha2::{Digest, Sha256};
use url::Url;

use crate::extract::extract_article;
use crate::parse::ParsedItem;
use crate::sanitize::sanitize_html;
use crate::store::NewItem;
use crate::tag::{tag, TagInput, TAGGER_VERSION};
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
    let summary = item
        .summary_html
        .as_deref()
        .map(html_to_text)
        .filter(|s| !s.is_empty());
    let tagging = tag(&TagInput {
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
