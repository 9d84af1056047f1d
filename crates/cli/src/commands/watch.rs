//! `counterpoint watch`: saved searches that count the items archived since you last looked.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::search::{
    add_watch, list_watches, mark_watch_seen, remove_watch, WatchStatus,
};
use serde::Serialize;

use super::search::usage;
use super::{open, print_json};
use crate::args::WatchCommand;
use crate::json::rfc3339;

/// `watch list --json`: the contract with scripts.
#[derive(Serialize)]
struct WatchJson<'a> {
    name: &'a str,
    query: &'a str,
    total: usize,
    new: usize,
    created: String,
    seen: Option<String>,
}

impl<'a> From<&'a WatchStatus> for WatchJson<'a> {
    fn from(w: &'a WatchStatus) -> Self {
        WatchJson {
            name: &w.name,
            query: &w.query,
            total: w.total,
            new: w.new,
            created: rfc3339(w.created_at),
            seen: w.seen_at.map(rfc3339),
        }
    }
}

pub fn run(db: &Option<PathBuf>, cmd: WatchCommand) -> Result<ExitCode> {
    let archive = open(db)?;
    match cmd {
        WatchCommand::Add { name, query } => {
            let watch = add_watch(&archive, &name, &query).map_err(usage)?;
            println!(
                "watching {:?}: {} ({} matching now)",
                watch.name, watch.query, watch.total
            );
        }
        WatchCommand::List { json } => {
            let watches = list_watches(&archive)?;
            if json {
                print_json(&watches.iter().map(WatchJson::from).collect::<Vec<_>>())?;
            } else if watches.is_empty() {
                println!("No watches. Add one with: counterpoint watch add NAME QUERY");
            } else {
                let width = watches
                    .iter()
                    .map(|w| w.name.chars().count())
                    .max()
                    .unwrap_or(0)
                    .min(40);
                for w in &watches {
                    let new = if w.new > 0 {
                        format!("{} new", w.new)
                    } else {
                        "nothing new".to_string()
                    };
                    println!(
                        "{:<width$}  {:>12}  {:>7} in all  {}",
                        w.name, new, w.total, w.query
                    );
                }
            }
        }
        WatchCommand::Seen { name } => {
            mark_watch_seen(&archive, &name)?;
            println!("marked {name:?} as seen");
        }
        WatchCommand::Remove { name } => {
            remove_watch(&archive, &name)?;
            println!("removed the watch {name:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
