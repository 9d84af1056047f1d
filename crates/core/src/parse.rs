//! Feed parsing: RSS 0.9x/1.0/2.0, Atom and JSON Feed into one normalized model.
//!
//! feed-rs does the format work. Around it, this module decodes declared legacy encodings
//! (ISO-8859-1, Windows-1252…) to UTF-8, resolves relative links against the feed's URL and
//! gives every item a stable key, so the same item fetched again updates instead of
//! duplicating.

use std::borrow::Cow;

use sha2::{Digest, Sha256};
use url::Url;

use crate::text::one_line;

/// A feed as this crate understands it, independent of its format.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub language: Option<String>,
    pub items: Vec<ParsedItem>,
}

/// One entry of a feed, before sanitizing (the HTML here is still untrusted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedItem {
    /// guid, else link, else a hash of title and date.
    pub key: String,
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Unix seconds, UTC, as the feed claims it (future dates are clamped when stored).
    pub published: Option<i64>,
    pub summary_html: Option<String>,
    pub content_html: Option<String>,
    pub language: Option<String>,
}

/// Why a body could not be read as a feed. Shown to the user on the source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the server sent an empty body, not a feed")]
    Empty,
    #[error("the server sent a web page, not a feed")]
    Html,
    #[error("not a valid feed: {0}")]
    Invalid(String),
}

/// Parses a feed body. `feed_url` resolves relative links.
pub fn parse_feed(body: &[u8], feed_url: Option<&Url>) -> Result<ParsedFeed, ParseError> {
    let body = strip_bom(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    if body.is_empty() {
        return Err(ParseError::Empty);
    }
    if looks_like_html(body) {
        return Err(ParseError::Html);
    }
    let utf8 = to_utf8(body);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(feed_url.map(Url::as_str))
        // An empty id tells `item_key` that the feed gave no guid; the key is then derived
        // from the link or from title and date, which are stable across fetches.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(utf8.as_bytes())
        .map_err(|e| ParseError::Invalid(describe(&e)))?;
    Ok(normalize(feed, feed_url))
}

fn describe(e: &feed_rs::parser::ParseFeedError) -> String {
    let text = e.to_string();
    let line = text.lines().next().unwrap_or("unreadable").trim();
    line.chars().take(200).collect()
}

fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// A page that starts like HTML is a web page (an error page, an anti-bot challenge, a site
/// front page), never a feed; saying so is clearer than an XML error.
fn looks_like_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.contains("<html")
            && !head.contains("<rss")
            && !head.contains("<feed")
            && !head.contains("<rdf"))
}

/// The XML declaration's encoding, when it names one other than UTF-8.
fn declared_encoding(body: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &body[..body.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.iter().position(|&b| b == b'>')?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next()?;
    let label = rest[1..].split(quote).next()?;
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    (encoding != encoding_rs::UTF_8).then_some(encoding)
}

/// Decodes the body to UTF-8 and rewrites the declaration to match, so the XML parser never
/// sees Latin-1 bytes. Invalid UTF-8 in a body that claims UTF-8 is replaced, not fatal.
fn to_utf8(body: &[u8]) -> Cow<'_, str> {
    match declared_encoding(body) {
        Some(encoding) => {
            let (text, _, _) = encoding.decode(body);
            let text = text.into_owned();
            let end = text.find("?>").map(|i| i + 2).unwrap_or(0);
            Cow::Owned(format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}",
                &text[end..]
            ))
        }
        // Valid UTF-8, nearly always: checked by the standard library's fast path and
        // borrowed; only a body with bad bytes goes through the slower lossy conversion.
        None => match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(body),
        },
    }
}

fn normalize(feed: feed_rs::model::Feed, feed_url: Option<&Url>) -> ParsedFeed {
    let site_url = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .and_then(|l| resolve(&l.href, feed_url));
    let base = site_url.as_deref().and_then(|s| Url::parse(s).ok());
    let base = base.as_ref().or(feed_url);
    let language = feed.language.as_deref().map(normalize_language);
    let items = feed
        .entries
        .into_iter()
        .map(|e| normalize_entry(e, base, language.as_deref()))
        .collect();
    ParsedFeed {
        title: feed
            .title
            .map(|t| one_line(&t.content))
            .filter(|t| !t.is_empty()),
        site_url,
        language,
        items,
    }
}

fn normalize_entry(
    entry: feed_rs::model::Entry,
    base: Option<&Url>,
    feed_language: Option<&str>,
) -> ParsedItem {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .and_then(|l| resolve(&l.href, base));
    let summary_html = entry
        .summary
        .map(|t| t.content)
        .filter(|s| !s.trim().is_empty());
    let content_html = entry
        .content
        .and_then(|c| c.body)
        .filter(|s| !s.trim().is_empty());
    let published = entry.published.or(entry.updated).map(|d| d.timestamp());
    let mut title = entry
        .title
        .map(|t| one_line(&t.content))
        .unwrap_or_default();
    if title.is_empty() {
        // Some feeds (microblogs, JSON Feed) have untitled items: use the start of the text.
        let source = summary_html
            .as_deref()
            .or(content_html.as_deref())
            .unwrap_or("");
        title = one_line(source).chars().take(80).collect();
    }
    let author = entry
        .authors
        .iter()
        .map(|p| one_line(&p.name))
        .find(|n| !n.is_empty());
    let key = item_key(&entry.id, url.as_deref(), &title, published);
    ParsedItem {
        key,
        title,
        url,
        author,
        published,
        summary_html,
        content_html,
        language: entry
            .language
            .as_deref()
            .map(normalize_language)
            .or(feed_language.map(str::to_string)),
    }
}

/// The stable key of an item within its source: the guid, else the link, else a hash of the
/// title and the date.
pub fn item_key(guid: &str, url: Option<&str>, title: &str, published: Option<i64>) -> String {
    let guid = guid.trim();
    if !guid.is_empty() {
        return guid.to_string();
    }
    if let Some(url) = url {
        return url.to_string();
    }
    let mut hasher = Sha256::new();
    hasher.update(title.as_bytes());
    hasher.update(b"\0");
    hasher.update(published.unwrap_or(0).to_le_bytes());
    format!("sha256:{}", &hex::encode(hasher.finalize())[..32])
}

fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    crate::sanitize::safe_link(href, base)
}

/// `en-US` → `en`; languages are kept as ISO 639-1 codes.
pub fn normalize_language(lang: &str) -> String {
    lang.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_declared_encoding_is_decoded() {
        let mut body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf".to_vec();
        body.push(0xE9);
        body.extend_from_slice(b"</title><item><title>R");
        body.push(0xE9);
        body.extend_from_slice(b"fugi\xE9s</title><guid>1</guid></item></channel></rss>");
        let feed = parse_feed(&body, None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Café"));
        assert_eq!(feed.items[0].title, "Réfugiés");
    }

    #[test]
    fn html_pages_are_recognised() {
        assert_eq!(
            parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", None),
            Err(ParseError::Html)
        );
        assert_eq!(parse_feed(b"  \n ", None), Err(ParseError::Empty));
        assert!(matches!(
            parse_feed(b"just text", None),
            Err(ParseError::Invalid(_))
        ));
    }

    #[test]
    fn keys_fall_back_from_guid_to_link_to_hash() {
        assert_eq!(item_key("g", Some("https://x/1"), "t", None), "g");
        assert_eq!(item_key(" ", Some("https://x/1"), "t", None), "https://x/1");
        let a = item_key("", None, "t", Some(1));
        assert_eq!(a, item_key("", None, "t", Some(1)));
        assert_ne!(a, item_key("", None, "t", Some(2)));
    }
}
