//! One item as the tagger reads it: the original characters, the folded text with its map
//! back, the detected language, and small tokenizing helpers over the folded text.

use super::lexicon::WordList;
use std::borrow::Cow;

use super::normalize::{is_word_byte, Folded};

pub struct Doc<'a> {
    /// The characters of `title + "\n\n" + text`.
    pub chars: Vec<char>,
    pub folded: &'a Folded,
    pub lang: &'static str,
    /// Number of characters in the title.
    pub title_chars: usize,
    /// The tokens of the folded text, in order. The rules look at a few tokens around
    /// thousands of matches per item; tokenizing the whole text once and finding a window by
    /// binary search replaced re-tokenizing each window, a quarter of the tagger's time. The
    /// tokens borrow the folded text, which lives beside the document rather than in it, so a
    /// window is lent out as a slice of these: collecting each window into a vector of its own
    /// was an eighth of the tagger's time on the benchmark corpus.
    toks: Vec<Tok<'a>>,
    /// For each token, whether it is a plain word: ASCII letters and digits only, one run of
    /// alphanumerics, as language detection counts words.
    plain: Vec<bool>,
    /// For each byte offset of the folded text, and its end, the index of the first token that
    /// ends after it. Windows are asked for hundreds of times per item; this finds where one
    /// starts in one read instead of a binary search over the tokens.
    next_token: Vec<u32>,
    /// Whether [`Doc::span`] copies out the characters of a span (see [`super::tag_offsets`]).
    pub(crate) evidence_text: bool,
}

