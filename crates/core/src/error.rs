//! The one error type of the core library.
//!
//! Per-item and per-source problems during a refresh are not errors: they are data in the
//! [`crate::refresh::RefreshReport`]. This type is for failures that stop an operation.

use std::path::PathBuf;

/// Everything that can make a core operation fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused an operation.
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The archive was written by a newer Counterpoint than this one.
    #[error("store: the archive {path} has schema version {found}, but this build knows only up to {known}; upgrade Counterpoint (the archive was left untouched)")]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// A URL the user gave is not a usable http(s) URL.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    /// A source named by URL or id does not exist.
    #[error("no source matches {0:?}")]
    UnknownSource(String),
    /// An item id does not exist.
    #[error("no item with id {0}")]
    UnknownItem(i64),
    /// A source with that URL is already in the archive.
    #[error("the source {0} is already in the archive")]
    DuplicateSource(String),
    /// A value given by the user is out of range or malformed.
    #[error("{0}")]
    InvalidInput(String),
    /// An OPML file could not be understood.
    #[error("OPML: {0}")]
    Opml(String),
    /// A network operation failed (used by one-off requests such as autodiscovery).
    #[error("fetch: {0}")]
    Fetch(String),
    /// A search query could not be understood; the message names what is wrong.
    #[error("query: {0}")]
    Query(String),
    /// A briefing note could not be rendered.
    #[error("brief: {0}")]
    Brief(String),
}

impl Error {
    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

/// The core library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
