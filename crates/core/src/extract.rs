//! Full text from an article page, for items whose feed carries only a summary.
//!
//! Readability-style: paragraphs score their parent and grandparent by length and commas,
//! link-heavy blocks lose, and the best-scoring container is the article. Before that, the page
//! loses what is never article text: navigation, share buttons, cookie banners, and the
//! "Read also" boxes some newsrooms embed *inside* the body (Belga's bookmark boxes), which a
//! naive extractor would glue into the story. Per-source CSS selectors can drop more.
//!
//! Pure: the caller fetches the page.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use crate::text::element_text;

/// What came out of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The article body as (unsanitized) HTML; sanitize before storing.
    pub html: String,
    /// Its plain text.
    pub text: String,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("no article text found on the page")]
    NoArticle,
    #[error("invalid CSS selector {0:?} in the source's rules")]
    BadSelector(String),
}

/// Tags that never hold article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "header", "form",
    "button", "iframe", "svg", "select", "input", "textarea", "object", "embed", "dialog",
];

/// Fragments of class or id names that mark boilerplate inside or around an article.
const BOILERPLATE_HINTS: &[&str] = &[
    "bookmark",
    "read-also",
    "readalso",
    "related",
    "share",
    "social",
    "cookie",
    "consent",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "sponsor",
    "comment",
    "breadcrumb",
    "sidebar",
    "widget",
    "popup",
    "modal",
    "banner",
    "tags",
    "author-bio",
    "caption",
    "credit",
];

/// How boxes that point readers to other stories begin, in the five languages.
const READ_ALSO_PREFIXES: &[&str] = &[
    "read also",
    "read more",
    "see also",
    "related:",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "lees ook",
    "lees meer",
    "zie ook",
    "lea también",
    "leer también",
    "ver también",
    "lesen sie auch",
    "mehr zum thema",
    "auch interessant",
];

/// Extracts the article from a page. `drop_selectors` are the source's own CSS rules (one
/// selector per entry) for boxes the heuristics miss.
pub fn extract_article(
    page_html: &str,
    drop_selectors: &[String],
) -> Result<Extracted, ExtractError> {
    let doc = Html::parse_document(page_html);
    let mut dropped: HashSet<NodeId> = HashSet::new();
    for raw in drop_selectors
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        let selector =
            Selector::parse(raw).map_err(|_| ExtractError::BadSelector(raw.to_string()))?;
        dropped.extend(doc.select(&selector).map(|e| e.id()));
    }
    for element in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        if is_boilerplate(element) {
            dropped.insert(element.id());
        }
    }

    let best = best_container(&doc, &dropped).ok_or(ExtractError::NoArticle)?;
    let mut html = String::new();
    write_clean(best, &dropped, &mut html);
    let text = {
        let fragment = Html::parse_fragment(&html);
        element_text(fragment.root_element())
    };
    if text.chars().count() < 80 {
        return Err(ExtractError::NoArticle);
    }
    Ok(Extracted { html, text })
}

fn is_boilerplate(element: ElementRef<'_>) -> bool {
    let el = element.value();
    if DROPPED_TAGS.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("role") == Some("navigation")
    {
        return true;
    }
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.id().unwrap_or("")
    )
    .to_ascii_lowercase();
    // Containers whose name says "article" or "content" are kept even if they also say
    // "share" (e.g. "article-share-wrapper" is dropped, "article-content" is not).
    if !names.trim().is_empty()
        && BOILERPLATE_HINTS.iter().any(|h| names.contains(h))
        && !names.contains("body")
    {
        return true;
    }
    if matches!(el.name(), "div" | "section" | "p" | "aside" | "figure") {
        let text = element.text().collect::<String>();
        let lead = text
            .trim_start()
            .chars()
            .take(20)
            .collect::<String>()
            .to_lowercase();
        if text.len() < 400 && READ_ALSO_PREFIXES.iter().any(|p| lead.starts_with(p)) {
            return true;
        }
    }
    false
}

fn is_dropped(element: ElementRef<'_>, dropped: &HashSet<NodeId>) -> bool {
    dropped.contains(&element.id()) || element.ancestors().any(|a| dropped.contains(&a.id()))
}

