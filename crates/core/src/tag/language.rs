//! Language detection restricted to the five languages the tagger reads.
//!
//! Counting frequent function words is enough to tell English, French, Dutch, Spanish and
//! German apart on news text, and it is far cheaper than a general detector. The feed's
//! declared language breaks near-ties.

use super::lexicon::{lexicon, short_word_key, ShortWordTable, LANGS};
use super::normalize::fold;

/// How many function words a declared language is worth.
const HINT_BONUS: usize = 3;

/// Detects the language of `text` among en, fr, nl, es, de.
pub fn detect_language(text: &str) -> &'static str {
    detect_with_hint(text, None)
}

pub(crate) fn detect_with_hint(text: &str, hint: Option<&str>) -> &'static str {
    let head: String = text.chars().take(1500).collect();
    detect_folded(&fold(&head), hint)
}

/// Detection on already folded text.
pub(crate) fn detect_folded(folded: &str, hint: Option<&str>) -> &'static str {
    let mut votes = Votes::new();
    for w in alphanumeric_runs(folded) {
        if votes.count(w) {
            break;
        }
    }
    votes.winner(hint)
}

/// [`detect_folded`] on a document's folded text, from the words its tokenizer found: a plain
/// word is one run of alphanumerics as it stands, and only the others are split again. The
/// tagger detects the language of every item, and reading the text byte by byte once more
/// cost a tenth of its time.
pub(crate) fn detect_words<'a>(
    words: impl Iterator<Item = (&'a str, bool)>,
    hint: Option<&str>,
) -> &'static str {
    let mut votes = Votes::new();
    'words: for (word, plain) in words {
        if plain {
            if votes.count(word) {
                break;
            }
        } else {
            for run in alphanumeric_runs(word) {
                if votes.count(run) {
                    break 'words;
                }
            }
        }
    }
    votes.winner(hint)
}

/// The function words counted so far, per language.
struct Votes {
    scores: [usize; 5],
    /// Words of up to eight bytes seen, function words or not: the first 400 decide.
    read: usize,
    stop_words: &'static ShortWordTable,
}

impl Votes {
    fn new() -> Votes {
        Votes {
            scores: [0; 5],
            read: 0,
            stop_words: &lexicon().short_stop_words,
        }
    }

    /// Counts one word; true once enough words have been read.
    #[inline]
    fn count(&mut self, word: &str) -> bool {
        // One lookup per word: the stop-word table maps a word to the languages it belongs to.
        let Some(key) = short_word_key(word) else {
            return false;
        };
        if let Some(mask) = self.stop_words.get(key) {
            for (i, score) in self.scores.iter_mut().enumerate() {
                *score += usize::from((mask >> i) & 1);
            }
        }
        self.read += 1;
        self.read == 400
    }

    fn winner(mut self, hint: Option<&str>) -> &'static str {
        let hint = hint.map(|h| h.trim().to_ascii_lowercase());
        let hint = hint
            .as_deref()
            .map(|h| h.split(['-', '_']).next().unwrap_or(h));
        for (i, lang) in LANGS.iter().enumerate() {
            if hint == Some(*lang) {
                self.scores[i] += HINT_BONUS;
            }
        }
        let best = (0..5)
            .max_by_key(|&i| (self.scores[i], usize::from(i == 0)))
            .unwrap_or(0);
        LANGS[best]
    }
}

/// The runs of alphanumeric characters of `text`, in order: what splitting it at every other
/// character and dropping the empty pieces gives. ASCII, nearly all of any text, is judged a
/// byte at a time from a table; only other characters are decoded.
fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // Whether the character at byte `i` (not ASCII) is alphanumeric, and its length.
    let other = move |i: usize| -> (bool, usize) {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < bytes.len() && ASCII_NOT_ALNUM[usize::from(bytes[i])] {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            if bytes[i] < 0x80 {
                break;
            }
            let (alnum, len) = other(i);
            if alnum {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                if ASCII_NOT_ALNUM[usize::from(bytes[i])] {
                    break;
                }
                i += 1;
            } else {
                let (alnum, len) = other(i);
                if !alnum {
                    break;
                }
                i += len;
            }
        }
        Some(&text[start..i])
    })
}

/// For each byte: whether it is an ASCII character that is not alphanumeric (bytes from 0x80
/// up begin or continue other characters, and are not in the table's sense).
const ASCII_NOT_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !(b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphanumeric_runs_are_the_pieces_of_a_split() {
        for text in [
            "",
            "  ",
            "l'état, c'est moi",
            "ğüß und 42—x",
            "a\u{a0}b\u{2019}c",
            "déjà-vu … ½ ⅓ x²",
            "end",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                alphanumeric_runs(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn alphanumeric_runs_agree_with_a_split_on_generated_strings() {
        let alphabet = [
            "a", "Z", "7", " ", "'", "-", "\u{e9}", "\u{2014}", "\u{a0}", "ß", "\u{b2}",
        ];
        for text in crate::testgen::strings(&alphabet, 3_000, 16) {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                alphanumeric_runs(&text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn detection_from_a_documents_words_agrees_with_detection_from_its_text() {
        use crate::tag::doc::Doc;
        use crate::tag::normalize::fold_with_map;
        let alphabet = [
            "de ",
            "the ",
            "la ",
            "het ",
            "und ",
            "l'",
            "-",
            "\u{e9}t\u{e9} ",
            "\u{2014}",
            ". ",
            "dass ",
            "que ",
            "ministre ",
            "a\u{2019}b ",
            "x ",
        ];
        let dev = include_str!("../../tests/data/tagging/dev.jsonl");
        let texts = crate::testgen::strings(&alphabet, 2_000, 32)
            .into_iter()
            .chain(dev.lines().map(str::to_string))
            // And the whole file at once: far more than the 400 words that decide.
            .chain(std::iter::once(dev.to_string()));
        for text in texts {
            let folded = fold_with_map(&text);
            let from_text = detect_folded(&folded.text, None);
            let doc = Doc::new(&text, &folded, 0, "");
            assert_eq!(detect_words(doc.words(), None), from_text, "{text:?}");
        }
    }

    #[test]
    fn tells_the_five_apart() {
        assert_eq!(
            detect_language("The minister said that the centre would open."),
            "en"
        );
        assert_eq!(
            detect_language("Le ministre a dit que le centre ouvrira selon les plans."),
            "fr"
        );
        assert_eq!(
            detect_language("De minister zei dat het centrum volgens plan opent."),
            "nl"
        );
        assert_eq!(
            detect_language("El ministro dijo que el centro abrirá según los planes."),
            "es"
        );
        assert_eq!(
            detect_language("Der Minister sagte, dass das Zentrum laut Plan öffnet."),
            "de"
        );
    }
}
