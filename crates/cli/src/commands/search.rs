//! `counterpoint search`: the query language and its filters, over the archive.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::search::query::{parse_date_end, parse_date_start, parse_stance};
use counterpoint_core::search::{mark_snippet, search, Hit, SearchRequest, SortOrder};
use counterpoint_core::store::Archive;
use counterpoint_core::Error;
use serde::Serialize;

use super::{open, print_json, UsageError};
use crate::args::{SearchArgs, SelectionArgs};
use crate::json::rfc3339;

/// `search --json`: the contract with scripts. Matched terms in `snippet` are between `[` and
/// `]`.
#[derive(Serialize)]
struct SearchJson<'a> {
    total: usize,
    /// False when `total` is an estimate (a very broad query over a large archive).
    total_exact: bool,
    hits: Vec<HitJson<'a>>,
}

#[derive(Serialize)]
struct HitJson<'a> {
    id: i64,
    title: &'a str,
    url: Option<&'a str>,
    source: &'a str,
    source_id: i64,
    published: Option<String>,
    language: Option<&'a str>,
    countries: &'a [String],
    stance: &'a str,
    snippet: String,
    score: f64,
    read: bool,
    starred: bool,
}

impl<'a> From<&'a Hit> for HitJson<'a> {
    fn from(h: &'a Hit) -> Self {
        HitJson {
            id: h.id,
            title: &h.title,
            url: h.url.as_deref(),
            source: &h.source_name,
            source_id: h.source_id,
            published: h.published.map(rfc3339),
            language: h.language.as_deref(),
            countries: &h.countries,
            stance: h.stance.as_str(),
            snippet: one_line(&mark_snippet(&h.snippet, "[", "]")),
            score: (h.score * 10_000.0).round() / 10_000.0,
            read: h.read,
            starred: h.starred,
        }
    }
}

/// Snippets come from text with line breaks; a result list wants one line each.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A query error is a usage error: the person typed something to fix (exit code 2).
pub fn usage(err: Error) -> anyhow::Error {
    match err {
        Error::Query(message) => UsageError(format!("query: {message}")).into(),
        other => other.into(),
    }
}

/// Turns the command's flags into a request; every mistake in them is a usage error.
pub fn request(
    archive: &Archive,
    args: &SelectionArgs,
    sort: &str,
    limit: usize,
    offset: usize,
) -> Result<SearchRequest> {
    let stance = match &args.stance {
        Some(s) => Some(parse_stance(s).ok_or_else(|| {
            UsageError(format!(
                "unknown stance {s:?} (expected government, ngo_concern, both or neither)"
            ))
        })?),
        None => None,
    };
    let mut sources = Vec::new();
    for s in &args.sources {
        match archive.find_source(s) {
            Ok(found) => sources.push(found.id),
            Err(Error::UnknownSource(_)) => {
                return Err(UsageError(format!(
                    "no source matches {s:?}; see `counterpoint sources list`"
                ))
                .into())
            }
            Err(e) => return Err(e.into()),
        }
    }
    let since = args
        .since
        .as_deref()
        .map(|d| parse_date_start(d, "--since"))
        .transpose()
        .map_err(usage)?;
    // --until names the last day included.
    let until = args
        .until
        .as_deref()
        .map(|d| parse_date_end(d, "--until"))
        .transpose()
        .map_err(usage)?;
    let sort: SortOrder = sort.parse().map_err(|_| {
        UsageError(format!(
            "unknown sort order {sort:?} (expected relevance or date)"
        ))
    })?;
    Ok(SearchRequest {
        query: args.query.clone().unwrap_or_default(),
        countries: args.countries.clone(),
        stance,
        sources,
        language: args.lang.clone(),
        since,
        until,
        sort,
        limit,
        offset,
    })
}

pub fn run(db: &Option<PathBuf>, args: SearchArgs) -> Result<ExitCode> {
    let archive = open(db)?;
    let req = request(
        &archive,
        &args.selection,
        &args.sort,
        args.limit,
        args.offset,
    )?;
    let results = search(&archive, &req).map_err(usage)?;
    if args.json {
        print_json(&SearchJson {
            total: results.total,
            total_exact: results.total_exact,
            hits: results.hits.iter().map(HitJson::from).collect(),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if results.hits.is_empty() {
        if results.total > 0 {
            println!(
                "{} results; none on this page (--offset {}).",
                results.total, req.offset
            );
        } else {
            println!("No results.");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let first = req.offset + 1;
    let last = req.offset + results.hits.len();
    let noun = if results.total == 1 {
        "result"
    } else {
        "results"
    };
    let about = if results.total_exact { "" } else { "about " };
    println!("{about}{} {noun}, showing {first}–{last}:", results.total);
    for (n, hit) in results.hits.iter().enumerate() {
        println!();
        println!("{:>4}. {}", first + n, hit.title);
        let date = hit
            .published
            .map(counterpoint_core::time::format_date)
            .unwrap_or_else(|| "undated".into());
        let countries = if hit.countries.is_empty() {
            "—".to_string()
        } else {
            hit.countries.join(" ")
        };
        println!(
            "      {} · {} · {} · {} · id {}",
            hit.source_name, date, countries, hit.stance, hit.id
        );
        let snippet = one_line(&mark_snippet(&hit.snippet, "[", "]"));
        if !snippet.is_empty() {
            println!("      {snippet}");
        }
        if let Some(url) = &hit.url {
            println!("      {url}");
        }
    }
    if last < results.total {
        println!();
        println!("More with --offset {last}.");
    }
    Ok(ExitCode::SUCCESS)
}
