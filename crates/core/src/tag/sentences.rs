//! Sentence splitting over folded text, for the voice pass.
//!
//! A sentence ends at a line break, or at `.`, `!` or `?` (after any closing quote) followed by
//! a space and a capital letter, a digit or an opening quote in the original text; in the
//! headline, also at a semicolon. Dots inside
//! abbreviations and numbers ("EE. UU.", "1.500") mostly fail the capital test and stay inside.

use super::doc::Doc;

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Folded byte range.
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (the title is paragraph 0).
    pub para: usize,
}

/// Conjunctions (folded, with the space before them) that open a clause with a subject of its
/// own, in the five languages. "but" and its kin are left out: they mostly continue the same
/// speaker ("welcomed the pledge, but warned…").
const CONTRAST: &[&str] = &[
    " while ",
    " whereas ",
    " alors que ",
    " tandis que ",
    " terwijl ",
    " mientras que ",
    " wahrend ",
    " waehrend ",
];

pub fn split(doc: &Doc<'_>) -> Vec<Sentence> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut para = 0;
    let mut i = 0;
    let push = |s: usize, e: usize, para: usize, out: &mut Vec<Sentence>| {
        let (mut s, mut e) = (s, e);
        while s < e && bytes[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && bytes[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push(Sentence {
                start: s,
                end: e,
                para,
            });
        }
    };
    // Only six bytes can end a sentence or a clause: two vectorised searches, three bytes each,
    // find the next of each kind, and a search runs again only once `i` has passed its find.
    let common = |i: usize| memchr::memchr3(b'\n', b',', b'.', &bytes[i..]).map(|p| i + p);
    let rare = |i: usize| memchr::memchr3(b';', b'!', b'?', &bytes[i..]).map(|p| i + p);
    let (mut next_common, mut next_rare) = (common(0), rare(0));
    let mut find_from = |i: usize| -> Option<usize> {
        if next_common.is_some_and(|p| p < i) {
            next_common = common(i);
        }
        if next_rare.is_some_and(|p| p < i) {
            next_rare = rare(i);
        }
        match (next_common, next_rare) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    while i < bytes.len() {
        let Some(next) = find_from(i) else {
            break;
        };
        i = next;
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, para, &mut out);
            if bytes.get(i + 1) == Some(&b'\n') {
                para += 1;
            }
            while i < bytes.len() && bytes[i] == b'\n' {
                i += 1;
            }
            start = i;
            continue;
        }
        // A contrast between two speakers inside one sentence ("the minister said X, while
        // Amnesty warned Y") is two clauses with a speaker each: the second starts at the
        // conjunction, so each voice is decided, and quoted, on its own clause.
        if b == b',' || b == b';' {
            if let Some(len) = CONTRAST
                .iter()
                .find_map(|c| text[i + 1..].starts_with(c).then_some(c.len()))
            {
                push(start, i + 1, para, &mut out);
                start = i + 2;
                i += 1 + len;
                continue;
            }
        }
        // A headline joins two statements with a semicolon ("La Fiscalía pide ocho años …;
        // los abogados recuerdan …"): each has its own speaker.
        if b == b';' && para == 0 {
            push(start, i + 1, para, &mut out);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            if bytes.get(j) == Some(&b' ') {
                let k = j + 1;
                let next = doc.orig_char_at(k);
                if next.is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || "\"«“„'(".contains(c)
                }) {
                    push(start, j, para, &mut out);
                    start = k;
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    push(start, bytes.len(), para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_sentence_ends_and_lines() {
        let tagged = "Title here\n\nFirst one. \"Second,\" he said. Third in EE. UU. too.\nLast";
        let folded = super::super::normalize::fold_with_map(tagged);
        let doc = Doc::new(tagged, &folded, 10, "en");
        let s = split(&doc);
        let texts: Vec<&str> = s.iter().map(|s| &doc.text()[s.start..s.end]).collect();
        assert_eq!(
            texts,
            [
                "title here",
                "first one.",
                "\"second,\" he said.",
                "third in ee.",
                "uu. too.",
                "last"
            ]
        );
        assert_eq!(s[1].para, 1);
    }
}
