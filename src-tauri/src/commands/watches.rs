//! Watches: saved searches in the sidebar, with how many matches are new.

use counterpoint_core::search::watch::{
    add_watch, list_watches as core_list, mark_watch_seen, remove_watch,
};
use tauri::State;

use crate::dto::WatchDto;
use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn list_watches(state: State<'_, AppState>) -> Result<Vec<WatchDto>> {
    let archive = state.archive.lock()?;
    Ok(core_list(&archive)?
        .into_iter()
        .map(WatchDto::from)
        .collect())
}

/// Saves a query (in the query language: the UI writes its chips as `field:value`).
#[tauri::command]
pub async fn save_watch(
    state: State<'_, AppState>,
    name: String,
    query: String,
) -> Result<WatchDto> {
    let archive = state.archive.lock()?;
    Ok(add_watch(&archive, &name, &query)?.into())
}

#[tauri::command]
pub async fn delete_watch(state: State<'_, AppState>, name: String) -> Result<()> {
    remove_watch(&*state.archive.lock()?, &name)?;
    Ok(())
}

/// The analyst opened the watch: what it matches now is no longer new.
#[tauri::command]
pub async fn open_watch(state: State<'_, AppState>, name: String) -> Result<()> {
    mark_watch_seen(&*state.archive.lock()?, &name)?;
    Ok(())
}
