//! `brief`: a briefing note of the pinned items, or of a query with filters, in Markdown,
//! HTML, Word or PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::brief::{self, BriefMeta, Format};
use counterpoint_core::model::Stance;
use counterpoint_core::store::Archive;
use counterpoint_core::time;

use super::{open, UsageError};
use crate::args::BriefArgs;

const DEFAULT_TITLE: &str = "Migration policy brief";

pub fn run(db: &Option<PathBuf>, args: BriefArgs) -> Result<ExitCode> {
    let format = match &args.format {
        Some(f) => f.parse::<Format>().map_err(|e| UsageError(e.to_string()))?,
        None => Format::from_path(&args.out).ok_or_else(|| {
            UsageError(format!(
                "cannot tell the format of {} from its extension; pass --format md, html, docx or pdf",
                args.out.display()
            ))
        })?,
    };
    let since = parse_day(args.since.as_deref(), "--since")?;
    let until = parse_day(args.until.as_deref(), "--until")?;
    let stance = match &args.stance {
        Some(s) => Some(s.parse::<Stance>().map_err(|e| UsageError(e.to_string()))?),
        None => None,
    };
    let archive = open(db)?;
    let (ids, scope) = if args.pinned {
        (archive.pinned_ids()?, "Pinned items".to_string())
    } else {
        select(&archive, &args, stance, since, until)?
    };
    let meta = BriefMeta {
        title: args
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        scope,
        since,
        until,
        generated_at: time::now(),
    };
    // The file written is exactly the one named by --out: nothing in the items chooses a name.
    brief::write_brief(&archive, &ids, &meta, format, &args.out)?;
    println!(
        "wrote a {format} brief of {} item{} to {}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The items a query and filters select, and the selection in words.
fn select(
    _archive: &Archive,
    _args: &BriefArgs,
    _stance: Option<Stance>,
    _since: Option<i64>,
    _until: Option<i64>,
) -> Result<(Vec<i64>, String)> {
    Err(
        UsageError("selecting by query is not available yet; pin items and pass --pinned".into())
            .into(),
    )
}

fn parse_day(value: Option<&str>, flag: &str) -> Result<Option<i64>> {
    match value {
        None => Ok(None),
        Some(v) => time::parse_date(v).map(Some).ok_or_else(|| {
            UsageError(format!("{flag} expects a date as YYYY-MM-DD, not {v:?}")).into()
        }),
    }
}
