//! Sources: list, add (with autodiscovery), change, remove, suggestions, OPML.

use counterpoint_core::fetch::Fetcher;
use counterpoint_core::model::{NewSource, SourceKind};
use counterpoint_core::opml::{parse_opml, write_opml};
use counterpoint_core::sources::SUGGESTED_SOURCES;
use counterpoint_core::subscribe::subscribe;
use tauri::{AppHandle, Runtime, State};

use super::export::{ask_open_path, save_bytes};
use crate::dto::{NewSourceDto, SourceChangeDto, SourceDto, SuggestedSourceDto};
use crate::error::Result;
use crate::state::{on_own_thread, AppState};

#[tauri::command]
pub async fn list_sources(state: State<'_, AppState>) -> Result<Vec<SourceDto>> {
    let archive = state.archive.lock()?;
    Ok(archive
        .sources()?
        .into_iter()
        .map(SourceDto::from)
        .collect())
}

fn parse_kind(kind: Option<&str>) -> Result<Option<SourceKind>> {
    Ok(match kind.filter(|k| !k.is_empty()) {
        Some(k) => Some(k.parse()?),
        None => None,
    })
}

/// Adds a source by feed or site URL. Autodiscovery needs the network, so it runs on a
/// connection of its own: the UI's stays free for reading meanwhile.
#[tauri::command]
pub async fn add_source(state: State<'_, AppState>, source: NewSourceDto) -> Result<SourceDto> {
    let new = NewSource {
        url: source.url.trim().to_string(),
        name: source.name.filter(|n| !n.trim().is_empty()),
        kind: parse_kind(source.kind.as_deref())?.unwrap_or_default(),
        language: source.language.filter(|l| !l.trim().is_empty()),
        site_url: None,
    };
    let (db_path, config) = (state.db_path.clone(), state.fetch_config.clone());
    let source = on_own_thread("subscribe", move |rt| {
        let archive = counterpoint_core::store::Archive::open(&db_path)?;
        let fetcher = Fetcher::new(config)?;
        Ok(rt.block_on(subscribe(&archive, &fetcher, new))?)
    })
    .await?;
    Ok(source.into())
}

#[tauri::command]
pub async fn update_source(
    state: State<'_, AppState>,
    id: i64,
    change: SourceChangeDto,
) -> Result<SourceDto> {
    let kind = parse_kind(change.kind.as_deref())?;
    let archive = state.archive.lock()?;
    Ok(archive
        .update_source(id, change.name.as_deref(), kind, change.language.as_deref())?
        .into())
}

#[tauri::command]
pub async fn remove_source(state: State<'_, AppState>, id: i64) -> Result<()> {
    state.archive.lock()?.remove_source(id)?;
    Ok(())
}

#[tauri::command]
pub async fn suggested_sources(state: State<'_, AppState>) -> Result<Vec<SuggestedSourceDto>> {
    let archive = state.archive.lock()?;
    let have: Vec<String> = archive.sources()?.into_iter().map(|s| s.url).collect();
    Ok(SUGGESTED_SOURCES
        .iter()
        .map(|k| SuggestedSourceDto::new(k, have.iter().any(|u| u == k.url)))
        .collect())
}

/// Imports the feeds of an OPML file the user picks in the native dialog. Returns how many
/// were added; feeds already in the archive are skipped.
#[tauri::command]
pub async fn import_opml<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<usize> {
    let path = ask_open_path(&app, "OPML", &["opml", "xml"]).await?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| crate::error::Error::io(format!("cannot read {}", path.display()), e))?;
    let sources = parse_opml(&text)?;
    let archive = state.archive.lock()?;
    let mut added = 0;
    for source in sources {
        match archive.add_source(&source) {
            Ok(_) => added += 1,
            Err(counterpoint_core::Error::DuplicateSource(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(added)
}

/// Writes every source to an OPML file chosen in the native save dialog; returns its path.
#[tauri::command]
pub async fn export_opml<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<String> {
    let xml = {
        let archive = state.archive.lock()?;
        write_opml(&archive.sources()?)
    };
    let path = save_bytes(
        &app,
        &state,
        "counterpoint-sources.opml",
        "OPML",
        &["opml"],
        xml.as_bytes(),
    )
    .await?;
    Ok(path.display().to_string())
}