/// A token of folded text: a word, or one punctuation character.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl<'a> Doc<'a> {
    /// `folded` is `tagged` folded; `lang` may be set once detected from the document's
    /// words.
    pub fn new(tagged: &str, folded: &'a Folded, title_chars: usize, lang: &'static str) -> Self {
        let (toks, plain) = token_spans(&folded.text);
        let mut next_token = vec![toks.len() as u32; folded.text.len() + 1];
        let mut from = 0;
        for (k, t) in toks.iter().enumerate() {
            next_token[from..t.end].fill(k as u32);
            from = t.end;
        }
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
            plain,
            next_token,
            evidence_text: true,
        }
    }

    /// The tokens of the text from `pos`, at most `max`: the same as [`tokens_after`] on the
    /// whole text.
    pub fn tokens_after(&self, pos: usize, max: usize) -> Cow<'_, [Tok<'a>]> {
        self.tokens_between(pos, self.folded.text.len(), max)
    }

    /// The tokens from `pos` of the text cut at `end`, at most `max`: the same as
    /// [`tokens_after`] on `&text[..end]`.
    pub fn tokens_between(&self, pos: usize, end: usize, max: usize) -> Cow<'_, [Tok<'a>]> {
        let text = self.text();
        match self.window(pos, end, max) {
            Some(window) => Cow::Borrowed(window),
            None => Cow::Owned(tokens_after(&text[..end], pos, max)),
        }
    }

    /// The tokens of [`Doc::tokens_between`] as they lie in the tokenized text, or `None` when
    /// a token starts before `pos` and runs past it, or runs past `end`: tokenizing the slice
    /// would cut those in two, so those rare cases are left to the slice.
    fn window(&self, pos: usize, end: usize, max: usize) -> Option<&[Tok<'a>]> {
        // The first token ending after `pos` starts at or after it, or runs across it.
        let first = self.first_ending_after(pos);
        if self.toks.get(first).is_some_and(|t| t.start < pos) {
            return None;
        }
        let from_first = &self.toks[first..];
        let count = from_first
            .iter()
            .take(max)
            .take_while(|t| t.end <= end)
            .count();
        let straddles_end = count < max && from_first.get(count).is_some_and(|t| t.start < end);
        (!straddles_end).then(|| &from_first[..count])
    }

    /// The tokens before `pos`, nearest last, at most `max`.
    pub fn tokens_before(&self, pos: usize, max: usize) -> Cow<'_, [Tok<'a>]> {
        match self.window_before(pos, max) {
            Some(window) => Cow::Borrowed(window),
            None => Cow::Owned(self.tokens_before_cut(pos, max)),
        }
    }

    /// The tokens of [`Doc::tokens_before`] as they lie in the tokenized text, or `None` when
    /// the token at `pos` began before it: the text before `pos` then ends in its first part,
    /// which only tokenizing that text finds.
    fn window_before(&self, pos: usize, max: usize) -> Option<&[Tok<'a>]> {
        let after = self.first_ending_after(pos);
        if self.toks.get(after).is_some_and(|t| t.start < pos) {
            return None;
        }
        Some(&self.toks[after.saturating_sub(max)..after])
    }

    /// The index of the first token that ends after `pos` (the number of tokens that end at or
    /// before it).
    fn first_ending_after(&self, pos: usize) -> usize {
        self.next_token
            .get(pos)
            .map_or(self.toks.len(), |&k| k as usize)
    }

    /// [`Doc::tokens_before`] for a `pos` inside a token (after the apostrophe of "l'italie",
    /// say): the whole tokens before that one as the text was tokenized, then its part before
    /// `pos` tokenized on its own.
    fn tokens_before_cut(&self, pos: usize, max: usize) -> Vec<Tok<'a>> {
        let (cut, head) = self.cut_at(pos);
        let tail: Vec<Tok<'a>> = head.collect();
        let whole = max.saturating_sub(tail.len()).min(cut);
        let mut out = Vec::with_capacity(whole + tail.len());
        out.extend_from_slice(&self.toks[cut - whole..cut]);
        out.extend(tail.into_iter().rev().take(max).rev());
        out
    }

    /// The index of the token that runs across `pos`, and the tokens of its head (its part
    /// before `pos`, tokenized on its own).
    fn cut_at(&self, pos: usize) -> (usize, Tokens<'a>) {
        let cut = self.first_ending_after(pos);
        let start = self.toks.get(cut).map_or(pos, |t| t.start.min(pos));
        let head = Tokens {
            text: &self.text()[..pos],
            at: start,
        };
        (cut, head)
    }

    pub fn text(&self) -> &'a str {
        &self.folded.text
    }

    /// The words of the folded text in order, each with whether it is plain: ASCII letters
    /// and digits only.
    pub(crate) fn words(&self) -> impl Iterator<Item = (&'a str, bool)> + '_ {
        self.toks
            .iter()
            .zip(&self.plain)
            .filter(|(t, _)| t.word)
            .map(|(t, &plain)| (t.text, plain))
    }

    /// Whether the token right before `pos` is a word of the list. These three questions are
    /// asked dozens of times per sentence: they read the tokenized text in place rather than
    /// collecting a window of tokens first.
    pub fn word_before_in(&self, pos: usize, list: &WordList) -> bool {
        self.word_before(pos).is_some_and(|w| list.contains(w))
    }

    /// The token right before `pos` when it is a word: for asking about it against several
    /// lists with one lookup.
    pub fn word_before(&self, pos: usize) -> Option<&'a str> {
        let last = match self.window_before(pos, 1) {
            Some(window) => window.last().copied(),
            // `pos` is inside a token: the last token of that token's head.
            None => {
                let (cut, head) = self.cut_at(pos);
                head.last()
                    .or_else(|| cut.checked_sub(1).map(|k| self.toks[k]))
            }
        };
        last.filter(|t| t.word).map(|t| t.text)
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
        match self.window(start, end, max) {
            Some(window) => window.iter().any(|t| t.word && pred(t.text)),
            None => self
                .tokens_between(start, end, max)
                .iter()
                .any(|t| t.word && pred(t.text)),
        }
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
/// Beside each token, whether it is a plain word (see [`Doc::words`]).
fn token_spans(text: &str) -> (Vec<Tok<'_>>, Vec<bool>) {
    let bytes = text.as_bytes();
    let kind = |i: usize| {
        bytes
            .get(i)
            .map_or(ByteKind::Other, |&b| BYTE_KINDS[usize::from(b)])
    };
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut plain = Vec::with_capacity(bytes.len() / 5 + 1);
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
        out.push(Tok {
            text: &text[i..j],
            start: i,
            end: j,
            word: starts_word,
        });
        plain.push(starts_word && !joined && bits < 0x80);
        i = j;
    }
    (out, plain)
}

/// Tokenizes folded text from `pos`, at most `max` tokens. Apostrophes, hyphens and dots
/// inside a word stay in it ("d'asile", "congo-kinshasa", "u.s"); spaces are skipped.
pub fn tokens_after(text: &str, pos: usize, max: usize) -> Vec<Tok<'_>> {
    // The rules ask for a handful of tokens around a match, thousands of times per item: one
    // allocation of about the right size instead of a vector grown push by push.
    let mut out = Vec::with_capacity(max.min(text.len().saturating_sub(pos) / 4 + 1));
    out.extend(Tokens { text, at: pos }.take(max));
    out
}

