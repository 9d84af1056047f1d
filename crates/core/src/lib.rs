//! Counterpoint's core: everything the app and the command line do, without a UI.
//!
//! The pipeline runs in this order, one module per step:
//! [`fetch`] (HTTP) → [`parse`] (feeds) → [`extract`] (full text) → [`sanitize`] (untrusted
//! HTML) → [`tag`] (countries and voices) → [`store`] (SQLite + FTS5) → `search` → `brief`.
//! [`refresh`] is the one use-case that strings the steps together; every entry point calls it.
//!
//! Parsing, extraction, sanitizing and tagging are pure functions of their input: they do no
//! I/O, which is what lets them be tested on fixtures and property-tested.

pub mod brief;
pub mod discover;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod files;
pub mod model;
pub mod opml;
pub mod parse;
pub mod priority;
pub mod process;
pub mod refresh;
pub mod sanitize;
pub mod search;
pub mod sources;
pub mod store;
pub mod subscribe;
pub mod tag;
#[cfg(test)]
mod testgen;
pub mod text;
pub mod time;

pub use error::{Error, Result};
