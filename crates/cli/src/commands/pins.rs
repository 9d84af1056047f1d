//! `pin`, `unpin`, `pins` and `note`: the analyst's hand-picked selection for a brief.

use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::store::{Archive, ItemState};

use super::print_json;
use crate::json::{rfc3339, PinJson};

pub fn pin(archive: &Archive, id: i64, pinned: bool) -> Result<ExitCode> {
    archive.set_item_state(id, ItemState::Pinned(pinned))?;
    println!("{} item {id}", if pinned { "pinned" } else { "unpinned" });
    Ok(ExitCode::SUCCESS)
}

pub fn list(archive: &Archive, json: bool) -> Result<ExitCode> {
    let items = archive
        .pinned_ids()?
        .into_iter()
        .map(|id| archive.item(id))
        .collect::<Result<Vec<_>, _>>()?;
    if json {
        print_json(&items.iter().map(PinJson::from).collect::<Vec<_>>())?;
        return Ok(ExitCode::SUCCESS);
    }
    if items.is_empty() {
        println!("no pinned items (pin one with `counterpoint pin ITEM_ID`)");
    }
    for item in &items {
        let date = item
            .published
            .map(|p| rfc3339(p)[..10].to_string())
            .unwrap_or_else(|| "undated   ".into());
        println!(
            "{:>6}  {date}  {}  {}",
            item.id, item.source_name, item.title
        );
        if let Some(note) = &item.note {
            println!("        note: {note}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn note(archive: &Archive, id: i64, text: &str) -> Result<ExitCode> {
    archive.set_note(id, text)?;
    if text.trim().is_empty() {
        println!("removed the note on item {id}");
    } else {
        println!("saved the note on item {id}");
    }
    Ok(ExitCode::SUCCESS)
}
