//! Plain text from HTML, for the search index and the tagger.
//!
//! Block elements become paragraph breaks so that sentences of different paragraphs are never
//! glued together ("…end of story.Read also" would fool both the tagger and phrase search).

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;
use scraper::{ElementRef, Node};

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
///
/// Only the tokenizer runs, not the tree builder: text needs no tree, and building one was
/// most of the cost (every item's HTML passes here once or twice during a refresh). Where
/// the two could differ, in text the tree builder would move out of a broken table, only the
/// order of that text changes.
pub fn html_to_text(html: &str) -> String {
    match bare_tags_text(html) {
        Some(raw) => finish(&raw),
        None => tokenized_text(html),
    }
}

/// [`html_to_text`] through the tokenizer.
pub(crate) fn tokenized_text(html: &str) -> String {
    let tokenizer = text_tokenizer(html.len() / 2);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let raw = tokenizer.sink.out.take();
    finish(&raw)
}

/// Whether [`html_to_text`] of `html` has at least `chars` characters, reading no more of the
/// HTML than it takes to tell. A refresh asks this of every item to decide whether to fetch
/// its article page; most items have long texts, and the answer is known a few hundred bytes
/// in.
pub fn text_reaches(html: &str, chars: usize) -> bool {
    // Read in pieces; after each, every character of the text so far that is not white space
    // or a block marker will be in the final text, so their number is a lower bound.
    const PIECE: usize = 512;
    let tokenizer = text_tokenizer(PIECE);
    let input = BufferQueue::default();
    let (mut rest, mut counted, mut at_least) = (html, 0, 0);
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        input.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
        let out = tokenizer.sink.out.borrow();
        at_least += out[counted..]
            .chars()
            .filter(|c| *c != '\u{1}' && !c.is_whitespace())
            .count();
        counted = out.len();
        if at_least >= chars {
            return true;
        }
    }
    tokenizer.end();
    let raw = tokenizer.sink.out.take();
    finish(&raw).chars().count() >= chars
}

/// What the tokenizer's sink collects from `html`, read without the tokenizer when the HTML is
/// text and bare tags only ("<p>", "</em>", "<br>": lower-case names, no attributes) with no
/// character references, no markup it would skip and no control characters: what cleaned
/// wire copy is (see `sanitize`). `None` for anything else.
fn bare_tags_text(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    if html.starts_with('\u{feff}') || has_control_characters(bytes) {
        return None;
    }
    let mut raw = String::with_capacity(html.len());
    let mut i = 0;
    loop {
        let Some(at) = memchr::memchr2(b'<', b'&', &bytes[i..]).map(|p| i + p) else {
            raw.push_str(&html[i..]);
            return Some(raw);
        };
        raw.push_str(&html[i..at]);
        if bytes[at] != b'<' {
            return None;
        }
        let (_, name, after) = bare_tag(html, at)?;
        if SKIPPED_TAGS.contains(&name) {
            return None;
        }
        if BLOCK_TAGS.contains(&name) {
            raw.push('\u{1}');
        }
        i = after;
    }
}

/// The tag at byte `at` of `html` (a '<') when it has no attributes: whether it closes, its
/// name (lower-case letters and digits, a letter first) and the byte after its '>'. `None` for
/// any other markup, and for a '<' that starts none.
pub(crate) fn bare_tag(html: &str, at: usize) -> Option<(bool, &str, usize)> {
    let bytes = html.as_bytes();
    let closing = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        .count();
    let name = &html[name_start..name_start + name_len];
    let ends = bytes.get(name_start + name_len) == Some(&b'>');
    (ends && name.starts_with(|c: char| c.is_ascii_lowercase())).then_some((
        closing,
        name,
        name_start + name_len + 1,
    ))
}

/// Whether `bytes` holds a control character other than a tab or a line feed. Folded over
/// blocks, without stopping at the first, so that it compiles to vector compares: the shortcuts
/// past the parser ask this of every item's whole HTML.
pub(crate) fn has_control_characters(bytes: &[u8]) -> bool {
    let control = |b: u8| b < 0x20 && b != b'\t' && b != b'\n';
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | control(b)))
}

/// A tokenizer whose sink collects the text, with room for `capacity` bytes of it.
fn text_tokenizer(capacity: usize) -> Tokenizer<TextSink> {
    let sink = TextSink {
        out: RefCell::new(String::with_capacity(capacity)),
        skipping: Cell::new(None),
    };
    Tokenizer::new(sink, TokenizerOpts::default())
}

