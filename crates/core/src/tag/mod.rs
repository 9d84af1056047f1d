//! Tagging: which countries an item concerns and whose voices it carries.
//!
//! Pure: no I/O. The input is the title and the plain text; spans are character offsets into
//! `title + "\n\n" + text` (see [`crate::model::tagged_text`]).
//!
//! The data lives in `crates/core/data/`: the country gazetteer (`gazetteer/countries.tsv`,
//! generated from CLDR by `gazetteer/build.py`, plus curated files), the actor gazetteer and
//! the cue lists (`voices/`). The automatons are built once, on first use.
//!
//! Steps: fold the text ([`normalize`]), detect the language ([`language`]), find the
//! countries ([`countries`]), then the voices ([`voices`]).

pub mod countries;
pub mod doc;
pub mod gazetteer;
pub mod joint;
pub mod language;
pub mod lexicon;
pub mod longest;
pub mod normalize;
pub mod sentences;
pub mod voices;

use crate::model::{tagged_text, SourceKind, Stance, Tagging};

pub use language::detect_language;

/// Bumped whenever the tagger's output may change, so `retag` knows what is stale.
pub const TAGGER_VERSION: i64 = 18;

/// What the tagger reads.
#[derive(Debug, Clone, Copy)]
pub struct TagInput<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// The feed's declared language: a hint, not the truth.
    pub language_hint: Option<&'a str>,
    pub source_kind: SourceKind,
}

/// Tags one text.
pub fn tag(input: &TagInput<'_>) -> Tagging {
    tag_with(input, true)
}

/// Tags one text for the archive: as [`tag`], but the evidence spans carry their offsets only,
/// with an empty `text`. The archive stores offsets and reads the characters back from the
/// item when it shows them, so a refresh that built a string for each of the seventy-odd spans
/// of an item, only to drop it, did that work for nothing.
pub fn tag_offsets(input: &TagInput<'_>) -> Tagging {
    tag_with(input, false)
}

fn tag_with(input: &TagInput<'_>, evidence_text: bool) -> Tagging {
    let tagged = tagged_text(input.title, input.text);
    let folded = normalize::fold_with_map(&tagged);
    let mut doc = doc::Doc::new(&tagged, &folded, input.title.chars().count(), "");
    // Detected from the document's own words, once they are tokenized (see `detect_words`).
    let lang = language::detect_words(doc.words(), input.language_hint);
    doc.lang = lang;
    doc.evidence_text = evidence_text;
    let found = countries::find(&doc);
    let voices = voices::find(&doc, &found.acting, &found.demonyms, input.source_kind);
    Tagging {
        language: lang.to_string(),
        countries: found.tags,
        stance: Stance::from_voices(
            !voices.government.is_empty(),
            !voices.ngo_concern.is_empty(),
        ),
        voices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn tagging_for_the_archive_keeps_the_offsets_and_drops_the_characters() {
        let input = TagInput {
            title: "Italy and Albania sign a migration deal",
            text: "The Italian government said the centres would open in May. Amnesty International warned that the deal breaks international law.",
            language_hint: Some("en"),
            source_kind: SourceKind::Agency,
        };
        let (full, offsets) = (tag(&input), tag_offsets(&input));
        let ranges = |spans: &[Span]| spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>();
        assert_eq!(full.stance, offsets.stance);
        assert_eq!(full.countries.len(), offsets.countries.len());
        for (a, b) in full.countries.iter().zip(&offsets.countries) {
            assert_eq!(
                (&a.code, ranges(&a.evidence)),
                (&b.code, ranges(&b.evidence))
            );
            assert!(a.evidence.iter().all(|s| !s.text.is_empty()));
            assert!(b.evidence.iter().all(|s| s.text.is_empty()));
        }
        assert!(!full.voices.government.is_empty() && !full.voices.ngo_concern.is_empty());
        assert_eq!(
            ranges(&full.voices.government),
            ranges(&offsets.voices.government)
        );
        assert_eq!(
            ranges(&full.voices.ngo_concern),
            ranges(&offsets.voices.ngo_concern)
        );
    }
}