/// The tokens of `text` from byte `at` on, one by one (see [`tokens_after`]).
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut i = self.at;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r') {
            i += 1;
        }
        if i >= bytes.len() {
            self.at = i;
            return None;
        }
        let b = bytes[i];
        let starts_word =
            is_word_byte(b) || (b == b'\'' && i + 1 < bytes.len() && is_word_byte(bytes[i + 1]));
        let end = if starts_word {
            let mut j = i + 1;
            while j < bytes.len()
                && (is_word_byte(bytes[j])
                    || (is_joiner(bytes[j]) && j + 1 < bytes.len() && is_word_byte(bytes[j + 1])))
            {
                j += 1;
            }
            j
        } else {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        };
        self.at = end;
        Some(Tok {
            text: &text[i..end],
            start: i,
            end,
            word: starts_word,
        })
    }
}

/// Whether the words of `toks` (all of them words, no punctuation) end with a phrase of the
/// list, trying phrases of up to `max_words` words.
pub fn ends_with_phrase(toks: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    // Every phrase tried ends with the same word: it is looked up once, alone and as the end
    // of longer phrases, before any phrase is put together.
    let n = toks.len();
    let Some(last) = toks.last().filter(|t| t.word) else {
        return false;
    };
    if list.contains(last.text) {
        return true;
    }
    if list.max_words < 2 || !list.may_hold_phrase_ending(last.text) {
        return false;
    }
    (2..=list.max_words.min(n)).any(|k| joined_in(&toks[n - k..], list))
}

/// Whether the words of `toks` start with a phrase of the list.
pub fn starts_with_phrase(toks: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    (1..=list.max_words.min(toks.len())).any(|k| phrase_in(&toks[..k], list))
}

/// Whether the words of `slice`, joined by single spaces, are in the list. Several words are
/// joined only when some form of the list ends with the last of them.
fn phrase_in(slice: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    match slice {
        [] => false,
        [word] => word.word && list.contains(word.text),
        [.., last] => last.word && list.may_hold_phrase_ending(last.text) && joined_in(slice, list),
    }
}

/// Whether the tokens of `slice`, joined by single spaces, are in the list: never when one of
/// them is punctuation. Phrases are looked up for every few words of every text, so the join
/// reuses one buffer per thread instead of allocating.
fn joined_in(slice: &[Tok<'_>], list: &super::lexicon::WordList) -> bool {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    if !slice.iter().all(|t| t.word) {
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
            let (toks, plain) = token_spans(text);
            let spans: Vec<(usize, usize, bool, bool)> = toks
                .iter()
                .zip(plain)
                .map(|(t, plain)| {
                    assert_eq!(t.text, &text[t.start..t.end]);
                    (t.start, t.end, t.word, plain)
                })
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

    /// The windows a document lends out, and the tokens it cuts when a position falls inside a
    /// token, are what tokenizing the text cut there gives: before a position, the last tokens
    /// of all the text before it; from a position, the first tokens of the text from it.
    #[test]
    fn windows_are_the_tokens_of_the_text_cut_there() {
        let alphabet = ["l'", "a", "-", ".", " ", "'", "b1", "\u{e9}", ",", "("];
        let mut checked = 0;
        for raw in crate::testgen::strings(&alphabet, 1_500, 10) {
            let folded = super::super::normalize::fold_with_map(&raw);
            let doc = Doc::new(&raw, &folded, 0, "en");
            let text = doc.text();
            let cut = |toks: &[Tok<'_>]| {
                toks.iter()
                    .map(|t| (t.start, t.end, t.word))
                    .collect::<Vec<_>>()
            };
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                for max in [1, 2, 3, 6] {
                    let all = tokens_after(&text[..pos], 0, usize::MAX);
                    let last = &all[all.len().saturating_sub(max)..];
                    assert_eq!(
                        cut(&doc.tokens_before(pos, max)),
                        cut(last),
                        "{text:?} before {pos}"
                    );
                    let word = last.last().filter(|t| t.word).map(|t| t.text);
                    assert_eq!(doc.word_before(pos), word, "{text:?} before {pos}");
                    assert_eq!(
                        cut(&doc.tokens_after(pos, max)),
                        cut(&tokens_after(text, pos, max)),
                        "{text:?} after {pos}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn tokenizes_words_and_punctuation() {
        let t = tokens_after("dakar, por su parte, se", 0, 10);
        let v: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(v, ["dakar", ",", "por", "su", "parte", ",", "se"]);
        let folded = super::super::normalize::fold_with_map("talks with dakar");
        let doc = Doc::new("talks with dakar", &folded, 0, "en");
        let b = doc.tokens_before(11, 2);
        let v: Vec<&str> = b.iter().map(|t| t.text).collect();
        assert_eq!(v, ["talks", "with"]);
    }
}
