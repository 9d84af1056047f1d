//! Case and accent folding with a map back to the original text.
//!
//! The matchers run over folded text ("Türkiye" → "turkiye", "’" → "'"), because Aho-Corasick
//! only folds ASCII case and because writers are inconsistent with accents. Every byte of the
//! folded text remembers which character of the original produced it, so a match can be turned
//! back into a character span of the original.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text plus, for each of its bytes, the index of the original character it came from.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[b]` is the original character index of folded byte `b`; one extra entry at the
    /// end holds the original length in characters.
    pub origin: Vec<u32>,
}

impl Folded {
    /// The original character span of the folded byte range `start..end`.
    pub fn char_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.origin[start] as usize;
        let e = if end == 0 {
            0
        } else {
            self.origin[end - 1] as usize + 1
        };
        (s, e.max(s))
    }
}

/// Folds one character into `out`: lower case, no diacritics, ASCII apostrophes and hyphens.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // The accented letters of the five languages: folded once, then looked up. Decomposing a
    // character each time it is met cost a couple of hundred instructions per letter.
    if let Some(folded) = latin_folds().get(c as usize - 0x80) {
        out.push_str(folded);
        return;
    }
    fold_other(c, out);
}

/// The folds of U+0080 to U+024F (Latin-1 Supplement, Latin Extended-A and -B), in order.
fn latin_folds() -> &'static [Box<str>] {
    static FOLDS: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        (0x80..0x250u32)
            .map(|n| {
                let mut out = String::new();
                fold_other(char::from_u32(n).expect("below the surrogates"), &mut out);
                out.into_boxed_str()
            })
            .collect()
    })
}

/// [`fold_char`] of a character outside ASCII, worked out.
fn fold_other(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' => out.push('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
            out.push('-')
        }
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => out.push(' '),
        // Quotation marks of every language become '"', so quotes are found the same way.
        '«' | '»' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '‹' | '›' => {
            out.push('"')
        }
        '\u{201A}' => out.push('\''),
        '…' => out.push('.'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ı' => out.push('i'),
        _ => {
            for l in c.to_lowercase() {
                let mut pushed = false;
                decompose_canonical(l, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                        pushed = true;
                    }
                });
                if !pushed {
                    out.push(l);
                }
            }
        }
    }
}

/// Folds a whole string, without the offset map (for gazetteer forms and cue words).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds `s` and records where every folded byte came from.
pub fn fold_with_map(s: &str) -> Folded {
    let bytes = s.as_bytes();
    let mut text: Vec<u8> = Vec::with_capacity(s.len() + 8);
    let mut origin: Vec<u32> = Vec::with_capacity(s.len() + 9);
    let mut other = String::new();
    let (mut i, mut n) = (0usize, 0u32);
    while i < bytes.len() {
        // ASCII, most of every text, folds byte for byte: a whole run at a time, one
        // character per byte.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        let from = text.len();
        text.extend_from_slice(&bytes[i..i + run]);
        text[from..].make_ascii_lowercase();
        origin.extend(n..n + run as u32);
        (i, n) = (i + run, n + run as u32);
        if let Some(c) = s[i..].chars().next() {
            other.clear();
            fold_char(c, &mut other);
            text.extend_from_slice(other.as_bytes());
            origin.resize(text.len(), n);
            (i, n) = (i + c.len_utf8(), n + 1);
        }
    }
    origin.push(n);
    Folded {
        text: String::from_utf8(text).expect("folding keeps text UTF-8"),
        origin,
    }
}

/// Whether a folded byte can be part of a word (letters and digits, including non-ASCII).
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_keeps_offsets() {
        let f = fold_with_map("Türkiye’s Straße");
        assert_eq!(f.text, "turkiye's strasse");
        let start = f.text.find("strasse").unwrap();
        assert_eq!(f.char_span(start, start + 7), (10, 16));
    }

    /// What [`fold_with_map`] computes faster: each character folded on its own, every byte
    /// it gives mapped back to it.
    fn fold_with_map_by_definition(s: &str) -> Folded {
        let mut text = String::new();
        let mut origin = Vec::new();
        for (n, c) in s.chars().enumerate() {
            fold_char(c, &mut text);
            origin.resize(text.len(), n as u32);
        }
        origin.push(s.chars().count() as u32);
        Folded { text, origin }
    }

    #[test]
    fn fold_with_map_agrees_with_its_definition() {
        let alphabet = [
            "A", "b", " ", "É", "ß", "’", "—", "«", "x", "İ", "Œ", "\u{a0}", "ǅ", "1", "\n",
        ];
        for raw in crate::testgen::strings(&alphabet, 5_000, 20) {
            let (fast, slow) = (fold_with_map(&raw), fold_with_map_by_definition(&raw));
            assert_eq!(
                (fast.text, fast.origin),
                (slow.text, slow.origin),
                "{raw:?}"
            );
        }
    }

    /// The table of Latin letters holds what working each one out gives, and so does every
    /// character after it.
    #[test]
    fn looked_up_folds_are_the_worked_out_folds() {
        for n in 0x80..0x3000u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let (mut looked_up, mut worked_out) = (String::new(), String::new());
            fold_char(c, &mut looked_up);
            fold_other(c, &mut worked_out);
            assert_eq!(looked_up, worked_out, "{c:?}");
        }
        assert_eq!(fold("ÉÀÇÑÜÖßŒ"), "eacnuossoe");
    }

    #[test]
    fn folds_dashes() {
        assert_eq!(fold("BRUSSELS (Belga) – x"), "brussels (belga) - x");
    }
}
