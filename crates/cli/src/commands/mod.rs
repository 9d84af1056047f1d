//! One function per command, each a thin layer over the core library.

mod archive;
mod brief;
mod fetch;
mod items;
mod opml;
mod pins;
mod search;
mod sources;
mod tag;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use counterpoint_core::fetch::{FetchConfig, Fetcher};
use counterpoint_core::store::Archive;

use crate::args::{Cli, Command};

/// A mistake in how the command was called (exit code 2), as opposed to a failure (1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db.clone();
    match cli.command {
        Command::Sources(cmd) => sources::run(&db, cmd),
        Command::Fetch(args) => fetch::run(&db, args),
        Command::Show { item_id, json } => items::show(&open(&db)?, item_id, json),
        Command::Tag {
            lang,
            source_kind,
            json,
        } => tag::run(lang, &source_kind, json),
        Command::Retag => tag::retag(&mut open(&db)?),
        Command::Opml(cmd) => opml::run(&db, cmd),
        Command::Search(args) => search::run(&db, args),
        Command::Watch(cmd) => watch::run(&db, cmd),
        Command::Backup { file } => archive::backup(&db, &file),
        Command::Restore { file } => archive::restore(&db, &file),
        Command::Brief(args) => brief::run(&db, args),
        Command::Pin { item_id } => pins::pin(&open(&db)?, item_id, true),
        Command::Unpin { item_id } => pins::pin(&open(&db)?, item_id, false),
        Command::Pins { json } => pins::list(&open(&db)?, json),
        Command::Note { item_id, text } => pins::note(&open(&db)?, item_id, &text),
    }
}

/// The archive path: `--db`, else `COUNTERPOINT_DB` (both handled by clap), else the platform
/// data folder.
pub fn db_path(db: &Option<PathBuf>) -> Result<PathBuf> {
    match db {
        Some(path) => Ok(path.clone()),
        None => Ok(dirs::data_dir()
            .context("no data folder on this system; pass --db PATH")?
            .join("counterpoint")
            .join("archive.db")),
    }
}

/// Opens the archive. A new archive starts with the default sources, unless
/// `COUNTERPOINT_NO_DEFAULT_SOURCES` is set (tests and scripted setups use it).
pub fn open(db: &Option<PathBuf>) -> Result<Archive> {
    let path = db_path(db)?;
    let archive = Archive::open(&path)
        .with_context(|| format!("cannot open the archive {}", path.display()))?;
    if archive.is_new() && std::env::var_os("COUNTERPOINT_NO_DEFAULT_SOURCES").is_none() {
        archive.seed_default_sources()?;
    }
    Ok(archive)
}

pub fn fetcher() -> Result<Fetcher> {
    Ok(Fetcher::new(FetchConfig::default())?)
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
