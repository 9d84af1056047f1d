//! Feed HTML is untrusted: it is cleaned with an allowlist before it is stored or shown.
//!
//! What survives is structure and text (paragraphs, lists, emphasis, quotes, tables, links,
//! images). No scripts, event handlers, styles, iframes, forms or `javascript:`/`data:` URLs.
//! Links get `rel="noopener noreferrer nofollow"`; relative URLs are resolved against the
//! item's page so the stored HTML reads the same offline.

use std::cell::RefCell;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};
use url::Url;

fn tags() -> HashSet<&'static str> {
    [
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "img",
        "ins",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
    .into_iter()
    .collect()
}

fn builder() -> Builder<'static> {
    let mut b = Builder::default();
    b.tags(tags())
        .clean_content_tags(
            ["script", "style", "noscript", "template"]
                .into_iter()
                .collect(),
        )
        .generic_attributes(["title", "lang", "dir"].into_iter().collect())
        .tag_attributes(
            [
                ("a", ["href"].into_iter().collect()),
                (
                    "img",
                    ["src", "alt", "width", "height"].into_iter().collect(),
                ),
                ("td", ["colspan", "rowspan"].into_iter().collect()),
                ("th", ["colspan", "rowspan", "scope"].into_iter().collect()),
                ("blockquote", ["cite"].into_iter().collect()),
                ("q", ["cite"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true);
    b
}

/// Cleans untrusted HTML. `base` resolves relative links and images; without one they are
/// dropped, since they could not work offline anyway.
pub fn sanitize_html(html: &str, base: Option<&Url>) -> String {
    // Building the allow-lists took a third as long as cleaning an item: each thread keeps
    // one builder and only its base for relative links changes from item to item.
    thread_local! {
        static BUILDER: RefCell<Builder<'static>> = RefCell::new(builder());
    }
    BUILDER.with(|b| {
        let mut b = b.borrow_mut();
        b.url_relative(match base {
            Some(base) => UrlRelative::RewriteWithBase(base.clone()),
            None => UrlRelative::Deny,
        });
        b.clean(html).to_string()
    })
}

/// Keeps a link only if it is an absolute http(s) URL; anything else (`javascript:`, `data:`,
/// `file:`) is dropped so it can never be opened from the app.
pub fn safe_link(link: &str, base: Option<&Url>) -> Option<String> {
    let parsed = match base {
        Some(base) => base.join(link.trim()).ok()?,
        None => Url::parse(link.trim()).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_bad_schemes_are_removed() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a><iframe src="https://evil"></iframe><img src=x onerror=alert(1)><form><input></form><p style="display:none">hidden</p>"#;
        let clean = sanitize_html(dirty, None);
        for bad in [
            "script",
            "onclick",
            "javascript:",
            "data:",
            "iframe",
            "onerror",
            "form",
            "input",
            "style",
        ] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("Hi") && clean.contains("hidden"));
    }

    #[test]
    fn blocks_of_other_kinds_stay_apart() {
        // Pages and feeds often build paragraphs from divs and sections. Unwrapping them
        // glued the last sentence of one to the first of the next ("…in May.The minister"),
        // which fooled both phrase search and the tagger's sentence splitter.
        let clean = sanitize_html(
            "<div>Arrivals fell in May.</div><section>The minister said so.</section><article><header>Head</header>Body</article>",
            None,
        );
        assert_eq!(
            crate::text::html_to_text(&clean),
            "Arrivals fell in May.\n\nThe minister said so.\n\nHead\n\nBody"
        );
    }

    #[test]
    fn relative_links_resolve_against_the_page() {
        let base = Url::parse("https://example.org/news/a.html").unwrap();
        let clean = sanitize_html(r#"<a href="/b">b</a><img src="img/c.png">"#, Some(&base));
        assert!(clean.contains(r#"href="https://example.org/b""#), "{clean}");
        assert!(
            clean.contains(r#"src="https://example.org/news/img/c.png""#),
            "{clean}"
        );
        assert!(clean.contains("noopener"));
    }

    #[test]
    fn safe_link_refuses_non_http_schemes() {
        assert_eq!(safe_link("javascript:alert(1)", None), None);
        assert_eq!(safe_link(" data:text/html,1", None), None);
        let base = Url::parse("https://example.org/feed").unwrap();
        assert_eq!(
            safe_link("/x", Some(&base)).as_deref(),
            Some("https://example.org/x")
        );
    }
}
