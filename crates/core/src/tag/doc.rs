//! One item as the tagger reads it: the original characters, the folded text with its map
//! back, the detected language, and small tokenizing helpers over the folded text.

use super::lexicon::WordList;
use super::normalize::{is_word_byte, Folded};

pub struct Doc {
    /// The characters of `title + "\n\n" + text`.
    pub chars: Vec<char>,
    pub folded: Folded,
    pub lang: &'static str,
    /// Number of characters in the title.
    pub title_chars: usize,
    /// The tokens of the folded text, in order. The rules look at a few tokens around
    /// thousands of matches per item; tokenizing the whole text once and finding a window by
    /// binary search replaced re-tokenizing each window, a quarter of the tagger's time.
    toks: Vec<TokSpan>,
    /// Whether [`Doc::span`] copies out the characters of a span (see [`super::tag_offsets`]).
    pub(crate) evidence_text: bool,
}

/// Where a token of the folded text lies.
#[derive(Debug, Clone, Copy)]
struct TokSpan {
    start: u32,
    end: u32,
    word: bool,
    /// A word of ASCII letters and digits only: one run of alphanumerics, as language
    /// detection counts words.
    plain: bool,
}

/// A token of folded text: a word, or one punctuation character.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Doc {
    /// `folded` is `tagged` folded; `lang` may be set once detected from the document's
    /// words.
    pub fn new(tagged: &str, folded: Folded, title_chars: usize, lang: &'static str) -> Doc {
        let toks = token_spans(&folded.text);
        // The folded text's map ends with the number of characters: one allocation.
        let mut chars = Vec::with_capacity(folded.origin.last().map_or(0, |&n| n as usize));
        // ASCII runs are widened in bulk; only other characters are decoded one by one.
        let mut rest = tagged;
        while !rest.is_empty() {
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            chars.extend(rest.as_bytes()[..ascii].iter().map(|&b| char::from(b)));
            rest = &rest[ascii..];
            if let Some(c) = rest.chars().next() {
                chars.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        Doc {
            chars,
            folded,
            lang,
            title_chars,
            toks,
            evidence_text: true,
        }
    }

    /// The tokens of the text from `pos`, at most `max`: the same as [`tokens_after`] on the
    /// whole text.
    pub fn tokens_after(&self, pos: usize, max: usize) -> Vec<Tok<'_>> {
        self.tokens_between(pos, self.folded.text.len(), max)
    }

    /// The tokens from `pos` of the text cut at `end`, at most `max`: the same as
    /// [`tokens_after`] on `&text[..end]`.
    pub fn tokens_between(&self, pos: usize, end: usize, max: usize) -> Vec<Tok<'_>> {
        let text = self.text();
        match self.window(pos, end, max) {
            Some(window) => window.iter().map(|t| t.tok(text)).collect(),
            None => tokens_after(&text[..end], pos, max),
        }
    }

    /// The tokens of [`Doc::tokens_between`] as they lie in the tokenized text, or `None` when
    /// a token starts before `pos` and runs past it, or runs past `end`: tokenizing the slice
    /// would cut those in two, so those rare cases are left to the slice.
    fn window(&self, pos: usize, end: usize, max: usize) -> Option<&[TokSpan]> {
        let first = self.toks.partition_point(|t| (t.start as usize) < pos);
        if first > 0 && self.toks[first - 1].end as usize > pos {
            return None;
        }
        let from_first = &self.toks[first..];
        let count = from_first
            .iter()
            .take(max)
            .take_while(|t| t.end as usize <= end)
            .count();
        let straddles_end = count < max
            && from_first
                .get(count)
                .is_some_and(|t| (t.start as usize) < end);
        (!straddles_end).then(|| &from_first[..count])
    }

    /// The tokens before `pos`, nearest last, at most `max`.
    pub fn tokens_before(&self, pos: usize, max: usize) -> Vec<Tok<'_>> {
        let text = self.text();
        match self.window_before(pos, max) {
            Some(window) => window.iter().map(|t| t.tok(text)).collect(),
            None => tokens_before(text, pos, max),
        }
    }

    /// The tokens of [`Doc::tokens_before`] as they lie in the tokenized text, or `None` when
    /// the token at `pos` began before it: the text before `pos` then ends in its first part,
    /// which only tokenizing that text finds.
    fn window_before(&self, pos: usize, max: usize) -> Option<&[TokSpan]> {
        let after = self.toks.partition_point(|t| (t.end as usize) <= pos);
        if self
            .toks
            .get(after)
            .is_some_and(|t| (t.start as usize) < pos)
        {
            return None;
        }
        Some(&self.toks[after.saturating_sub(max)..after])
    }

    pub fn text(&self) -> &str {
        &self.folded.text
    }

    /// The words of the folded text in order, each with whether it is plain: ASCII letters
    /// and digits only.
    pub(crate) fn words(&self) -> impl Iterator<Item = (&str, bool)> {
        let text = self.text();
        self.toks
            .iter()
            .filter(|t| t.word)
            .map(move |t| (&text[t.start as usize..t.end as usize], t.plain))
    }

    /// Whether the token right before `pos` is a word of the list. These three questions are
    /// asked dozens of times per sentence: they read the tokenized text in place rather than
    /// collecting a window of tokens first.
    pub fn word_before_in(&self, pos: usize, list: &WordList) -> bool {
        match self.window_before(pos, 1) {
            Some(window) => window.last().is_some_and(|&t| self.is_word_in(t, list)),
            None => tokens_before(self.text(), pos, 1)
                .last()
                .is_some_and(|t| t.word && list.contains(t.text)),
        }
    }

    /// Whether the token right after `pos` is a word of the list.
    pub fn word_after_in(&self, pos: usize, list: &WordList) -> bool {
        self.word_between_in(pos, self.folded.text.len(), 1, list)
    }

    /// Whether a word of the list stands among the first `max` tokens of `start..end`.
    pub fn word_between_in(&self, start: usize, end: usize, max: usize, list: &WordList) -> bool {
        self.any_word_between(start, end, max, |w| list.contains(w))
    }

    /// Whether a word among the first `max` tokens of `start..end` (those of
    /// [`Doc::tokens_between`]) satisfies `pred`, read in place.
    pub fn any_word_between(
        &self,
        start: usize,
        end: usize,
        max: usize,
        pred: impl Fn(&str) -> bool,
    ) -> bool {
        let text = self.text();
        match self.window(start, end, max) {
            Some(window) => window
                .iter()
                .any(|t| t.word && pred(&text[t.start as usize..t.end as usize])),
            None => self
                .tokens_between(start, end, max)
                .iter()
                .any(|t| t.word && pred(t.text)),
        }
    }

    fn is_word_in(&self, t: TokSpan, list: &WordList) -> bool {
        t.word && list.contains(&self.folded.text[t.start as usize..t.end as usize])
    }

    /// The character span of the folded byte range, and its original characters (none when
    /// the document is tagged for offsets only).
    pub fn span(&self, start: usize, end: usize) -> (usize, usize, String) {
        let (s, e) = self.folded.char_span(start, end);
        let text = if self.evidence_text {
            self.chars[s..e].iter().collect()
        } else {
            String::new()
        };
        (s, e, text)
    }

    /// The original character at a folded byte offset.
    pub fn orig_char_at(&self, byte: usize) -> Option<char> {
        self.folded
            .origin
            .get(byte)
            .and_then(|&i| self.chars.get(i as usize))
            .copied()
    }

    pub fn in_title(&self, byte: usize) -> bool {
        (self.folded.origin[byte] as usize) < self.title_chars
    }
}

