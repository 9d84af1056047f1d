//! `brief`: a briefing note of the pinned items, or of a query with filters, in Markdown,
//! HTML, Word or PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::brief::{self, BriefMeta, Format};
use counterpoint_core::store::Archive;
use counterpoint_core::time;

use super::{open, search, UsageError};
use crate::args::BriefArgs;

const DEFAULT_TITLE: &str = "Migration policy brief";
/// The most items one brief covers.
const MAX_ITEMS: usize = 1000;

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
    let archive = open(db)?;
    let Selection {
        ids,
        scope,
        since,
        until,
    } = if args.pinned {
        Selection {
            ids: archive.pinned_ids()?,
            scope: "Pinned items".to_string(),
            since: None,
            until: None,
        }
    } else {
        select(&archive, &args)?
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

/// What a brief covers.
struct Selection {
    ids: Vec<i64>,
    /// The selection in words.
    scope: String,
    /// The period asked for: the first second of `--since`'s day and the last of `--until`'s.
    since: Option<i64>,
    until: Option<i64>,
}

/// The items a query and filters select, exactly as `search` reads them.
fn select(archive: &Archive, args: &BriefArgs) -> Result<Selection> {
    let mut req = search::request(archive, &args.selection, "date", 0, 0)?;
    // A brief is read by people: past this many items it stops being a brief, so the newest
    // are kept and the cut is said in the scope and on standard error.
    req.limit = MAX_ITEMS + 1;
    let mut ids = counterpoint_core::search::matching_ids(archive, &req).map_err(search::usage)?;
    let mut scope = describe(args);
    if ids.len() > MAX_ITEMS {
        ids.truncate(MAX_ITEMS);
        scope.push_str(&format!(" (the newest {MAX_ITEMS} matching items)"));
        eprintln!("counterpoint: more than {MAX_ITEMS} items match; the brief covers the newest {MAX_ITEMS} (narrow the query or add filters)");
    }
    Ok(Selection {
        ids,
        scope,
        since: req.since,
        until: req.until.map(|u| u - 1),
    })
}

/// The selection in words, for the brief's header.
fn describe(args: &BriefArgs) -> String {
    let args = &args.selection;
    let mut parts = Vec::new();
    match args
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        Some(q) => parts.push(format!("Query \u{201c}{q}\u{201d}")),
        None => parts.push("All items".to_string()),
    }
    if !args.countries.is_empty() {
        let codes: Vec<String> = args
            .countries
            .iter()
            .map(|c| c.trim().to_uppercase())
            .collect();
        parts.push(format!("countries {}", codes.join(", ")));
    }
    if let Some(s) = &args.stance {
        parts.push(format!("stance {s}"));
    }
    if !args.sources.is_empty() {
        parts.push(format!("sources {}", args.sources.join(", ")));
    }
    if let Some(l) = &args.lang {
        parts.push(format!("language {l}"));
    }
    if let Some(d) = &args.since {
        parts.push(format!("since {d}"));
    }
    if let Some(d) = &args.until {
        parts.push(format!("until {d}"));
    }
    parts.join(" · ")
}
