use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, Result};
use counterpoint_core::model::SourceKind;
use counterpoint_core::refresh::{retag as retag_archive, RefreshEvent};
use counterpoint_core::store::Archive;
use counterpoint_core::tag::{tag, TagInput};

use super::{print_json, UsageError};
use crate::json::TaggingJson;
use crate::progress::Progress;

/// Tags a text from standard input: a JSON object `{"title","text"}`, or plain text (the first
/// line is then the title).
pub fn run(lang: Option<String>, source_kind: &str, json: bool) -> Result<ExitCode> {
    let kind: SourceKind = source_kind
        .parse()
        .map_err(|e: counterpoint_core::Error| UsageError(e.to_string()))?;
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read standard input")?;
    let (title, text) = split_input(&input)?;
    let tagging = tag(&TagInput {
        title: &title,
        text: &text,
        language_hint: lang.as_deref(),
        source_kind: kind,
    });
    if json {
        print_json(&TaggingJson::from(&tagging))?;
    } else {
        println!("language: {}", tagging.language);
        super::items::print_tagging(&tagging);
    }
    Ok(ExitCode::SUCCESS)
}

fn split_input(input: &str) -> Result<(String, String)> {
    let trimmed = input.trim_start();
    if trimmed.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(trimmed)
            .map_err(|e| UsageError(format!("standard input is not valid JSON: {e}")))?;
        let field = |name: &str| {
            value
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        return Ok((field("title"), field("text")));
    }
    Ok((String::new(), input.to_string()))
}

pub fn retag(archive: &mut Archive) -> Result<ExitCode> {
    let mut progress = Progress::new();
    let count = retag_archive(archive, |done, total| {
        progress.event(RefreshEvent::Retagging { done, total })
    })?;
    println!("{count} items re-tagged");
    Ok(ExitCode::SUCCESS)
}
