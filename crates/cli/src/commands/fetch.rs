use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::refresh::{refresh, RefreshOptions};

use super::{fetcher, open, print_json, runtime};
use crate::args::FetchArgs;
use crate::json::FetchJson;
use crate::progress::Progress;

pub fn run(db: &Option<PathBuf>, args: FetchArgs) -> Result<ExitCode> {
    let mut archive = open(db)?;
    let only = if args.sources.is_empty() {
        None
    } else {
        Some(
            args.sources
                .iter()
                .map(|s| archive.find_source(s).map(|s| s.id))
                .collect::<Result<Vec<_>, _>>()?,
        )
    };
    let options = RefreshOptions {
        only,
        honour_backoff: false,
        skip_full_text: args.no_full_text,
    };
    let fetcher = fetcher()?;
    let mut progress = Progress::new();
    let report = runtime()?.block_on(refresh(&mut archive, &fetcher, &options, |e| {
        progress.event(e)
    }))?;
    if args.json {
        print_json(&FetchJson::from(&report))?;
    } else {
        println!(
            "{} new, {} updated, {} sources failed",
            report.new_items(),
            report.updated_items(),
            report.errors()
        );
        if report.retagged > 0 {
            println!(
                "{} items stored by an older tagger were re-tagged",
                report.retagged
            );
        }
    }
    // A source that failed is reported, not fatal: the exit code stays 0.
    Ok(ExitCode::SUCCESS)
}
