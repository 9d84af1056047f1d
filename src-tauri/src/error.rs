//! The app's one error type. It crosses IPC as `{ kind, message }`: `kind` is a stable word
//! the UI can branch on, `message` is for people.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Everything an IPC command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] counterpoint_core::Error),
    /// A refresh is already running; the caller should wait for its events.
    #[error("a refresh is already running")]
    Busy,
    /// The user closed a file dialog without choosing a file.
    #[error("cancelled")]
    Cancelled,
    /// A value from the UI that the command cannot use.
    #[error("{0}")]
    InvalidInput(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("the app: {0}")]
    Tauri(#[from] tauri::Error),
    /// Something that should not happen (a lock poisoned by a panic, a task that died).
    #[error("internal error: {0}")]
    Internal(String),
}

/// The app's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The word the UI sees in `kind`.
    pub fn kind(&self) -> &'static str {
        use counterpoint_core::Error as Core;
        match self {
            Error::Core(e) => match e {
                Core::Sqlite(_) => "store",
                Core::SchemaTooNew { .. } => "schema_too_new",
                Core::Io { .. } => "io",
                Core::InvalidUrl { .. } => "invalid_url",
                Core::UnknownSource(_) => "unknown_source",
                Core::UnknownItem(_) => "unknown_item",
                Core::DuplicateSource(_) => "duplicate_source",
                Core::InvalidInput(_) => "invalid_input",
                Core::Opml(_) => "opml",
                Core::Fetch(_) => "fetch",
                Core::Query(_) => "query",
                #[allow(unreachable_patterns)]
                _ => "core",
            },
            Error::Busy => "busy",
            Error::Cancelled => "cancelled",
            Error::InvalidInput(_) => "invalid_input",
            Error::Io { .. } => "io",
            Error::Tauri(_) => "app",
            Error::Internal(_) => "internal",
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

impl<T> From<std::sync::PoisonError<T>> for Error {
    fn from(e: std::sync::PoisonError<T>) -> Self {
        Error::Internal(format!("a lock was poisoned: {e}"))
    }
}
