use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::model::{NewSource, SourceKind};
use counterpoint_core::sources::SUGGESTED_SOURCES;
use counterpoint_core::subscribe::subscribe;

use super::{fetcher, open, print_json, runtime, UsageError};
use crate::args::SourcesCommand;
use crate::json::SourceJson;

pub fn run(db: &Option<PathBuf>, cmd: SourcesCommand) -> Result<ExitCode> {
    let archive = open(db)?;
    match cmd {
        SourcesCommand::List { json } => {
            let sources = archive.sources()?;
            if json {
                print_json(&sources.iter().map(SourceJson::from).collect::<Vec<_>>())?;
            } else if sources.is_empty() {
                println!("No sources. Add one with: counterpoint sources add URL");
            } else {
                for s in &sources {
                    let state = match &s.error {
                        Some(e) => format!("{}: {e}", s.status.as_str()),
                        None => s.status.as_str().to_string(),
                    };
                    println!(
                        "{:>4}  {:<32} {:<10} {:>6} items  {}  [{}]",
                        s.id,
                        s.name,
                        s.kind.as_str(),
                        s.items,
                        s.url,
                        state
                    );
                }
            }
        }
        SourcesCommand::Add {
            url,
            name,
            kind,
            lang,
        } => {
            let kind = match kind {
                Some(k) => k
                    .parse::<SourceKind>()
                    .map_err(|e| UsageError(e.to_string()))?,
                None => SourceKind::Other,
            };
            let new = NewSource {
                url,
                name,
                kind,
                language: lang,
                site_url: None,
            };
            let source = runtime()?.block_on(subscribe(&archive, &fetcher()?, new))?;
            println!(
                "added source {}: {} <{}>",
                source.id, source.name, source.url
            );
        }
        SourcesCommand::Remove { source } => {
            let found = archive.find_source(&source)?;
            archive.remove_source(found.id)?;
            println!(
                "removed source {}: {} ({} items)",
                found.id, found.name, found.items
            );
        }
        SourcesCommand::Suggested { add } => match add {
            None => {
                for (i, s) in SUGGESTED_SOURCES.iter().enumerate() {
                    println!(
                        "{:>3}. {:<36} {:<10} {}  {}",
                        i + 1,
                        s.name,
                        s.kind.as_str(),
                        s.language,
                        s.about
                    );
                }
            }
            Some(which) => {
                let pick = which
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| SUGGESTED_SOURCES.get(n.wrapping_sub(1)))
                    .or_else(|| SUGGESTED_SOURCES.iter().find(|s| s.name.eq_ignore_ascii_case(which.trim())))
                    .ok_or_else(|| UsageError(format!("no suggested source {which:?}; run `counterpoint sources suggested` for the list")))?;
                let source = archive.add_source_with_rules(
                    &pick.to_new_source(),
                    Some(pick.drop_selectors).filter(|s| !s.is_empty()),
                )?;
                println!(
                    "added source {}: {} <{}>",
                    source.id, source.name, source.url
                );
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}