impl TokSpan {
    fn tok(self, text: &str) -> Tok<'_> {
        let (start, end) = (self.start as usize, self.end as usize);
        Tok {
            text: &text[start..end],
            start,
            end,
            word: self.word,
        }
    }
}

fn is_joiner(b: u8) -> bool {
    b == b'\'' || b == b'-' || b == b'.'
}

/// What a byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    /// Space, tab, carriage return: skipped.
    Blank,
    Word,
    /// Apostrophe, hyphen, dot: inside a word when a word byte follows.
    Joiner,
    Other,
}

const BYTE_KINDS: [ByteKind; 256] = {
    let mut kinds = [ByteKind::Other; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        kinds[b] = if byte == b' ' || byte == b'\t' || byte == b'\r' {
            ByteKind::Blank
        } else if byte.is_ascii_alphanumeric() || byte >= 0x80 {
            ByteKind::Word
        } else if byte == b'\'' || byte == b'-' || byte == b'.' {
            ByteKind::Joiner
        } else {
            ByteKind::Other
        };
        b += 1;
    }
    kinds
};

/// All the tokens of folded text, as [`tokens_after`] finds them, but read through a table of
/// byte kinds: every item's whole text is tokenized once, and this was a tenth of the tagger.
fn token_spans(text: &str) -> Vec<TokSpan> {
    let bytes = text.as_bytes();
    let kind = |i: usize| {
        bytes
            .get(i)
            .map_or(ByteKind::Other, |&b| BYTE_KINDS[usize::from(b)])
    };
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let here = kind(i);
        if here == ByteKind::Blank {
            i += 1;
            continue;
        }
        let starts_word =
            here == ByteKind::Word || (bytes[i] == b'\'' && kind(i + 1) == ByteKind::Word);
        let mut j = i + 1;
        // The bytes of the word or'ed together (below 0x80 when all are ASCII), and whether a
        // joiner is inside it.
        let (mut bits, mut joined) = (bytes[i], bytes[i] == b'\'');
        if starts_word {
            loop {
                // The bytes of a word, in a tight loop; then a joiner, if a word byte follows.
                while j < bytes.len() && BYTE_KINDS[usize::from(bytes[j])] == ByteKind::Word {
                    bits |= bytes[j];
                    j += 1;
                }
                if kind(j) == ByteKind::Joiner && kind(j + 1) == ByteKind::Word {
                    joined = true;
                    j += 1;
                } else {
                    break;
                }
            }
        }
        // A byte that starts no word is ASCII (every byte from 0x80 up is a word byte), so
        // it is a whole character.
        out.push(TokSpan {
            start: i as u32,
            end: j as u32,
            word: starts_word,
            plain: starts_word && !joined && bits < 0x80,
        });
        i = j;
    }
    out
}

