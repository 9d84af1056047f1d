use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use counterpoint_core::opml::{parse_opml, write_opml};
use counterpoint_core::sources::built_in_rules;
use counterpoint_core::Error;

use super::open;
use crate::args::OpmlCommand;

pub fn run(db: &Option<PathBuf>, cmd: OpmlCommand) -> Result<ExitCode> {
    let archive = open(db)?;
    match cmd {
        OpmlCommand::Import { file } => {
            let xml = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let (mut added, mut skipped) = (0, 0);
            for source in parse_opml(&xml)? {
                match archive.add_source_with_rules(&source, built_in_rules(&source.url)) {
                    Ok(_) => added += 1,
                    Err(Error::DuplicateSource(_)) => skipped += 1,
                    Err(e) => {
                        eprintln!("skipped {}: {e}", source.url);
                        skipped += 1;
                    }
                }
            }
            println!("{added} sources added, {skipped} skipped");
        }
        OpmlCommand::Export { file } => {
            let xml = write_opml(&archive.sources()?);
            match file {
                Some(path) => counterpoint_core::files::write_atomically(&path, xml.as_bytes())?,
                None => print!("{xml}"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