/// Collects the text of a token stream with the rules of [`walk`].
struct TextSink {
    out: RefCell<String>,
    /// The skipped element being read through, and how deeply it is nested in itself.
    skipping: Cell<Option<(&'static str, usize)>>,
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => return self.tag(&tag),
            Token::CharacterTokens(text) if self.skipping.get().is_none() => {
                self.out.borrow_mut().push_str(&text)
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl TextSink {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let opens = tag.kind == TagKind::StartTag && !tag.self_closing;
        if let Some((skipped, depth)) = self.skipping.get() {
            if name == skipped {
                let depth = if opens {
                    depth + 1
                } else if tag.kind == TagKind::EndTag {
                    depth - 1
                } else {
                    depth
                };
                self.skipping.set((depth > 0).then_some((skipped, depth)));
            }
            return TokenSinkResult::Continue;
        }
        if let Some(&skipped) = SKIPPED_TAGS.iter().find(|&&s| s == name) {
            if opens {
                self.skipping.set(Some((skipped, 1)));
                // What a script or a style holds is not markup: the tokenizer must read it
                // as raw text up to its end tag, as the tree builder would have told it to.
                return match skipped {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                };
            }
            return TokenSinkResult::Continue;
        }
        if BLOCK_TAGS.contains(&name) {
            self.out.borrow_mut().push('\u{1}');
        }
        TokenSinkResult::Continue
    }
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
///
/// Every item's text passes here. Between separators, the text is copied in runs as long as
/// it can be kept verbatim: words joined by single spaces come out as they went in, so a run
/// ends only at a block marker, another white space character, or a space that is not
/// followed by more of the run. Bytes are judged through [`FINISH_CLASS`]; the lead bytes
/// that may begin a Unicode space are decoded to tell.
fn finish(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let (mut space, mut paragraph) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(raw, i);
        if c == '\u{1}' {
            paragraph = !out.is_empty();
            i += len;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            i += len;
            continue;
        }
        if paragraph {
            out.push_str("\n\n");
        } else if space && !out.is_empty() {
            out.push(' ');
        }
        (space, paragraph) = (false, false);
        // A word starts here: the run goes on past single spaces between words.
        let mut j = i + len;
        while j < bytes.len() {
            // Whole blocks of plain words first, judged without branching on each byte.
            while j + CLEAN_BLOCK < bytes.len() && clean_block(&bytes[j..=j + CLEAN_BLOCK]) {
                j += CLEAN_BLOCK;
            }
            match FINISH_CLASS[usize::from(bytes[j])] {
                Finish::Keep => j += 1,
                Finish::Space
                    if bytes
                        .get(j + 1)
                        .is_some_and(|&b| FINISH_CLASS[usize::from(b)] == Finish::Keep) =>
                {
                    j += 2
                }
                Finish::MaybeSpace => {
                    let (c, len) = char_at(raw, j);
                    if c.is_whitespace() {
                        break;
                    }
                    j += len;
                }
                _ => break,
            }
        }
        out.push_str(&raw[i..j]);
        i = j;
    }
    out
}

const CLEAN_BLOCK: usize = 32;

/// Whether the first [`CLEAN_BLOCK`] bytes of `bytes` (which holds one more) are all kept by
/// [`finish`] as they are: no block marker or other white space than single spaces, each
/// followed by a byte of a word. Folded over the block so that it compiles to vector compares.
#[inline]
fn clean_block(bytes: &[u8]) -> bool {
    let mut bad = false;
    for k in 0..CLEAN_BLOCK {
        let (b, next) = (bytes[k], bytes[k + 1]);
        let breaks = |b: u8| b == 1 || (9..=13).contains(&b) || matches!(b, 0xC2 | 0xE1..=0xE3);
        bad |= breaks(b) | (b == b' ' && (next == b' ' || breaks(next)));
    }
    !bad
}

/// What a byte of raw text is to [`finish`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Finish {
    /// Part of a word, kept as it is: every byte that is not one of the others.
    Keep,
    /// The ASCII space.
    Space,
    /// The block marker and the other ASCII white space (tab, line and page breaks).
    Break,
    /// A lead byte of U+0085, U+00A0, U+1680, U+2000–U+205F or U+3000: a white space
    /// character or not, depending on what follows.
    MaybeSpace,
}

const FINISH_CLASS: [Finish; 256] = {
    let mut class = [Finish::Keep; 256];
    class[b' ' as usize] = Finish::Space;
    class[1] = Finish::Break;
    let mut b = 9;
    while b <= 13 {
        class[b] = Finish::Break;
        b += 1;
    }
    class[0xC2] = Finish::MaybeSpace;
    class[0xE1] = Finish::MaybeSpace;
    class[0xE2] = Finish::MaybeSpace;
    class[0xE3] = Finish::MaybeSpace;
    class
};

/// The character at byte `i` and its length; ASCII, most of any text, without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
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

