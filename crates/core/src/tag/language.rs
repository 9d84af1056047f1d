//! Language detection restricted to the five languages the tagger reads.
//!
//! Counting frequent function words is enough to tell English, French, Dutch, Spanish and
//! German apart on news text, and it is far cheaper than a general detector. The feed's
//! declared language breaks near-ties.

use super::lexicon::{lexicon, short_word_key, LANGS};
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

/// Detection on already folded text (the tagger folds once and reuses it).
pub(crate) fn detect_folded(folded: &str, hint: Option<&str>) -> &'static str {
    let lex = lexicon();
    let mut scores = [0usize; 5];
    // One lookup per word: the stop-word table maps a word to the languages it belongs to.
    for w in alphanumeric_runs(folded).filter(|w| w.len() <= 8).take(400) {
        if let Some(&mask) = short_word_key(w).and_then(|k| lex.short_stop_words.get(&k)) {
            for (i, score) in scores.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *score += 1;
                }
            }
        }
    }
    let hint = hint.map(|h| h.trim().to_ascii_lowercase());
    let hint = hint
        .as_deref()
        .map(|h| h.split(['-', '_']).next().unwrap_or(h));
    for (i, lang) in LANGS.iter().enumerate() {
        if hint == Some(*lang) {
            scores[i] += HINT_BONUS;
        }
    }
    let best = (0..5)
        .max_by_key(|&i| (scores[i], usize::from(i == 0)))
        .unwrap_or(0);
    LANGS[best]
}

/// The runs of alphanumeric characters of `text`, in order: what splitting it at every other
/// character and dropping the empty pieces gives, with ASCII judged from the byte alone.
fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // Whether the character at byte `i` is alphanumeric, and its length.
    let at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (alnum, len) = at(i);
            if alnum {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let (alnum, len) = at(i);
            if !alnum {
                break;
            }
            i += len;
        }
        Some(&text[start..i])
    })
}

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
