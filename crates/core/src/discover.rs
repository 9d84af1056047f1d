//! Feed autodiscovery: a web page's `<link rel="alternate">` tags name its feeds.

use scraper::{Html, Selector};
use url::Url;

/// A feed a page advertises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredFeed {
    pub url: String,
    pub title: Option<String>,
}

const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
];

/// The feeds a page links to, best first (RSS and Atom before JSON, in page order).
pub fn discover_feeds(page_html: &str, page_url: &Url) -> Vec<DiscoveredFeed> {
    let doc = Html::parse_document(page_html);
    let selector = Selector::parse("link[rel][href]").expect("static selector");
    let mut found: Vec<(usize, DiscoveredFeed)> = Vec::new();
    for link in doc.select(&selector) {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        if !rel.split_whitespace().any(|r| r == "alternate") {
            continue;
        }
        let kind = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        let Some(rank) = FEED_TYPES.iter().position(|t| *t == kind) else {
            continue;
        };
        let Some(url) = crate::sanitize::safe_link(el.attr("href").unwrap_or(""), Some(page_url))
        else {
            continue;
        };
        if found.iter().any(|(_, f)| f.url == url) {
            continue;
        }
        let title = el
            .attr("title")
            .map(crate::text::one_line)
            .filter(|t| !t.is_empty());
        found.push((rank, DiscoveredFeed { url, title }));
    }
    found.sort_by_key(|(rank, _)| (*rank).min(2));
    found.into_iter().map(|(_, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_alternate_links_and_resolves_them() {
        let page = r#"<html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/feed+json" href="/feed.json" title="JSON">
            <link rel="alternate" type="application/rss+xml" href="/feed/" title="News &amp; views">
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
        </head><body></body></html>"#;
        let base = Url::parse("https://example.org/news/").unwrap();
        let feeds = discover_feeds(page, &base);
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "https://example.org/feed/");
        assert_eq!(feeds[0].title.as_deref(), Some("News & views"));
        assert_eq!(feeds[1].url, "https://example.org/feed.json");
    }
}
