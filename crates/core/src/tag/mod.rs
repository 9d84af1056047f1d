//! Tagging: which countries an item concerns and whose voices it carries.
//!
//! Pure: no I/O. The input is the title and the plain text; spans are character offsets into
//! `title + "\n\n" + text` (see [`crate::model::tagged_text`]).

use crate::model::{SourceKind, Tagging};

/// Bumped whenever the tagger's output may change, so `retag` knows what is stale.
pub const TAGGER_VERSION: i64 = 0;

/// What the tagger reads.
#[derive(Debug, Clone, Copy)]
pub struct TagInput<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// The feed's declared language: a hint, not the truth.
    pub language_hint: Option<&'a str>,
    pub source_kind: SourceKind,
}

/// Tags one text. (Placeholder until the tagger lands: detects nothing.)
pub fn tag(input: &TagInput<'_>) -> Tagging {
    Tagging {
        language: input.language_hint.unwrap_or("en").to_string(),
        ..Tagging::default()
    }
}

/// The English short name of a country code, for display (the code itself when unknown).
pub fn country_name(code: &str) -> &str {
    code
}
