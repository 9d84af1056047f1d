//! Plain data shared by the pipeline steps. No serialization here: the CLI and the desktop
//! shell map these types to their own JSON shapes at the edge.

use std::fmt;
use std::str::FromStr;

/// Who publishes a source. The tagger uses it as a reading aid for stance: an NGO's own post
/// speaks in the NGO's voice, a government press release in the government's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SourceKind {
    Agency,
    Ngo,
    Government,
    Media,
    #[default]
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 5] = [
        SourceKind::Agency,
        SourceKind::Ngo,
        SourceKind::Government,
        SourceKind::Media,
        SourceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Agency => "agency",
            SourceKind::Ngo => "ngo",
            SourceKind::Government => "government",
            SourceKind::Media => "media",
            SourceKind::Other => "other",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SourceKind {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "unknown source kind {s:?} (expected agency, ngo, government, media or other)"
                ))
            })
    }
}

/// Whose voices an item carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stance {
    Government,
    NgoConcern,
    Both,
    #[default]
    Neither,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Government,
        Stance::NgoConcern,
        Stance::Both,
        Stance::Neither,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Government => "government",
            Stance::NgoConcern => "ngo_concern",
            Stance::Both => "both",
            Stance::Neither => "neither",
        }
    }

    /// The stance that follows from which voices were found.
    pub fn from_voices(government: bool, ngo_concern: bool) -> Stance {
        match (government, ngo_concern) {
            (true, true) => Stance::Both,
            (true, false) => Stance::Government,
            (false, true) => Stance::NgoConcern,
            (false, false) => Stance::Neither,
        }
    }

    pub fn has_government(self) -> bool {
        matches!(self, Stance::Government | Stance::Both)
    }

    pub fn has_ngo_concern(self) -> bool {
        matches!(self, Stance::NgoConcern | Stance::Both)
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stance {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        Stance::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "unknown stance {s:?} (expected government, ngo_concern, both or neither)"
                ))
            })
    }
}

/// A piece of evidence: character (Unicode scalar) offsets into the tagged text, which is
/// always `title + "\n\n" + text`, and the characters themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One country an item concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryTag {
    /// ISO 3166-1 alpha-2, plus `XK` for Kosovo and `EU` for the Union as a whole.
    pub code: String,
    /// The English short name, for display.
    pub name: String,
    /// How strongly the item concerns the country, in 0..=1.
    pub score: f32,
    /// Whether it is one of the item's 1–3 focus countries.
    pub focus: bool,
    pub evidence: Vec<Span>,
}

/// The sentences that carried each voice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Voices {
    pub government: Vec<Span>,
    pub ngo_concern: Vec<Span>,
}

/// What the tagger says about one text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tagging {
    /// ISO 639-1 code of the detected language.
    pub language: String,
    /// Countries, focus countries first, then by score.
    pub countries: Vec<CountryTag>,
    pub stance: Stance,
    pub voices: Voices,
}

/// The text the tagger reads, as the store keeps it: `title + "\n\n" + text`.
pub fn tagged_text(title: &str, text: &str) -> String {
    let mut s = String::with_capacity(title.len() + text.len() + 2);
    s.push_str(title);
    s.push_str("\n\n");
    s.push_str(text);
    s
}

/// A feed source as the archive keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: i64,
    pub url: String,
    pub name: String,
    pub kind: SourceKind,
    pub language: Option<String>,
    pub site_url: Option<String>,
    pub status: SourceStatus,
    pub error: Option<String>,
    pub consecutive_failures: i64,
    /// Unix seconds before which the source is not fetched again (backoff, Retry-After).
    pub next_check_at: Option<i64>,
    pub last_checked_at: Option<i64>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_hash: Option<String>,
    pub added_at: i64,
    pub updated_at: i64,
    /// CSS selectors removed from article pages before extraction, one per line.
    pub drop_selectors: Option<String>,
    /// How many items the archive holds for the source.
    pub items: i64,
    pub unread: i64,
}

/// The outcome of a source's last check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceStatus {
    #[default]
    New,
    Ok,
    NotModified,
    Error,
    /// The server said the feed is gone for good (404, 410).
    Gone,
}

impl SourceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::New => "new",
            SourceStatus::Ok => "ok",
            SourceStatus::NotModified => "not_modified",
            SourceStatus::Error => "error",
            SourceStatus::Gone => "gone",
        }
    }

    pub fn parse(s: &str) -> SourceStatus {
        match s {
            "ok" => SourceStatus::Ok,
            "not_modified" => SourceStatus::NotModified,
            "error" => SourceStatus::Error,
            "gone" => SourceStatus::Gone,
            _ => SourceStatus::New,
        }
    }
}

/// What the user supplies to add a source.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub url: String,
    pub name: Option<String>,
    pub kind: SourceKind,
    pub language: Option<String>,
    pub site_url: Option<String>,
}

/// An archived item with everything the store knows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub source_kind: SourceKind,
    /// The stable key within its source: guid, else link, else a hash of title and date.
    pub key: String,
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Unix seconds, UTC. `None` when the feed gave no usable date.
    pub published: Option<i64>,
    pub fetched_at: i64,
    pub language: Option<String>,
    pub summary: Option<String>,
    /// Sanitized HTML of the best text available (full text when extracted).
    pub content_html: Option<String>,
    /// Plain text of `content_html`, for search and tagging.
    pub content_text: String,
    /// Whether `content_*` came from the article page rather than the feed.
    pub full_text: bool,
    pub extract_error: Option<String>,
    pub read: bool,
    pub starred: bool,
    pub pinned: bool,
    pub note: Option<String>,
    pub tagging: Option<Tagging>,
    pub tagger_version: Option<i64>,
}