/// Scores containers by the paragraphs they hold and returns the best one.
fn best_container<'a>(doc: &'a Html, dropped: &HashSet<NodeId>) -> Option<ElementRef<'a>> {
    let paragraphs = Selector::parse("p, pre, blockquote, li").expect("static selector");
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for p in doc.select(&paragraphs) {
        if is_dropped(p, dropped) {
            continue;
        }
        let text = p.text().collect::<String>();
        let len = text.trim().chars().count();
        if len < 25 {
            continue;
        }
        let score = 1.0 + text.matches([',', '，']).count() as f64 + (len as f64 / 100.0).min(3.0);
        let mut weight = 1.0;
        for ancestor in p.ancestors().filter_map(ElementRef::wrap).take(3) {
            *scores.entry(ancestor.id()).or_default() += score * weight;
            weight /= 2.0;
        }
    }
    let mut best: Option<(ElementRef<'a>, f64)> = None;
    for (id, score) in scores {
        let Some(element) = doc.tree.get(id).and_then(ElementRef::wrap) else {
            continue;
        };
        if matches!(element.value().name(), "html" | "body") {
            continue;
        }
        let bonus = match element.value().name() {
            "article" | "main" => 1.25,
            _ if element.value().attr("itemprop") == Some("articleBody") => 1.5,
            _ => 1.0,
        };
        let adjusted = score * bonus * (1.0 - link_density(element, dropped));
        if best.as_ref().is_none_or(|(_, s)| adjusted > *s) {
            best = Some((element, adjusted));
        }
    }
    best.map(|(e, _)| e).or_else(|| {
        let body = Selector::parse("body").expect("static selector");
        doc.select(&body).next()
    })
}

fn link_density(element: ElementRef<'_>, dropped: &HashSet<NodeId>) -> f64 {
    let links = Selector::parse("a").expect("static selector");
    let total = element.text().map(str::len).sum::<usize>().max(1);
    let linked: usize = element
        .select(&links)
        .filter(|a| !is_dropped(*a, dropped))
        .map(|a| a.text().map(str::len).sum::<usize>())
        .sum();
    (linked as f64 / total as f64).min(1.0)
}

/// Serializes the container without the dropped parts and without attributes other than
/// links and images (the sanitizer runs afterwards anyway).
fn write_clean(element: ElementRef<'_>, dropped: &HashSet<NodeId>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => escape_into(text, out),
            Node::Element(el) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if dropped.contains(&child_el.id()) {
                    continue;
                }
                let name = el.name();
                out.push('<');
                out.push_str(name);
                for attr in ["href", "src", "alt"] {
                    if let Some(value) = el.attr(attr) {
                        out.push(' ');
                        out.push_str(attr);
                        out.push_str("=\"");
                        escape_into(value, out);
                        out.push('"');
                    }
                }
                out.push('>');
                if !matches!(name, "br" | "img" | "hr") {
                    write_clean(child_el, dropped, out);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            _ => {}
        }
    }
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><title>x</title></head><body>
      <header><nav><a href="/">Home</a><a href="/news">News</a></nav></header>
      <div class="cookie-banner">We use cookies to improve your experience on this website.</div>
      <article><h1>Reception crisis deepens</h1>
        <p>The federal reception agency said on Tuesday that the network was full, and that hundreds of applicants were waiting.</p>
        <div class="release-content-bookmark"><a href="/other"><img src="t.jpg">Cyprus: new arrivals, a story about something else</a></div>
        <p>The State Secretary announced that 400 emergency places would open in a former barracks, a measure NGOs called insufficient.</p>
        <div class="share-buttons"><a href="https://x">Share on X</a></div>
      </article>
      <aside><p>Most read: a long list of other stories that are not part of this article at all.</p></aside>
      <footer>© News</footer></body></html>"#;

    #[test]
    fn article_body_without_bookmark_boxes_navigation_and_share_buttons() {
        let got = extract_article(PAGE, &[]).unwrap();
        assert!(got.text.contains("network was full"));
        assert!(got.text.contains("400 emergency places"));
        for junk in ["Cyprus", "Share on", "Home", "cookies", "Most read", "©"] {
            assert!(
                !got.text.contains(junk),
                "{junk} leaked into {:?}",
                got.text
            );
        }
    }

    #[test]
    fn source_rules_drop_more() {
        let got = extract_article(PAGE, &["p:first-of-type".to_string()]).unwrap();
        assert!(!got.text.contains("network was full"));
        assert!(matches!(
            extract_article(PAGE, &["[[".to_string()]),
            Err(ExtractError::BadSelector(_))
        ));
    }

    #[test]
    fn pages_without_text_are_an_error() {
        assert_eq!(
            extract_article("<html><body><nav>menu</nav></body></html>", &[]),
            Err(ExtractError::NoArticle)
        );
    }
}
