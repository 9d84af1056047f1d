//! Plain text from HTML, for the search index and the tagger.
//!
//! Block elements become paragraph breaks so that sentences of different paragraphs are never
//! glued together ("…end of story.Read also" would fool both the tagger and phrase search).

use scraper::{ElementRef, Html, Node};

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "hr",
    "aside",
    "main",
    "nav",
];
const SKIPPED_TAGS: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Converts an HTML fragment to plain text: paragraphs separated by a blank line, runs of
/// white space folded, entities decoded.
pub fn html_to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    walk(fragment.root_element(), &mut out);
    finish(&out)
}

/// Text of an already parsed element, with the same rules as [`html_to_text`].
pub fn element_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    walk(element, &mut out);
    finish(&out)
}

fn walk(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                if SKIPPED_TAGS.contains(&name) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&name);
                if block {
                    out.push('\u{1}');
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, out);
                }
                if block {
                    out.push('\u{1}');
                }
            }
            _ => {}
        }
    }
}

/// Folds white space inside paragraphs and turns block markers (U+0001) into blank lines.
fn finish(raw: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in raw.split('\u{1}') {
        let folded = block.split_whitespace().collect::<Vec<_>>().join(" ");
        if !folded.is_empty() {
            paragraphs.push(folded);
        }
    }
    paragraphs.join("\n\n")
}

/// Folds white space in a one-line value such as a title or an author name, and strips any
/// markup a feed put there.
pub fn one_line(value: &str) -> String {
    let text = if value.contains('<') || value.contains('&') {
        html_to_text(value)
    } else {
        value.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_blank_lines_and_scripts_vanish() {
        let text =
            html_to_text("<p>One &amp; two.</p><script>alert(1)</script><p>Three\n  four</p>");
        assert_eq!(text, "One & two.\n\nThree four");
    }

    #[test]
    fn inline_markup_does_not_split_words() {
        assert_eq!(html_to_text("Fe<b>das</b>il <i>said</i>"), "Fedasil said");
    }

    #[test]
    fn one_line_strips_markup_in_titles() {
        assert_eq!(
            one_line("  <b>Asylum</b>\n policy &amp; courts "),
            "Asylum policy & courts"
        );
    }
}
