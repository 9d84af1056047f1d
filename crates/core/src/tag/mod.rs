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
pub mod language;
pub mod lexicon;
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
    let tagged = tagged_text(input.title, input.text);
    let folded = normalize::fold_with_map(&tagged);
    let lang = language::detect_folded(&folded.text, input.language_hint);
    let doc = doc::Doc::new(&tagged, folded, input.title.chars().count(), lang);
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
