use std::process::ExitCode;

use anyhow::Result;
use counterpoint_core::model::Tagging;
use counterpoint_core::store::Archive;

use super::print_json;
use crate::json::{rfc3339, ItemJson};

pub fn show(archive: &Archive, id: i64, json: bool) -> Result<ExitCode> {
    let item = archive.item(id)?;
    if json {
        print_json(&ItemJson::from(&item))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", item.title);
    let date = item
        .published
        .map(rfc3339)
        .unwrap_or_else(|| "undated".into());
    println!(
        "{} · {} · {}",
        item.source_name,
        date,
        item.url.as_deref().unwrap_or("no link")
    );
    if let Some(t) = &item.tagging {
        print_tagging(t);
    }
    if let Some(note) = &item.note {
        println!("note: {note}");
    }
    println!();
    println!("{}", item.content_text);
    Ok(ExitCode::SUCCESS)
}

/// The tags of a text for people: countries (focus ones starred), the stance, and the
/// sentences that carried each voice.
pub fn print_tagging(t: &Tagging) {
    let countries: Vec<String> = t
        .countries
        .iter()
        .map(|c| {
            if c.focus {
                format!("{}*", c.code)
            } else {
                c.code.clone()
            }
        })
        .collect();
    let countries = if countries.is_empty() {
        "—".to_string()
    } else {
        countries.join(" ")
    };
    println!("countries: {countries}   stance: {}", t.stance);
    for (label, spans) in [
        ("government", &t.voices.government),
        ("NGO concern", &t.voices.ngo_concern),
    ] {
        for s in spans {
            println!("  {label}: “{}”", s.text);
        }
    }
}