/// Tokenizes folded text from `pos`, at most `max` tokens. Apostrophes, hyphens and dots
/// inside a word stay in it ("d'asile", "congo-kinshasa", "u.s"); spaces are skipped.
pub fn tokens_after(text: &str, pos: usize, max: usize) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    // The rules ask for a handful of tokens around a match, thousands of times per item: one
    // allocation of about the right size instead of a vector grown push by push.
    let mut out = Vec::with_capacity(max.min(bytes.len().saturating_sub(pos) / 4 + 1));
    let mut i = pos;
    while out.len() < max && i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let starts_word =
            is_word_byte(b) || (b == b'\'' && i + 1 < bytes.len() && is_word_byte(bytes[i + 1]));
        if starts_word {
            let mut j = i + 1;
            while j < bytes.len()
                && (is_word_byte(bytes[j])
                    || (is_joiner(bytes[j]) && j + 1 < bytes.len() && is_word_byte(bytes[j + 1])))
            {
                j += 1;
            }
            out.push(Tok {
                text: &text[i..j],
                start: i,
                end: j,
                word: true,
            });
            i = j;
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push(Tok {
                text: &text[i..i + len],
                start: i,
                end: i + len,
                word: false,
            });
            i += len;
        }
    }
    out
}

/// The tokens before `pos`, nearest last, at most `max`.
pub fn tokens_before(text: &str, pos: usize, max: usize) -> Vec<Tok<'_>> {
    let mut from = pos.saturating_sub(12 * max + 20);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // Start on a word boundary, so the first token is not a word cut in half.
    let bytes = text.as_bytes();
    while from > 0 && from < pos && is_word_byte(bytes[from - 1]) && is_word_byte(bytes[from]) {
        from += 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    let mut toks = tokens_after(&text[..pos], from, usize::MAX);
    let skip = toks.len().saturating_sub(max);
    toks.drain(..skip);
    toks
}

/// Whether the words of `toks` (all of them words, no punctuation) end with a phrase of the
/// list, trying phrases of up to `max_words` words.
pub fn ends_with_phrase(toks: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    let n = toks.len();
    (1..=list.max_words.min(n)).any(|k| phrase_in(&toks[n - k..], list))
}

/// Whether the words of `toks` start with a phrase of the list.
pub fn starts_with_phrase(toks: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    (1..=list.max_words.min(toks.len())).any(|k| phrase_in(&toks[..k], list))
}

/// Whether the words of `slice`, joined by single spaces, are in the list. Phrases are looked
/// up for every few words of every text, so the join reuses one buffer per thread instead of
/// allocating.
fn phrase_in(slice: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    if !slice.iter().all(|t| t.word) {
        return false;
    }
    let [.., last] = slice else {
        return false;
    };
    if slice.len() == 1 {
        return list.contains(last.text);
    }
    if !list.may_hold_phrase_ending(last.text) {
        return false;
    }
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        for (i, t) in slice.iter().enumerate() {
            if i > 0 {
                b.push(' ');
            }
            b.push_str(t.text);
        }
        list.contains(&b)
    })
}

pub fn join(toks: &[Tok<'_>]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_spans_are_the_tokens_of_the_text() {
        let texts = [
            "dakar, por su parte, se",
            "d'asile -- congo-kinshasa u.s. 'quoted' l'etat.\n\nx'",
            " \t\r\n..--'' a'b a-  b. 1.500 eur ",
            "tres\u{e9}tranger \u{201c}gr\u{fc}n\u{201d} -- \u{f6}' x",
            "",
        ];
        // And strings made of the bytes that matter, in every order.
        let alphabet = [
            "a", "'", "-", ".", " ", "\t", "\n", "\u{e9}", ",", "1", "\r",
        ];
        let generated = crate::testgen::strings(&alphabet, 3_000, 16);
        for text in texts
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            let spans: Vec<(usize, usize, bool, bool)> = token_spans(text)
                .iter()
                .map(|t| (t.start as usize, t.end as usize, t.word, t.plain))
                .collect();
            // Plain: a word of ASCII letters and digits only.
            let expected: Vec<(usize, usize, bool, bool)> = tokens_after(text, 0, usize::MAX)
                .iter()
                .map(|t| {
                    let plain = t.word && t.text.bytes().all(|b| b.is_ascii_alphanumeric());
                    (t.start, t.end, t.word, plain)
                })
                .collect();
            assert_eq!(spans, expected, "{text:?}");
        }
    }

    #[test]
    fn tokenizes_words_and_punctuation() {
        let t = tokens_after("dakar, por su parte, se", 0, 10);
        let v: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(v, ["dakar", ",", "por", "su", "parte", ",", "se"]);
        let b = tokens_before("talks with dakar", 11, 2);
        let v: Vec<&str> = b.iter().map(|t| t.text).collect();
        assert_eq!(v, ["talks", "with"]);
    }
}