    /// Text read past bare tags is the tokenizer's text, and bare tags are read past: checked on
    /// strings of the pieces that matter to a tokenizer (references, comments, skipped
    /// elements, attributes, capitals, stray angle brackets, control characters).
    #[test]
    fn text_read_past_bare_tags_is_the_tokenizers_text() {
        let pieces = [
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<br>",
            "<br/>",
            "<h2>",
            "</li>",
            "<P>",
            "<script>",
            "</script>",
            "<style>",
            "<!-- c -->",
            "<a href=\"x\">",
            "&amp;",
            "&",
            "<",
            ">",
            "< p>",
            "Migrants",
            " ",
            "\n",
            "\r",
            "\t",
            "\u{0}",
            "\u{1}",
            "\u{b}",
            "\u{a0}",
            "\u{feff}",
            "é",
            ".",
            "<title>",
        ];
        let mut read = 0;
        for html in crate::testgen::strings(&pieces, 30_000, 9) {
            if let Some(raw) = bare_tags_text(&html) {
                assert_eq!(finish(&raw), tokenized_text(&html), "{html:?}");
                read += usize::from(html.contains('<'));
            }
        }
        assert!(read > 500, "{read}");
        assert!(bare_tags_text("<p>Arrivals <em>fell</em>.</p>\n<p>Next</p>").is_some());
    }

    #[test]
    fn paragraphs_become_blank_lines_and_scripts_vanish() {
        let text =
            html_to_text("<p>One &amp; two.</p><script>alert(1)</script><p>Three\n  four</p>");
        assert_eq!(text, "One & two.\n\nThree four");
    }

    /// The plain definition that [`finish`] computes faster.
    fn finish_by_definition(raw: &str) -> String {
        raw.split('\u{1}')
            .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn finish_agrees_with_its_definition() {
        let alphabet = [
            "a", "é", "ğ", " ", "\t", "\n", "\r", "\u{1}", "\u{a0}", "\u{2003}", "\u{b}", "\u{c}",
            "xy", "«", "—", "\u{85}", "\u{3000}", "\u{1680}", "\u{0}", "\u{2}", "\u{1f}",
        ];
        for raw in crate::testgen::strings(&alphabet, 20_000, 24) {
            assert_eq!(finish(&raw), finish_by_definition(&raw), "{raw:?}");
        }
        // Longer texts, mostly plain words, so that whole blocks are taken at once and the
        // odd piece falls anywhere in or right after a block.
        let words = [
            "asylum ",
            "policy",
            " ",
            "réfugiés ",
            "reception centres ",
            "\u{a0}",
            "\u{1}",
            "  ",
            "\n",
            "«",
            "—",
            "\u{2009}",
            "x",
        ];
        for raw in crate::testgen::strings(&words, 20_000, 30) {
            assert_eq!(finish(&raw), finish_by_definition(&raw), "{raw:?}");
        }
    }

    #[test]
    fn text_reaches_agrees_with_the_length_of_the_text() {
        let long_paragraphs = "<p>Ministers met &amp; talked.</p>\n  <p>Á l'écart</p>".repeat(40);
        let with_script = format!("<script>{}</script><p>short</p>", "x ".repeat(600));
        // An entity and a multi-byte character across the 512-byte pieces.
        let across = format!("{}&eacute;t&#233; ü{}", "a".repeat(509), " b".repeat(300));
        for html in [
            "",
            "<p>short</p>",
            long_paragraphs.as_str(),
            with_script.as_str(),
            across.as_str(),
            "<div>a</div>   <div>b</div>",
        ] {
            let len = html_to_text(html).chars().count();
            for chars in [0, 1, 5, len.saturating_sub(1), len, len + 1, 600] {
                assert_eq!(
                    text_reaches(html, chars),
                    len >= chars,
                    "{chars} in {html:?}"
                );
            }
        }
    }

    #[test]
    fn white_space_folds_within_paragraphs() {
        assert_eq!(
            finish("  a \t b\u{1}\u{1} \u{1}c\u{a0}\u{2003}d\u{1}  "),
            "a b\n\nc d"
        );
        assert_eq!(finish("\u{1}\u{1}"), "");
        assert_eq!(finish("x\u{0b}y\u{1}\u{1}z"), "x y\n\nz");
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
